package accounts_test

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/db"
)

const noActive = "No active account found with the given credentials"

func TestLoginBeforeActivation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		uid, token := e.register("bob", nil)
		c := e.creds["bob"]
		body := map[string]any{"username": "bob", "password": c.password}
		e.expect401(e.do("POST", "/auth/jwt/create/", "", body), map[string]any{"detail": noActive})
		e.expect(e.do("POST", "/auth/token/login/", "", body), http.StatusBadRequest,
			map[string]any{"non_field_errors": []string{"Unable to log in with provided credentials."}})
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
		e.login("bob")
		e.expect(e.do("GET", "/auth/users/me/", bearer(c), nil), http.StatusOK, map[string]any{
			"email": "bob@example.com", "first_name": "", "id": c.id, "last_name": "", "username": "bob"})
	})
}

func TestJWTCreateRefreshRotation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		before := time.Now().Add(-time.Second)
		alice := e.user("alice", nil)
		last := e.dbUser(alice.id).LastLogin
		require.NotNil(t, last, "UPDATE_LAST_LOGIN")
		require.True(t, last.After(before))

		e.expect401(e.do("POST", "/auth/jwt/create/", "", map[string]any{"username": "alice", "password": "wrong-password"}),
			map[string]any{"detail": noActive})
		e.expect(e.do("POST", "/auth/jwt/create/", "", map[string]any{"username": "alice"}),
			http.StatusBadRequest, map[string]any{"password": []string{"This field is required."}})
		e.expect(e.do("POST", "/auth/jwt/create/", "", map[string]any{"username": "", "password": nil}),
			http.StatusBadRequest, map[string]any{"username": []string{"This field may not be blank."}, "password": []string{"This field may not be null."}})
		e.expect401(e.do("POST", "/auth/jwt/create/", "", map[string]any{"username": "ghost", "password": "Whatever-123"}),
			map[string]any{"detail": noActive})
		// A bad Authorization header does not matter to simplejwt's views: they authenticate nobody.
		r := e.do("POST", "/auth/jwt/create/", "Bearer garbage", map[string]any{"username": "alice", "password": alice.password})
		require.Equal(t, http.StatusOK, r.status)
		require.Equal(t, `{"refresh"`, string(r.raw[:10]), "refresh first, as simplejwt")

		e.expect(e.do("POST", "/auth/jwt/verify/", "", map[string]any{"token": alice.access}), http.StatusOK, map[string]any{})
		e.expect401(e.do("POST", "/auth/jwt/verify/", "", map[string]any{"token": "garbage"}),
			map[string]any{"code": "token_not_valid", "detail": "Token is invalid or expired"})
		e.expect(e.do("POST", "/auth/jwt/verify/", "", map[string]any{}),
			http.StatusBadRequest, map[string]any{"token": []string{"This field is required."}})

		r = e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": alice.refresh})
		require.Equal(t, http.StatusOK, r.status, string(r.raw))
		access2, refresh2 := r.obj()["access"].(string), r.obj()["refresh"].(string)
		require.NotEqual(t, alice.refresh, refresh2)
		e.expect401(e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": alice.refresh}),
			map[string]any{"code": "token_not_valid", "detail": "Token is blacklisted"})
		require.Equal(t, http.StatusOK, e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": refresh2}).status)
		e.expect(e.do("GET", "/auth/users/me/", "Bearer "+access2, nil), http.StatusOK, map[string]any{
			"email": "alice@example.com", "first_name": "", "id": alice.id, "last_name": "", "username": "alice"})
		require.Equal(t, http.StatusOK, e.do("GET", "/auth/users/me/", "JWT "+alice.access, nil).status)
		e.expect401(e.do("GET", "/auth/users/me/", "Bearer "+alice.refresh, nil), map[string]any{
			"code": "token_not_valid", "detail": "Given token not valid for any token type",
			"messages": []any{map[string]any{"message": "Token has wrong type", "token_class": "AccessToken", "token_type": "access"}}})
	})
}

