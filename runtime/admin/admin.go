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
	httpx.Handle(mux, mount+"permissions/{$}", a.permissionsRoute())
	httpx.Handle(mux, mount+"groups/{$}", a.groupsRoute())
	httpx.Handle(mux, mount+"groups/{id}/{$}", a.groupRoute())
	httpx.Handle(mux, mount+"users/{id}/permissions/{$}", a.userPermissionsRoute())
	httpx.Handle(mux, mount+"users/{id}/groups/{$}", a.userGroupsRoute())
	if a.authn.Tokens != nil && a.authn.Tokens.HasSessions() {
		httpx.Handle(mux, mount+"users/{id}/sessions/{$}", a.userSessionsRoute())
	}
	httpx.Handle(mux, mount+"users/{id}/status/{$}", a.userStatusRoute())
}

// route is the method table of an admin route.
type route = httpx.Route[*authz.Request]

// begin is the beginning of a route guarded by rt: it authenticates r and lets through
// staff holding the method's rights (nil: staff); it has answered when it returns false.
func (a *API) begin(rt rights) func(w http.ResponseWriter, r *http.Request) (*authz.Request, bool) {
	checker := rt.checker()
	return func(w http.ResponseWriter, r *http.Request) (*authz.Request, bool) {
		subject, ok := a.authn.Authenticate(w, r)
		if !ok {
			return nil, false
		}
		req := authz.NewRequest(r, subject)
		if d := authz.Check(req, checker); !d.Allowed() {
			authz.Respond(w, req, d, a.authn.Challenge(), a.log)
			return nil, false
		}
		if !a.authn.CheckThrottles(w, r, subject, "") {
			return nil, false
		}
		return req, true
	}
}

// fail logs an unexpected error and answers 500.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	a.log.ErrorContext(r.Context(), "admin request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	httpx.ServerError(w)
}

func (a *API) permissionsRoute() route {
	return route{Name: "Permission List", Begin: a.begin(nil), Get: a.listPermissions}
}

func (a *API) listPermissions(w http.ResponseWriter, r *http.Request, _ *authz.Request) {
	all, err := a.users.AllPerms(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, all)
}
