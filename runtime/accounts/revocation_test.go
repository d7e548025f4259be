package accounts_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/password"
)

// held are the credentials a client (or a thief) holds for a user: a JWT pair and an
// opaque token.
type held struct{ access, refresh, opaque string }

func (e *env) hold(name string) held {
	e.t.Helper()
	c := e.creds[name]
	e.login(name)
	r := e.do("POST", "/auth/token/login/", "", map[string]any{"username": c.username, "password": c.password})
	require.Equal(e.t, http.StatusOK, r.status, string(r.raw))
	return held{access: c.access, refresh: c.refresh, opaque: r.obj()["auth_token"].(string)}
}

// refused checks that none of h works any more: the access token and the opaque token on
// users/me/, the refresh token on jwt/refresh/ and jwt/verify/.
// code is the access token's refusal: token_not_valid when its stamp no longer matches.
// The refresh token is refused as revoked, or, for a user who is gone, with simplejwt
// 5.3's no_active_account, which comes first.
func (e *env) refused(h held, code, why string) {
	e.t.Helper()
	r := e.do("GET", "/auth/users/me/", "Bearer "+h.access, nil)
	require.Equal(e.t, http.StatusUnauthorized, r.status, "access token after %s: %s", why, r.raw)
	require.Equal(e.t, code, r.obj()["code"], why)
	r = e.do("GET", "/auth/users/me/", "Token "+h.opaque, nil)
	require.Equal(e.t, http.StatusUnauthorized, r.status, "opaque token after %s: %s", why, r.raw)
	r = e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": h.refresh})
	require.Equal(e.t, http.StatusUnauthorized, r.status, "refresh after %s: %s", why, r.raw)
	refusal := map[string]any{"detail": "Token is invalid or expired", "code": "token_not_valid"}
	if code == "user_not_found" {
		refusal = map[string]any{"detail": "No active account found for the given credentials", "code": "no_active_account"}
	}
	e.expect(r, http.StatusUnauthorized, refusal, why)
	r = e.do("POST", "/auth/jwt/verify/", "", map[string]any{"token": h.refresh})
	require.Equal(e.t, http.StatusUnauthorized, r.status, "verify after %s: %s", why, r.raw)
}

// works checks that h works.
func (e *env) works(h held, why string) {
	e.t.Helper()
	require.Equal(e.t, http.StatusOK, e.do("GET", "/auth/users/me/", "Bearer "+h.access, nil).status, why)
	require.Equal(e.t, http.StatusOK, e.do("GET", "/auth/users/me/", "Token "+h.opaque, nil).status, why)
	require.Equal(e.t, http.StatusOK, e.do("POST", "/auth/jwt/verify/", "", map[string]any{"token": h.refresh}).status, why)
}

func TestCredentialChangeRevokesTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{revoke: true})
		ctx := context.Background()

		t.Run("password change", func(t *testing.T) {
			e.t = t
			c := e.user("alice", nil)
			old := e.hold("alice")
			e.works(old, "before")
			e.expect(e.do("POST", "/auth/users/set_password/", bearer(c), map[string]any{
				"current_password": c.password, "new_password": "Brand-New-Pass-1"}), http.StatusNoContent, nil)
			e.refused(old, "token_not_valid", "set_password")
			c.password = "Brand-New-Pass-1"
			e.works(e.hold("alice"), "a new login")
		})

		t.Run("password reset", func(t *testing.T) {
			e.t = t
			c := e.user("bob", nil)
			old := e.hold("bob")
			e.expect(e.do("POST", "/auth/users/reset_password/", "", map[string]any{"email": c.email}), http.StatusNoContent, nil)
			_, uid, token := e.link(e.oneMail(c.email, subjPwReset))
			e.expect(e.do("POST", "/auth/users/reset_password_confirm/", "", map[string]any{
				"uid": uid, "token": token, "new_password": "Reset-Pass-999"}), http.StatusNoContent, nil)
			e.refused(old, "token_not_valid", "reset_password_confirm")
		})

		t.Run("username change", func(t *testing.T) {
			e.t = t
			c := e.user("carol", nil)
			old := e.hold("carol")
			e.expect(e.do("POST", "/auth/users/set_username/", bearer(c), map[string]any{
				"current_password": c.password, "new_username": "caroline"}), http.StatusNoContent, nil)
			e.refused(old, "token_not_valid", "set_username")
		})

		t.Run("e-mail change", func(t *testing.T) {
			e.t = t
			c := e.user("dan", nil)
			old := e.hold("dan")
			r := e.do("PATCH", "/auth/users/me/", bearer(c), map[string]any{"email": "daniel@example.com"})
			require.Equal(t, http.StatusOK, r.status, string(r.raw))
			// The store's settings deactivate a user whose address changes until it is
			// confirmed; active again, the stamp alone refuses the old tokens.
			u := e.dbUser(c.id)
			u.IsActive = true
			require.NoError(t, e.store.Update(ctx, u, "is_active"))
			e.refused(old, "token_not_valid", "an e-mail change")
		})

		t.Run("deactivation", func(t *testing.T) {
			e.t = t
			c := e.user("erin", nil)
			old := e.hold("erin")
			u := e.dbUser(c.id)
			u.IsActive = false
			require.NoError(t, e.store.Update(ctx, u, "is_active"))
			r := e.do("GET", "/auth/users/me/", "Bearer "+old.access, nil)
			e.expect401(r, map[string]any{"detail": "User is inactive", "code": "user_inactive"})
			r = e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": old.refresh})
			require.Equal(t, http.StatusUnauthorized, r.status, "refresh of an inactive user: %s", r.raw)
			require.Equal(t, http.StatusUnauthorized, e.do("GET", "/auth/users/me/", "Token "+old.opaque, nil).status)
		})

		t.Run("change made outside the API", func(t *testing.T) {
			// The operator's changepassword, or Django's admin on the same table: the stamp
			// comes from the row, so no code path has to remember to revoke.
			e.t = t
			c := e.user("fay", nil)
			old := e.hold("fay")
			hash, err := (&password.PBKDF2{Iterations: 1000}).Encode("Changed-Elsewhere-1")
			require.NoError(t, err)
			require.NoError(t, e.store.SetPassword(ctx, c.id, hash))
			r := e.do("GET", "/auth/users/me/", "Bearer "+old.access, nil)
			require.Equal(t, http.StatusUnauthorized, r.status)
			require.Equal(t, http.StatusUnauthorized, e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": old.refresh}).status)
		})

		t.Run("deletion", func(t *testing.T) {
			e.t = t
			c := e.user("gus", nil)
			old := e.hold("gus")
			e.expect(e.do("DELETE", "/auth/users/me/", bearer(c), map[string]any{"current_password": c.password}), http.StatusNoContent, nil)
			e.refused(old, "user_not_found", "deletion")
		})
	})
}

// TestCredentialChangeKeepsTokensWhenOff is the reference's behaviour, which the option
// restores: tokens outlive a password change.
func TestCredentialChangeKeepsTokensWhenOff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		c := e.user("hal", nil)
		old := e.hold("hal")
		e.expect(e.do("POST", "/auth/users/set_password/", bearer(c), map[string]any{
			"current_password": c.password, "new_password": "Brand-New-Pass-1"}), http.StatusNoContent, nil)
		e.works(old, "set_password without revocation")
	})
}
