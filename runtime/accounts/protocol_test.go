package accounts_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

func TestProtocolErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		alice := e.user("alice", nil)

		r := e.do("POST", "/auth/users/", "", `{"username": "x", `)
		require.Equal(t, http.StatusBadRequest, r.status)
		require.True(t, strings.HasPrefix(r.obj()["detail"].(string), "JSON parse error - "), string(r.raw))
		r = e.do("POST", "/auth/jwt/create/", "", "{not json}")
		require.Equal(t, http.StatusBadRequest, r.status)
		require.True(t, strings.HasPrefix(r.obj()["detail"].(string), "JSON parse error - "))

		r = e.do("PUT", "/auth/jwt/create/", "", map[string]any{"username": "root"})
		e.expect(r, http.StatusMethodNotAllowed, map[string]any{"detail": `Method "PUT" not allowed.`})
		require.Equal(t, "POST, OPTIONS", r.header.Get("Allow"))

		// Authentication and permissions come before the method, as in DRF.
		e.expect401(e.do("GET", "/auth/users/activation/", "", nil), notAuthenticated)
		r = e.do("GET", "/auth/users/activation/", bearer(alice), nil)
		e.expect(r, http.StatusMethodNotAllowed, map[string]any{"detail": `Method "GET" not allowed.`})
		require.Equal(t, "POST, OPTIONS", r.header.Get("Allow"))
		e.expect401(e.do("POST", "/auth/users/me/", "", nil), notAuthenticated)
		r = e.do("POST", "/auth/users/me/", bearer(alice), nil)
		e.expect(r, http.StatusMethodNotAllowed, map[string]any{"detail": `Method "POST" not allowed.`})
		require.Equal(t, "GET, PUT, PATCH, DELETE, HEAD, OPTIONS", r.header.Get("Allow"))
		r = e.do("DELETE", "/auth/users/", bearer(alice), nil)
		e.expect(r, http.StatusMethodNotAllowed, map[string]any{"detail": `Method "DELETE" not allowed.`})
		require.Equal(t, "GET, POST, HEAD, OPTIONS", r.header.Get("Allow"))
		r = e.do("GET", "/auth/token/login/", "", nil)
		e.expect(r, http.StatusMethodNotAllowed, map[string]any{"detail": `Method "GET" not allowed.`}, "token_create allows anyone")
		e.expect401(e.do("GET", "/auth/token/logout/", "", nil), notAuthenticated)
		// Malformed JSON is read after the permission check.
		e.expect401(e.do("POST", "/auth/users/set_password/", "", "{oops"), notAuthenticated)

		// djoser's me fails on HEAD and OPTIONS (a server error in the reference): 405 here,
		// after the permission checks.
		for _, m := range []string{"HEAD", "OPTIONS"} {
			r = e.do(m, "/auth/users/me/", bearer(alice), nil)
			require.Equal(t, http.StatusMethodNotAllowed, r.status, m)
			require.Equal(t, "GET, PUT, PATCH, DELETE, HEAD, OPTIONS", r.header.Get("Allow"))
			require.Equal(t, http.StatusUnauthorized, e.do(m, "/auth/users/me/", "", nil).status, m)
		}
		r = e.do("HEAD", "/auth/users/"+itoa(alice.id)+"/", bearer(alice), nil)
		require.Equal(t, http.StatusOK, r.status)
		require.Empty(t, r.raw)
		r = e.do("OPTIONS", "/auth/jwt/create/", "", nil)
		require.Equal(t, http.StatusOK, r.status)
		require.Equal(t, "Token Obtain Pair", r.obj()["name"])
		e.expect401(e.do("OPTIONS", "/auth/users/", "", nil), notAuthenticated)

		// Without the final slash: redirected, as Django's APPEND_SLASH.
		r = e.do("GET", "/auth/users/me?x=1", bearer(alice), nil)
		require.Equal(t, http.StatusMovedPermanently, r.status)
		require.Equal(t, "/auth/users/me/?x=1", r.header.Get("Location"))
		r = e.do("POST", "/auth/users/activation", "", map[string]any{})
		require.Equal(t, http.StatusMovedPermanently, r.status)
		require.Equal(t, "/auth/users/activation/", r.header.Get("Location"))
		r = e.do("GET", "/auth/users/12", "", nil)
		require.Equal(t, http.StatusMovedPermanently, r.status)
		require.Equal(t, "/auth/users/12/", r.header.Get("Location"))
		require.Equal(t, http.StatusNotFound, e.do("GET", "/auth/users/me/extra/", bearer(alice), nil).status)

		r = e.do("POST", "/auth/users/", "", `{"username": "big", "password": "`+strings.Repeat("x", 3<<20)+`"}`)
		require.Equal(t, http.StatusRequestEntityTooLarge, r.status)
		r = e.do("POST", "/auth/jwt/create/", "", "")
		e.expect(r, http.StatusBadRequest, map[string]any{"username": []string{"This field is required."}, "password": []string{"This field is required."}})
	})
}
