package jwtkeys_test

import (
	"context"
	"crypto"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/internal/testclock"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/jwtkeys"
)

var start = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

type clock = testclock.Clock

// generated holds the RSA keys, made once per algorithm: 3072-bit generation is slow.
var generated sync.Map

func generate(t testing.TB, alg string) jwtkeys.Entry {
	t.Helper()
	if strings.HasPrefix(alg, "RS") {
		if e, ok := generated.Load(alg); ok {
			return e.(jwtkeys.Entry)
		}
	}
	e, err := jwtkeys.Generate(alg, start)
	require.NoError(t, err)
	generated.Store(alg, e)
	return e
}

// tokensFor returns Tokens signing with the set at the clock's time.
func tokensFor(t testing.TB, d *db.DB, set *jwtkeys.Set, c *clock) *jwtauth.Tokens {
	t.Helper()
	tok, err := jwtauth.New(jwtauth.Config{Keys: set.JWTKeys(c.Now()), Now: c.Now}, d)
	require.NoError(t, err)
	return tok
}

func header(t *testing.T, token string) map[string]any {
	t.Helper()
	tok, _, err := jwt.NewParser().ParseUnverified(token, jwt.MapClaims{})
	require.NoError(t, err)
	return tok.Header
}

var algs = []string{"HS256", "HS512", "RS256", "ES256", "ES384", "ES512", "EdDSA"}

func TestKeySetFileRoundTrip(t *testing.T) {
	set := &jwtkeys.Set{}
	for i, alg := range algs {
		require.NoError(t, set.Add(generate(t, alg), start.Add(time.Duration(i)*time.Hour), 48*time.Hour))
	}
	path := filepath.Join(t.TempDir(), "jwt-keys.json")
	require.NoError(t, set.WriteFile(path))
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "private keys are readable by their owner only")

	back, err := jwtkeys.ReadFile(path)
	require.NoError(t, err)
	require.Len(t, back.Keys, len(algs))
	for i, e := range back.Keys {
		want := set.Keys[i]
		require.Equal(t, want.ID, e.ID)
		require.Equal(t, want.Algorithm, e.Algorithm)
		require.Equal(t, want.CreatedAt, e.CreatedAt)
		require.Equal(t, want.RetireAt, e.RetireAt)
		id, err := jwtkeys.Thumbprint(e.Key)
		require.NoError(t, err)
		require.Equal(t, e.ID, id, "the private key read back is the one written")
		require.NotNil(t, e.Private, "%s keeps its private key", e.Algorithm)
	}
	cur, ok := back.Current()
	require.True(t, ok)
	require.Equal(t, "EdDSA", cur.Algorithm, "the key added last signs")
	for _, e := range back.Keys[1:] {
		require.False(t, e.RetireAt.IsZero(), "%s was replaced", e.Algorithm)
	}
}

func TestParseRefusesBadKeys(t *testing.T) {
	ec := generate(t, "ES256")
	good, err := (&jwtkeys.Set{Keys: []jwtkeys.Entry{ec}}).Marshal()
	require.NoError(t, err)
	for name, tc := range map[string]struct{ from, to, want string }{
		"alg of another curve":   {`"alg": "ES256"`, `"alg": "ES384"`, "curve P-256 is for ES256"},
		"HMAC alg on an EC key":  {`"alg": "ES256"`, `"alg": "HS256"`, "curve P-256 is for ES256"},
		"no kid":                 {`"kid": "` + ec.ID + `"`, `"kid": ""`, "no kid"},
		"private and public mix": {`"x": "`, `"x": "AA`, "x and y must be 32 bytes"},
		"unknown member":         {`"kty"`, `"oops": 1, "kty"`, "unknown field"},
	} {
		t.Run(name, func(t *testing.T) {
			bad := strings.Replace(string(good), tc.from, tc.to, 1)
			require.NotEqual(t, string(good), bad)
			_, err := jwtkeys.Parse([]byte(bad))
			require.ErrorIs(t, err, jwtkeys.ErrBadKey)
			require.ErrorContains(t, err, tc.want)
		})
	}
	_, err = jwtkeys.Imported("RS256", ec.Private, start)
	require.Error(t, err, "an EC key is not an RSA key")
}

