package accounts

import (
	"errors"
	"fmt"

	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/users"
)

// newLogin reads UsernameSerializer's field: the login field's model field sent as
// new_<login field> (unique among all users, the caller included, as djoser's serializer
// has no instance), and with retype re_new_<login field>.
func (a *Accounts) newLogin(c *call, f *form, retype bool) (value, re string) {
	login := a.s.LoginField
	v, _ := a.readField(c.r.Context(), f, a.fields[login], "new_"+login, 0)
	value, _ = v.(string)
	if retype {
		re, _ = f.char("re_new_"+login, charOpts{required: true})
	}
	return value, re
}

// loginRetypeMatches is UsernameRetypeSerializer.validate.
func (a *Accounts) loginRetypeMatches(c *call, value, re string, retype bool) bool {
	if retype && value != re {
		nonField(c, fmt.Sprintf(msgUsernameFields, a.s.LoginField))
		return false
	}
	return true
}

// setUsername is users/set_<login field>/ POST: SetUsernameSerializer (or its retype variant).
func (a *Accounts) setUsername(c *call) {
	if !a.needUser(c) {
		return
	}
	body, ok := a.body(c)
	if !ok {
		return
	}
	f := newForm(body, false)
	retype := a.s.SetUsernameRetype
	value, re := a.newLogin(c, f, retype)
	a.currentPassword(c, f)
	if a.invalid(c, f) || !a.loginRetypeMatches(c, value, re, retype) {
		return
	}
	a.changeLogin(c, c.user, value, false)
}

// changeLogin stores the new login value (and with login the last login, as the reset
// confirmation does) and mails the confirmation.
func (a *Accounts) changeLogin(c *call, u *users.User, value string, login bool) {
	a.setLogin(u, value)
	cols := []string{a.s.LoginField}
	if login {
		a.touchLastLogin(u)
		cols = append(cols, "last_login")
	}
	if err := a.users.Update(c.r.Context(), u, cols...); err != nil {
		if errors.Is(err, users.ErrDuplicate) { // taken meanwhile
			fieldError(c, "new_"+a.s.LoginField, a.fields[a.s.LoginField].unique)
			return
		}
		a.fail(c, err)
		return
	}
	if err := a.credentialsChanged(c, u.ID); err != nil {
		a.fail(c, err)
		return
	}
	if a.s.UsernameChangedEmailConfirmation {
		a.send(c, mail.UsernameChangedConfirmation, u, "")
	}
	httpx.NoContent(c.w)
}

// resetUsername is users/reset_<login field>/ POST: a link for each active user with the
// address; 204 whether or not there is one, unless a ShowEmailNotFound setting says
// otherwise.
func (a *Accounts) resetUsername(c *call) {
	a.mailResetLinks(c, mail.UsernameReset, a.s.UsernameResetConfirmURL)
}

// resetUsernameConfirm is users/reset_<login field>_confirm/ POST:
// UsernameResetConfirmSerializer (or its retype variant).
func (a *Accounts) resetUsernameConfirm(c *call) {
	var value, re string
	retype := a.s.UsernameResetConfirmRetype
	u, ok := a.uidAndToken(c, func(f *form) { value, re = a.newLogin(c, f, retype) },
		func() bool { return a.loginRetypeMatches(c, value, re, retype) })
	if !ok {
		return
	}
	a.changeLogin(c, u, value, true)
}
