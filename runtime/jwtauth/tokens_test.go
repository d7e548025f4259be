package jwtauth_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

const (
	bodyInvalid     = `{"code": "token_not_valid", "detail": "Token is invalid or expired"}`
	bodyBlacklisted = `{"code": "token_not_valid", "detail": "Token is blacklisted"}`
	bodyWrongType   = `{"code": "token_not_valid", "detail": "Token has wrong type"}`
)

// bodyNotValid is JWTAuthentication's answer with one reason for the access token class.
func bodyNotValid(reason string) string {
	return `{"code": "token_not_valid", "detail": "Given token not valid for any token type", "messages": [{"message": "` + reason + `", "token_class": "AccessToken", "token_type": "access"}]}`
}

var hex32 = regexp.MustCompile(`^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$`)

func TestObtainPairClaimsAndOutstandingRow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		tok, clk := newTokens(t, d, nil)
		ctx := context.Background()
		alice := dbtest.NewUser(t, d, "alice")

		access, refresh, err := tok.ObtainPair(ctx, alice)
		require.NoError(t, err)
		now := clk.Now().Unix()

		a := payload(t, access)
		require.Equal(t, "access", a["token_type"])
		require.Equal(t, now, claimInt(t, a, "iat"))
		require.Equal(t, now+300, claimInt(t, a, "exp"))
		require.Equal(t, alice, claimInt(t, a, "user_id"))
		require.Regexp(t, hex32, a["jti"])
		require.Len(t, a, 5)

		r := payload(t, refresh)
		require.Equal(t, "refresh", r["token_type"])
		require.Equal(t, now+86400, claimInt(t, r, "exp"))
		require.Equal(t, alice, claimInt(t, r, "user_id"))
		require.Regexp(t, hex32, r["jti"])
		require.NotEqual(t, a["jti"], r["jti"])

		// simplejwt's claim order and JOSE header.
		require.True(t, strings.HasPrefix(access, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."), access)
		require.Regexp(t, `^\{"token_type":"access","exp":\d+,"iat":\d+,"jti":"[0-9a-f]{32}","user_id":\d+\}$`, decodeSegment(t, access, 1))

		// The refresh token is outstanding (BlacklistMixin.for_user).
		var token, jti string
		var user *int64
		var created, expires db.Time
		require.NoError(t, d.QueryRowContext(ctx,
			`SELECT token, jti, user_id, created_at, expires_at FROM token_blacklist_outstandingtoken`).Scan(&token, &jti, &user, &created, &expires))
		require.Equal(t, refresh, token)
		require.Equal(t, r["jti"], jti)
		require.Equal(t, alice, *user)
		require.True(t, created.Time.Equal(clk.Now()), "created_at %v", created.Time)
		require.True(t, expires.Time.Equal(time.Unix(now+86400, 0)), "expires_at %v", expires.Time)

		id, ok, err := tok.Authenticate(request("Bearer " + access))
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, alice, id.ID)
		require.NoError(t, tok.Verify(ctx, access))
		require.NoError(t, tok.Verify(ctx, refresh))
	})
}

func decodeSegment(t *testing.T, token string, i int) string {
	t.Helper()
	seg, err := jwt.NewParser().DecodeSegment(strings.Split(token, ".")[i])
	require.NoError(t, err)
	return string(seg)
}

func TestObtainPairForMissingUserFails(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	tok, _ := newTokens(t, d, nil)
	_, _, err := tok.ObtainPair(context.Background(), 999)
	require.True(t, db.IsForeignKeyViolation(err), "got %v", err)
}

