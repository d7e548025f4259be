package jwtauth_test

import (
	"context"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

// Under USER_ID_FIELD "username" the user id claim is the username, a string; the
// outstanding rows still hold the primary key, also for a token made by rotation.
func TestUserIDFieldUsernameRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		tok, _ := newTokens(t, d, func(c *jwtauth.Config) { c.UserIDField = jwtauth.UserIDFieldUsername })
		require.Equal(t, "username", tok.UserIDField())
		ctx := context.Background()
		alice := dbtest.NewUser(t, d, "alice")

		// ObtainPair reads the username; ObtainPairFor is given it.
		access, refresh, err := tok.ObtainPair(ctx, alice)
		require.NoError(t, err)
		require.Equal(t, "alice", payload(t, access)["user_id"])
		require.Equal(t, "alice", payload(t, refresh)["user_id"])
		require.Regexp(t, `^\{"token_type":"access","exp":\d+,"iat":\d+,"jti":"[0-9a-f]{32}","user_id":"alice"\}$`, decodeSegment(t, access, 1))
		access, refresh, err = tok.ObtainPairFor(ctx, alice, "alice", jwtauth.Credentials{})
		require.NoError(t, err)

		key, ok, err := tok.Authenticate(request("Bearer " + access))
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, jwtauth.UserKey{Field: "username", Value: "alice"}, key)

		newAccess, rotated, err := tok.Refresh(ctx, refresh)
		require.NoError(t, err)
		require.Equal(t, "alice", payload(t, newAccess)["user_id"])
		var owner *int64
		require.NoError(t, d.QueryRowContext(ctx, `SELECT user_id FROM token_blacklist_outstandingtoken WHERE token = $1`, rotated).Scan(&owner))
		require.NotNil(t, owner, "the rotated token's row names its user by primary key")
		require.Equal(t, alice, *owner)
		require.Equal(t, 3, count(t, d, "token_blacklist_outstandingtoken"))

		// A user renamed since: the rotated token's row has no user, as for a deleted one.
		_, err = d.ExecContext(ctx, `UPDATE auth_user SET username = $1 WHERE id = $2`, "alicia", alice)
		require.NoError(t, err)
		_, again, err := tok.Refresh(ctx, rotated)
		require.NoError(t, err)
		require.NoError(t, d.QueryRowContext(ctx, `SELECT user_id FROM token_blacklist_outstandingtoken WHERE token = $1`, again).Scan(&owner))
		require.Nil(t, owner)

		// ObtainPair of a missing user fails before issuing anything.
		_, _, err = tok.ObtainPair(ctx, 999)
		require.Error(t, err)
	})
}

func TestUserIDFieldEmailClaim(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		tok, clk := newTokens(t, d, func(c *jwtauth.Config) { c.UserIDField = jwtauth.UserIDFieldEmail })
		alice := dbtest.NewUser(t, d, "alice")
		access, _, err := tok.ObtainPair(context.Background(), alice)
		require.NoError(t, err)
		require.Equal(t, "alice@example.com", payload(t, access)["user_id"])

		// A numeric claim is looked up as its digits, as Django's string field would.
		key, ok, err := tok.Authenticate(request("Bearer " + forge(t, jwt.SigningMethodHS256, hsKey, accessClaims(clk.Now(), 42))))
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, jwtauth.UserKey{Field: "email", Value: "42"}, key)
		// A claim no field value can equal names no user.
		_, ok, err = tok.Authenticate(request("Bearer " + forge(t, jwt.SigningMethodHS256, hsKey, accessClaims(clk.Now(), []any{"x"}))))
		require.False(t, ok)
		requireBody(t, err, 401, `{"code": "user_not_found", "detail": "User not found"}`)
	})
}

func TestObtainPairForChecksTheClaim(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	ctx := context.Background()
	alice := dbtest.NewUser(t, d, "alice")
	byID, _ := newTokens(t, d, nil)
	_, _, err := byID.ObtainPairFor(ctx, alice, alice+1, jwtauth.Credentials{})
	require.ErrorIs(t, err, jwtauth.ErrConfig, "under id the claim is the user's own id")
	_, _, err = byID.ObtainPairFor(ctx, alice, "alice", jwtauth.Credentials{})
	require.ErrorIs(t, err, jwtauth.ErrConfig)
	access, _, err := byID.ObtainPairFor(ctx, alice, alice, jwtauth.Credentials{})
	require.NoError(t, err)
	require.Equal(t, alice, claimInt(t, payload(t, access), "user_id"))

	byName, _ := newTokens(t, d, func(c *jwtauth.Config) { c.UserIDField = "username" })
	_, _, err = byName.ObtainPairFor(ctx, alice, alice, jwtauth.Credentials{})
	require.ErrorIs(t, err, jwtauth.ErrConfig, "under username the claim is a string")
	_, _, err = byName.ObtainPairFor(ctx, alice, "", jwtauth.Credentials{})
	require.ErrorIs(t, err, jwtauth.ErrConfig)
	require.Equal(t, 1, count(t, d, "token_blacklist_outstandingtoken"))

	_, err = jwtauth.New(jwtauth.Config{SigningKey: hsKey, UserIDField: "pk"}, d)
	require.ErrorIs(t, err, jwtauth.ErrConfig)
}
