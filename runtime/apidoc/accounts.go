package apidoc

import (
	"net/http"

	"github.com/authgen/authgen/runtime/fieldtype"
)

// djoser's PERMISSIONS keys (accounts.Perm*).
const (
	permUser                 = "user"
	permUserList             = "user_list"
	permUserCreate           = "user_create"
	permUserDelete           = "user_delete"
	permActivation           = "activation"
	permPasswordReset        = "password_reset"
	permPasswordResetConfirm = "password_reset_confirm"
	permSetPassword          = "set_password"
	permSetUsername          = "set_username"
	permUsernameReset        = "username_reset"
	permUsernameResetConfirm = "username_reset_confirm"
	permTokenCreate          = "token_create"
	permTokenDestroy         = "token_destroy"
)

// text is a plain CharField of a request.
func text(name string, required bool) Field {
	return Field{Name: name, Type: fieldtype.String, Required: required}
}

// secret is a password field: sent, never answered.
func secret(name string) Field {
	return Field{Name: name, Type: fieldtype.String, Required: true, WriteOnly: true}
}

// token is a token of an answer.
func token(name string) Field {
	return Field{Name: name, Type: fieldtype.String, Required: true, ReadOnly: true}
}

// AccountRoutes are the routes of runtime/accounts below the auth mount, in the order it
// registers them: djoser's, then simplejwt's (TokenBlacklistView at its absolute path,
// when c.JWTBlacklistPath), then DRF's token routes when c.TokenAuth.
func AccountRoutes(c Config) []Route {
	login := c.LoginField
	l := Layout(login, c.Retype.UserCreatePassword, c.Serializers)
	user := UserFields(c)
	in := func(names []string) []Field { return pick(user, names, false) }
	out := func(names []string) []Field { return pick(user, names, true) }

	post := func(action, perm string, body ...Field) []Op {
		return []Op{{Method: http.MethodPost, Action: action, Access: Permission, Permission: perm,
			Body: body, Status: http.StatusNoContent}}
	}
	uidToken := []Field{text("uid", true), text("token", true)}
	retyped := func(retype bool, f Field) []Field {
		if !retype {
			return []Field{f}
		}
		re := f
		re.Name = "re_" + f.Name
		return []Field{f, re}
	}
	newLogin := Field{Name: "new_" + login, Type: fieldtype.String, Required: true}
	if f := find(user, login); f != nil {
		newLogin = *f
		newLogin.Name, newLogin.Required, newLogin.ReadOnly = "new_"+login, true, false
	}
	email := Field{Name: "email", Type: fieldtype.Email, Required: true}

	create := concatFields(in(l.CreateIn), []Field{secret("password")})
	if c.Retype.UserCreatePassword {
		create = append(create, secret("re_password"))
	}
	detail := func(inNames, outNames []string) []Op {
		return []Op{
			{Method: http.MethodGet, Action: "retrieve", Access: Permission, Permission: permUser, Status: http.StatusOK, Result: out(outNames)},
			{Method: http.MethodPut, Action: "update", Access: Permission, Permission: permUser, Body: in(inNames), Status: http.StatusOK, Result: out(outNames)},
			{Method: http.MethodPatch, Action: "partial_update", Access: Permission, Permission: permUser, Body: optional(in(inNames)), Status: http.StatusOK, Result: out(outNames)},
			{Method: http.MethodDelete, Action: "destroy", Access: Permission, Permission: permUserDelete,
				Body: []Field{secret("current_password")}, Status: http.StatusNoContent},
		}
	}
	me := detail(l.CurrentIn, l.CurrentOut)
	for i := range me {
		me[i].Action = "me" // djoser's one action for every method of users/me/
	}
	byID := detail(l.UserIn, l.UserOut)
	routes := []Route{
		{Path: "", Name: "Api Root", Ops: []Op{{Method: http.MethodGet, Action: "api_root", Access: Authenticated,
			Status: http.StatusOK, Free: true}}},
		{Path: "users/", Name: "User List", Ops: []Op{
			{Method: http.MethodGet, Action: "list", Access: Permission, Permission: permUserList, Status: http.StatusOK,
				Result: out(l.UserOut), List: true, Paginated: true},
			{Method: http.MethodPost, Action: "create", Access: Permission, Permission: permUserCreate, Body: create,
				Status: http.StatusCreated, Result: out(l.CreateOut)},
		}},
		{Path: "users/me/", Name: "Me", Ops: me},
		{Path: "users/{id}/", Name: "User Instance", Ops: byID},
		{Path: "users/activation/", Name: "Activation", Ops: post("activation", permActivation, uidToken...)},
		{Path: "users/resend_activation/", Name: "Resend activation", Ops: post("resend_activation", permPasswordReset, email)},
		{Path: "users/set_password/", Name: "Set password", Ops: post("set_password", permSetPassword,
			concatFields(retyped(c.Retype.SetPassword, secret("new_password")), []Field{secret("current_password")})...)},
		{Path: "users/reset_password/", Name: "Reset password", Ops: post("reset_password", permPasswordReset, email)},
		{Path: "users/reset_password_confirm/", Name: "Reset password confirm", Ops: post("reset_password_confirm", permPasswordResetConfirm,
			concatFields(uidToken, retyped(c.Retype.PasswordResetConfirm, secret("new_password")))...)},
		{Path: "users/set_" + login + "/", Name: "Set username", Ops: post("set_username", permSetUsername,
			concatFields([]Field{secret("current_password")}, retyped(c.Retype.SetUsername, newLogin))...)},
		{Path: "users/reset_" + login + "/", Name: "Reset username", Ops: post("reset_username", permUsernameReset, email)},
		{Path: "users/reset_" + login + "_confirm/", Name: "Reset username confirm", Ops: post("reset_username_confirm", permUsernameResetConfirm,
			concatFields(uidToken, retyped(c.Retype.UsernameResetConfirm, newLogin))...)},
	}
	// simplejwt's views: no authentication, anyone.
	jwt := func(path, name, action string, body, result []Field, exact bool, errs ...int) Route {
		r := Route{Path: path, Name: name, Ops: []Op{{Method: http.MethodPost, Action: action, Access: Unauthenticated,
			Body: body, Status: http.StatusOK, Result: result, Errors: append([]int{http.StatusUnauthorized}, errs...)}}}
		if !exact {
			r.Variants = []string{path[:len(path)-1], path + "{rest...}"}
		}
		return r
	}
	var lockout []int
	if c.Lockout {
		lockout = []int{http.StatusTooManyRequests}
	}
	refreshed := []Field{token("access"), {Name: "refresh", Type: fieldtype.String, ReadOnly: true}}
	routes = append(routes,
		jwt("jwt/create/", "Token Obtain Pair", "token_obtain_pair",
			[]Field{text(login, true), secret("password")}, []Field{token("refresh"), token("access")}, false, lockout...),
		jwt("jwt/refresh/", "Token Refresh", "token_refresh", []Field{text("refresh", !c.Cookies)}, refreshed, false),
		jwt("jwt/verify/", "Token Verify", "token_verify", []Field{text("token", true)}, []Field{}, false),
	)
	if c.JWTBlacklistPath != "" {
		routes = append(routes, jwt(c.JWTBlacklistPath, "Token Blacklist", "token_blacklist",
			[]Field{text("refresh", !c.Cookies)}, []Field{}, true))
	}
	if c.TokenAuth {
		routes = append(routes,
			Route{Path: "token/login/", Name: "Token Create", Variants: []string{"token/login"}, Ops: []Op{{
				Method: http.MethodPost, Action: "token_create", Access: Permission, Permission: permTokenCreate,
				Body:   []Field{{Name: "password", Type: fieldtype.String, WriteOnly: true}, text(login, false)},
				Status: http.StatusOK, Result: []Field{token("auth_token")}, Errors: lockout}}},
			Route{Path: "token/logout/", Name: "Token Destroy", Variants: []string{"token/logout"}, Ops: []Op{{
				Method: http.MethodPost, Action: "token_destroy", Access: Permission, Permission: permTokenDestroy,
				Status: http.StatusNoContent}}},
		)
	}
	return routes
}