func TestAccessTokenFromRefreshCopiesClaims(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	tok, clk := newTokens(t, d, nil)
	ctx := context.Background()
	alice := dbtest.NewUser(t, d, "alice")
	_, refresh, err := tok.ObtainPair(ctx, alice)
	require.NoError(t, err)
	issued := clk.Now().Unix()

	clk.Add(10 * time.Minute)
	access, next, err := tok.Refresh(ctx, refresh)
	require.NoError(t, err)
	a, n := payload(t, access), payload(t, next)
	now := clk.Now().Unix()
	// RefreshToken.access_token copies iat from the refresh token; exp counts from now.
	require.Equal(t, issued, claimInt(t, a, "iat"))
	require.Equal(t, now+300, claimInt(t, a, "exp"))
	require.Equal(t, alice, claimInt(t, a, "user_id"))
	// The rotated refresh token: new jti, exp and iat, same user.
	require.Equal(t, now, claimInt(t, n, "iat"))
	require.Equal(t, now+86400, claimInt(t, n, "exp"))
	require.Equal(t, alice, claimInt(t, n, "user_id"))
	require.NotEqual(t, payload(t, refresh)["jti"], n["jti"])

	id, ok, err := tok.Authenticate(request("Bearer " + access))
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, alice, id.ID)
}

func TestRefreshCopiesForeignClaims(t *testing.T) {
	// A refresh token made elsewhere (a Django app sharing the key) with a custom claim:
	// simplejwt copies every claim into the access token and the rotated refresh token.
	d := dbtest.OpenAuth(t, db.SQLite)
	tok, clk := newTokens(t, d, nil)
	now := clk.Now()
	refresh := forge(t, jwt.SigningMethodHS256, hsKey, jwt.MapClaims{
		"token_type": "refresh", "exp": now.Add(time.Hour).Unix(), "iat": now.Unix(),
		"jti": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "user_id": 9007199254740993, "scope": "read write",
	})
	access, next, err := tok.Refresh(context.Background(), refresh)
	require.NoError(t, err)
	for _, tk := range []string{access, next} {
		p := payload(t, tk)
		require.Equal(t, "read write", p["scope"])
		require.Equal(t, int64(9007199254740993), claimInt(t, p, "user_id"))
	}
	// Not recorded before, so the blacklisting recorded it unowned; the new one is owned
	// by nobody either, as user 9007199254740993 does not exist.
	require.Equal(t, 2, count(t, d, "token_blacklist_outstandingtoken"))
	require.Equal(t, 1, count(t, d, "token_blacklist_blacklistedtoken"))
	var owners int
	require.NoError(t, d.QueryRow(`SELECT count(*) FROM token_blacklist_outstandingtoken WHERE user_id IS NOT NULL`).Scan(&owners))
	require.Equal(t, 0, owners)
}

func TestExpiryAndLeeway(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	ctx := context.Background()
	alice := dbtest.NewUser(t, d, "alice")

	t.Run("no leeway", func(t *testing.T) {
		tok, clk := newTokens(t, d, nil)
		access, refresh, err := tok.ObtainPair(ctx, alice)
		require.NoError(t, err)
		exp := time.Unix(claimInt(t, payload(t, access), "exp"), 0)

		clk.Set(exp.Add(-time.Millisecond))
		_, ok, err := tok.Authenticate(request("Bearer " + access))
		require.NoError(t, err)
		require.True(t, ok)

		clk.Set(exp) // exp <= now: expired
		_, ok, err = tok.Authenticate(request("Bearer " + access))
		require.False(t, ok)
		require.ErrorIs(t, err, jwtauth.ErrExpired)
		requireBody(t, err, http.StatusUnauthorized, bodyNotValid("Token is invalid or expired"))

		requireBody(t, tok.Verify(ctx, access), http.StatusUnauthorized, bodyInvalid)
		clk.Set(time.Unix(claimInt(t, payload(t, refresh), "exp"), 0))
		_, _, err = tok.Refresh(ctx, refresh)
		require.ErrorIs(t, err, jwtauth.ErrExpired)
		requireBody(t, err, http.StatusUnauthorized, bodyInvalid)
	})

	t.Run("leeway", func(t *testing.T) {
		tok, clk := newTokens(t, d, func(c *jwtauth.Config) { c.Leeway = 30 * time.Second })
		access, _, err := tok.ObtainPair(ctx, alice)
		require.NoError(t, err)
		exp := time.Unix(claimInt(t, payload(t, access), "exp"), 0)

		clk.Set(exp.Add(29 * time.Second))
		_, ok, err := tok.Authenticate(request("Bearer " + access))
		require.NoError(t, err)
		require.True(t, ok)

		clk.Set(exp.Add(30 * time.Second))
		_, _, err = tok.Authenticate(request("Bearer " + access))
		require.ErrorIs(t, err, jwtauth.ErrExpired)
	})

	t.Run("fractional leeway reaches simplejwt's own exp check", func(t *testing.T) {
		// PyJWT compares whole seconds and lets this through; simplejwt's check_exp compares
		// to the microsecond and refuses with its own message.
		tok, clk := newTokens(t, d, func(c *jwtauth.Config) { c.Leeway = 500 * time.Millisecond })
		access, _, err := tok.ObtainPair(ctx, alice)
		require.NoError(t, err)
		exp := time.Unix(claimInt(t, payload(t, access), "exp"), 0)

		clk.Set(exp.Add(400 * time.Millisecond))
		_, ok, err := tok.Authenticate(request("Bearer " + access))
		require.NoError(t, err)
		require.True(t, ok)

		clk.Set(exp.Add(700 * time.Millisecond))
		_, _, err = tok.Authenticate(request("Bearer " + access))
		require.ErrorIs(t, err, jwtauth.ErrExpired)
		requireBody(t, err, http.StatusUnauthorized, bodyNotValid("Token 'exp' claim has expired"))
	})
}

