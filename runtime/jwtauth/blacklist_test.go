package jwtauth_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

// The reference app's jwt.blacklist_logout scenario.
func TestBlacklistLogout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		tok, _ := newTokens(t, d, nil)
		ctx := context.Background()
		alice := dbtest.NewUser(t, d, "alice")
		access, refresh, err := tok.ObtainPair(ctx, alice)
		require.NoError(t, err)

		require.NoError(t, tok.Blacklist(ctx, refresh))

		_, _, err = tok.Refresh(ctx, refresh)
		require.ErrorIs(t, err, jwtauth.ErrBlacklisted)
		requireBody(t, err, http.StatusUnauthorized, bodyBlacklisted)

		err = tok.Verify(ctx, refresh)
		require.ErrorIs(t, err, jwtauth.ErrBlacklisted)
		requireBody(t, err, http.StatusBadRequest, `{"non_field_errors": ["Token is blacklisted"]}`)

		err = tok.Blacklist(ctx, refresh)
		require.ErrorIs(t, err, jwtauth.ErrBlacklisted)
		requireBody(t, err, http.StatusUnauthorized, bodyBlacklisted)

		// The access token lives on until it expires, as in simplejwt.
		require.NoError(t, tok.Verify(ctx, access))
		_, ok, err := tok.Authenticate(request("Bearer " + access))
		require.NoError(t, err)
		require.True(t, ok)

		// A new session is unaffected.
		_, refresh2, err := tok.ObtainPair(ctx, alice)
		require.NoError(t, err)
		_, next, err := tok.Refresh(ctx, refresh2)
		require.NoError(t, err)
		require.NotEmpty(t, next)
		require.Equal(t, 2, count(t, d, "token_blacklist_blacklistedtoken")) // logout + rotation
	})
}

func TestRotationModes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		ctx := context.Background()
		alice := dbtest.NewUser(t, d, "alice")

		t.Run("rotate and blacklist", func(t *testing.T) {
			tok, _ := newTokens(t, d, nil)
			_, r1, err := tok.ObtainPair(ctx, alice)
			require.NoError(t, err)
			_, r2, err := tok.Refresh(ctx, r1)
			require.NoError(t, err)
			require.NotEmpty(t, r2)
			_, _, err = tok.Refresh(ctx, r1) // "reuse of the rotated refresh token"
			requireBody(t, err, http.StatusUnauthorized, bodyBlacklisted)
			_, r3, err := tok.Refresh(ctx, r2) // "refresh with the new one"
			require.NoError(t, err)
			require.NotEmpty(t, r3)

			// The rotated token is outstanding, owned by the user.
			var owner int64
			require.NoError(t, d.QueryRowContext(ctx, `SELECT user_id FROM token_blacklist_outstandingtoken WHERE token = $1`, r2).Scan(&owner))
			require.Equal(t, alice, owner)
		})

		t.Run("no rotation", func(t *testing.T) {
			tok, _ := newTokens(t, d, func(c *jwtauth.Config) { c.RotateRefreshTokens, c.BlacklistAfterRotation = false, false })
			_, r1, err := tok.ObtainPair(ctx, alice)
			require.NoError(t, err)
			before := count(t, d, "token_blacklist_outstandingtoken")
			for range 2 {
				access, next, err := tok.Refresh(ctx, r1)
				require.NoError(t, err)
				require.Empty(t, next)
				require.Equal(t, "access", payload(t, access)["token_type"])
			}
			require.Equal(t, before, count(t, d, "token_blacklist_outstandingtoken"))
			// A logout still ends it.
			require.NoError(t, tok.Blacklist(ctx, r1))
			_, _, err = tok.Refresh(ctx, r1)
			require.ErrorIs(t, err, jwtauth.ErrBlacklisted)
		})

		t.Run("rotation without blacklisting", func(t *testing.T) {
			tok, _ := newTokens(t, d, func(c *jwtauth.Config) { c.BlacklistAfterRotation = false })
			_, r1, err := tok.ObtainPair(ctx, alice)
			require.NoError(t, err)
			blacklisted := count(t, d, "token_blacklist_blacklistedtoken")
			_, r2, err := tok.Refresh(ctx, r1)
			require.NoError(t, err)
			_, r3, err := tok.Refresh(ctx, r1) // the old one still works
			require.NoError(t, err)
			require.NotEqual(t, r2, r3)
			require.Equal(t, blacklisted, count(t, d, "token_blacklist_blacklistedtoken"))
			require.NoError(t, tok.Blacklist(ctx, r1))
			_, _, err = tok.Refresh(ctx, r1)
			require.ErrorIs(t, err, jwtauth.ErrBlacklisted)
		})
	})
}

