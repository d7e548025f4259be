package accounts_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// Under USER_ID_FIELD username, jwt/create puts the username in the user id claim, and
// the token authenticates users/me/ by it; refresh keeps it.
func TestJWTUserIDFieldUsername(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{userIDField: "username"})
		alice := e.user("alice", nil)
		require.Equal(t, "alice", userIDClaim(t, alice.access))
		require.Equal(t, "alice", userIDClaim(t, alice.refresh))

		r := e.do("GET", "/auth/users/me/", "Bearer "+alice.access, nil)
		require.Equal(t, http.StatusOK, r.status, string(r.raw))
		require.Equal(t, "alice", r.obj()["username"])

		r = e.do("POST", "/auth/jwt/refresh/", "", map[string]any{"refresh": alice.refresh})
		require.Equal(t, http.StatusOK, r.status, string(r.raw))
		require.Equal(t, "alice", userIDClaim(t, r.obj()["access"].(string)))
	})
}

func userIDClaim(t *testing.T, token string) any {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[1])
	require.NoError(t, err)
	var c map[string]any
	require.NoError(t, json.Unmarshal(raw, &c))
	return c["user_id"]
}