func TestFutureIatAndNbf(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	tok, clk := newTokens(t, d, func(c *jwtauth.Config) { c.Leeway = 10 * time.Second })
	now := clk.Now()

	c := accessClaims(now, 1)
	c["iat"] = now.Unix() + 10
	_, ok, err := tok.Authenticate(request("Bearer " + forge(t, jwt.SigningMethodHS256, hsKey, c)))
	require.NoError(t, err, "iat within the leeway")
	require.True(t, ok)
	c["iat"] = now.Unix() + 11
	_, _, err = tok.Authenticate(request("Bearer " + forge(t, jwt.SigningMethodHS256, hsKey, c)))
	require.ErrorIs(t, err, jwtauth.ErrInvalid)

	c = accessClaims(now, 1)
	c["nbf"] = now.Unix() + 11
	_, _, err = tok.Authenticate(request("Bearer " + forge(t, jwt.SigningMethodHS256, hsKey, c)))
	require.ErrorIs(t, err, jwtauth.ErrInvalid)
	c["nbf"] = "soon"
	_, _, err = tok.Authenticate(request("Bearer " + forge(t, jwt.SigningMethodHS256, hsKey, c)))
	require.ErrorIs(t, err, jwtauth.ErrInvalid)
}

func TestTampering(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	tok, clk := newTokens(t, d, nil)
	alice := dbtest.NewUser(t, d, "alice")
	access, _, err := tok.ObtainPair(context.Background(), alice)
	require.NoError(t, err)
	parts := strings.Split(access, ".")

	// Another user id under the original signature.
	other := forge(t, jwt.SigningMethodHS256, []byte("another key"), accessClaims(clk.Now(), alice+1))
	swapped := parts[0] + "." + strings.Split(other, ".")[1] + "." + parts[2]
	flipped := []byte(parts[2])
	flipped[3] ^= 1

	for name, bad := range map[string]string{
		"payload swapped":    swapped,
		"signature flipped":  parts[0] + "." + parts[1] + "." + string(flipped),
		"signature dropped":  parts[0] + "." + parts[1] + ".",
		"two segments":       parts[0] + "." + parts[1],
		"other key":          other,
		"garbage":            "garbage",
		"empty":              "",
		"payload not base64": parts[0] + ".!!!." + parts[2],
	} {
		t.Run(name, func(t *testing.T) {
			_, ok, err := tok.Authenticate(request("Bearer " + bad))
			require.False(t, ok)
			if bad == "" {
				// "Bearer " alone is one word: not two space-delimited values.
				require.ErrorIs(t, err, jwtauth.ErrBadHeader)
				return
			}
			require.ErrorIs(t, err, jwtauth.ErrInvalid)
			requireBody(t, err, http.StatusUnauthorized, bodyNotValid("Token is invalid or expired"))
			requireBody(t, tok.Verify(context.Background(), bad), http.StatusUnauthorized, bodyInvalid)
		})
	}
}