func TestJWTBlacklist(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		alice := e.user("alice", nil)
		e.expect(e.do("POST", "/auth/jwt/blacklist/", "", map[string]any{"refresh": alice.refresh}), http.StatusOK, map[string]any{})
		e.expect401(e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": alice.refresh}),
			map[string]any{"code": "token_not_valid", "detail": "Token is blacklisted"})
		e.expect(e.do("POST", "/auth/jwt/blacklist/", "", map[string]any{}),
			http.StatusBadRequest, map[string]any{"refresh": []string{"This field is required."}})
		require.Equal(t, http.StatusOK, e.do("GET", "/auth/users/me/", bearer(alice), nil).status, "access tokens live on")
		e.expect(e.do("POST", "/auth/jwt/verify/", "", map[string]any{"token": alice.refresh}),
			http.StatusBadRequest, map[string]any{"non_field_errors": []string{"Token is blacklisted"}})
		e.login("alice")
		require.Equal(t, http.StatusOK, e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": alice.refresh}).status)
	})
}

// TestJWTBlacklistWhereMounted: TokenBlacklistView is served only at the path the app
// mounts it at, anywhere, as a urls.py places it; without one it is a 404 like any path
// no route serves, as djoser's URLs do not include it.
func TestJWTBlacklistWhereMounted(t *testing.T) {
	for _, path := range []string{"", "/auth/jwt/blacklist/", "/api/logout/", "/logout"} {
		t.Run(cmp.Or(path, "none"), func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
				e := newEnv(t, dialect, options{settings: func(s *accounts.Settings) { s.JWTBlacklistPath = path }})
				alice := e.user("alice", nil)
				for _, p := range []string{"/auth/jwt/blacklist/", "/api/logout/", "/logout"} {
					if p == path {
						continue
					}
					require.Equal(t, http.StatusNotFound, e.do("POST", p, "", map[string]any{"refresh": alice.refresh}).status,
						"no route: Django's 404 page")
				}
				require.NotContains(t, e.acc.Routes(), "jwt/blacklist/")
				if path == "" {
					require.Equal(t, http.StatusOK, e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": alice.refresh}).status)
					return
				}
				require.Contains(t, e.acc.Routes(), path)
				e.expect(e.do("POST", path, "", map[string]any{"refresh": alice.refresh}), http.StatusOK, map[string]any{})
				e.expect401(e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": alice.refresh}),
					map[string]any{"code": "token_not_valid", "detail": "Token is blacklisted"})
				r := e.do("GET", path, "", nil)
				e.expect(r, http.StatusMethodNotAllowed, map[string]any{"detail": `Method "GET" not allowed.`})
				require.Equal(t, "POST, OPTIONS", r.header.Get("Allow"))
				if strings.HasSuffix(path, "/") {
					// Django's APPEND_SLASH, and nothing below it (an exact URL pattern).
					r = e.do("POST", strings.TrimSuffix(path, "/"), "", nil)
					require.Equal(t, http.StatusMovedPermanently, r.status)
					require.Equal(t, path, r.header.Get("Location"))
					require.Equal(t, http.StatusNotFound, e.do("POST", path+"x/", "", nil).status)
				}
			})
		})
	}
	_, err := accounts.New(accounts.Settings{JWTBlacklistPath: "jwt/blacklist/"}, accounts.Deps{})
	require.ErrorContains(t, err, `JWTBlacklistPath "jwt/blacklist/": want an absolute path`)
}

