package app

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/migrate"
	"github.com/authgen/authgen/runtime/users"
)

func migrateCmd(ctx context.Context, def *Definition, args []string, env Env) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fakeInitial := fs.Bool("fake-initial", false, "adopt a database made by Django: check its tables against the initial migration and record it as applied")
	fake := fs.Bool("fake", false, "record the named migration as applied without running it (its predecessors must be applied)")
	if err := fs.Parse(reorder(args)); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	args = fs.Args()
	if len(args) > 1 {
		return fmt.Errorf("%w: migrate takes at most one migration name", errUsage)
	}
	if *fake {
		if *fakeInitial {
			return fmt.Errorf("%w: --fake and --fake-initial go separately: --fake-initial adopts the tables of the initial migration, --fake records one named migration", errUsage)
		}
		if len(args) != 1 || args[0] == migrate.Zero {
			return fmt.Errorf("%w: --fake needs the name of the migration to record as applied (`%s migrate --fake NAME`)", errUsage, def.Name)
		}
		return fakeMigration(ctx, def, args[0], env)
	}
	if *fakeInitial && len(args) == 1 && args[0] == migrate.Zero {
		return fmt.Errorf("%w: --fake-initial applies migrations; it cannot go back to zero", errUsage)
	}
	m, closeDB, err := openMigrator(def, env)
	if err != nil {
		return err
	}
	defer closeDB()
	var adoption migrate.Adoption
	var opts []migrate.UpOption
	if *fakeInitial {
		opts = append(opts, migrate.FakeInitial(&adoption))
	}
	var done []string
	verb := "applied"
	switch {
	case len(args) == 0:
		done, err = m.Up(ctx, opts...)
	case args[0] == migrate.Zero:
		verb = "reverted"
		done, err = m.DownTo(ctx, migrate.Zero)
	default:
		// Django's `migrate app NAME`: forward when NAME is not applied yet, else back to it.
		status, serr := m.Status(ctx)
		if serr != nil {
			return serr
		}
		target := args[0]
		applied := false
		for _, st := range status {
			if migrationNamed(st.Name, target) {
				applied = st.Applied
			}
		}
		if applied {
			verb = "reverted"
			done, err = m.DownTo(ctx, target)
		} else {
			done, err = m.UpTo(ctx, target, opts...)
		}
	}
	for _, name := range done {
		if name == adoption.Migration {
			fmt.Fprintf(env.Stdout, "faked %s: the tables fit; %s\n", name, adoptionSummary(adoption))
			continue
		}
		fmt.Fprintf(env.Stdout, "%s %s\n", verb, name)
	}
	if err == nil && len(done) == 0 {
		fmt.Fprintln(env.Stdout, "no migrations to apply")
	}
	return adoptHint(def, err)
}

// fakeMigration records one migration as applied without running it, as Django's
// `migrate app NAME --fake`, and prints what it recorded.
func fakeMigration(ctx context.Context, def *Definition, name string, env Env) error {
	m, closeDB, err := openMigrator(def, env)
	if err != nil {
		return err
	}
	defer closeDB()
	faked, err := m.Fake(ctx, name)
	if err != nil {
		return adoptHint(def, err)
	}
	if !faked.Recorded {
		fmt.Fprintf(env.Stdout, "nothing to fake: %s is applied already\n", faked.Name)
		return nil
	}
	fmt.Fprintf(env.Stdout, "faked %s: recorded as applied without running it (checksum %s, down checksum %s)\n",
		faked.Name, faked.Checksum, faked.DownChecksum)
	return nil
}

// adoptionSummary says what adopting a Django database added to it.
func adoptionSummary(a migrate.Adoption) string {
	created := "no table"
	if len(a.Created) > 0 {
		created = strings.Join(a.Created, ", ")
	}
	return fmt.Sprintf("created %s; added %d content type(s) and %d permission(s)", created, a.ContentTypes, a.Permissions)
}

// adoptHint names the command that adopts a Django database, when err says it is one.
func adoptHint(def *Definition, err error) error {
	if errors.Is(err, migrate.ErrNotAdopted) {
		return fmt.Errorf("%w: adopt it with `%s migrate --fake-initial` (see docs/django.md)", err, def.Name)
	}
	return err
}

// migrationNamed reports whether target names the migration: in full ("0002_products"), by its
// number ("0002") or by the number's value ("2"), as the migrator resolves it.
func migrationNamed(migration, target string) bool {
	number, _, _ := strings.Cut(migration, "_")
	if migration == target || number == target {
		return true
	}
	n, err := strconv.Atoi(number)
	t, terr := strconv.Atoi(target)
	return err == nil && terr == nil && n == t && target[0] != '-' && target[0] != '+'
}

