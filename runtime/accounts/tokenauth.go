package accounts

import (
	"net/http"

	"github.com/authgen/authgen/runtime/httpx"
)

const msgInvalidCredentials = "Unable to log in with provided credentials."

// tokenLogin is token/login/ POST: djoser's TokenCreateView. Both fields are optional in
// its serializer; a missing one is simply a failed login.
func (a *Accounts) tokenLogin(c *call) {
	body, ok := a.body(c)
	if !ok {
		return
	}
	f := newForm(body, false)
	pw, pwState := f.char("password", charOpts{})
	login, loginState := f.char(a.s.LoginField, charOpts{})
	if a.invalid(c, f) {
		return
	}
	if pwState != valid || loginState != valid {
		nonField(c, msgInvalidCredentials)
		return
	}
	u, ok := a.logIn(c, login, pw)
	if !ok {
		return
	}
	if u == nil {
		nonField(c, msgInvalidCredentials)
		return
	}
	ctx := c.r.Context()
	key, err := a.opaque.GetOrCreate(ctx, u.ID)
	if err != nil {
		a.fail(c, err)
		return
	}
	// Django's user_logged_in signal updates last_login on every token login.
	if err := a.users.SetLastLogin(ctx, u.ID, a.now()); err != nil {
		a.fail(c, err)
		return
	}
	sendingToken(c)
	writeObject(c.w, http.StatusOK, object{{"auth_token", key}})
}

// tokenLogout is token/logout/ POST: the caller's opaque token is deleted, however it
// authenticated.
func (a *Accounts) tokenLogout(c *call) {
	if !a.needUser(c) {
		return
	}
	if err := a.opaque.Delete(c.r.Context(), c.user.ID); err != nil {
		a.fail(c, err)
		return
	}
	httpx.NoContent(c.w)
}