// TestJWKSVerifiedByAnotherLibrary checks our tokens with go-jose, a JOSE implementation
// independent of golang-jwt, given nothing but the JWKS document served.
func TestJWKSVerifiedByAnotherLibrary(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		user := dbtest.NewUser(t, d, "alice")
		c := testclock.New(start)
		set := &jwtkeys.Set{}
		// One token per asymmetric algorithm, each key in turn the signing one; the keys
		// it replaced stay in the document during their window.
		var tokens []string
		for _, alg := range []string{"RS256", "ES256", "ES384", "ES512", "EdDSA", "HS256"} {
			require.NoError(t, set.Add(generate(t, alg), c.Now(), time.Hour))
			access, refresh, err := tokensFor(t, d, set, c).ObtainPair(context.Background(), user)
			require.NoError(t, err)
			if alg != "HS256" {
				tokens = append(tokens, access, refresh)
			}
		}
		srv := httptest.NewServer(jwtkeys.Handler(tokensFor(t, d, set, c)))
		defer srv.Close()
		resp, err := http.Get(srv.URL)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		require.Equal(t, "application/jwk-set+json", resp.Header.Get("Content-Type"))
		for _, private := range []string{`"d"`, `"p"`, `"k"`, `"oct"`} {
			require.NotContains(t, string(body), private, "the JWKS publishes public keys only")
		}

		var jwks jose.JSONWebKeySet
		require.NoError(t, json.Unmarshal(body, &jwks))
		require.Len(t, jwks.Keys, 5)
		for _, raw := range tokens {
			tok, err := josejwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256, jose.ES256, jose.ES384, jose.ES512, jose.EdDSA})
			require.NoError(t, err)
			kid := tok.Headers[0].KeyID
			keys := jwks.Key(kid)
			require.Len(t, keys, 1, "kid %q is published", kid)
			require.Equal(t, tok.Headers[0].Algorithm, keys[0].Algorithm, "the token uses its key's algorithm")
			var claims struct {
				UserID int64  `json:"user_id"`
				Type   string `json:"token_type"`
			}
			require.NoError(t, tok.Claims(keys[0], &claims), "go-jose verifies the %s token", keys[0].Algorithm)
			require.Equal(t, user, claims.UserID)

			// A token whose signature is altered fails the same independent check.
			parts := strings.Split(raw, ".")
			forged := parts[0] + "." + parts[1] + "." + flip(parts[2])
			tok, err = josejwt.ParseSigned(forged, []jose.SignatureAlgorithm{jose.RS256, jose.ES256, jose.ES384, jose.ES512, jose.EdDSA})
			require.NoError(t, err)
			require.Error(t, tok.Claims(keys[0], &claims))
		}
	})
}

// flip changes the first character of a base64url string.
func flip(s string) string {
	if s[0] == 'A' {
		return "B" + s[1:]
	}
	return "A" + s[1:]
}

func TestRotationWindow(t *testing.T) {
	for _, alg := range []string{"HS256", "ES256", "EdDSA"} {
		t.Run(alg, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
				ctx := context.Background()
				d := dbtest.OpenAuth(t, dialect)
				user := dbtest.NewUser(t, d, "bob")
				c := testclock.New(start)
				set := &jwtkeys.Set{}
				old := generate(t, alg)
				require.NoError(t, set.Add(old, c.Now(), 0))
				_, oldRefresh, err := tokensFor(t, d, set, c).ObtainPair(ctx, user)
				require.NoError(t, err)
				require.Equal(t, old.ID, header(t, oldRefresh)["kid"])

				// Rotation: the new key signs, the old one verifies for the window.
				c.Add(time.Minute)
				next := generate(t, alg)
				require.NoError(t, set.Add(next, c.Now(), 24*time.Hour))
				tokens := tokensFor(t, d, set, c)
				newAccess, _, err := tokens.ObtainPair(ctx, user)
				require.NoError(t, err)
				require.Equal(t, next.ID, header(t, newAccess)["kid"])
				require.NoError(t, tokens.Verify(ctx, oldRefresh), "the previous key verifies during the window")
				access, _, err := tokens.Refresh(ctx, oldRefresh)
				require.NoError(t, err)
				require.Equal(t, next.ID, header(t, access)["kid"], "a refresh re-signs with the new key")

				// After the window the old key's tokens are refused, though not expired.
				c.Add(24 * time.Hour)
				err = tokens.Verify(ctx, oldRefresh)
				require.ErrorIs(t, err, jwtauth.ErrInvalid)
				require.NoError(t, set.Add(generate(t, alg), c.Now(), time.Hour))
				require.Len(t, set.Keys, 2, "the key whose window ended is dropped from the file")
			})
		})
	}
}

func TestRetireRefusesAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.OpenAuth(t, dialect)
		user := dbtest.NewUser(t, d, "carol")
		c := testclock.New(start)
		set := &jwtkeys.Set{}
		leaked := generate(t, "ES256")
		require.NoError(t, set.Add(leaked, c.Now(), 0))
		_, refresh, err := tokensFor(t, d, set, c).ObtainPair(ctx, user)
		require.NoError(t, err)

		require.ErrorContains(t, set.Retire(leaked.ID), "add its successor first")
		require.NoError(t, set.Add(generate(t, "ES256"), c.Now(), 24*time.Hour))
		require.NoError(t, tokensFor(t, d, set, c).Verify(ctx, refresh), "in the window")
		require.NoError(t, set.Retire(leaked.ID))
		require.ErrorIs(t, set.Retire(leaked.ID), jwtkeys.ErrNotFound)
		err = tokensFor(t, d, set, c).Verify(ctx, refresh)
		require.ErrorIs(t, err, jwtauth.ErrInvalid, "a retired key's tokens are refused at once")
	})
}

func TestKeyConfusionRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.OpenAuth(t, dialect)
		c := testclock.New(start)
		ec, hs := generate(t, "ES256"), generate(t, "HS256")
		set := &jwtkeys.Set{}
		require.NoError(t, set.Add(hs, c.Now(), 0))
		require.NoError(t, set.Add(ec, c.Now(), time.Hour))
		tokens := tokensFor(t, d, set, c)
		claims := jwt.MapClaims{"token_type": "access", "exp": start.Add(time.Minute).Unix(), "iat": start.Unix(), "jti": "x", "user_id": 1}
		sign := func(method jwt.SigningMethod, kid any, key any) string {
			tok := jwt.NewWithClaims(method, claims)
			if kid != nil {
				tok.Header["kid"] = kid
			}
			s, err := tok.SignedString(key)
			require.NoError(t, err)
			return s
		}
		ecPublic, err := x509.MarshalPKIXPublicKey(ec.Private.(crypto.Signer).Public())
		require.NoError(t, err)
		for name, raw := range map[string]string{
			// The HMAC secret under the EC key's id: each key has one algorithm.
			"HS256 under an ES256 kid": sign(jwt.SigningMethodHS256, ec.ID, hs.Private),
			"public key as HMAC":       sign(jwt.SigningMethodHS256, ec.ID, ecPublic),
			"unknown kid":              sign(jwt.SigningMethodHS256, "nope", hs.Private),
			"no kid":                   sign(jwt.SigningMethodHS256, nil, hs.Private),
			"kid not a string":         sign(jwt.SigningMethodHS256, 7, hs.Private),
		} {
			err := tokens.Verify(ctx, raw)
			require.ErrorIs(t, err, jwtauth.ErrInvalid, name)
		}
		require.NoError(t, tokens.Verify(ctx, sign(jwt.SigningMethodHS256, hs.ID, hs.Private)), "the control token passes")
		var e *jwtauth.Error
		require.True(t, errors.As(tokens.Verify(ctx, sign(jwt.SigningMethodHS256, "nope", hs.Private)), &e))
		require.Equal(t, http.StatusUnauthorized, e.Status)
	})
}

// TestStagedRollout is a rotation across instances that restart one by one: a staged key
// verifies everywhere before any instance signs with it.
func TestStagedRollout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.OpenAuth(t, dialect)
		user := dbtest.NewUser(t, d, "dave")
		c := testclock.New(start)
		set := &jwtkeys.Set{}
		old, next := generate(t, "ES256"), generate(t, "ES256")
		require.NoError(t, set.Add(old, c.Now(), time.Hour))
		before := tokensFor(t, d, set, c)

		require.NoError(t, set.Stage(next, c.Now()))
		cur, ok := set.Current()
		require.True(t, ok)
		require.Equal(t, old.ID, cur.ID, "a staged key does not sign")
		staged := tokensFor(t, d, set, c)
		access, _, err := staged.ObtainPair(ctx, user)
		require.NoError(t, err)
		require.Equal(t, old.ID, header(t, access)["kid"])
		require.NoError(t, before.Verify(ctx, access))

		require.NoError(t, set.Promote(next.ID, c.Now(), time.Hour))
		promoted := tokensFor(t, d, set, c)
		access, _, err = promoted.ObtainPair(ctx, user)
		require.NoError(t, err)
		require.Equal(t, next.ID, header(t, access)["kid"])
		require.NoError(t, staged.Verify(ctx, access), "an instance that has the staged key verifies the promoted key's tokens")
		require.ErrorIs(t, before.Verify(ctx, access), jwtauth.ErrInvalid, "one that never had it does not: hence staging")

		require.ErrorIs(t, set.Promote("nope", c.Now(), time.Hour), jwtkeys.ErrNotFound)
		require.ErrorContains(t, set.Promote(old.ID, c.Now(), time.Hour), "being retired")
	})
}
