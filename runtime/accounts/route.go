package accounts

import (
	"cmp"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/users"
)

// call is one request on its way through an endpoint.
type call struct {
	w      http.ResponseWriter
	r      *http.Request
	user   *users.User // the authenticated user; nil when anonymous
	req    *authz.Request
	action string // djoser's action name; "" when the method has none
	perm   string // the permission key that applies
}

// action is what an endpoint does for one method.
type action struct {
	name   string // djoser's action ("list", "create", "me", "activation", …)
	perm   string // key of Settings.Permissions
	handle func(*call)
	// throttle is its key of Settings.Throttles when not perm.
	throttle string
}

// endpoint is one route: DRF's view for a path.
type endpoint struct {
	path string // below the prefix, e.g. "users/me/"
	name string // the view name OPTIONS shows
	// authenticate is true for djoser's views, which run DRF's authentication; simplejwt's
	// views have none (authentication_classes = ()).
	authenticate bool
	// fallback is the permission key of a method without an action: djoser's UserViewSet
	// uses PERMISSIONS.user, the token views their own. "" means none (simplejwt).
	fallback string
	// throttle is the view's key of Settings.Throttles, for views without permission keys
	// (simplejwt's); "" takes the action's.
	throttle string
	actions  map[string]action // by method; GET serves HEAD too
	// match is how the path matches: exactly (a router's route), as a prefix
	// (simplejwt's re_path(r"^jwt/create/?"), no "$") or with an optional final slash
	// (djoser's token routes, r"^token/login/?$").
	match match
	// refuse are methods the reference view fails on with a server error, answered 405
	// after the permission checks: djoser's me action serves no HEAD (its view returns
	// nothing) and no OPTIONS (its metadata looks for a pk).
	refuse []string
	// description is the view's docstring, as OPTIONS shows it.
	description string
	// fields describe the view's serializer for OPTIONS; nil for a view without one.
	fields func(*Accounts) httpx.Fields
}

// match is how an endpoint's path matches a request's.
type match int

const (
	matchExact         match = iota // "users/" is "users/" (and "users.json")
	matchPrefix                     // "jwt/create/" is any path beginning with "jwt/create"
	matchOptionalSlash              // "token/login/" is "token/login/" and "token/login"
)

// httpMethodNames is Django's View.http_method_names order, which DRF's Allow header keeps.
var httpMethodNames = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// allow is DRF's Allow header: the methods with a handler, HEAD with GET, OPTIONS always
// (even those the endpoint refuses: DRF lists them).
func (e *endpoint) allow() string {
	var out []string
	for _, m := range httpMethodNames {
		served := m
		if m == http.MethodHead {
			served = http.MethodGet // DRF maps head to the get action
		}
		if _, ok := e.actions[served]; ok || m == http.MethodOptions {
			out = append(out, m)
		}
	}
	return strings.Join(out, ", ")
}

// serve runs DRF's APIView.dispatch for the endpoint: authentication, then the permission
// checks, and only then the method: so an anonymous request with a wrong method is told to
// authenticate (401) before it is told the method is not allowed (405), as DRF does.
func (a *Accounts) serve(e *endpoint) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := &call{w: w, r: r}
		var subject *authz.Subject
		if e.authenticate {
			res, ok := a.auth.AuthenticateUser(w, r)
			if !ok {
				return
			}
			subject, c.user = res.Subject, res.User // an anonymous request's is Anonymous()
		} else {
			subject = authz.Anonymous()
		}
		c.req = authz.NewRequest(r, subject)
		method := r.Method
		if method == http.MethodHead {
			method = http.MethodGet
		}
		act, found := e.actions[method]
		c.perm = e.fallback
		if found {
			c.action, c.perm = act.name, act.perm
		}
		if c.perm != "" {
			if d := authz.Check(c.req, a.s.Permissions[c.perm]); !d.Allowed() {
				a.deny(c, d)
				return
			}
		}
		throttle := cmp.Or(e.throttle, act.throttle, c.perm)
		if !a.auth.CheckThrottles(w, r, subject, a.s.Throttles[throttle]) {
			return
		}
		switch {
		case slices.Contains(e.refuse, r.Method):
			httpx.MethodNotAllowed(w, r.Method, e.allow())
		case found:
			act.handle(c)
		case r.Method == http.MethodOptions:
			a.options(c, e)
		default:
			httpx.MethodNotAllowed(w, r.Method, e.allow())
		}
	}
}

// hiddenActions are those whose denial djoser's HIDE_USERS turns into 404.
var hiddenActions = []string{"update", "partial_update", "list", "retrieve"}

// deny is UserViewSet.permission_denied: with HideUsers an authenticated user is not told
// that the user exists; otherwise DRF's 401 or 403.
func (a *Accounts) deny(c *call, d authz.Outcome) {
	s := c.req.Subject
	if a.s.HideUsers && s.IsAuthenticated() && d.Verdict() == authz.Deny && slices.Contains(hiddenActions, c.action) {
		httpx.NotFound(c.w)
		return
	}
	authz.Respond(c.w, c.req, d, a.auth.Challenge(), a.log)
}

// body decodes the request's data (JSON or a form); on failure the answer is written.
func (a *Accounts) body(c *call) (httpx.Body, bool) {
	b, err := httpx.Decode(c.w, c.r, a.s.MaxBody)
	return b, err == nil
}

// invalid answers a form with errors: 500 when the server failed while reading it, 400
// with the field errors otherwise. It returns false when the form is valid.
func (a *Accounts) invalid(c *call, f *form) bool {
	if f.err != nil {
		a.fail(c, f.err)
		return true
	}
	if !f.ok() {
		httpx.BadRequest(c.w, f.errs)
		return true
	}
	return false
}

// fail answers 500 and logs the cause.
func (a *Accounts) fail(c *call, err error) {
	a.log.ErrorContext(c.r.Context(), "accounts: request failed", "path", c.r.URL.Path, "err", err)
	httpx.ServerError(c.w)
}

// nonField answers 400 {"non_field_errors": [msg]}, a serializer's validate() failing.
func nonField(c *call, msg string) {
	httpx.BadRequest(c.w, httpx.FieldErrors{httpx.NonField: {msg}})
}

// fieldError answers 400 {field: [msgs…]}.
func fieldError(c *call, field string, msgs ...string) {
	httpx.BadRequest(c.w, httpx.FieldErrors{field: msgs})
}

// needUser answers 401 when a view that acts on the caller was opened to anonymous users
// by the permissions (djoser would fail on AnonymousUser); it returns false then.
func (a *Accounts) needUser(c *call) bool {
	if c.user != nil {
		return true
	}
	httpx.NotAuthenticated(c.w, a.auth.Challenge(), "")
	return false
}

// isNotFound reports a missing row.
func isNotFound(err error) bool { return errors.Is(err, users.ErrNotFound) }
