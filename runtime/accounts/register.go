package accounts

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/authgen/authgen/runtime/httpx"
)

// endpoints lists the routes, djoser's URL names in comments.
func (a *Accounts) endpoints() []*endpoint {
	login := a.s.LoginField
	viewset := func(path, name string, actions map[string]action) *endpoint {
		return &endpoint{path: path, name: name, authenticate: true, fallback: PermUser, actions: actions,
			fields: (*Accounts).userSerializerFields}
	}
	post := func(name, perm string, h func(*call)) map[string]action {
		return map[string]action{http.MethodPost: {name: name, perm: perm, handle: h}}
	}
	me := viewset("users/me/", "Me", map[string]action{ // user-me
		http.MethodGet:    {name: "me", perm: PermUser, handle: a.meRetrieve},
		http.MethodPut:    {name: "me", perm: PermUser, handle: a.meUpdate},
		http.MethodPatch:  {name: "me", perm: PermUser, handle: a.meUpdate},
		http.MethodDelete: {name: "me", perm: PermUserDelete, handle: a.meDestroy},
	})
	me.refuse = []string{http.MethodHead, http.MethodOptions}
	eps := []*endpoint{
		{path: "", name: "Api Root", description: descRoot, authenticate: true, fallback: permRoot, // api-root
			actions: map[string]action{http.MethodGet: {name: "api_root", perm: permRoot, handle: a.root}}},
		viewset("users/", "User List", map[string]action{ // user-list
			http.MethodGet:  {name: "list", perm: PermUserList, handle: a.list},
			http.MethodPost: {name: "create", perm: PermUserCreate, handle: a.create},
		}),
		me,
		viewset("users/{id}/", "User Instance", map[string]action{ // user-detail
			http.MethodGet:    {name: "retrieve", perm: PermUser, handle: a.detailRetrieve},
			http.MethodPut:    {name: "update", perm: PermUser, handle: a.detailUpdate},
			http.MethodPatch:  {name: "partial_update", perm: PermUser, handle: a.detailUpdate},
			http.MethodDelete: {name: "destroy", perm: PermUserDelete, handle: a.detailDestroy},
		}),
		viewset("users/activation/", "Activation", post("activation", PermActivation, a.activation)),
		// djoser guards resend_activation with PERMISSIONS.password_reset.
		viewset("users/resend_activation/", "Resend activation", map[string]action{http.MethodPost: {
			name: "resend_activation", perm: PermPasswordReset, handle: a.resendActivation, throttle: ThrottleResendActivation}}),
		viewset("users/set_password/", "Set password", post("set_password", PermSetPassword, a.setPassword)),
		viewset("users/reset_password/", "Reset password", post("reset_password", PermPasswordReset, a.resetPassword)),
		viewset("users/reset_password_confirm/", "Reset password confirm", post("reset_password_confirm", PermPasswordResetConfirm, a.resetPasswordConfirm)),
		viewset("users/set_"+login+"/", "Set username", post("set_username", PermSetUsername, a.setUsername)),
		viewset("users/reset_"+login+"/", "Reset username", post("reset_username", PermUsernameReset, a.resetUsername)),
		viewset("users/reset_"+login+"_confirm/", "Reset username confirm", post("reset_username_confirm", PermUsernameResetConfirm, a.resetUsernameConfirm)),
	}
	if a.tokens != nil {
		// simplejwt's views: no authentication, AllowAny, serializers of plain fields.
		jwt := func(path, name, desc, throttleKey string, m match, h func(*call), fields ...plainField) *endpoint {
			return &endpoint{path: path, name: name, description: desc, match: m, actions: post(name, "", h),
				throttle: throttleKey,
				fields:   func(*Accounts) httpx.Fields { return plainFields(fields...) }}
		}
		eps = append(eps,
			jwt("jwt/create/", "Token Obtain Pair", descJWTCreate, ThrottleJWTCreate, matchPrefix, a.jwtCreate,
				plainField{name: login, required: true}, plainField{name: "password", required: true}),
			jwt("jwt/refresh/", "Token Refresh", descJWTRefresh, ThrottleJWTRefresh, matchPrefix, a.jwtRefresh,
				plainField{name: "refresh", required: true}, plainField{name: "access", readOnly: true}),
			jwt("jwt/verify/", "Token Verify", descJWTVerify, ThrottleJWTVerify, matchPrefix, a.jwtVerify,
				plainField{name: "token", required: true}),
		)
		if a.s.JWTBlacklistPath != "" {
			// Where the app's urls.py mounts it: an absolute path.
			eps = append(eps, jwt(a.s.JWTBlacklistPath, "Token Blacklist", descJWTBlack, ThrottleJWTBlacklist, matchExact,
				a.jwtBlacklist, plainField{name: "refresh", required: true}))
		}
	}
	if a.opaque != nil {
		eps = append(eps,
			&endpoint{path: "token/login/", name: "Token Create", description: descTokenCreate, match: matchOptionalSlash,
				authenticate: true, fallback: PermTokenCreate, actions: post("token_create", PermTokenCreate, a.tokenLogin),
				fields: func(*Accounts) httpx.Fields {
					// TokenCreateSerializer: password, then the login field it adds, neither required.
					return plainFields(plainField{name: "password"}, plainField{name: login})
				}},
			&endpoint{path: "token/logout/", name: "Token Destroy", description: descTokenLogout, match: matchOptionalSlash,
				authenticate: true, fallback: PermTokenDestroy, actions: post("token_destroy", PermTokenDestroy, a.tokenLogout)},
		)
	}
	return eps
}

// Routes returns the paths Register serves below its prefix, e.g. "users/me/" ("" is the
// API root), and Settings.JWTBlacklistPath, absolute, when it is set.
func (a *Accounts) Routes() []string {
	var out []string
	for _, e := range a.endpoints() {
		out = append(out, e.path)
	}
	return out
}

// Register adds the endpoints to mux below prefix, which begins and ends with "/"
// ("/auth/"), with the API root at prefix itself. Each path matches for every method, and
// exactly (a "{$}" pattern), but for simplejwt's jwt/create/, jwt/refresh/ and jwt/verify/,
// which take any path they begin ("jwt/create", "jwt/create/x": their URL patterns have no
// "$"), and djoser's token/login/ and token/logout/, whose final slash is optional;
// simplejwt's TokenBlacklistView exactly at Settings.JWTBlacklistPath when set. The
// endpoint itself answers a method it does not serve, after authentication and the
// permission checks, as DRF does. Serve mux through httpx.Routes for Django's answers around
// the routes (301 to the path with its final slash, JSON 404). Patterns that conflict with
// ones already in mux make mux panic, as http.ServeMux.Handle does.
func (a *Accounts) Register(mux *http.ServeMux, prefix string) error {
	if !strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") {
		return fmt.Errorf("accounts: prefix %q must begin and end with /", prefix)
	}
	for _, e := range a.endpoints() {
		h := a.serve(e)
		path := prefix + e.path
		if strings.HasPrefix(e.path, "/") { // Settings.JWTBlacklistPath
			path = e.path
		}
		bare := strings.TrimSuffix(path, "/")
		switch e.match {
		case matchExact:
			if !strings.HasSuffix(path, "/") {
				mux.Handle(path, h)
				continue
			}
			mux.Handle(path+"{$}", h)
		case matchPrefix:
			mux.Handle(bare, h)
			mux.Handle(path+"{rest...}", h)
		case matchOptionalSlash:
			mux.Handle(bare, h)
			mux.Handle(path+"{$}", h)
		}
	}
	return nil
}