func showMigrations(ctx context.Context, def *Definition, args []string, env Env) error {
	if len(args) > 0 {
		return fmt.Errorf("%w: showmigrations takes no arguments", errUsage)
	}
	m, closeDB, err := openMigrator(def, env)
	if err != nil {
		return err
	}
	defer closeDB()
	status, err := m.Status(ctx)
	if err != nil {
		return err
	}
	notAdopted := m.CheckAdopted(ctx)
	if notAdopted != nil && !errors.Is(notAdopted, migrate.ErrNotAdopted) {
		return notAdopted
	}
	for i, st := range status {
		mark := " "
		if st.Applied {
			mark = "X"
		}
		note := ""
		switch {
		case st.Missing():
			note = "  (applied, but its file is gone)"
		case st.Edited():
			note = "  (edited since it was applied)"
		case i == 0 && notAdopted != nil:
			note = fmt.Sprintf("  (its tables exist already, made by Django?: adopt them with `%s migrate --fake-initial`)", def.Name)
		}
		fmt.Fprintf(env.Stdout, "[%s] %s%s\n", mark, st.Name, note)
	}
	return nil
}

func sqlMigrate(ctx context.Context, def *Definition, args []string, env Env) error {
	fs := flag.NewFlagSet("sqlmigrate", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	down := fs.Bool("down", false, "print the down migration")
	if err := fs.Parse(reorder(args)); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: sqlmigrate takes one migration name", errUsage)
	}
	m, closeDB, err := openMigrator(def, env)
	if err != nil {
		return err
	}
	defer closeDB()
	text, err := m.SQL(fs.Arg(0), !*down)
	if err != nil {
		return err
	}
	fmt.Fprint(env.Stdout, text)
	return nil
}

// reorder moves flags before positional arguments, so `cmd NAME --flag` parses like
// Django's commands do.
func reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") && a != "-" {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && takesValue(a) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, a)
	}
	return append(flags, rest...)
}

func takesValue(flagName string) bool {
	switch strings.TrimLeft(flagName, "-") {
	case "username", "email", "perm":
		return true
	}
	return false
}

// multiFlag collects a repeated flag (--perm a --perm b).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func createSuperuser(ctx context.Context, def *Definition, args []string, env Env) error {
	fs := flag.NewFlagSet("createsuperuser", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	username := fs.String("username", "", "the superuser's username")
	email := fs.String("email", "", "the superuser's e-mail address")
	noinput := fs.Bool("noinput", false, "take the password from SUPERUSER_PASSWORD, ask nothing")
	if err := fs.Parse(reorder(args)); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if loginByEmail(def) {
		// The e-mail is the login, as Django's USERNAME_FIELD; the username column, which
		// must be unique, takes it too unless one is given.
		if *email == "" {
			return fmt.Errorf("%w: createsuperuser needs --email (the login field)", errUsage)
		}
		if *username == "" {
			*username = *email
		}
	}
	if *username == "" {
		return fmt.Errorf("%w: createsuperuser needs --username", errUsage)
	}
	pw, err := newPassword(env, *noinput)
	if err != nil {
		return err
	}
	store, closeDB, err := userStore(ctx, def, env)
	if err != nil {
		return err
	}
	defer closeDB()
	encoded, err := hashers(def).Make(pw)
	if err != nil {
		return err
	}
	if loginByEmail(def) {
		// Two accounts with one login address could not both log in: refuse, as Django's
		// unique USERNAME_FIELD does.
		if _, err := store.GetByEmail(ctx, *email); !errors.Is(err, users.ErrNotFound) {
			if err == nil || errors.Is(err, users.ErrMultiple) {
				return fmt.Errorf("a user with the e-mail %q already exists", *email)
			}
			return err
		}
	}
	u, err := store.CreateSuperuser(ctx, *username, *email, encoded)
	if errors.Is(err, users.ErrDuplicate) {
		return fmt.Errorf("a user named %q already exists", *username)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "superuser %s created (id %d)\n", loginName(def, u), u.ID)
	return nil
}

// loginByEmail reports whether users log in with their e-mail address: the operator's
// commands then name users by it, as Django's management commands use USERNAME_FIELD.
func loginByEmail(def *Definition) bool { return def.Accounts.LoginField == accounts.LoginEmail }

// loginName is how the operator's commands name u: by the login field.
func loginName(def *Definition, u *users.User) string {
	if loginByEmail(def) {
		return u.Email
	}
	return u.Username
}

