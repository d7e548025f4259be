package jwtauth_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

func TestCredentialStamp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.OpenAuth(t, dialect)
		id := dbtest.NewUser(t, d, "alice")
		tok, c := newTokens(t, d, func(c *jwtauth.Config) { c.CredentialKey = []byte("credential key") })
		access, refresh, err := tok.ObtainPair(ctx, id)
		require.NoError(t, err)
		stamp, _ := payload(t, access)[jwtauth.StampClaim].(string)
		require.Len(t, stamp, 22, "128 bits, base64url")
		require.Equal(t, stamp, payload(t, refresh)[jwtauth.StampClaim])

		key, ok, err := tok.Authenticate(request("Bearer " + access))
		require.NoError(t, err)
		require.True(t, ok)
		row := jwtauth.Credentials{Password: "!", Username: "alice", Email: "alice@example.com"}
		require.NoError(t, tok.CheckStamp(key, row))
		for name, changed := range map[string]jwtauth.Credentials{
			"password": {Password: "pbkdf2_sha256$1$x$y", Username: "alice", Email: "alice@example.com"},
			"username": {Password: "!", Username: "alicia", Email: "alice@example.com"},
			"email":    {Password: "!", Username: "alice", Email: "a@example.com"},
			// Length prefixes: moving characters between fields changes the stamp too.
			"shifted": {Password: "!a", Username: "lice", Email: "alice@example.com"},
		} {
			require.ErrorIs(t, tok.CheckStamp(key, changed), jwtauth.ErrRevoked, name)
		}

		// A token of the same user signed without a stamp, or stamped under another key.
		plain, _ := newTokens(t, d, nil)
		unstamped, _, err := plain.ObtainPair(ctx, id)
		require.NoError(t, err)
		key, _, err = tok.Authenticate(request("Bearer " + unstamped))
		require.NoError(t, err)
		require.ErrorIs(t, tok.CheckStamp(key, row), jwtauth.ErrRevoked)
		other, _ := newTokens(t, d, func(c *jwtauth.Config) { c.CredentialKey = []byte("another key") })
		foreign, _, err := other.ObtainPair(ctx, id)
		require.NoError(t, err)
		key, _, err = tok.Authenticate(request("Bearer " + foreign))
		require.NoError(t, err)
		require.ErrorIs(t, tok.CheckStamp(key, row), jwtauth.ErrRevoked)

		// Refresh reads the row: a changed password refuses it.
		_, err = d.ExecContext(ctx, `UPDATE auth_user SET password = 'pbkdf2_sha256$1$x$y' WHERE id = $1`, id)
		require.NoError(t, err)
		c.Add(1)
		_, _, err = tok.Refresh(ctx, refresh)
		require.ErrorIs(t, err, jwtauth.ErrRevoked)
		require.ErrorIs(t, tok.Verify(ctx, refresh), jwtauth.ErrRevoked)

		_, err = jwtauth.New(jwtauth.Config{SigningKey: hsKey, CredentialKey: []byte("k"), UserIDClaim: jwtauth.StampClaim}, d)
		require.ErrorIs(t, err, jwtauth.ErrConfig, "the stamp's claim is taken")
	})
}

// With log-in by e-mail the username is a display name: renaming keeps the tokens, a new
// password or e-mail address still revokes them.
func TestCredentialStampWithoutUsername(t *testing.T) {
	ctx := context.Background()
	d := dbtest.OpenAuth(t, db.SQLite)
	id := dbtest.NewUser(t, d, "alice")
	tok, _ := newTokens(t, d, func(c *jwtauth.Config) {
		c.CredentialKey = []byte("credential key")
		c.UsernameNotCredential = true
	})
	access, _, err := tok.ObtainPair(ctx, id)
	require.NoError(t, err)
	key, ok, err := tok.Authenticate(request("Bearer " + access))
	require.NoError(t, err)
	require.True(t, ok)
	require.NoError(t, tok.CheckStamp(key, jwtauth.Credentials{Password: "!", Username: "alicia", Email: "alice@example.com"}))
	require.ErrorIs(t, tok.CheckStamp(key, jwtauth.Credentials{Password: "!", Username: "alice", Email: "a@example.com"}), jwtauth.ErrRevoked)
	require.ErrorIs(t, tok.CheckStamp(key, jwtauth.Credentials{Password: "x", Username: "alice", Email: "alice@example.com"}), jwtauth.ErrRevoked)
}