func TestTokenLoginLogout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		carol := e.user("carol", nil)
		invalid := map[string]any{"non_field_errors": []string{"Unable to log in with provided credentials."}}
		e.expect(e.do("POST", "/auth/token/login/", "", map[string]any{"username": "carol", "password": "nope-nope-nope"}), http.StatusBadRequest, invalid)
		e.expect(e.do("POST", "/auth/token/login/", "", map[string]any{"username": "carol"}), http.StatusBadRequest, invalid)
		e.expect(e.do("POST", "/auth/token/login/", "", map[string]any{}), http.StatusBadRequest, invalid)
		e.expect(e.do("POST", "/auth/token/login/", "", map[string]any{"username": "carol", "password": ""}),
			http.StatusBadRequest, map[string]any{"password": []string{"This field may not be blank."}})

		r := e.do("POST", "/auth/token/login/", "", map[string]any{"username": "carol", "password": carol.password})
		require.Equal(t, http.StatusOK, r.status)
		key := r.obj()["auth_token"].(string)
		require.Regexp(t, `^[0-9a-f]{40}$`, key)
		e.expect(e.do("GET", "/auth/users/me/", "Token "+key, nil), http.StatusOK, map[string]any{
			"email": "carol@example.com", "first_name": "", "id": carol.id, "last_name": "", "username": "carol"})
		r = e.do("POST", "/auth/token/login/", "", map[string]any{"username": "carol", "password": carol.password})
		require.Equal(t, key, r.obj()["auth_token"], "get_or_create: the same key")

		e.expect(e.do("POST", "/auth/token/logout/", "Token "+key, nil), http.StatusNoContent, nil)
		e.expect401(e.do("GET", "/auth/users/me/", "Token "+key, nil), map[string]any{"detail": "Invalid token."})
		e.expect401(e.do("POST", "/auth/token/logout/", "", nil), map[string]any{"detail": "Authentication credentials were not provided."})
		// Logout by JWT removes the opaque token too.
		key = e.do("POST", "/auth/token/login/", "", map[string]any{"username": "carol", "password": carol.password}).obj()["auth_token"].(string)
		e.expect(e.do("POST", "/auth/token/logout/", bearer(carol), nil), http.StatusNoContent, nil)
		e.expect401(e.do("GET", "/auth/users/me/", "Token "+key, nil), map[string]any{"detail": "Invalid token."})
		// djoser's views authenticate even where anyone is allowed: bad credentials are 401.
		e.expect401(e.do("POST", "/auth/token/login/", "Token "+key, map[string]any{"username": "carol", "password": carol.password}),
			map[string]any{"detail": "Invalid token."})
	})
}

func TestTokenRoutesFollowTokenAuth(t *testing.T) {
	off := false
	e := newEnv(t, db.SQLite, options{tokenAuth: &off})
	require.Equal(t, http.StatusNotFound, e.do("POST", "/auth/token/login/", "", map[string]any{}).status)
	require.NotContains(t, e.acc.Routes(), "token/login/")
	require.Contains(t, e.acc.Routes(), "jwt/create/")
}

func TestLastLoginOnTokenLogin(t *testing.T) {
	e := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) { s.UpdateLastLogin = false }})
	uid, token := e.register("dan", nil)
	e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
	e.login("dan")
	c := e.creds["dan"]
	require.Nil(t, e.dbUser(c.id).LastLogin, "jwt/create without UPDATE_LAST_LOGIN")
	require.Equal(t, http.StatusOK, e.do("POST", "/auth/token/login/", "", map[string]any{"username": "dan", "password": c.password}).status)
	require.NotNil(t, e.dbUser(c.id).LastLogin, "user_logged_in always records it")
}

// TestRefreshRefusesInactiveAndDeletedUsers: a refresh token outlives neither its user's
// deactivation nor deletion (simplejwt 5.3); RefreshInactiveUsers keeps 5.2's answer.
func TestRefreshRefusesInactiveAndDeletedUsers(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		t.Run(fmt.Sprintf("legacy=%v", legacy), func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
				e := newEnv(t, dialect, options{settings: func(s *accounts.Settings) { s.RefreshInactiveUsers = legacy }})
				ctx := context.Background()
				alice, bob := e.user("alice", nil), e.user("bob", nil)
				_, err := e.store.DB().ExecContext(ctx, `UPDATE "auth_user" SET "is_active" = $1 WHERE "id" = $2`, false, alice.id)
				require.NoError(t, err)
				require.NoError(t, e.store.Delete(ctx, bob.id))
				for _, c := range []*creds{alice, bob} {
					r := e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": c.refresh})
					if legacy {
						require.Equal(t, http.StatusOK, r.status, string(r.raw))
						continue
					}
					e.expect401(r, map[string]any{"detail": "No active account found for the given credentials", "code": "no_active_account"})
				}
			})
		})
	}
}
