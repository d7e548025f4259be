package accounts

import (
	"errors"
	"net/http"
	"time"

	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/users"
)

const (
	msgPasswordMismatch = "The two password fields didn't match."
	msgCannotCreateUser = "Unable to create account."
)

// create is users/ POST: djoser's UserCreateSerializer (or its retype variant), then
// create_user, inactive until activated when SendActivationEmail.
func (a *Accounts) create(c *call) {
	body, ok := a.body(c)
	if !ok {
		return
	}
	ctx := c.r.Context()
	f := newForm(body, false)
	values := map[string]any{}
	for _, name := range a.createIn {
		if v, st := a.readField(ctx, f, a.fields[name], name, 0); st == valid || st == null {
			values[name] = v
		}
	}
	pw, _ := f.password("password")
	var re string
	if a.s.UserCreatePasswordRetype {
		re, _ = f.password("re_password")
	}
	if a.invalid(c, f) {
		return
	}
	u := &users.User{IsActive: !a.s.SendActivationEmail, DateJoined: a.now().UTC()}
	applyValues(u, values)
	// validate(): the password against the user being made, User(**attrs).
	if msgs := a.validatePassword(pw, u); len(msgs) > 0 {
		fieldError(c, "password", msgs...)
		return
	}
	if a.s.UserCreatePasswordRetype && pw != re {
		nonField(c, msgPasswordMismatch)
		return
	}
	hash, err := a.hashers.Make(pw)
	if err != nil {
		a.fail(c, err)
		return
	}
	u.Password = hash
	if err := a.users.Create(ctx, u); err != nil {
		if errors.Is(err, users.ErrDuplicate) {
			// A race with another registration, or two spellings that normalise alike:
			// djoser's IntegrityError answer. Its serializer raises it from create(), after
			// validation, so DRF renders the bare list and not a non_field_errors object.
			httpx.JSON(c.w, http.StatusBadRequest, []string{msgCannotCreateUser})
			return
		}
		a.fail(c, err)
		return
	}
	switch {
	case a.s.SendActivationEmail:
		a.send(c, mail.Activation, u, a.s.ActivationURL)
	case a.s.SendConfirmationEmail:
		a.send(c, mail.Confirmation, u, "")
	}
	writeObject(c.w, http.StatusCreated, represent(u, a.createOut))
}

// list is users/ GET: every user for staff; with HideUsers only the caller for others. With
// Pagination, one page of them.
func (a *Accounts) list(c *call) {
	var (
		list   []*users.User
		count  int64
		err    error
		window httpx.Window
		inPage = true // the page asked for exists
	)
	p := a.s.Pagination
	if p != nil {
		window, inPage = p.Window(c.r)
	}
	switch {
	case !inPage:
	case a.s.HideUsers && !c.req.Subject.IsStaff:
		if c.user != nil {
			list = []*users.User{c.user}
		}
		if p != nil {
			count = int64(len(list))
			inPage = window.Resolve(count)
			list = httpx.Slice(window, list)
		}
	case p == nil:
		list, err = a.users.List(c.r.Context())
	default:
		if count, err = a.users.Count(c.r.Context()); err == nil {
			if inPage = window.Resolve(count); inPage {
				list, err = a.users.ListWindow(c.r.Context(), window.Limit, window.Offset)
			}
		}
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	if !inPage {
		httpx.Detail(c.w, http.StatusNotFound, httpx.MsgInvalidPage)
		return
	}
	out := make([]object, len(list))
	for i, u := range list {
		out[i] = represent(u, a.userOut)
	}
	if p == nil {
		httpx.JSON(c.w, http.StatusOK, out)
		return
	}
	httpx.JSON(c.w, http.StatusOK, httpx.NewPage(c.r, window, count, out))
}

// applyValues sets validated field values on u and returns the names set.
func applyValues(u *users.User, values map[string]any) []string {
	var names []string
	for name, v := range values {
		names = append(names, name)
		s, _ := v.(string)
		switch name {
		case "username":
			u.Username = s
		case "email":
			u.Email = s
		case "first_name":
			u.FirstName = s
		case "last_name":
			u.LastName = s
		case "is_active":
			u.IsActive = v.(bool)
		case "is_staff":
			u.IsStaff = v.(bool)
		case "is_superuser":
			u.IsSuperuser = v.(bool)
		case "date_joined":
			u.DateJoined = v.(time.Time)
		case "last_login":
			if t, ok := v.(time.Time); ok {
				u.LastLogin = &t
			} else {
				u.LastLogin = nil
			}
		default:
			if u.Extra == nil {
				u.Extra = map[string]any{}
			}
			u.Extra[name] = v
		}
	}
	return names
}

// root is the API root of djoser's router (DefaultRouter's APIRootView): its one list
// route by name, an absolute URL (with the request's format suffix, if it had one).
func (a *Accounts) root(c *call) {
	httpx.JSON(c.w, http.StatusOK, map[string]string{"users": httpx.Link(c.r, c.r.URL.Path+"users/")})
}