func TestRefreshOfDeletedUser(t *testing.T) {
	// simplejwt 5.2 does not look at the user on refresh; the rotated token is recorded
	// without one (the foreign key would fail otherwise).
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		tok, _ := newTokens(t, d, nil)
		ctx := context.Background()
		bob := dbtest.NewUser(t, d, "bob")
		_, refresh, err := tok.ObtainPair(ctx, bob)
		require.NoError(t, err)
		// Deleted as Django's Collector deletes it (the schema's foreign keys have no ON
		// DELETE, as Django's): the outstanding tokens' user is set null first.
		_, err = d.ExecContext(ctx, `UPDATE token_blacklist_outstandingtoken SET user_id = NULL WHERE user_id = $1`, bob)
		require.NoError(t, err)
		_, err = d.ExecContext(ctx, `DELETE FROM auth_user WHERE id = $1`, bob)
		require.NoError(t, err)
		access, next, err := tok.Refresh(ctx, refresh)
		require.NoError(t, err)
		var owner *int64
		require.NoError(t, d.QueryRowContext(ctx, `SELECT user_id FROM token_blacklist_outstandingtoken WHERE token = $1`, next).Scan(&owner))
		require.Nil(t, owner)
		// Authentication hands the id over; the caller finds no user.
		id, ok, err := tok.Authenticate(request("Bearer " + access))
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, bob, id.ID)
	})
}

// Two clients refreshing with one refresh token at the same time: exactly one gets the new
// pair, whatever the interleaving, because the blacklist row is unique per token.
func TestConcurrentRefreshOneWins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		tok, _ := newTokens(t, d, nil)
		ctx := context.Background()
		alice := dbtest.NewUser(t, d, "alice")
		const rounds, racers = 5, 8
		for round := range rounds {
			_, refresh, err := tok.ObtainPair(ctx, alice)
			require.NoError(t, err)
			if round%2 == 1 {
				// Also race on a token never recorded as outstanding (issued before the
				// blacklist existed): both the outstanding and the blacklist insert race.
				_, err := d.ExecContext(ctx, `DELETE FROM token_blacklist_outstandingtoken WHERE token = $1`, refresh)
				require.NoError(t, err)
			}
			var wg sync.WaitGroup
			start := make(chan struct{})
			errs := make([]error, racers)
			news := make([]string, racers)
			for i := range racers {
				wg.Go(func() {
					<-start
					_, news[i], errs[i] = tok.Refresh(ctx, refresh)
				})
			}
			close(start)
			wg.Wait()

			wins := 0
			for i, err := range errs {
				if err == nil {
					wins++
					_, _, err := tok.Refresh(ctx, news[i])
					require.NoError(t, err, "the winner's refresh token works")
					continue
				}
				require.True(t, errors.Is(err, jwtauth.ErrBlacklisted), "round %d racer %d: %v", round, i, err)
				requireBody(t, err, http.StatusUnauthorized, bodyBlacklisted)
			}
			require.Equal(t, 1, wins, "round %d", round)
		}
		// Per round: the raced token and the winner's token blacklisted.
		require.Equal(t, 2*rounds, count(t, d, "token_blacklist_blacklistedtoken"))
	})
}

func TestConcurrentBlacklistOneWins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		tok, _ := newTokens(t, d, nil)
		ctx := context.Background()
		_, refresh, err := tok.ObtainPair(ctx, dbtest.NewUser(t, d, "alice"))
		require.NoError(t, err)
		const racers = 6
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, racers)
		for i := range racers {
			wg.Go(func() { <-start; errs[i] = tok.Blacklist(ctx, refresh) })
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				require.ErrorIs(t, err, jwtauth.ErrBlacklisted)
			}
		}
		require.Equal(t, 1, ok)
		require.Equal(t, 1, count(t, d, "token_blacklist_blacklistedtoken"))
	})
}

