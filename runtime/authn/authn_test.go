package authn_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/users"
)

var secret = []byte("authn-test-secret-key-0123456789")

type fixture struct {
	store  *users.Store
	tokens *jwtauth.Tokens
	auth   *authn.Authenticator
	srv    *httptest.Server
	alice  *users.User
}

func jwtConfig(now func() time.Time) jwtauth.Config {
	return jwtauth.Config{SigningKey: secret, HeaderTypes: []string{"Bearer", "JWT"},
		RotateRefreshTokens: true, BlacklistAfterRotation: true, Now: now}
}

// newFixture serves an endpoint that answers who the request is, over real HTTP.
func newFixture(t *testing.T, dialect db.Dialect, tokenAuth bool) *fixture {
	t.Helper()
	d := dbtest.OpenAuth(t, dialect)
	store, err := users.NewStore(d, nil)
	require.NoError(t, err)
	require.NoError(t, store.SyncPermissions(context.Background(), []users.Permission{
		{App: "store", Model: "product", Codename: "view_product", Name: "Can view product"},
	}))
	tokens, err := jwtauth.New(jwtConfig(nil), d)
	require.NoError(t, err)
	f := &fixture{store: store, tokens: tokens,
		auth: &authn.Authenticator{Tokens: tokens, TokenAuth: tokenAuth, Users: store}}
	f.alice = f.user(t, "alice", true)
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, ok := f.auth.Authenticate(w, r)
		if !ok {
			return
		}
		perm, err := s.HasPerm(r.Context(), "store.view_product")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		perm2, _ := s.HasPerm(r.Context(), "store.view_product")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"id": s.UserID, "username": s.Username, "perm": perm && perm2})
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) user(t *testing.T, name string, active bool) *users.User {
	t.Helper()
	u := &users.User{Username: name, Password: "x", IsActive: active}
	require.NoError(t, f.store.Create(context.Background(), u))
	return u
}

// call sends GET with the Authorization header (none when empty) and returns status,
// WWW-Authenticate and the decoded body.
func (f *fixture) call(t *testing.T, authorization string) (int, string, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.srv.URL, nil)
	require.NoError(t, err)
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var body map[string]any
	require.NoError(t, json.Unmarshal(raw, &body), string(raw))
	return resp.StatusCode, resp.Header.Get("WWW-Authenticate"), body
}

// forge signs claims with key, HS256.
func forge(t *testing.T, claims jwt.MapClaims, key []byte) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
	require.NoError(t, err)
	return s
}

// claimsOf decodes a token's payload without checking it.
func claimsOf(t *testing.T, token string) jwt.MapClaims {
	t.Helper()
	c := jwt.MapClaims{}
	_, _, err := jwt.NewParser().ParseUnverified(token, c)
	require.NoError(t, err)
	return c
}

const challenge = `Bearer realm="api"`

func TestAnonymousAndValid(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		f := newFixture(t, dialect, true)
		require.Equal(t, challenge, f.auth.Challenge())

		for _, h := range []string{"", "   ", "Basic YWxpY2U6cHc=", "bearer lowercase-is-another-scheme"} {
			status, _, body := f.call(t, h)
			require.Equal(t, http.StatusOK, status, h)
			require.EqualValues(t, 0, body["id"], "anonymous for %q", h)
		}

		access, _, err := f.tokens.ObtainPair(context.Background(), f.alice.ID)
		require.NoError(t, err)
		for _, h := range []string{"Bearer " + access, "JWT " + access, "Bearer \t" + access + " "} {
			status, _, body := f.call(t, h)
			require.Equal(t, http.StatusOK, status, h)
			require.EqualValues(t, f.alice.ID, body["id"])
			require.Equal(t, "alice", body["username"])
			require.Equal(t, false, body["perm"])
		}

		require.NoError(t, f.store.GrantPerm(context.Background(), f.alice.ID, "store.view_product"))
		_, _, body := f.call(t, "Bearer "+access)
		require.Equal(t, true, body["perm"], "permissions are read per request")
	})
}

