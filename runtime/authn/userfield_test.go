package authn_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

// Under USER_ID_FIELD username or email the user is loaded by that field's value in the
// token, not by primary key.
func TestUserIDFieldLoadsByField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		f := newFixture(t, dialect, false)
		ctx := context.Background()
		f.alice.Email = "alice@example.com"
		require.NoError(t, f.store.Update(ctx, f.alice, "email"))
		bob := f.user(t, "bob", true)

		for _, field := range []string{jwtauth.UserIDFieldUsername, jwtauth.UserIDFieldEmail} {
			cfg := jwtConfig(nil)
			cfg.UserIDField = field
			tokens, err := jwtauth.New(cfg, f.store.DB())
			require.NoError(t, err)
			f.auth.Tokens = tokens

			access, _, err := tokens.ObtainPair(ctx, f.alice.ID)
			require.NoError(t, err)
			require.IsType(t, "", claimsOf(t, access)["user_id"], field)
			status, _, body := f.call(t, "Bearer "+access)
			require.Equal(t, http.StatusOK, status, field)
			require.EqualValues(t, f.alice.ID, body["id"], field)
			require.Equal(t, "alice", body["username"], field)

			// A claim naming bob's primary key is no username or address: nobody.
			now := time.Now()
			claims := jwt.MapClaims{"token_type": "access", "exp": now.Add(time.Minute).Unix(), "iat": now.Unix(),
				"jti": "0123456789abcdef0123456789abcdef", "user_id": bob.ID}
			for _, claim := range []any{bob.ID, "mallory", "mallory@example.com"} {
				claims["user_id"] = claim
				status, www, body := f.call(t, "Bearer "+forge(t, claims, secret))
				require.Equal(t, http.StatusUnauthorized, status, "%s %v", field, claim)
				require.Equal(t, `Bearer realm="api"`, www)
				require.Equal(t, map[string]any{"detail": "User not found", "code": "user_not_found"}, body, "%s %v", field, claim)
			}
		}
		// bob's name loads bob.
		claims := jwt.MapClaims{"token_type": "access", "exp": time.Now().Add(time.Minute).Unix(),
			"jti": "0123456789abcdef0123456789abcdef", "user_id": "bob"}
		cfg := jwtConfig(nil)
		cfg.UserIDField = jwtauth.UserIDFieldUsername
		tokens, err := jwtauth.New(cfg, f.store.DB())
		require.NoError(t, err)
		f.auth.Tokens = tokens
		status, _, body := f.call(t, "Bearer "+forge(t, claims, secret))
		require.Equal(t, http.StatusOK, status)
		require.EqualValues(t, bob.ID, body["id"])
	})
}
