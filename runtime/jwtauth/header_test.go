package jwtauth_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

const bodyBadHeader = `{"code": "bad_authorization_header", "detail": "Authorization header must contain two space-delimited values"}`

func TestAuthenticateHeaderParsing(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	tok, _ := newTokens(t, d, nil) // header types Bearer and JWT
	alice := dbtest.NewUser(t, d, "alice")
	access, _, err := tok.ObtainPair(context.Background(), alice)
	require.NoError(t, err)

	ours := []string{
		"Bearer " + access,
		"JWT " + access,
		"  Bearer \t " + access + " \r\n",
	}
	for _, h := range ours {
		id, ok, err := tok.Authenticate(request(h))
		require.NoError(t, err, "%q", h)
		require.True(t, ok, "%q", h)
		require.Equal(t, alice, id.ID)
	}

	notOurs := []string{
		"",
		"   ",
		"Token " + access,
		"Basic YWxpY2U6c2VjcmV0",
		"bearer " + access,      // simplejwt compares the type case-sensitively
		"Bearer\u00a0" + access, // a no-break space is no separator for bytes.split()
	}
	for _, h := range notOurs {
		id, ok, err := tok.Authenticate(request(h))
		require.NoError(t, err, "%q", h)
		require.False(t, ok, "%q", h)
		require.Zero(t, id)
	}

	for _, h := range []string{"Bearer", "  JWT  ", "Bearer " + access + " extra", "Bearer a b c d"} {
		_, ok, err := tok.Authenticate(request(h))
		require.False(t, ok)
		require.ErrorIs(t, err, jwtauth.ErrBadHeader, "%q", h)
		requireBody(t, err, http.StatusUnauthorized, bodyBadHeader)
	}

	require.Equal(t, `Bearer realm="api"`, tok.AuthenticateHeader())
}

func TestAuthenticateCustomHeader(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	tok, _ := newTokens(t, d, func(c *jwtauth.Config) {
		c.HeaderName = "x-access-token"
		c.HeaderTypes = []string{"JWT"}
	})
	access, _, err := tok.ObtainPair(context.Background(), dbtest.NewUser(t, d, "alice"))
	require.NoError(t, err)

	r := request("JWT " + access) // in Authorization: not looked at
	_, ok, err := tok.Authenticate(r)
	require.NoError(t, err)
	require.False(t, ok)

	r = request("")
	r.Header.Set("X-Access-Token", "JWT "+access)
	_, ok, err = tok.Authenticate(r)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, `JWT realm="api"`, tok.AuthenticateHeader())
}

func TestCallerErrorBodies(t *testing.T) {
	for _, tc := range []struct {
		err      *jwtauth.Error
		sentinel error
		body     string
	}{
		{jwtauth.UserNotFound(), jwtauth.ErrUserNotFound, `{"code": "user_not_found", "detail": "User not found"}`},
		{jwtauth.UserInactive(), jwtauth.ErrUserInactive, `{"code": "user_inactive", "detail": "User is inactive"}`},
		{jwtauth.OpaqueUserInactive(), jwtauth.ErrUserInactive, `{"detail": "User inactive or deleted."}`},
		{jwtauth.NoActiveAccount(), jwtauth.ErrNoActiveAccount, `{"detail": "No active account found with the given credentials"}`},
	} {
		require.ErrorIs(t, tc.err, tc.sentinel)
		requireBody(t, tc.err, http.StatusUnauthorized, tc.body)
	}
}