func TestJWTAttacks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		f := newFixture(t, dialect, true)
		ctx := context.Background()
		access, refresh, err := f.tokens.ObtainPair(ctx, f.alice.ID)
		require.NoError(t, err)
		valid := claimsOf(t, access)

		invalidAccess := func(message string) map[string]any {
			return map[string]any{"detail": "Given token not valid for any token type", "code": "token_not_valid",
				"messages": []any{map[string]any{"token_class": "AccessToken", "token_type": "access", "message": message}}}
		}
		with := func(edit func(jwt.MapClaims)) jwt.MapClaims {
			c := jwt.MapClaims{}
			for k, v := range valid {
				c[k] = v
			}
			edit(c)
			return c
		}

		// An access token issued two hours ago by the same key has expired.
		past, err := jwtauth.New(jwtConfig(func() time.Time { return time.Now().Add(-2 * time.Hour) }), f.store.DB())
		require.NoError(t, err)
		expired, _, err := past.ObtainPair(ctx, f.alice.ID)
		require.NoError(t, err)

		parts := strings.Split(access, ".")
		tamperedPayload := with(func(c jwt.MapClaims) { c["user_id"] = 999 })
		payload, err := json.Marshal(tamperedPayload)
		require.NoError(t, err)
		tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload) + "." + parts[2]
		noneHeader := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))

		cases := []struct {
			name, header string
			body         map[string]any
		}{
			{"garbage", "Bearer garbage", invalidAccess("Token is invalid or expired")},
			{"expired", "Bearer " + expired, invalidAccess("Token is invalid or expired")},
			{"tampered payload", "Bearer " + tampered, invalidAccess("Token is invalid or expired")},
			{"bad signature", "Bearer " + parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2])), invalidAccess("Token is invalid or expired")},
			{"alg none", "Bearer " + noneHeader + "." + parts[1] + ".", invalidAccess("Token is invalid or expired")},
			{"wrong key", "Bearer " + forge(t, valid, []byte("not-the-key")), invalidAccess("Token is invalid or expired")},
			{"refresh as access", "Bearer " + refresh, invalidAccess("Token has wrong type")},
			{"access re-typed as refresh", "Bearer " + forge(t, with(func(c jwt.MapClaims) { c["token_type"] = "refresh" }), secret), invalidAccess("Token has wrong type")},
			{"no user claim", "Bearer " + forge(t, with(func(c jwt.MapClaims) { delete(c, "user_id") }), secret),
				map[string]any{"detail": "Token contained no recognizable user identification", "code": "token_not_valid"}},
			{"unknown user", "Bearer " + forge(t, with(func(c jwt.MapClaims) { c["user_id"] = 987654 }), secret),
				map[string]any{"detail": "User not found", "code": "user_not_found"}},
			{"three words", "Bearer " + access + " extra",
				map[string]any{"detail": "Authorization header must contain two space-delimited values", "code": "bad_authorization_header"}},
			{"scheme alone", "Bearer", map[string]any{"detail": "Authorization header must contain two space-delimited values", "code": "bad_authorization_header"}},
		}
		for _, c := range cases {
			status, www, body := f.call(t, c.header)
			require.Equal(t, http.StatusUnauthorized, status, c.name)
			require.Equal(t, challenge, www, c.name)
			require.Equal(t, c.body, body, c.name)
		}
	})
}

func TestUserStateAfterIssue(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		f := newFixture(t, dialect, true)
		ctx := context.Background()
		bob := f.user(t, "bob", true)
		access, _, err := f.tokens.ObtainPair(ctx, bob.ID)
		require.NoError(t, err)
		key, err := jwtauth.NewOpaque(f.store.DB()).GetOrCreate(ctx, bob.ID)
		require.NoError(t, err)

		status, _, _ := f.call(t, "Token "+key)
		require.Equal(t, http.StatusOK, status)

		bob.IsActive = false
		require.NoError(t, f.store.Update(ctx, bob, "is_active"))
		status, www, body := f.call(t, "Bearer "+access)
		require.Equal(t, http.StatusUnauthorized, status)
		require.Equal(t, challenge, www)
		require.Equal(t, map[string]any{"detail": "User is inactive", "code": "user_inactive"}, body)
		status, www, body = f.call(t, "Token "+key)
		require.Equal(t, http.StatusUnauthorized, status)
		require.Equal(t, challenge, www, "the first class's challenge, whichever class refused")
		require.Equal(t, map[string]any{"detail": "User inactive or deleted."}, body)

		require.NoError(t, f.store.Delete(ctx, bob.ID))
		status, _, body = f.call(t, "Bearer "+access)
		require.Equal(t, http.StatusUnauthorized, status)
		require.Equal(t, map[string]any{"detail": "User not found", "code": "user_not_found"}, body)
		status, _, body = f.call(t, "Token "+key)
		require.Equal(t, http.StatusUnauthorized, status)
		require.Equal(t, map[string]any{"detail": "Invalid token."}, body, "the key went with its user")
	})
}

func TestOpaqueTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		f := newFixture(t, dialect, true)
		key, err := jwtauth.NewOpaque(f.store.DB()).GetOrCreate(context.Background(), f.alice.ID)
		require.NoError(t, err)
		for _, h := range []string{"Token " + key, "token " + key, "TOKEN " + key} {
			status, _, body := f.call(t, h)
			require.Equal(t, http.StatusOK, status)
			require.EqualValues(t, f.alice.ID, body["id"])
		}
		for h, detail := range map[string]string{
			"Token " + strings.Repeat("0", 40): "Invalid token.",
			"Token":                            "Invalid token header. No credentials provided.",
			"Token a b":                        "Invalid token header. Token string should not contain spaces.",
		} {
			status, www, body := f.call(t, h)
			require.Equal(t, http.StatusUnauthorized, status, h)
			require.Equal(t, challenge, www)
			require.Equal(t, map[string]any{"detail": detail}, body, h)
		}

		// Without TokenAuth the scheme is not ours: anonymous.
		f.auth.TokenAuth = false
		status, _, body := f.call(t, "Token "+key)
		require.Equal(t, http.StatusOK, status)
		require.EqualValues(t, 0, body["id"])
	})
}

func TestChallengeWithoutJWT(t *testing.T) {
	a := &authn.Authenticator{TokenAuth: true}
	require.Equal(t, "Token", a.Challenge())
	require.Equal(t, "", (&authn.Authenticator{}).Challenge())
}

func TestSubjectLoadsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		f := newFixture(t, dialect, false)
		ctx := context.Background()
		require.NoError(t, f.store.GrantPerm(ctx, f.alice.ID, "store.view_product"))
		require.NoError(t, f.store.GrantObjectPerm(ctx, f.alice.ID, "store.view_product", "7"))

		s := f.auth.Subject(f.alice)
		holds := func(s *authz.Subject, perm string) bool {
			ok, err := s.HasPerm(ctx, perm)
			require.NoError(t, err)
			return ok
		}
		holdsOn := func(s *authz.Subject, perm, pk string) bool {
			ok, err := s.HasObjectPerm(ctx, perm, pk)
			require.NoError(t, err)
			return ok
		}
		require.True(t, holds(s, "store.view_product"))
		require.True(t, holdsOn(s, "store.view_product", "7"))
		require.False(t, holdsOn(s, "store.view_product", "8"))

		// Revoked meanwhile: this request keeps what it loaded, the next one sees the change.
		require.NoError(t, f.store.RevokePerm(ctx, f.alice.ID, "store.view_product"))
		require.NoError(t, f.store.RevokeObjectPerm(ctx, f.alice.ID, "store.view_product", "7"))
		require.True(t, holds(s, "store.view_product"))
		require.True(t, holdsOn(s, "store.view_product", "7"))

		fresh := f.auth.Subject(f.alice)
		require.False(t, holds(fresh, "store.view_product"))
		require.False(t, holdsOn(fresh, "store.view_product", "7"))
	})
}

func TestDatabaseFailureIs500(t *testing.T) {
	f := newFixture(t, db.SQLite, false)
	access, _, err := f.tokens.ObtainPair(context.Background(), f.alice.ID)
	require.NoError(t, err)
	require.NoError(t, f.store.DB().Close())
	status, www, body := f.call(t, "Bearer "+access)
	require.Equal(t, http.StatusInternalServerError, status)
	require.Empty(t, www)
	require.Equal(t, map[string]any{"detail": "A server error occurred."}, body)
}
