package accounts

import (
	"errors"
	"net/http"
	"slices"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/users"
)

const msgInvalidPassword = "Invalid password."

// meRetrieve is users/me/ GET: the caller, through the current_user serializer.
func (a *Accounts) meRetrieve(c *call) {
	if !a.needUser(c) {
		return
	}
	writeUser(c.w, http.StatusOK, c.user, a.currentOut)
}

// meUpdate is users/me/ PUT and PATCH. The object is the caller, with no object check
// (djoser's me replaces get_object).
func (a *Accounts) meUpdate(c *call) {
	if !a.needUser(c) {
		return
	}
	a.update(c, c.user, a.currentIn, a.currentOut)
}

// meDestroy is users/me/ DELETE.
func (a *Accounts) meDestroy(c *call) {
	if !a.needUser(c) {
		return
	}
	a.destroy(c, c.user)
}

// detailRetrieve is users/{id}/ GET.
func (a *Accounts) detailRetrieve(c *call) {
	if u, ok := a.object(c); ok {
		writeUser(c.w, http.StatusOK, u, a.userOut)
	}
}

// detailUpdate is users/{id}/ PUT and PATCH.
func (a *Accounts) detailUpdate(c *call) {
	if u, ok := a.object(c); ok {
		a.update(c, u, a.userIn, a.userOut)
	}
}

// detailDestroy is users/{id}/ DELETE.
func (a *Accounts) detailDestroy(c *call) {
	if u, ok := a.object(c); ok {
		a.destroy(c, u)
	}
}

// object is GenericAPIView.get_object: the user of the path's id, 404 when there is none
// (an id that is no number included), then the object checks of the action's permission.
func (a *Accounts) object(c *call) (*users.User, bool) {
	id, ok := httpx.PathID(c.r)
	if !ok || id <= 0 {
		httpx.NotFound(c.w)
		return nil, false
	}
	u, err := a.users.Get(c.r.Context(), id)
	if isNotFound(err) {
		httpx.NotFound(c.w)
		return nil, false
	}
	if err != nil {
		a.fail(c, err)
		return nil, false
	}
	if d := authz.CheckObject(c.req, userObject{u}, a.s.Permissions[c.perm]); !d.Allowed() {
		a.deny(c, d)
		return nil, false
	}
	return u, true
}

// update is UpdateModelMixin with djoser's UserSerializer.update: the fields in, partially
// for PATCH. With SendActivationEmail, a changed e-mail address deactivates the user and
// mails an activation link to the new address. (djoser mails it after every update; a
// mail that nothing asked for is left out.)
func (a *Accounts) update(c *call, u *users.User, in, out []string) {
	body, ok := a.body(c)
	if !ok {
		return
	}
	ctx := c.r.Context()
	f := newForm(body, c.r.Method == http.MethodPatch)
	values := map[string]any{}
	for _, name := range in {
		if v, st := a.readField(ctx, f, a.fields[name], name, u.ID); st == valid || st == null {
			values[name] = v
		}
	}
	if a.invalid(c, f) {
		return
	}
	oldEmail := u.Email
	changed := applyValues(u, values)
	reactivate := a.s.SendActivationEmail && u.Email != oldEmail
	if reactivate {
		u.IsActive = false
		changed = append(changed, "is_active")
	}
	if len(changed) > 0 {
		if err := a.users.Update(ctx, u, changed...); err != nil {
			if errors.Is(err, users.ErrDuplicate) {
				nonField(c, "Unable to update account.") // lost a race with another writer
				return
			}
			a.fail(c, err)
			return
		}
		// The e-mail address (where reset links go) and the login field are credentials; with
		// log-in by e-mail the username is a display name, as the token stamp has it.
		if slices.ContainsFunc(changed, func(col string) bool { return col == "email" || col == a.s.LoginField }) {
			if err := a.credentialsChanged(c, u.ID); err != nil {
				a.fail(c, err)
				return
			}
		}
	}
	if reactivate {
		a.send(c, mail.Activation, u, a.s.ActivationURL)
	}
	writeObject(c.w, http.StatusOK, represent(u, out))
}

// destroy is djoser's destroy: UserDeleteSerializer checks the caller's current password
// (the caller's, also when staff delete someone else), then the user goes, with the
// caller's opaque token when it deletes itself. Its JWTs then fail with "User not found".
func (a *Accounts) destroy(c *call, target *users.User) {
	if !a.needUser(c) {
		return
	}
	body, ok := a.body(c)
	if !ok {
		return
	}
	ctx := c.r.Context()
	f := newForm(body, false)
	a.currentPassword(c, f)
	if a.invalid(c, f) {
		return
	}
	if target.ID == c.user.ID && a.opaque != nil {
		if err := a.opaque.Delete(ctx, c.user.ID); err != nil {
			a.fail(c, err)
			return
		}
	}
	if err := a.users.Delete(ctx, target.ID); err != nil && !isNotFound(err) {
		a.fail(c, err)
		return
	}
	httpx.NoContent(c.w)
}

// currentPassword reads CurrentPasswordSerializer's field: required, and the caller's
// password ("Invalid password." otherwise).
func (a *Accounts) currentPassword(c *call, f *form) {
	pw, st := f.password("current_password")
	if st == valid && !a.checkPassword(c.r.Context(), c.user, pw) {
		f.errs.Add("current_password", msgInvalidPassword)
	}
}
