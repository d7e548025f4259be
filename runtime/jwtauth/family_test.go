package jwtauth_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

func TestRefreshReuseRevokesTheFamily(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.OpenAuth(t, dialect)
		id := dbtest.NewUser(t, d, "alice")
		var logs bytes.Buffer
		tok, c := newTokens(t, d, func(c *jwtauth.Config) {
			c.ReuseDetection = true
			c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
		})

		for _, thiefFirst := range []bool{false, true} {
			_, stolen, err := tok.ObtainPair(ctx, id)
			require.NoError(t, err)
			jti := payload(t, stolen)["jti"].(string)
			require.Len(t, jti, 48, "the family's id, then the token's own")
			_, other, err := tok.ObtainPair(ctx, id) // another log-in: another family
			require.NoError(t, err)
			require.NotEqual(t, jti[:16], payload(t, other)["jti"].(string)[:16])

			// One party rotates the token; its successor stays in the family.
			c.Add(time.Second)
			_, next, err := tok.Refresh(ctx, stolen)
			require.NoError(t, err)
			require.Equal(t, jti[:16], payload(t, next)["jti"].(string)[:16])
			if thiefFirst {
				// The thief rotated first; the real user's refresh is the reuse.
				c.Add(time.Second)
				_, next, err = tok.Refresh(ctx, next)
				require.NoError(t, err)
			}

			// The other presents the rotated token: refused as before, and the family is
			// revoked, the token the first party received included.
			logs.Reset()
			_, _, err = tok.Refresh(ctx, stolen)
			requireBody(t, err, 401, `{"detail": "Token is blacklisted", "code": "token_not_valid"}`)
			_, _, err = tok.Refresh(ctx, next)
			require.ErrorIs(t, err, jwtauth.ErrBlacklisted, "the successor is revoked (thief first: %v)", thiefFirst)
			require.ErrorIs(t, tok.Verify(ctx, next), jwtauth.ErrBlacklisted)
			require.Contains(t, logs.String(), "level=WARN msg=\"jwtauth: refresh token reuse: family revoked\" family="+jti[:16])
			require.Contains(t, logs.String(), "user=")

			_, _, err = tok.Refresh(ctx, other)
			require.NoError(t, err, "another log-in's family is untouched")
		}
	})
}

func TestReuseDetectionOff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.OpenAuth(t, dialect)
		id := dbtest.NewUser(t, d, "bob")
		tok, c := newTokens(t, d, nil)
		_, first, err := tok.ObtainPair(ctx, id)
		require.NoError(t, err)
		require.Len(t, payload(t, first)["jti"], 32, "simplejwt's uuid4 hex")
		c.Add(time.Second)
		_, next, err := tok.Refresh(ctx, first)
		require.NoError(t, err)
		_, _, err = tok.Refresh(ctx, first)
		require.ErrorIs(t, err, jwtauth.ErrBlacklisted)
		_, _, err = tok.Refresh(ctx, next)
		require.NoError(t, err, "simplejwt's answer: the successor still works")

		_, err = jwtauth.New(jwtauth.Config{SigningKey: hsKey, ReuseDetection: true}, d)
		require.ErrorIs(t, err, jwtauth.ErrConfig, "reuse detection needs rotation and the blacklist")
	})
}
