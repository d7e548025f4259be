package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/authcache"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
)

// Options configure an app embedded in another server by NewHandler; serve reads the same
// settings from the environment.
type Options struct {
	// Prefix is the path under which the host routes requests to the handler ("/api"), or ""
	// for the root. The handler strips it itself and writes it back into the links and
	// redirects it answers, so mount the handler as it is, never behind http.StripPrefix:
	// mux.Handle("/api/", h) on a ServeMux, r.Mount("/api", h) in chi,
	// e.Any("/api/*", echo.WrapHandler(h)) in echo.
	Prefix string
	// DatabaseURL is sqlite://FILE or postgres://…; empty means sqlite://NAME.db.
	DatabaseURL string
	// SecretKey signs tokens and mailed links: required, and checked as serve checks SECRET_KEY.
	SecretKey []byte
	// EmailURL is console:// (the default: mails printed to MailOutput, default os.Stdout) or
	// smtp://user:password@host:port.
	EmailURL   string
	MailOutput io.Writer
	// CacheURL is where throttling and log-in counters live: "" or memory:// for this
	// process, redis://host:port/db to share them with the app's other instances.
	CacheURL string
	// NoAuthCache loads the user and its permissions from the database for every request
	// instead of keeping them between requests (serve's AUTH_CACHE=off; see runtime/authcache).
	NoAuthCache bool
	// Logger receives the app's errors (and with LogRequests a line per request); nil means
	// slog.Default().
	Logger *slog.Logger
	// Migrate applies pending migrations first. Without it NewHandler refuses a database with
	// migrations pending: run the app's migrate command, or set it.
	Migrate bool
	// LogRequests logs one line per request, as serve does; leave it off when the host logs
	// requests already.
	LogRequests bool
}

// Handler is a whole app — accounts, the staff API, health endpoints and the generated
// endpoints — as one http.Handler, to mount in an existing server (NewHandler).
type Handler struct {
	h             http.Handler
	routes        *http.ServeMux
	db            *db.DB
	acc           *accounts.Accounts
	closeCounters func()
	authCache     *authcache.Cache
}

// NewHandler opens the app's database and builds its handler, for an application that serves
// HTTP itself and mounts the app beside its own routes. Close it when the server stops.
func NewHandler(ctx context.Context, def Definition, opts Options) (*Handler, error) {
	if opts.Prefix != "" && (!strings.HasPrefix(opts.Prefix, "/") || strings.HasSuffix(opts.Prefix, "/")) {
		return nil, fmt.Errorf("app: Prefix %q must start with \"/\" and not end with one, like \"/api\"", opts.Prefix)
	}
	if len(opts.SecretKey) == 0 {
		return nil, errors.New("app: Options.SecretKey is required: it signs the tokens and mailed links")
	}
	if err := checkSecretKey(string(opts.SecretKey)); err != nil {
		return nil, fmt.Errorf("app: SecretKey: %w", err)
	}
	s := settings{databaseURL: opts.DatabaseURL, emailURL: opts.EmailURL, cacheURL: opts.CacheURL, authCache: !opts.NoAuthCache}
	if s.databaseURL == "" {
		s.databaseURL = "sqlite://" + def.Name + ".db"
	}
	if s.emailURL == "" {
		s.emailURL = "console://"
	}
	out := opts.MailOutput
	if out == nil {
		out = os.Stdout
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	d, err := openDB(s)
	if err != nil {
		return nil, err
	}
	if opts.Migrate {
		err = migrateUp(ctx, &def, d, log)
	} else {
		err = requireMigrated(ctx, &def, d)
	}
	if err != nil {
		d.Close()
		return nil, err
	}
	counters, closeCounters, err := openCounters(ctx, &def, s)
	if err != nil {
		d.Close()
		return nil, err
	}
	authCache, err := openAuthCache(ctx, d, s, log)
	if err != nil {
		closeCounters()
		d.Close()
		return nil, err
	}
	app, err := handler(&def, d, s, opts.SecretKey, counters, authCache, Env{Stdout: out}, log)
	if err != nil {
		authCache.Close()
		closeCounters()
		d.Close()
		return nil, err
	}
	h := app.handler
	if opts.Prefix != "" {
		h = http.StripPrefix(opts.Prefix, mounted(opts.Prefix, h))
	}
	if opts.LogRequests {
		h = requestLog(requestLines{handler: log.Handler()}, h)
	}
	return &Handler{h: h, routes: app.routes, db: d, acc: app.acc, closeCounters: closeCounters, authCache: authCache}, nil
}

// mounted records the prefix in each request for the links and redirects the app answers.
func mounted(prefix string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, httpx.WithMountPrefix(r, prefix))
	})
}

// AuthCache returns the cache of users and permission sets, nil without one
// (Options.NoAuthCache), for its Stats.
func (h *Handler) AuthCache() *authcache.Cache { return h.authCache }

// ServeHTTP serves a request for the app.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.h.ServeHTTP(w, r) }

// Routes returns the ServeMux the app's routes are registered on, inside the handler: to
// list them, or to ask which pattern serves a request (its Handler method), as the tests
// that hold openapi.json to the app do. Registering on it changes the app.
func (h *Handler) Routes() *http.ServeMux { return h.routes }

// Close waits for the mails being sent and closes the cache and the database. Call it after
// the server stopped serving.
func (h *Handler) Close() error {
	h.acc.Wait()
	h.authCache.Close()
	h.closeCounters()
	return h.db.Close()
}
