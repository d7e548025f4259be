package jwtauth_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

const bodyInvalidToken = `{"detail": "Invalid token."}`

func TestOpaqueTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		o := jwtauth.NewOpaque(d)
		ctx := context.Background()
		carol, dave := dbtest.NewUser(t, d, "carol"), dbtest.NewUser(t, d, "dave")

		key, err := o.GetOrCreate(ctx, carol)
		require.NoError(t, err)
		require.Regexp(t, `^[0-9a-f]{40}$`, key)
		again, err := o.GetOrCreate(ctx, carol) // "token login again"
		require.NoError(t, err)
		require.Equal(t, key, again)
		daves, err := o.GetOrCreate(ctx, dave)
		require.NoError(t, err)
		require.NotEqual(t, key, daves)

		id, err := o.Lookup(ctx, key)
		require.NoError(t, err)
		require.Equal(t, carol, id)

		for _, bad := range []string{
			"", strings.ToUpper(key), key[:39], key + "0", key + strings.Repeat("0", 100),
			strings.Repeat("0", 40), "abc\x00def", "\xff\xfe",
		} {
			_, err := o.Lookup(ctx, bad)
			require.ErrorIs(t, err, jwtauth.ErrInvalid, "%q", bad)
			requireBody(t, err, http.StatusUnauthorized, bodyInvalidToken)
		}

		// "token logout", then "me with the logged-out token".
		require.NoError(t, o.Delete(ctx, carol))
		_, err = o.Lookup(ctx, key)
		requireBody(t, err, http.StatusUnauthorized, bodyInvalidToken)
		require.NoError(t, o.Delete(ctx, carol), "nothing to delete is fine")
		_, err = o.Lookup(ctx, daves)
		require.NoError(t, err, "only carol's key went")

		fresh, err := o.GetOrCreate(ctx, carol)
		require.NoError(t, err)
		require.NotEqual(t, key, fresh)

		_, err = o.GetOrCreate(ctx, 999)
		require.True(t, db.IsForeignKeyViolation(err), "got %v", err)
	})
}

func TestOpaqueConcurrentGetOrCreate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		o := jwtauth.NewOpaque(d)
		erin := dbtest.NewUser(t, d, "erin")
		const racers = 8
		keys := make([]string, racers)
		errs := make([]error, racers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range racers {
			wg.Go(func() { <-start; keys[i], errs[i] = o.GetOrCreate(context.Background(), erin) })
		}
		close(start)
		wg.Wait()
		for i := range racers {
			require.NoError(t, errs[i])
			require.Equal(t, keys[0], keys[i])
		}
		require.Equal(t, 1, count(t, d, "authtoken_token"))
	})
}

func TestOpaqueAuthenticate(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	o := jwtauth.NewOpaque(d)
	carol := dbtest.NewUser(t, d, "carol")
	key, err := o.GetOrCreate(context.Background(), carol)
	require.NoError(t, err)

	for _, h := range []string{"Token " + key, "token " + key, "TOKEN\t" + key + " "} {
		id, ok, err := o.Authenticate(request(h))
		require.NoError(t, err, "%q", h)
		require.True(t, ok)
		require.Equal(t, carol, id)
	}
	for _, h := range []string{"", "Bearer " + key, "Tokens " + key, "\u212aoken " + key /* Kelvin sign */} {
		_, ok, err := o.Authenticate(request(h))
		require.NoError(t, err, "%q", h)
		require.False(t, ok, "%q", h)
	}
	for h, body := range map[string]string{
		"Token":                            `{"detail": "Invalid token header. No credentials provided."}`,
		"Token " + key + " " + key:         `{"detail": "Invalid token header. Token string should not contain spaces."}`,
		"Token \xff" + key[1:]:             `{"detail": "Invalid token header. Token string should not contain invalid characters."}`,
		"Token " + strings.Repeat("f", 40): bodyInvalidToken,
	} {
		_, ok, err := o.Authenticate(request(h))
		require.False(t, ok)
		require.Error(t, err, "%q", h)
		requireBody(t, err, http.StatusUnauthorized, body)
	}
	require.Equal(t, "Token", o.AuthenticateHeader())
}
