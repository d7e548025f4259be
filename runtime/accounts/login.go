package accounts

import (
	"context"
	"errors"

	"github.com/authgen/authgen/runtime/loginguard"
	"github.com/authgen/authgen/runtime/password"
	"github.com/authgen/authgen/runtime/users"
)

// loginValue is what u logs in with (get_username).
func (a *Accounts) loginValue(u *users.User) string {
	if a.s.LoginField == LoginEmail {
		return u.Email
	}
	return u.Username
}

// setLogin sets the login field of u.
func (a *Accounts) setLogin(u *users.User, v string) {
	if a.s.LoginField == LoginEmail {
		u.Email = v
	} else {
		u.Username = v
	}
}

// lookupLogin finds the user logging in as value: Django's get_by_natural_key.
func (a *Accounts) lookupLogin(ctx context.Context, value string) (*users.User, error) {
	if a.s.LoginField == LoginEmail {
		return a.users.GetByEmail(ctx, value)
	}
	return a.users.GetByUsername(ctx, value)
}

// logIn is a log-in of jwt/create or token/login under the Guard: the user, or nil for
// wrong credentials (the caller answers those its own way). ok false means it has
// answered already: 429 for a locked name or client, 503 for a full hashing queue, 500.
func (a *Accounts) logIn(c *call, login, pw string) (u *users.User, ok bool) {
	attempt := a.guard.Begin(c.w, c.r, login)
	if attempt == nil {
		return nil, false
	}
	ctx := c.r.Context()
	u, err := a.authenticate(ctx, attempt, login, pw)
	switch {
	case errors.Is(err, loginguard.ErrBusy):
		loginguard.Busy(c.w)
		return nil, false
	case err != nil:
		a.fail(c, err)
		return nil, false
	case u == nil:
		attempt.Failed(ctx)
	default:
		attempt.Succeeded(ctx)
	}
	return u, true
}

// authenticate is Django's authenticate() with ModelBackend: the user whose login and
// password match and who is active, else nil. An unknown login spends the time of a
// password check all the same, so the answer's timing does not tell whether it exists.
// The check waits for one of the Guard's hashing workers (loginguard.ErrBusy when none
// comes in time, or the client has its share of them).
func (a *Accounts) authenticate(ctx context.Context, attempt *loginguard.Attempt, login, pw string) (*users.User, error) {
	u, err := a.lookupLogin(ctx, login)
	unknown := errors.Is(err, users.ErrNotFound) || errors.Is(err, users.ErrMultiple)
	if err != nil && !unknown {
		return nil, err
	}
	release, err := attempt.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	if unknown {
		a.hashers.CheckDummy(pw)
		return nil, nil
	}
	// Unlike Django's ModelBackend, the hash is replaced only once the log-in is accepted:
	// an inactive user's hash stays as it is, so a refused log-in never changes a row.
	if !a.hashers.Check(pw, u.Password) || !u.IsActive {
		return nil, nil
	}
	a.upgradeHash(ctx, u, pw)
	return u, nil
}

// checkPassword is Django's User.check_password: on success a hash made with outdated
// settings is replaced, as Django's setter does.
func (a *Accounts) checkPassword(ctx context.Context, u *users.User, pw string) bool {
	if !a.hashers.Check(pw, u.Password) {
		return false
	}
	a.upgradeHash(ctx, u, pw)
	return true
}

// upgradeHash replaces u's hash with one of the first hasher when it was made by another or
// with other settings; pw has been checked.
func (a *Accounts) upgradeHash(ctx context.Context, u *users.User, pw string) {
	if a.hashers.NeedsRehash(u.Password) {
		encoded, err := a.hashers.Make(pw)
		if err == nil {
			err = a.users.SetPassword(ctx, u.ID, encoded)
		}
		if err != nil {
			a.log.WarnContext(ctx, "accounts: could not upgrade a password hash", "user", u.ID, "err", err)
		} else {
			u.Password = encoded
		}
	}
}

// attributes are u's fields that password validators compare new passwords with.
func attributes(u *users.User) password.Attributes {
	if u == nil {
		return nil
	}
	attrs := password.Attributes{"username": u.Username, "first_name": u.FirstName,
		"last_name": u.LastName, "email": u.Email}
	for k, v := range u.Extra {
		if s, ok := v.(string); ok {
			attrs[k] = s
		}
	}
	return attrs
}

// validatePassword runs the validators, as Django's validate_password.
func (a *Accounts) validatePassword(pw string, u *users.User) []string {
	return password.Validate(pw, attributes(u), a.validate...)
}
