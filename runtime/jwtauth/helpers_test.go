package jwtauth_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/testclock"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

// hsKey is the HS256 secret of the tests.
var hsKey = []byte("django-insecure-test-key-for-jwtauth-0123456789")

// clock is a settable Config.Now.
type clock = testclock.Clock

func newClock() *clock {
	// A fraction of a second on purpose: iat and exp truncate it, created_at keeps it.
	return testclock.New(time.Date(2026, 11, 28, 12, 0, 0, 250_000_000, time.UTC))
}

// storeConfig is the store example's SIMPLE_JWT: rotation with blacklisting.
func storeConfig(c *clock) jwtauth.Config {
	return jwtauth.Config{
		SigningKey:             hsKey,
		RotateRefreshTokens:    true,
		BlacklistAfterRotation: true,
		HeaderTypes:            []string{"Bearer", "JWT"},
		Now:                    c.Now,
	}
}

// newTokens returns Tokens over d with the store's config, changed by edit when not nil.
func newTokens(t testing.TB, d *db.DB, edit func(*jwtauth.Config)) (*jwtauth.Tokens, *clock) {
	t.Helper()
	c := newClock()
	cfg := storeConfig(c)
	if edit != nil {
		edit(&cfg)
	}
	tok, err := jwtauth.New(cfg, d)
	require.NoError(t, err)
	return tok, c
}

// requireBody checks that err is an *Error with the status and the JSON body.
func requireBody(t *testing.T, err error, status int, body string) {
	t.Helper()
	var e *jwtauth.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, status, e.Status)
	got, jerr := json.Marshal(e.Body())
	require.NoError(t, jerr)
	require.JSONEq(t, body, string(got))
}

// payload decodes a token's claims without checking anything.
func payload(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	require.Len(t, parts, 3)
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m))
	return m
}

func claimInt(t *testing.T, m map[string]any, name string) int64 {
	t.Helper()
	n, ok := m[name].(json.Number)
	require.True(t, ok, "claim %s is %T", name, m[name])
	v, err := n.Int64()
	require.NoError(t, err)
	return v
}

// forge signs arbitrary claims with any method and key.
func forge(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	require.NoError(t, err)
	return s
}

// accessClaims are the claims of a valid access token at now.
func accessClaims(now time.Time, userID any) jwt.MapClaims {
	return jwt.MapClaims{
		"token_type": "access",
		"exp":        now.Add(5 * time.Minute).Unix(),
		"iat":        now.Unix(),
		"jti":        "0123456789abcdef0123456789abcdef",
		"user_id":    userID,
	}
}

func request(header string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/auth/users/me/", nil)
	if header != "" {
		r.Header.Set("Authorization", header)
	}
	return r
}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	require.NoError(t, d.QueryRowContext(context.Background(), `SELECT count(*) FROM `+table).Scan(&n))
	return n
}