func TestWrongTypeBothWays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		tok, _ := newTokens(t, d, nil)
		ctx := context.Background()
		access, refresh, err := tok.ObtainPair(ctx, dbtest.NewUser(t, d, "alice"))
		require.NoError(t, err)

		// Recorded by the reference app: "refresh token used as access token".
		_, ok, err := tok.Authenticate(request("Bearer " + refresh))
		require.False(t, ok)
		require.ErrorIs(t, err, jwtauth.ErrWrongType)
		requireBody(t, err, http.StatusUnauthorized,
			`{"code": "token_not_valid", "detail": "Given token not valid for any token type", "messages": [{"message": "Token has wrong type", "token_class": "AccessToken", "token_type": "access"}]}`)

		_, _, err = tok.Refresh(ctx, access)
		require.ErrorIs(t, err, jwtauth.ErrWrongType)
		requireBody(t, err, http.StatusUnauthorized, bodyWrongType)
		err = tok.Blacklist(ctx, access)
		require.ErrorIs(t, err, jwtauth.ErrWrongType)
		requireBody(t, err, http.StatusUnauthorized, bodyWrongType)
		require.Equal(t, 0, count(t, d, "token_blacklist_blacklistedtoken"))
	})
}

func TestMissingClaims(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	tok, clk := newTokens(t, d, nil)
	ctx := context.Background()
	sign := func(drop string) string {
		c := accessClaims(clk.Now(), 1)
		delete(c, drop)
		return forge(t, jwt.SigningMethodHS256, hsKey, c)
	}

	for claim, reason := range map[string]string{
		"exp":        "Token has no 'exp' claim",
		"jti":        "Token has no id",
		"token_type": "Token has no type",
	} {
		_, _, err := tok.Authenticate(request("Bearer " + sign(claim)))
		requireBody(t, err, http.StatusUnauthorized, bodyNotValid(reason))
	}
	// The token views answer the reason itself.
	requireBody(t, tok.Verify(ctx, sign("exp")), http.StatusUnauthorized, `{"code": "token_not_valid", "detail": "Token has no 'exp' claim"}`)
	requireBody(t, tok.Verify(ctx, sign("jti")), http.StatusUnauthorized, `{"code": "token_not_valid", "detail": "Token has no id"}`)
	require.NoError(t, tok.Verify(ctx, sign("token_type")), "verify takes any type, even none")

	_, _, err := tok.Authenticate(request("Bearer " + sign("user_id")))
	require.ErrorIs(t, err, jwtauth.ErrInvalid)
	requireBody(t, err, http.StatusUnauthorized, `{"code": "token_not_valid", "detail": "Token contained no recognizable user identification"}`)
}

func TestUserIDClaimForms(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	tok, clk := newTokens(t, d, nil)
	for _, tc := range []struct {
		claim any
		want  int64
	}{
		{claim: 7, want: 7},
		{claim: "7", want: 7}, // simplejwt writes str(pk) for non-integer keys
		{claim: 9007199254740993, want: 9007199254740993},
	} {
		id, ok, err := tok.Authenticate(request("Bearer " + forge(t, jwt.SigningMethodHS256, hsKey, accessClaims(clk.Now(), tc.claim))))
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, tc.want, id.ID)
	}
	for _, bad := range []any{"seven", nil, 7.5, []int{7}} {
		_, ok, err := tok.Authenticate(request("Bearer " + forge(t, jwt.SigningMethodHS256, hsKey, accessClaims(clk.Now(), bad))))
		require.False(t, ok)
		require.ErrorIs(t, err, jwtauth.ErrUserNotFound, "user_id %v", bad)
		requireBody(t, err, http.StatusUnauthorized, `{"code": "user_not_found", "detail": "User not found"}`)
	}
}

