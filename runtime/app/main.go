package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
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
	if h := commandUsage(def.Name, cmd); h != "" && wantsHelp(args) {
		fmt.Fprint(env.Stdout, h)
		return 0
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
	case "sessions":
		err = sessionsCmd(ctx, &def, args, env)
	case "keys":
		err = keysCmd(&def, args, env)
	case "groups":
		err = groupsCmd(ctx, &def, args, env)
	case "perms":
		err = permsCmd(ctx, &def, args, env)
	case "version":
		err = versionCmd(&def, args, env)
	case "help", "-h", "-help", "--help":
		if len(args) > 0 {
			if h := commandUsage(def.Name, args[0]); h != "" {
				fmt.Fprint(env.Stdout, h)
				return 0
			}
		}
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

// commands are the app's commands, in the order usage lists them.
var commands = []struct{ name, synopsis, doc string }{
	{"serve", "serve", "apply pending migrations, then serve on ADDR (default)"},
	{"migrate", "migrate [NAME|zero] [--fake NAME]", "migrate up to NAME (default: latest) or down to it; --fake records NAME without running it"},
	{"showmigrations", "showmigrations", "list the migrations and whether they are applied"},
	{"sqlmigrate", "sqlmigrate NAME [--down]", "print a migration's SQL"},
	{"createsuperuser", "createsuperuser --username U --email E [--noinput]", "create a superuser; --noinput reads SUPERUSER_PASSWORD"},
	{"changepassword", "changepassword USER", "set a user's password, read from the terminal"},
	{"flushexpiredtokens", "flushexpiredtokens", "delete expired outstanding and blacklisted JWTs"},
	{"sessions", "sessions list USER | sessions revoke USER [ID]", "list a user's log-in sessions, revoke one or all"},
	{"keys", "keys list | keys add [--alg A] [--from KEY.pem] [--staged]\n  keys promote KID | keys retire KID        (each with [--file F])", "rotate the JWT signing keys of a key set (auth.jwt.keys_file)"},
	{"groups", "groups list | groups create NAME [--perm app.codename]...\n  groups add-user NAME USER | groups remove-user NAME USER", "list and create groups, and manage their members"},
	{"perms", "perms grant USER PERM... | perms revoke USER PERM... | perms list [USER]\n  perms grant-object USER PERM CONTENT_TYPE ID | perms revoke-object USER PERM CONTENT_TYPE ID", "grant, revoke and list permissions, model-wide or on one object"},
	{"version", "version", "print the app's build: module version, VCS revision, Go version"},
}

// environment lists the variables the commands read.
const environment = `environment:
  ADDR          host:port serve listens on (default 127.0.0.1:8000)
  DATABASE_URL  sqlite://FILE (default sqlite://APP.db) or postgres://…
  EMAIL_URL     console:// (default) or smtp://user:password@host:port
  SECRET_KEY    the key signing tokens and mailed links (serve), at least 32 bytes
  CACHE_URL     memory:// (default) or redis://host:port/db: throttling and log-in
                counters, shared by every instance on one Redis
  AUTH_CACHE    on (default) or off: keep users and their permissions between requests,
                current with every change on every instance (runtime/authcache)
  HTTP_SERVER   httpserve (default) or net/http: serve's HTTP server; net/http for
                HTTP/2 over h2c, Hijack or the standard library's exact behaviour
  LOG_LEVEL     debug, info (default), warn or error
  LOG_FORMAT    text (default) or json
  SUPERUSER_PASSWORD  the password of createsuperuser --noinput
`

func usage(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: %s [command] [arguments]\n\ncommands:\n", name)
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-20s %s\n", c.name, c.doc)
	}
	fmt.Fprintf(&b, "\n%s -h COMMAND... or %s COMMAND -h shows a command's arguments.\n\n%s", name, name, environment)
	return b.String()
}

// commandUsage is the help of one command, or "" for an unknown one.
func commandUsage(name, cmd string) string {
	for _, c := range commands {
		if c.name == cmd {
			return fmt.Sprintf("usage: %s %s\n\n%s\n\n%s", name, c.synopsis, c.doc, environment)
		}
	}
	return ""
}

// wantsHelp reports whether args ask for help (-h, -help or --help) before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}
