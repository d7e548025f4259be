package accounts

import (
	"time"

	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/users"
)

// setPassword is users/set_password/ POST: SetPasswordSerializer (or its retype variant).
func (a *Accounts) setPassword(c *call) {
	if !a.needUser(c) {
		return
	}
	body, ok := a.body(c)
	if !ok {
		return
	}
	f := newForm(body, false)
	pw, _ := f.password("new_password")
	var re string
	if a.s.SetPasswordRetype {
		re, _ = f.password("re_new_password")
	}
	a.currentPassword(c, f)
	if a.invalid(c, f) || !a.newPasswordValid(c, pw, re, a.s.SetPasswordRetype, c.user) {
		return
	}
	if err := a.setPasswordHash(c, c.user, pw, false); err != nil {
		a.fail(c, err)
		return
	}
	if a.s.PasswordChangedEmailConfirmation {
		a.send(c, mail.PasswordChangedConfirmation, c.user, "")
	}
	if a.s.LogoutOnPasswordChange && !a.s.RevokeOnCredentialChange && a.opaque != nil {
		if err := a.opaque.Delete(c.r.Context(), c.user.ID); err != nil {
			a.fail(c, err)
			return
		}
	}
	httpx.NoContent(c.w)
}

// newPasswordValid is PasswordSerializer.validate (and PasswordRetypeSerializer's): the
// validators against attrsOf (nil: no user attributes), then the retype match.
func (a *Accounts) newPasswordValid(c *call, pw, re string, retype bool, attrsOf *users.User) bool {
	if msgs := a.validatePassword(pw, attrsOf); len(msgs) > 0 {
		fieldError(c, "new_password", msgs...)
		return false
	}
	if retype && pw != re {
		nonField(c, msgPasswordMismatch)
		return false
	}
	return true
}

// setPasswordHash hashes pw into u and stores it, with login also a new last login.
func (a *Accounts) setPasswordHash(c *call, u *users.User, pw string, login bool) error {
	hash, err := a.hashers.Make(pw)
	if err != nil {
		return err
	}
	u.Password = hash
	cols := []string{"password"}
	if login {
		a.touchLastLogin(u)
		cols = append(cols, "last_login")
	}
	if err := a.users.Update(c.r.Context(), u, cols...); err != nil {
		return err
	}
	return a.credentialsChanged(c, u.ID)
}

// credentialsChanged revokes the opaque token of a user whose password, e-mail address or
// login field (the username, when users log in with it) has just changed, under RevokeOnCredentialChange. (Its JWTs no longer match their
// credential stamp.)
func (a *Accounts) credentialsChanged(c *call, userID int64) error {
	if !a.s.RevokeOnCredentialChange || a.opaque == nil {
		return nil
	}
	return a.opaque.Delete(c.r.Context(), userID)
}

// touchLastLogin sets u's last login to now, as djoser's reset confirmations do so that
// the link just used dies. The tokens see the last login to the second, so when now is in
// the second already recorded, the next second is taken: the link then dies even when it
// is used twice within a second.
func (a *Accounts) touchLastLogin(u *users.User) {
	next := a.now().UTC().Truncate(time.Second)
	if u.LastLogin != nil {
		if floor := u.LastLogin.UTC().Truncate(time.Second).Add(time.Second); next.Before(floor) {
			next = floor
		}
	}
	u.LastLogin = &next
}

// resetPassword is users/reset_password/ POST: a reset link for each active user with the
// address and a usable password; 204 whether or not there is one, unless a
// ShowEmailNotFound setting says otherwise.
func (a *Accounts) resetPassword(c *call) {
	a.mailResetLinks(c, mail.PasswordReset, a.s.PasswordResetConfirmURL)
}

// mailResetLinks mails a link of the kind to each active user with the body's address; it
// answers 204 whether or not there is one, unless a ShowEmailNotFound setting says
// otherwise: djoser's reset_password and reset_username.
func (a *Accounts) mailResetLinks(c *call, kind string, linkTemplate string) {
	recipients, ok := a.emailRecipients(c, true)
	if !ok {
		return
	}
	for _, u := range recipients {
		a.send(c, kind, u, linkTemplate)
	}
	httpx.NoContent(c.w)
}

// resetPasswordConfirm is users/reset_password_confirm/ POST: PasswordResetConfirmSerializer
// (or its retype variant). As in djoser, the new password is judged before the uid and
// token, and against the requesting user's attributes (none for an anonymous request), so
// the answer tells nothing about the user a uid names before its token is proven.
func (a *Accounts) resetPasswordConfirm(c *call) {
	var pw, re string
	retype := a.s.PasswordResetConfirmRetype
	u, ok := a.uidAndToken(c, func(f *form) {
		pw, _ = f.password("new_password")
		if retype {
			re, _ = f.password("re_new_password")
		}
	}, func() bool { return a.newPasswordValid(c, pw, re, retype, c.user) })
	if !ok {
		return
	}
	if err := a.setPasswordHash(c, u, pw, true); err != nil {
		a.fail(c, err)
		return
	}
	if a.s.PasswordChangedEmailConfirmation {
		a.send(c, mail.PasswordChangedConfirmation, u, "")
	}
	httpx.NoContent(c.w)
}
