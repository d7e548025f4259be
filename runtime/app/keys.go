package app

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/jwtkeys"
)

// KeySet is where a key set signing the JWTs is kept (runtime/jwtkeys): a file, or the same
// document in an environment variable, which wins when set (for platforms that hand secrets
// to processes as variables).
type KeySet struct {
	File, Env string
	// RotationWindow is how long a replaced key keeps verifying: at least the refresh
	// lifetime, so that nobody is logged out by a rotation.
	RotationWindow time.Duration
}

func (k KeySet) configured() bool { return k.File != "" || k.Env != "" }

// loadKeySet reads the key set from its variable or its file.
func loadKeySet(def *Definition, env Env) (*jwtkeys.Set, error) {
	k := def.JWTKeys
	if k.Env != "" {
		if doc := env.Getenv(k.Env); doc != "" {
			set, err := jwtkeys.Parse([]byte(doc))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k.Env, err)
			}
			return set, nil
		}
	}
	if k.File == "" {
		return nil, fmt.Errorf("%s is not set: it holds the JWT signing keys (make them with `%s keys add --file FILE`)", k.Env, def.Name)
	}
	set, err := jwtkeys.ReadFile(k.File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no JWT signing keys: %s does not exist (run `%s keys add`)", k.File, def.Name)
	}
	return set, err
}

// keysCmd is the operator's key rotation: list, add (the new key signs, the one it replaces
// verifies for the rotation window; or, --staged, it only verifies until promote) and retire
// (refused at once). Running instances read the keys
// at start-up, so each is restarted after a change.
func keysCmd(def *Definition, args []string, env Env) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: keys needs a subcommand: list, add, promote, retire", errUsage)
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("keys "+sub, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	file := fs.String("file", def.JWTKeys.File, "the key set file")
	alg := fs.String("alg", def.JWT.Algorithm, "add: the new key's algorithm")
	from := fs.String("from", "", "add: a PEM private key to import instead of generating one")
	staged := fs.Bool("staged", false, "add: the new key verifies but signs only once promoted")
	flags, positional := splitFlags(fs, args)
	if err := fs.Parse(flags); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *file == "" {
		return fmt.Errorf("%w: the spec names no keys_file: give --file", errUsage)
	}
	now := time.Now().UTC()
	set, err := jwtkeys.ReadFile(*file)
	if errors.Is(err, os.ErrNotExist) && sub == "add" {
		set, err = &jwtkeys.Set{}, nil
	}
	if err != nil {
		return err
	}
	switch sub {
	case "list":
		if len(positional) != 0 {
			return fmt.Errorf("%w: keys list takes no arguments, found %q", errUsage, positional[0])
		}
		return listKeys(set, now, env)
	case "add":
		if len(positional) != 0 {
			return fmt.Errorf("%w: keys add takes no arguments, found %q", errUsage, positional[0])
		}
		e, err := newKey(*alg, *from, now)
		if err != nil {
			return err
		}
		if *staged {
			if err := set.Stage(e, now); err != nil {
				return err
			}
		} else if err := set.Add(e, now, rotationWindow(def)); err != nil {
			return err
		}
		if err := set.WriteFile(*file); err != nil {
			return err
		}
		if *staged {
			fmt.Fprintf(env.Stdout, "staged %s key %s: it verifies once the app restarts; once every instance has it, run `%s keys promote %s`\n", e.Algorithm, e.ID, def.Name, e.ID)
		} else {
			fmt.Fprintf(env.Stdout, "added %s key %s: it signs once the app restarts; the key it replaces verifies until %s\n", e.Algorithm, e.ID, now.Add(rotationWindow(def)).Format(time.RFC3339))
		}
	case "promote":
		if len(positional) != 1 {
			return fmt.Errorf("%w: keys promote takes one key id", errUsage)
		}
		if err := set.Promote(positional[0], now, rotationWindow(def)); err != nil {
			return err
		}
		if err := set.WriteFile(*file); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "promoted key %s: it signs once the app restarts; the key it replaces verifies until %s\n", positional[0], now.Add(rotationWindow(def)).Format(time.RFC3339))
	case "retire":
		if len(positional) != 1 {
			return fmt.Errorf("%w: keys retire takes one key id", errUsage)
		}
		if err := set.Retire(positional[0]); err != nil {
			return err
		}
		if err := set.WriteFile(*file); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "retired key %s: its tokens are refused once the app restarts\n", positional[0])
	default:
		return fmt.Errorf("%w: unknown keys subcommand %q (list, add, promote, retire)", errUsage, sub)
	}
	return nil
}

// splitFlags separates the flags fs defines from the other arguments, wherever they are. A
// key id may begin with "-" (a thumbprint is base64url), so anything else is positional.
func splitFlags(fs *flag.FlagSet, args []string) (flags, positional []string) {
	for i := 0; i < len(args); i++ {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		f := fs.Lookup(name)
		if !strings.HasPrefix(args[i], "-") || f == nil {
			positional = append(positional, args[i])
			continue
		}
		flags = append(flags, args[i])
		_, isBool := f.Value.(interface{ IsBoolFlag() bool })
		if !hasValue && !isBool && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	return flags, positional
}

// rotationWindow is how long a replaced key verifies: the spec's, else the refresh lifetime.
func rotationWindow(def *Definition) time.Duration {
	if def.JWTKeys.RotationWindow > 0 {
		return def.JWTKeys.RotationWindow
	}
	return def.JWT.RefreshLifetime
}

func newKey(alg, from string, now time.Time) (jwtkeys.Entry, error) {
	if from == "" {
		return jwtkeys.Generate(alg, now)
	}
	signer, _, err := jwtauth.LoadKeyFiles(from, "")
	if err != nil {
		return jwtkeys.Entry{}, err
	}
	return jwtkeys.Imported(alg, signer, now)
}

func listKeys(set *jwtkeys.Set, now time.Time, env Env) error {
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "KID\tALG\tCREATED\tSTATE")
	current, _ := set.Current()
	for _, e := range set.Keys {
		state := "verifies"
		switch {
		case e.ID == current.ID:
			state = "signs"
		case !e.RetireAt.IsZero() && now.Before(e.RetireAt):
			state = "verifies until " + e.RetireAt.Format(time.RFC3339)
		case !e.RetireAt.IsZero():
			state = "retired (window ended " + e.RetireAt.Format(time.RFC3339) + ")"
		}
		created := "-"
		if !e.CreatedAt.IsZero() {
			created = e.CreatedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", e.ID, e.Algorithm, created, state)
	}
	return w.Flush()
}
