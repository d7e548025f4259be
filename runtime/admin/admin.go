package admin

import (
	"log/slog"
	"net/http"

	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/users"
)

// API serves the admin routes.
type API struct {
	users *users.Store
	authn *authn.Authenticator
	log   *slog.Logger
}

// New returns the admin API over store, authenticating with auth and logging failures to
// log (nil: slog.Default()).
func New(store *users.Store, auth *authn.Authenticator, log *slog.Logger) *API {
	if log == nil {
		log = slog.Default()
	}
	return &API{users: store, authn: auth, log: log}
}

// Register mounts the routes under mount ("/auth/").
func (a *API) Register(mux *http.ServeMux, mount string) {
	mux.HandleFunc(mount+"permissions/{$}", a.servePermissions)
	mux.HandleFunc(mount+"groups/{$}", a.serveGroups)
	mux.HandleFunc(mount+"groups/{id}/{$}", a.serveGroup)
	mux.HandleFunc(mount+"users/{id}/permissions/{$}", a.serveUserPermissions)
	mux.HandleFunc(mount+"users/{id}/groups/{$}", a.serveUserGroups)
	if a.authn.Tokens != nil && a.authn.Tokens.HasSessions() {
		mux.HandleFunc(mount+"users/{id}/sessions/{$}", a.serveUserSessions)
	}
	mux.HandleFunc(mount+"users/{id}/status/{$}", a.serveUserStatus)
}

// begin authenticates r and lets through staff holding the method's rights (nil: staff);
// it has answered when it returns false.
func (a *API) begin(w http.ResponseWriter, r *http.Request, rt rights) (*authz.Request, bool) {
	subject, ok := a.authn.Authenticate(w, r)
	if !ok {
		return nil, false
	}
	req := authz.NewRequest(r, subject)
	if d := authz.Check(req, rt.checker()); !d.Allowed() {
		authz.Respond(w, req, d, a.authn.Challenge(), a.log)
		return nil, false
	}
	if !a.authn.CheckThrottles(w, r, subject, "") {
		return nil, false
	}
	return req, true
}

// fail logs an unexpected error and answers 500.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	a.log.ErrorContext(r.Context(), "admin request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	httpx.ServerError(w)
}

func (a *API) servePermissions(w http.ResponseWriter, r *http.Request) {
	if _, ok := a.begin(w, r, nil); !ok {
		return
	}
	httpx.Methods{Name: "Permission List", Allow: "GET, HEAD, OPTIONS", Handlers: map[string]http.HandlerFunc{
		http.MethodGet: func(w http.ResponseWriter, r *http.Request) {
			all, err := a.users.AllPerms(r.Context())
			if err != nil {
				a.fail(w, r, err)
				return
			}
			httpx.JSON(w, http.StatusOK, all)
		},
	}}.ServeHTTP(w, r)
}