func TestAudienceAndIssuer(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	ctx := context.Background()
	alice := dbtest.NewUser(t, d, "alice")
	tok, clk := newTokens(t, d, func(c *jwtauth.Config) { c.Audience, c.Issuer = "store", "https://auth.store.local" })
	access, refresh, err := tok.ObtainPair(ctx, alice)
	require.NoError(t, err)
	p := payload(t, access)
	require.Equal(t, "store", p["aud"])
	require.Equal(t, "https://auth.store.local", p["iss"])
	require.Regexp(t, `,"aud":"store","iss":"https://auth.store.local"\}$`, decodeSegment(t, access, 1))
	_, ok, err := tok.Authenticate(request("Bearer " + access))
	require.NoError(t, err)
	require.True(t, ok)
	_, _, err = tok.Refresh(ctx, refresh)
	require.NoError(t, err)

	with := func(edit func(jwt.MapClaims)) string {
		c := accessClaims(clk.Now(), alice)
		c["aud"], c["iss"] = "store", "https://auth.store.local"
		edit(c)
		return forge(t, jwt.SigningMethodHS256, hsKey, c)
	}
	good := map[string]string{
		"aud list": with(func(c jwt.MapClaims) { c["aud"] = []string{"other", "store"} }),
	}
	bad := map[string]string{
		"no aud":           with(func(c jwt.MapClaims) { delete(c, "aud") }),
		"other aud":        with(func(c jwt.MapClaims) { c["aud"] = "other" }),
		"aud list without": with(func(c jwt.MapClaims) { c["aud"] = []string{"other"} }),
		"aud not strings":  with(func(c jwt.MapClaims) { c["aud"] = []any{"store", 1} }),
		"empty aud":        with(func(c jwt.MapClaims) { c["aud"] = "" }),
		"no iss":           with(func(c jwt.MapClaims) { delete(c, "iss") }),
		"other iss":        with(func(c jwt.MapClaims) { c["iss"] = "https://evil.example" }),
	}
	for name, token := range good {
		_, ok, err := tok.Authenticate(request("Bearer " + token))
		require.NoError(t, err, name)
		require.True(t, ok, name)
	}
	for name, token := range bad {
		_, ok, err := tok.Authenticate(request("Bearer " + token))
		require.False(t, ok, name)
		require.ErrorIs(t, err, jwtauth.ErrInvalid, name)
		requireBody(t, err, http.StatusUnauthorized, bodyNotValid("Token is invalid or expired"))
	}

	// Without an audience configured, tokens carrying one are accepted (verify_aud off).
	plain, _ := newTokens(t, d, nil)
	_, ok, err = plain.Authenticate(request("Bearer " + access))
	require.NoError(t, err)
	require.True(t, ok)
}

// Claims under names of the spec's own; "sub" among them, which simplejwt neither sets nor
// checks, so an integer in it (USER_ID_FIELD id) reads as under any other name.
func TestCustomClaimNames(t *testing.T) {
	for _, names := range [][3]string{{"uid", "typ", "token_id"}, {"sub", "token_type", "jti"}} {
		t.Run(names[0], func(t *testing.T) {
			d := dbtest.OpenAuth(t, db.SQLite)
			ctx := context.Background()
			alice := dbtest.NewUser(t, d, "alice")
			tok, _ := newTokens(t, d, func(c *jwtauth.Config) {
				c.UserIDClaim, c.TokenTypeClaim, c.JTIClaim = names[0], names[1], names[2]
				c.AccessLifetime, c.RefreshLifetime = time.Minute, time.Hour
			})
			access, refresh, err := tok.ObtainPair(ctx, alice)
			require.NoError(t, err)
			p := payload(t, access)
			require.Equal(t, "access", p[names[1]])
			require.Equal(t, alice, claimInt(t, p, names[0]))
			require.Regexp(t, hex32, p[names[2]])
			require.Equal(t, int64(60), claimInt(t, p, "exp")-claimInt(t, p, "iat"))
			id, ok, err := tok.Authenticate(request("Bearer " + access))
			require.NoError(t, err)
			require.True(t, ok)
			require.Equal(t, alice, id.ID)
			_, _, err = tok.Refresh(ctx, refresh)
			require.NoError(t, err)
			_, _, err = tok.Refresh(ctx, refresh)
			require.ErrorIs(t, err, jwtauth.ErrBlacklisted)
			if names[0] == "uid" {
				// The default names mean nothing to it.
				other, _ := newTokens(t, d, nil)
				_, _, err = other.Authenticate(request("Bearer " + access))
				requireBody(t, err, http.StatusUnauthorized, bodyNotValid("Token has no id"))
			}
		})
	}
}
