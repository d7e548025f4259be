package app

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/admin"
	"github.com/authgen/authgen/runtime/authcache"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/cache"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/jwtkeys"
	"github.com/authgen/authgen/runtime/loginguard"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/migrate"
	"github.com/authgen/authgen/runtime/password"
	"github.com/authgen/authgen/runtime/sessions"
	"github.com/authgen/authgen/runtime/throttle"
	"github.com/authgen/authgen/runtime/users"
)

// openDB opens DATABASE_URL.
func openDB(s settings) (*db.DB, error) {
	d, err := db.Open(s.databaseURL)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// migrator returns the migrator of the app's migrations in the database's dialect.
func migrator(def *Definition, d *db.DB, opts ...migrate.Option) (*migrate.Migrator, error) {
	sub, err := fs.Sub(def.Migrations, "migrations")
	if err != nil {
		return nil, err
	}
	dialect, err := migrate.ForDialect(sub, d.Dialect)
	if err != nil {
		return nil, err
	}
	return migrate.New(d, dialect, opts...)
}

// userStore opens the database and its user store, for the operator's commands. The
// database must be migrated: those commands never change the schema behind the operator's back.
func userStore(ctx context.Context, def *Definition, env Env) (*users.Store, func(), error) {
	d, err := openDB(env.settings(def))
	if err != nil {
		return nil, nil, err
	}
	if err := requireMigrated(ctx, def, d); err != nil {
		d.Close()
		return nil, nil, err
	}
	store, err := users.NewStore(d, def.UserFields, def.Relations...)
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	return store, func() { d.Close() }, nil
}

func hashers(def *Definition) *password.Hashers {
	if len(def.Hashers) == 0 {
		return password.DefaultHashers()
	}
	return password.NewHashers(def.Hashers[0], def.Hashers[1:]...)
}

// jwtConfig fills the JWT settings' keys: the key set when there is one, else secret for
// HS*, else the key files.
func jwtConfig(def *Definition, secret []byte, env Env) (jwtauth.Config, error) {
	cfg := def.JWT
	if def.RevokeOnCredentialChange {
		cfg.CredentialKey = secret
		cfg.UsernameNotCredential = loginByEmail(def)
	}
	if def.JWTKeys.configured() {
		set, err := loadKeySet(def, env)
		if err != nil {
			return cfg, err
		}
		now := time.Now
		if cfg.Now != nil {
			now = cfg.Now
		}
		cfg.Keys = set.JWTKeys(now())
		return cfg, nil
	}
	if cfg.Algorithm == "" || cfg.Algorithm[:2] == "HS" {
		cfg.SigningKey = secret
		return cfg, nil
	}
	signer, public, err := jwtauth.LoadKeyFiles(def.SigningKeyFile, def.VerifyingKeyFile)
	if err != nil {
		return cfg, err
	}
	cfg.SigningKey, cfg.VerifyingKey = signer, public
	return cfg, nil
}

// openCounters opens CACHE_URL's store of throttling and log-in counters: Redis, shared by
// every instance, or this process's memory.
func openCounters(ctx context.Context, def *Definition, s settings) (throttle.Store, func(), error) {
	client, err := cache.Open(ctx, s.cacheURL)
	if err != nil {
		return nil, nil, err
	}
	if client == nil {
		return throttle.NewMemory(), func() {}, nil
	}
	return cache.NewWindows(client, def.Name+":"), func() { client.Close() }, nil
}

// openAuthCache opens the cache of users and permission sets over d, or none (nil) when
// AUTH_CACHE=off.
func openAuthCache(ctx context.Context, d *db.DB, s settings, log *slog.Logger) (*authcache.Cache, error) {
	if !s.authCache {
		return nil, nil
	}
	c, err := authcache.Open(ctx, d, s.databaseURL, log)
	if err != nil {
		return nil, fmt.Errorf("AUTH_CACHE: %w (AUTH_CACHE=off serves without it)", err)
	}
	return c, nil
}

// served is the app's handler with what its owner needs beside it.
type served struct {
	handler http.Handler
	routes  *http.ServeMux // the routes, inside handler
	acc     *accounts.Accounts
}

// handler builds the whole HTTP handler of the app over d; secret signs the tokens (HS*)
// and the mailed links, counters count throttled requests and failed log-ins, authCache (nil:
// none) caches what authentication loads.
func handler(def *Definition, d *db.DB, s settings, secret []byte, counters throttle.Store, authCache *authcache.Cache, env Env, log *slog.Logger) (*served, error) {
	if err := def.checkImplemented(); err != nil {
		return nil, err
	}
	store, err := users.NewStore(d, def.UserFields, def.Relations...)
	if err != nil {
		return nil, err
	}
	cfg, err := jwtConfig(def, secret, env)
	if err != nil {
		return nil, fmt.Errorf("jwt: %w", err)
	}
	cfg.Logger = log
	if authCache != nil {
		cfg.Verdicts = authCache
	}
	tokens, err := jwtauth.New(cfg, d)
	if err != nil {
		return nil, fmt.Errorf("jwt: %w", err)
	}
	auth := &authn.Authenticator{Tokens: tokens, TokenAuth: def.TokenAuth, Users: store, Cache: authCache, Logger: log}
	if !def.Throttle.IsZero() {
		rates := def.Throttle
		rates.NumProxies = def.NumProxies
		auth.Throttler = throttle.New(rates, counters)
	}
	login := def.Login
	login.NumProxies = def.NumProxies
	var validators []password.Validator
	if def.Validators != nil {
		if validators, err = def.Validators(); err != nil {
			return nil, fmt.Errorf("password validators: %w", err)
		}
	}
	mailer, err := mail.FromURL(s.emailURL, env.Stdout)
	if err != nil {
		return nil, fmt.Errorf("EMAIL_URL: %w", err)
	}
	templates, err := mail.NewTemplates(def.MailTemplates)
	if err != nil {
		return nil, fmt.Errorf("mail templates: %w", err)
	}
	settings := def.Accounts
	settings.RevokeOnCredentialChange = def.RevokeOnCredentialChange
	acc, err := accounts.New(settings, accounts.Deps{
		Authn: auth, Hashers: hashers(def), Validators: validators, Mailer: mailer,
		Templates: templates, SecretKey: secret, Logger: log, Guard: loginguard.New(login, counters),
	})
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	mux := http.NewServeMux()
	if len(tokens.PublicKeys()) > 0 {
		// Other services verify the tokens with the public keys alone.
		mux.Handle("GET "+jwtkeys.JWKSPath, jwtkeys.Handler(tokens))
	}
	if err := acc.Register(mux, def.AuthMount); err != nil {
		return nil, err
	}
	// The operator's API for groups and user permissions, staff only, beside the accounts.
	admin.New(store, auth, log).Register(mux, def.AuthMount)
	if tokens.HasSessions() {
		sessions.New(auth, log).Register(mux, def.AuthMount)
	}
	registerHealth(mux, def, d)
	if def.Mount != nil {
		def.Mount(mux, &Services{DB: d, Authn: auth, Users: store, Log: log})
	}
	return &served{handler: def.Headers.Wrap(recoverer(log, httpx.WithMedia(httpx.Routes(mux), def.Media()))), routes: mux, acc: acc}, nil
}

// migrateUp applies pending migrations, for serve.
func migrateUp(ctx context.Context, def *Definition, d *db.DB, log *slog.Logger) error {
	m, err := migrator(def, d, migrate.Logger(log))
	if err != nil {
		return err
	}
	applied, err := m.Up(ctx)
	for _, name := range applied {
		log.Info("migration applied", "name", name)
	}
	return adoptHint(def, err)
}

// requireMigrated fails with a clear message when migrations are pending.
func requireMigrated(ctx context.Context, def *Definition, d *db.DB) error {
	m, err := migrator(def, d)
	if err != nil {
		return err
	}
	status, err := m.Status(ctx)
	if err != nil {
		return err
	}
	pending := 0
	for _, st := range status {
		if !st.Applied {
			pending++
		}
	}
	if err := m.CheckAdopted(ctx); err != nil {
		return adoptHint(def, err)
	}
	if pending > 0 {
		return fmt.Errorf("the database has %d unapplied migration(s): run `%s migrate` (or `%s serve`) first", pending, def.Name, def.Name)
	}
	return nil
}
