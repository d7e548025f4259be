package accounts

import (
	"context"
	"net/http"

	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/users"
)

const (
	msgInvalidUID     = "Invalid user id or user doesn't exist."
	msgInvalidToken   = "Invalid token for given user."
	msgStaleToken     = "Stale token for given user."
	msgEmailNotFound  = "User with given email does not exist."
	msgUsernameFields = "The two %s fields didn't match."
)

// activation is users/activation/ POST: djoser's ActivationSerializer. A valid token of an
// inactive user activates it; the same link once the user is active is "stale" (403).
func (a *Accounts) activation(c *call) {
	u, ok := a.uidAndToken(c, nil)
	if !ok {
		return
	}
	if u.IsActive {
		httpx.PermissionDenied(c.w, msgStaleToken)
		return
	}
	u.IsActive = true
	if err := a.users.Update(c.r.Context(), u, "is_active"); err != nil {
		a.fail(c, err)
		return
	}
	if a.s.SendConfirmationEmail {
		a.send(c, mail.Confirmation, u, "")
	}
	httpx.NoContent(c.w)
}

// uidAndToken is UidAndTokenSerializer: it reads uid and token with the form's other
// fields (read by more, which may be nil), then, when they are all valid and check (the
// serializer's validate() up the class chain, such as the password validators) passes,
// resolves the uid (400 on "uid") and checks the token (400 on "token").
func (a *Accounts) uidAndToken(c *call, more func(*form), check ...func() bool) (*users.User, bool) {
	body, ok := a.body(c)
	if !ok {
		return nil, false
	}
	f := newForm(body, false)
	uid, _ := f.char("uid", charOpts{required: true})
	token, _ := f.char("token", charOpts{required: true})
	if more != nil {
		more(f)
	}
	if a.invalid(c, f) {
		return nil, false
	}
	for _, ch := range check {
		if !ch() {
			return nil, false
		}
	}
	u, err := a.userOfUID(c.r.Context(), uid)
	if err != nil {
		a.fail(c, err)
		return nil, false
	}
	if u == nil {
		fieldError(c, "uid", msgInvalidUID)
		return nil, false
	}
	if !a.links.Check(u, token) {
		fieldError(c, "token", msgInvalidToken)
		return nil, false
	}
	return u, true
}

// userOfUID returns the user a uid names, nil when none.
func (a *Accounts) userOfUID(ctx context.Context, uid string) (*users.User, error) {
	id, ok := DecodeUID(uid)
	if !ok {
		return nil, nil
	}
	u, err := a.users.Get(ctx, id)
	if isNotFound(err) {
		return nil, nil
	}
	return u, err
}

// resendActivation is users/resend_activation/ POST: a new activation link for an inactive
// user with a usable password, answered 204 whether or not there is one, as djoser does
// since 2.2, so the answer does not tell an inactive account from an active or unknown
// address. Settings.ResendActivationRevealsAccounts keeps djoser 2.1's empty 400 when there
// is none, and a ShowEmailNotFound setting its 400 ["User with given email does not
// exist."]. Activation mails off is an empty 400 either way, after that lookup, as in djoser.
func (a *Accounts) resendActivation(c *call) {
	recipients, ok := a.emailRecipients(c, false)
	if !ok {
		return
	}
	if !a.s.SendActivationEmail || (len(recipients) == 0 && a.s.ResendActivationRevealsAccounts) {
		c.w.WriteHeader(http.StatusBadRequest)
		return
	}
	for _, u := range recipients {
		a.send(c, mail.Activation, u, a.s.ActivationURL)
	}
	httpx.NoContent(c.w)
}

// emailRecipients is SendEmailResetSerializer with UserFunctionsMixin.get_user: the users
// with the e-mail address and the activity asked for, with a usable password. When either
// ShowEmailNotFound setting is on (get_user reads the two together), none is answered 400
// ["User with given email does not exist."] (djoser raises it outside the serializer's
// validation, hence a list body).
func (a *Accounts) emailRecipients(c *call, active bool) ([]*users.User, bool) {
	body, ok := a.body(c)
	if !ok {
		return nil, false
	}
	f := newForm(body, false)
	email, _ := f.email("email", charOpts{required: true})
	if a.invalid(c, f) {
		return nil, false
	}
	list, err := a.users.ListByEmail(c.r.Context(), email, active)
	if err != nil {
		a.fail(c, err)
		return nil, false
	}
	var out []*users.User
	for _, u := range list {
		if u.HasUsablePassword() {
			out = append(out, u)
		}
	}
	if len(out) == 0 && (a.s.PasswordResetShowEmailNotFound || a.s.UsernameResetShowEmailNotFound) {
		httpx.JSON(c.w, http.StatusBadRequest, []string{msgEmailNotFound})
		return nil, false
	}
	return out, true
}