func TestFlushExpired(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		tok, clk := newTokens(t, d, nil)
		ctx := context.Background()
		alice := dbtest.NewUser(t, d, "alice")

		_, old, err := tok.ObtainPair(ctx, alice)
		require.NoError(t, err)
		require.NoError(t, tok.Blacklist(ctx, old))
		clk.Add(12 * time.Hour)
		_, young, err := tok.ObtainPair(ctx, alice)
		require.NoError(t, err)

		n, err := tok.FlushExpired(ctx)
		require.NoError(t, err)
		require.Zero(t, n)

		// Just before the old one's expiry, nothing goes; at it (expires_at <= now), it goes.
		oldExp := time.Unix(claimInt(t, payload(t, old), "exp"), 0)
		clk.Set(oldExp.Add(-time.Microsecond))
		n, err = tok.FlushExpired(ctx)
		require.NoError(t, err)
		require.Zero(t, n)
		clk.Set(oldExp.Add(250 * time.Millisecond))
		n, err = tok.FlushExpired(ctx)
		require.NoError(t, err)
		require.Equal(t, int64(1), n)
		require.Equal(t, 0, count(t, d, "token_blacklist_blacklistedtoken"))
		require.Equal(t, 1, count(t, d, "token_blacklist_outstandingtoken"))

		_, _, err = tok.Refresh(ctx, young)
		require.NoError(t, err)
	})
}

func TestVerifyAlwaysConsultsBlacklist(t *testing.T) {
	// simplejwt skips the check without BLACKLIST_AFTER_ROTATION; a logged-out token must
	// not verify here either way.
	d := dbtest.OpenAuth(t, db.SQLite)
	tok, _ := newTokens(t, d, func(c *jwtauth.Config) { c.RotateRefreshTokens, c.BlacklistAfterRotation = false, false })
	ctx := context.Background()
	_, refresh, err := tok.ObtainPair(ctx, dbtest.NewUser(t, d, "alice"))
	require.NoError(t, err)
	require.NoError(t, tok.Blacklist(ctx, refresh))
	requireBody(t, tok.Verify(ctx, refresh), http.StatusBadRequest, `{"non_field_errors": ["Token is blacklisted"]}`)
}

// RefreshToken looks at the blacklist before the claims (BlacklistMixin.verify runs
// check_blacklist first): a blacklisted jti is "Token is blacklisted" even in a token re-signed
// with the wrong type or without exp, on refresh and on blacklist alike.
func TestBlacklistCheckedBeforeClaims(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		tok, clk := newTokens(t, d, nil)
		ctx := context.Background()
		alice := dbtest.NewUser(t, d, "alice")
		_, refresh, err := tok.ObtainPair(ctx, alice)
		require.NoError(t, err)
		claims := jwt.MapClaims{}
		for k, v := range payload(t, refresh) {
			claims[k] = v
		}
		retyped := jwt.MapClaims{}
		noExp := jwt.MapClaims{}
		for k, v := range claims {
			retyped[k], noExp[k] = v, v
		}
		retyped["token_type"] = "access"
		delete(noExp, "exp")
		asAccess := forge(t, jwt.SigningMethodHS256, hsKey, retyped)
		withoutExp := forge(t, jwt.SigningMethodHS256, hsKey, noExp)

		// Not blacklisted yet: the claim checks answer.
		_, _, err = tok.Refresh(ctx, asAccess)
		requireBody(t, err, http.StatusUnauthorized, `{"detail": "Token has wrong type", "code": "token_not_valid"}`)
		_, _, err = tok.Refresh(ctx, withoutExp)
		requireBody(t, err, http.StatusUnauthorized, `{"detail": "Token has no 'exp' claim", "code": "token_not_valid"}`)

		require.NoError(t, tok.Blacklist(ctx, refresh))
		for _, forged := range []string{asAccess, withoutExp} {
			_, _, err = tok.Refresh(ctx, forged)
			requireBody(t, err, http.StatusUnauthorized, bodyBlacklisted)
			requireBody(t, tok.Blacklist(ctx, forged), http.StatusUnauthorized, bodyBlacklisted)
		}
		// The signature and registered claims still come first.
		clk.Add(48 * time.Hour)
		_, _, err = tok.Refresh(ctx, refresh)
		requireBody(t, err, http.StatusUnauthorized, `{"detail": "Token is invalid or expired", "code": "token_not_valid"}`)
	})
}