// newPassword takes a password from SUPERUSER_PASSWORD, or reads one line from stdin.
func newPassword(env Env, noinput bool) (string, error) {
	if pw := env.Getenv("SUPERUSER_PASSWORD"); pw != "" {
		return pw, nil
	}
	if noinput {
		return "", errors.New("--noinput needs the password in SUPERUSER_PASSWORD")
	}
	fmt.Fprint(env.Stderr, "Password: ")
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("the password may not be empty")
	}
	return pw, nil
}

func changePassword(ctx context.Context, def *Definition, args []string, env Env) error {
	if len(args) != 1 {
		return fmt.Errorf("%w: changepassword takes one user (its login: username or e-mail)", errUsage)
	}
	store, closeDB, err := userStore(ctx, def, env)
	if err != nil {
		return err
	}
	defer closeDB()
	u, err := lookupUser(ctx, def, store, args[0])
	if err != nil {
		return err
	}
	pw, err := newPassword(env, false)
	if err != nil {
		return err
	}
	encoded, err := hashers(def).Make(pw)
	if err != nil {
		return err
	}
	if err := store.SetPassword(ctx, u.ID, encoded); err != nil {
		return err
	}
	// The JWTs no longer match their credential stamp; the opaque token goes too.
	if def.RevokeOnCredentialChange && def.TokenAuth {
		if err := jwtauth.NewOpaque(store.DB()).Delete(ctx, u.ID); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.Stdout, "password of %s changed\n", loginName(def, u))
	return nil
}

// lookupUser finds a user by the login field, as Django's get_by_natural_key: the username,
// or the e-mail address where users log in with it.
func lookupUser(ctx context.Context, def *Definition, store *users.Store, login string) (*users.User, error) {
	var u *users.User
	var err error
	if loginByEmail(def) {
		u, err = store.GetByEmail(ctx, login)
		if errors.Is(err, users.ErrMultiple) {
			return nil, fmt.Errorf("several users have the e-mail %s; give each its own address before naming them here", login)
		}
	} else {
		u, err = store.GetByUsername(ctx, login)
	}
	if errors.Is(err, users.ErrNotFound) {
		return nil, fmt.Errorf("unknown user: %s", login)
	}
	return u, err
}

func groupsCmd(ctx context.Context, def *Definition, args []string, env Env) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: groups needs a subcommand: list, create, add-user, remove-user", errUsage)
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "list":
		if len(args) > 0 {
			return fmt.Errorf("%w: groups list takes no arguments", errUsage)
		}
		return withStore(ctx, def, env, func(store *users.Store) error { return listGroups(ctx, store, env) })
	case "create":
		fs := flag.NewFlagSet("groups create", flag.ContinueOnError)
		fs.SetOutput(env.Stderr)
		var perms multiFlag
		fs.Var(&perms, "perm", "a permission (app_label.codename); repeat for more")
		if err := fs.Parse(reorder(args)); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		if fs.NArg() != 1 {
			return fmt.Errorf("%w: groups create takes one group name", errUsage)
		}
		return withStore(ctx, def, env, func(store *users.Store) error {
			if _, err := store.CreateGroup(ctx, fs.Arg(0), perms); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "group %s: %d permission(s)\n", fs.Arg(0), len(perms))
			return nil
		})
	case "add-user", "remove-user":
		if len(args) != 2 {
			return fmt.Errorf("%w: groups %s takes a group name and a user", errUsage, sub)
		}
		return withStore(ctx, def, env, func(store *users.Store) error {
			u, err := lookupUser(ctx, def, store, args[1])
			if err != nil {
				return err
			}
			if sub == "add-user" {
				err = store.AddUserToGroup(ctx, u.ID, args[0])
			} else {
				err = store.RemoveUserFromGroup(ctx, u.ID, args[0])
			}
			if errors.Is(err, users.ErrNotFound) {
				return fmt.Errorf("unknown group: %s", args[0])
			}
			if err != nil {
				return err
			}
			verb := map[string]string{"add-user": "added to", "remove-user": "removed from"}[sub]
			fmt.Fprintf(env.Stdout, "user %s %s %s\n", loginName(def, u), verb, args[0])
			return nil
		})
	}
	return fmt.Errorf("%w: unknown groups subcommand %q", errUsage, sub)
}