// UserFields are the auth_user fields djoser's serializers may name: "id", Django's
// columns (UserColumns, StatusColumns) and c.UserFields.
func UserFields(c Config) []Field {
	out := []Field{{Name: "id", Type: fieldtype.ID, Required: true, ReadOnly: true}}
	out = append(out, UserColumns(c.LoginField)...)
	out = append(out, StatusColumns()...)
	return append(out, c.UserFields...)
}

// pick returns the fields named, in the names' order: for an answer (out) every one
// required and the login field read-only after "id", as UserSerializer; for a request as
// declared.
func pick(fields []Field, names []string, answer bool) []Field {
	var res []Field
	for _, n := range names {
		f := find(fields, n)
		if f == nil {
			continue // not a user field: refused by accounts.New
		}
		g := *f
		if answer {
			g.Required, g.WriteOnly = true, false
		}
		res = append(res, g)
	}
	return res
}

func find(fields []Field, name string) *Field {
	for i := range fields {
		if fields[i].Name == name {
			return &fields[i]
		}
	}
	return nil
}

// optional is fields with none required: a PATCH.
func optional(fields []Field) []Field {
	out := make([]Field, len(fields))
	for i, f := range fields {
		f.Required = false
		out[i] = f
	}
	return out
}

func concatFields(parts ...[]Field) []Field {
	var out []Field
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
