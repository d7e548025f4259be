package app

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/users"
)

// sessionsCmd is the operator's view of a user's log-in sessions: list them, revoke one or
// all (a stolen laptop, a leaving employee).
func sessionsCmd(ctx context.Context, def *Definition, args []string, env Env) error {
	if len(args) < 2 || (args[0] != "list" && args[0] != "revoke") || (args[0] == "list" && len(args) != 2) || len(args) > 3 {
		return fmt.Errorf("%w: sessions list USER | sessions revoke USER [ID]", errUsage)
	}
	if !def.JWT.Sessions {
		return fmt.Errorf("the app keeps no sessions (auth.jwt.sessions is off)")
	}
	return withStore(ctx, def, env, func(store *users.Store) error {
		u, err := lookupUser(ctx, def, store, args[1])
		if err != nil {
			return err
		}
		// Listing and revoking sign nothing: a throwaway key satisfies the configuration.
		cfg, err := jwtConfig(def, randomKey(), env)
		if err != nil {
			return err
		}
		tokens, err := jwtauth.New(cfg, store.DB())
		if err != nil {
			return err
		}
		switch {
		case args[0] == "list":
			list, err := tokens.Sessions(ctx, u.ID)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tCREATED\tLAST USED\tADDRESS\tUSER AGENT")
			for _, s := range list {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", s.ID, s.Created.Format(time.RFC3339), s.LastUsed.Format(time.RFC3339), s.Addr, s.UserAgent)
			}
			return w.Flush()
		case len(args) == 3:
			found, err := tokens.RevokeSession(ctx, u.ID, args[2])
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("%s has no session %s", loginName(def, u), args[2])
			}
			fmt.Fprintf(env.Stdout, "session %s of %s revoked\n", args[2], loginName(def, u))
		default:
			n, err := tokens.RevokeSessions(ctx, u.ID, "")
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "%d session(s) of %s revoked\n", n, loginName(def, u))
		}
		return nil
	})
}