func permsCmd(ctx context.Context, def *Definition, args []string, env Env) error {
	if len(args) == 1 && args[0] == "list" {
		return withStore(ctx, def, env, func(store *users.Store) error { return listAllPerms(ctx, store, env) })
	}
	if len(args) < 2 {
		return fmt.Errorf("%w: perms needs a subcommand and a user", errUsage)
	}
	sub, login, rest := args[0], args[1], args[2:]
	var apply func(store *users.Store, u *users.User) error
	switch sub {
	case "grant", "revoke":
		if len(rest) == 0 {
			return fmt.Errorf("%w: perms %s takes a user and permissions", errUsage, sub)
		}
		apply = func(store *users.Store, u *users.User) error {
			for _, p := range rest {
				var err error
				if sub == "grant" {
					err = store.GrantPerm(ctx, u.ID, p)
				} else {
					err = store.RevokePerm(ctx, u.ID, p)
				}
				if err != nil {
					return err
				}
			}
			fmt.Fprintf(env.Stdout, "user %s: %sed %s\n", loginName(def, u), sub, strings.Join(rest, ", "))
			return nil
		}
	case "grant-object", "revoke-object":
		if len(rest) != 3 {
			return fmt.Errorf("%w: perms %s takes USER PERM CONTENT_TYPE ID (CONTENT_TYPE: app_label.model, or the model's name)", errUsage, sub)
		}
		perm, model, id := rest[0], rest[1], rest[2]
		if err := permOfContentType(perm, model); err != nil {
			return err
		}
		apply = func(store *users.Store, u *users.User) error {
			found, err := store.ObjectExists(ctx, perm, id)
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("no %s with id %s", model, id)
			}
			if sub == "grant-object" {
				err = store.GrantObjectPerm(ctx, u.ID, perm, id)
			} else {
				err = store.RevokeObjectPerm(ctx, u.ID, perm, id)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "user %s: %s %s on %s %s\n", loginName(def, u), sub, perm, model, id)
			return nil
		}
	case "list":
		if len(rest) != 0 {
			return fmt.Errorf("%w: perms list takes a user", errUsage)
		}
		apply = func(store *users.Store, u *users.User) error {
			perms, err := store.Perms(ctx, u.ID)
			if err != nil {
				return err
			}
			for _, p := range sortedPerms(perms) {
				fmt.Fprintln(env.Stdout, p)
			}
			return nil
		}
	default:
		return fmt.Errorf("%w: unknown perms subcommand %q", errUsage, sub)
	}
	return withStore(ctx, def, env, func(store *users.Store) error {
		u, err := lookupUser(ctx, def, store, login)
		if err != nil {
			return err
		}
		return apply(store, u)
	})
}

// permOfContentType checks that perm (app_label.codename) is a permission of the content
// type named as Django's natural key app_label.model (as guardian's commands take it) or
// by the bare model name, in any case.
func permOfContentType(perm, contentType string) error {
	app, codename, ok := users.SplitPerm(perm)
	model := contentType
	if label, name, dotted := strings.Cut(contentType, "."); dotted {
		if ok && !strings.EqualFold(label, app) {
			return fmt.Errorf("permission %s is not a permission of content type %s: it belongs to app %s", perm, contentType, app)
		}
		model = name
	}
	if !ok || model == "" || !strings.HasSuffix(codename, "_"+strings.ToLower(model)) {
		return fmt.Errorf("permission %s is not a permission of model %s", perm, contentType)
	}
	return nil
}

// withStore runs fn with the user store of a migrated database.
func withStore(ctx context.Context, def *Definition, env Env, fn func(store *users.Store) error) error {
	store, closeDB, err := userStore(ctx, def, env)
	if err != nil {
		return err
	}
	defer closeDB()
	return fn(store)
}

// flushExpiredTokens is simplejwt's flushexpiredtokens: the blacklist tables only need rows
// of tokens that could still be presented.
func flushExpiredTokens(ctx context.Context, def *Definition, args []string, env Env) error {
	if len(args) > 0 {
		return fmt.Errorf("%w: flushexpiredtokens takes no arguments", errUsage)
	}
	s := env.settings(def)
	d, err := openDB(s)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := requireMigrated(ctx, def, d); err != nil {
		return err
	}
	// Flushing signs nothing: a throwaway key satisfies the configuration, and the
	// operator needs no SECRET_KEY for it.
	cfg, err := jwtConfig(def, randomKey(), env)
	if err != nil {
		return err
	}
	tokens, err := jwtauth.New(cfg, d)
	if err != nil {
		return err
	}
	n, err := tokens.FlushExpired(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%d expired token(s) removed\n", n)
	return nil
}

// openMigrator opens DATABASE_URL and the migrator of the app's migrations over it.
func openMigrator(def *Definition, env Env) (*migrate.Migrator, func(), error) {
	// The log says, while another instance holds the migration lock, that this one waits.
	log, err := newLogger(env, env.Stderr)
	if err != nil {
		return nil, nil, err
	}
	d, err := openDB(env.settings(def))
	if err != nil {
		return nil, nil, err
	}
	m, err := migrator(def, d, migrate.Logger(log))
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	return m, func() { d.Close() }, nil
}
