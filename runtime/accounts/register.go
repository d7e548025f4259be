package accounts

import (
	"fmt"
	"net/http"
	"strings"
)

// endpoints lists the routes, djoser's URL names in comments.
func (a *Accounts) endpoints() []*endpoint {
	login := a.s.LoginField
	viewset := func(path, name string, actions map[string]action) *endpoint {
		return &endpoint{path: path, name: name, authenticate: true, fallback: PermUser, actions: actions}
	}
	post := func(name, perm string, h func(*call)) map[string]action {
		return map[string]action{http.MethodPost: {name: name, perm: perm, handle: h}}
	}
	eps := []*endpoint{
		viewset("users/", "User List", map[string]action{ // user-list
			http.MethodGet:  {name: "list", perm: PermUserList, handle: a.list},
			http.MethodPost: {name: "create", perm: PermUserCreate, handle: a.create},
		}),
		viewset("users/me/", "Me", map[string]action{ // user-me
			http.MethodGet:    {name: "me", perm: PermUser, handle: a.meRetrieve},
			http.MethodPut:    {name: "me", perm: PermUser, handle: a.meUpdate},
			http.MethodPatch:  {name: "me", perm: PermUser, handle: a.meUpdate},
			http.MethodDelete: {name: "me", perm: PermUserDelete, handle: a.meDestroy},
		}),
		viewset("users/{id}/", "User Instance", map[string]action{ // user-detail
			http.MethodGet:    {name: "retrieve", perm: PermUser, handle: a.detailRetrieve},
			http.MethodPut:    {name: "update", perm: PermUser, handle: a.detailUpdate},
			http.MethodPatch:  {name: "partial_update", perm: PermUser, handle: a.detailUpdate},
			http.MethodDelete: {name: "destroy", perm: PermUserDelete, handle: a.detailDestroy},
		}),
		viewset("users/activation/", "Activation", post("activation", PermActivation, a.activation)),
		// djoser guards resend_activation with PERMISSIONS.password_reset.
		viewset("users/resend_activation/", "Resend activation", post("resend_activation", PermPasswordReset, a.resendActivation)),
		viewset("users/set_password/", "Set password", post("set_password", PermSetPassword, a.setPassword)),
		viewset("users/reset_password/", "Reset password", post("reset_password", PermPasswordReset, a.resetPassword)),
		viewset("users/reset_password_confirm/", "Reset password confirm", post("reset_password_confirm", PermPasswordResetConfirm, a.resetPasswordConfirm)),
		viewset("users/set_"+login+"/", "Set username", post("set_username", PermSetUsername, a.setUsername)),
		viewset("users/reset_"+login+"/", "Reset username", post("reset_username", PermUsernameReset, a.resetUsername)),
		viewset("users/reset_"+login+"_confirm/", "Reset username confirm", post("reset_username_confirm", PermUsernameResetConfirm, a.resetUsernameConfirm)),
	}
	if a.tokens != nil {
		jwt := func(path, name string, h func(*call)) *endpoint {
			return &endpoint{path: path, name: name, actions: post(name, "", h)}
		}
		eps = append(eps,
			jwt("jwt/create/", "Token Obtain Pair", a.jwtCreate),
			jwt("jwt/refresh/", "Token Refresh", a.jwtRefresh),
			jwt("jwt/verify/", "Token Verify", a.jwtVerify),
			jwt("jwt/blacklist/", "Token Blacklist", a.jwtBlacklist),
		)
	}
	if a.opaque != nil {
		eps = append(eps,
			&endpoint{path: "token/login/", name: "Token Create", authenticate: true, fallback: PermTokenCreate,
				actions: post("token_create", PermTokenCreate, a.tokenLogin)},
			&endpoint{path: "token/logout/", name: "Token Destroy", authenticate: true, fallback: PermTokenDestroy,
				actions: post("token_destroy", PermTokenDestroy, a.tokenLogout)},
		)
	}
	return eps
}

// Routes returns the paths Register serves below its prefix, e.g. "users/me/".
func (a *Accounts) Routes() []string {
	var out []string
	for _, e := range a.endpoints() {
		out = append(out, e.path)
	}
	return out
}

// Register adds the endpoints to mux below prefix, which begins and ends with "/"
// ("/auth/"). Each path matches exactly (a "{$}" pattern) and for every method: the
// endpoint itself answers a method it does not serve, after authentication and the
// permission checks, as DRF does. Serve mux through httpx.Routes for Django's answers around
// the routes (301 to the path with its final slash, JSON 404). Patterns that conflict with
// ones already in mux make mux panic, as http.ServeMux.Handle does.
func (a *Accounts) Register(mux *http.ServeMux, prefix string) error {
	if !strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") {
		return fmt.Errorf("accounts: prefix %q must begin and end with /", prefix)
	}
	for _, e := range a.endpoints() {
		mux.Handle(prefix+e.path+"{$}", a.serve(e))
	}
	return nil
}
