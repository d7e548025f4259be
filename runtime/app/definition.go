package app

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/collect"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/loginguard"
	"github.com/authgen/authgen/runtime/password"
	"github.com/authgen/authgen/runtime/secure"
	"github.com/authgen/authgen/runtime/throttle"
	"github.com/authgen/authgen/runtime/users"
)

// Definition is what a generated package tells the runtime about its app.
type Definition struct {
	// Name is the app label, also the default SQLite file name.
	Name string
	// Migrations holds migrations/sqlite and migrations/postgres.
	Migrations fs.FS
	// AuthMount is the URL prefix of the account routes ("/auth/").
	AuthMount string
	// Accounts configures djoser's flows.
	Accounts accounts.Settings
	// UserFields are the spec's extra auth_user columns.
	UserFields []users.Field
	// JWT configures the tokens; its keys are read at start-up (see the key fields below).
	JWT jwtauth.Config
	// SigningKeyEnv names the environment variable holding the HS* secret (SECRET_KEY).
	SigningKeyEnv string
	// SigningKeyFile and VerifyingKeyFile are PEM files for the asymmetric algorithms.
	SigningKeyFile, VerifyingKeyFile string
	// JWTKeys, when set, is the key set signing the tokens instead of the keys above.
	JWTKeys KeySet
	// TokenAuth turns on DRF's opaque tokens beside JWT.
	TokenAuth bool
	// RevokeOnCredentialChange revokes a user's tokens when its password, username or
	// e-mail address changes: the JWTs carry a stamp of them keyed by SECRET_KEY
	// (jwtauth.Config.CredentialKey), the opaque token is deleted.
	RevokeOnCredentialChange bool
	// Hashers is Django's PASSWORD_HASHERS: the first makes new hashes and replaces the
	// others' when their users log in; every one listed verifies its own. Empty means
	// password.DefaultHashers.
	Hashers []password.Hasher
	// Relations are the foreign keys of the app's models, which deletes follow as Django's
	// Collector does (Django's own tables' are the runtime's).
	Relations []collect.Relation
	// Validators judge new passwords.
	Validators func() ([]password.Validator, error)
	// MailTemplates overrides the account e-mail texts: files named like the built-ins
	// (activation.txt, password_reset.txt, …; see runtime/mail). Nil keeps the built-ins.
	MailTemplates fs.FS
	// Throttle is DRF's throttling: rates for anonymous and authenticated callers, and the
	// scopes of routes (accounts' in Accounts.Throttles). Counted in CACHE_URL's store.
	Throttle throttle.Settings
	// Login protects log-ins: lockout per login name and client address, and the bounded
	// hashing queue; the zero value is loginguard's defaults.
	Login loginguard.Config
	// NumProxies is how many proxies in front of the app append to X-Forwarded-For (DRF's
	// NUM_PROXIES), for the client addresses of throttles and lockouts; 0 trusts only the
	// connection's address.
	NumProxies int
	// WeakSecretKey lets serve start on a short SECRET_KEY, or one of few distinct
	// characters, with a warning instead of refusing (the spec's security.legacy
	// weak_secret_key: Django accepts any key). A published key is refused all the same.
	WeakSecretKey bool
	// Parsers are the media types request bodies may have (DRF's DEFAULT_PARSER_CLASSES;
	// some of httpx.Parses); nil means httpx.Parses. A body of another type gets 415.
	Parsers []string
	// Renderers are the media types answers may have (DRF's DEFAULT_RENDERER_CLASSES; some
	// of httpx.Renders); nil means httpx.Renders, JSON and the HTML page.
	Renderers []string
	// JSONNotFound answers a path no route serves with DRF's JSON 404 instead of Django's
	// HTML page (the spec's defaults.not_found: json).
	JSONNotFound bool
	// Headers are the security headers of every response; the zero value sends Django's
	// defaults (nosniff, Referrer-Policy same-origin, X-Frame-Options DENY).
	Headers secure.Headers
	// Permissions lists every "app_label.codename" the migrations create.
	Permissions []string
	// HealthPath and ReadyPath are the liveness and readiness endpoints' paths; empty means
	// DefaultHealthPath and DefaultReadyPath (the spec's mount.health and mount.ready).
	HealthPath, ReadyPath string
	// OpenAPI serves the app's openapi.json (the spec's mount.openapi); zero: not served.
	OpenAPI OpenAPI
	// Mount registers the app's own routes.
	Mount func(mux *http.ServeMux, s *Services)
	// Unimplemented lists the spec's hooks, handler actions and Go permission classes no
	// code has registered (the generated package's Implement), each as
	// "authgen.yaml:LINE:COL: what is missing": the app refuses to serve while any is left,
	// instead of failing the requests that would call them.
	Unimplemented []string
}

// Services are what the app's handlers are built from.
type Services struct {
	DB    *db.DB
	Authn *authn.Authenticator
	Users *users.Store
	Log   *slog.Logger
}

// ErrUnimplemented is the start-up error of an app whose spec declares code the application
// has not registered (Definition.Unimplemented).
var ErrUnimplemented = errors.New("the spec declares code the application does not implement")

// checkImplemented refuses an app with Unimplemented code, naming each piece on its line.
func (d *Definition) checkImplemented() error {
	if len(d.Unimplemented) == 0 {
		return nil
	}
	return fmt.Errorf("%w (register it with %s.Implement in the application's own files):\n\t%s",
		ErrUnimplemented, d.Name, strings.Join(d.Unimplemented, "\n\t"))
}

// Media is what the app parses and renders, and how it answers a path no route serves.
func (d *Definition) Media() httpx.Media {
	return httpx.Media{Parsers: d.Parsers, Renderers: d.Renderers, JSONNotFound: d.JSONNotFound}
}

// OpenAPI is the app's OpenAPI document and where it is served.
type OpenAPI struct {
	Path     string // "/openapi.json"
	Document []byte // openapi.json, embedded in the generated package
}
