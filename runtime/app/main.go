package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// Main runs the command named by the process's arguments and exits with its status.
func Main(def Definition) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, def, os.Args[1:], OSEnv())
	stop()
	os.Exit(code)
}

// errUsage marks an error in the command line: exit status 2.
var errUsage = errors.New("usage")

// Run runs one command and returns the exit status: 0 on success, 1 on failure, 2 on a
// command-line error.
func Run(ctx context.Context, def Definition, args []string, env Env) int {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, &def, args, env)
	case "migrate":
		err = migrateCmd(ctx, &def, args, env)
	case "showmigrations":
		err = showMigrations(ctx, &def, args, env)
	case "sqlmigrate":
		err = sqlMigrate(ctx, &def, args, env)
	case "createsuperuser":
		err = createSuperuser(ctx, &def, args, env)
	case "changepassword":
		err = changePassword(ctx, &def, args, env)
	case "flushexpiredtokens":
		err = flushExpiredTokens(ctx, &def, args, env)
	case "groups":
		err = groupsCmd(ctx, &def, args, env)
	case "perms":
		err = permsCmd(ctx, &def, args, env)
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, usage(def.Name))
		return 0
	default:
		err = fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(env.Stderr, "%s: %v\n\n%s", def.Name, err, usage(def.Name))
		return 2
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	fmt.Fprintf(env.Stderr, "%s: %v\n", def.Name, err)
	return 1
}

func usage(name string) string {
	return fmt.Sprintf(`usage: %[1]s [command] [arguments]

commands:
  serve                                      apply pending migrations, then serve (default)
  migrate [NAME|zero]                        migrate up to NAME (default: latest) or down to it
  showmigrations                             list the migrations and whether they are applied
  sqlmigrate NAME [--down]                   print a migration's SQL
  createsuperuser --username U --email E [--noinput]
  changepassword USER
  flushexpiredtokens                         delete expired outstanding and blacklisted JWTs
  groups list | groups create NAME [--perm app.codename]...
  groups add-user NAME USER | groups remove-user NAME USER
  perms grant USER PERM... | perms revoke USER PERM... | perms list [USER]
  perms grant-object USER PERM MODEL ID | perms revoke-object USER PERM MODEL ID

environment: ADDR, DATABASE_URL, EMAIL_URL, SECRET_KEY, SUPERUSER_PASSWORD
`, name)
}
