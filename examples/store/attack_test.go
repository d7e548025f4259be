package main

// The attack suite: what a security review of a deployed store tries first, run against the
// real binary over HTTP (docs/security.md).

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// storeRoutes are every route × method of PERMISSIONS.md, {id} standing for 1.
func storeRoutes(t *testing.T) [][2]string {
	f, err := os.Open(filepath.Join("store", "PERMISSIONS.md"))
	require.NoError(t, err)
	defer f.Close()
	row := regexp.MustCompile("^\\| `([^`]+)` \\| ([A-Z]+) \\|")
	var out [][2]string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if m := row.FindStringSubmatch(sc.Text()); m != nil {
			out = append(out, [2]string{m[2], strings.ReplaceAll(m[1], "{id}", "1")})
		}
	}
	require.Greater(t, len(out), 40, "PERMISSIONS.md lists the store's routes")
	return out
}

// accountRoutes are djoser's, simplejwt's and the admin API's routes (runtime/accounts and
// runtime/admin), and what the router answers besides them.
var accountRoutes = [][2]string{
	{"GET", "/auth/"}, {"GET", "/auth/users/"}, {"POST", "/auth/users/"}, {"GET", "/auth/users/me/"},
	{"DELETE", "/auth/users/me/"}, {"GET", "/auth/users/1/"}, {"PATCH", "/auth/users/1/"},
	{"POST", "/auth/users/activation/"}, {"POST", "/auth/users/resend_activation/"},
	{"POST", "/auth/users/set_password/"}, {"POST", "/auth/users/reset_password/"},
	{"POST", "/auth/users/reset_password_confirm/"}, {"POST", "/auth/users/set_username/"},
	{"POST", "/auth/users/reset_username/"}, {"POST", "/auth/users/reset_username_confirm/"},
	{"POST", "/auth/jwt/create/"}, {"POST", "/auth/jwt/refresh/"}, {"POST", "/auth/jwt/verify/"},
	{"POST", "/auth/jwt/blacklist/"}, {"POST", "/auth/token/login/"}, {"POST", "/auth/token/logout/"},
	{"GET", "/auth/permissions/"}, {"GET", "/auth/groups/"}, {"POST", "/auth/groups/"},
	{"GET", "/auth/groups/1/"}, {"GET", "/auth/users/1/permissions/"}, {"GET", "/auth/users/1/groups/"},
	{"OPTIONS", "/store/products/"}, {"GET", "/store/"}, {"GET", "/nothing/here/"}, {"GET", "/store/products"},
	{"PUT", "/store/"},
}

// TestAttackSecurityHeaders: every route of the store, whatever it answers (2xx, 301, 401,
// 403, 404, 405), carries Django's default security headers; HSTS is opt-in and never sent
// over plain HTTP.
func TestAttackSecurityHeaders(t *testing.T) {
	s := sqliteServer(t)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, route := range append(storeRoutes(t), accountRoutes...) {
		req, err := http.NewRequest(route[0], s.base+route[1], strings.NewReader("{}"))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		resp, err := noFollow.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		h := resp.Header
		what := route[0] + " " + route[1]
		require.Equal(t, "nosniff", h.Get("X-Content-Type-Options"), what)
		require.Equal(t, "same-origin", h.Get("Referrer-Policy"), what)
		require.Equal(t, "DENY", h.Get("X-Frame-Options"), what)
		require.Empty(t, h.Get("Strict-Transport-Security"), what)
	}
}

// TestAttackTokenResponsesAreNotCached: every answer carrying a credential says no-store.
func TestAttackTokenResponsesAreNotCached(t *testing.T) {
	s := sqliteServer(t)
	s.register(t, "carol", userPassword)
	r := expect(t, http.StatusOK, s.call(t, "POST", "/auth/jwt/create/", "", map[string]string{"username": "carol", "password": userPassword}))
	require.Equal(t, "no-store", r.header.Get("Cache-Control"))
	refresh := r.object(t)["refresh"].(string)
	r = expect(t, http.StatusOK, s.call(t, "POST", "/auth/jwt/refresh/", "", map[string]string{"refresh": refresh}))
	require.Equal(t, "no-store", r.header.Get("Cache-Control"))
	r = expect(t, http.StatusOK, s.call(t, "POST", "/auth/token/login/", "", map[string]string{"username": "carol", "password": userPassword}))
	require.Equal(t, "no-store", r.header.Get("Cache-Control"))
}

// TestAttackForgedTokensWithPublishedKeys: a server started without SECRET_KEY accepts no
// token signed with a key anyone could know, and one started with such a key refuses to
// start at all.
func TestAttackForgedTokensWithPublishedKeys(t *testing.T) {
	bin := storeBinary(t)
	dir := t.TempDir()
	op := operator{bin: bin, env: []string{"DATABASE_URL=sqlite://" + filepath.Join(dir, "store.db"), "EMAIL_URL=console://", "SUPERUSER_PASSWORD=" + rootPassword}}
	op.run(t, "migrate")
	op.run(t, "createsuperuser", "--username", "root", "--email", "root@example.com", "--noinput")
	s := op.serve(t)
	require.Contains(t, s.stderr.String(), "SECRET_KEY is not set; signing with a random key for this process only")
	for _, key := range []string{"authgen-insecure-development-key-change-me", "reference-insecure-default-secret-key-change-me", "", "secret"} {
		forged := forgeAccess(t, key, 1)
		r := expect(t, http.StatusUnauthorized, s.call(t, "GET", "/auth/users/", forged, nil))
		require.Equal(t, "token_not_valid", r.object(t)["code"], "key %q", key)
	}
	s.stop(t)

	for _, key := range []string{"a", "authgen-insecure-development-key-change-me", strings.Repeat("0", 64)} {
		cmd := exec.Command(bin, "serve")
		cmd.Env = append(os.Environ(), append(op.env, "SECRET_KEY="+key, "ADDR=127.0.0.1:0")...)
		done := make(chan struct{})
		time.AfterFunc(20*time.Second, func() {
			select {
			case <-done:
			default:
				_ = cmd.Process.Kill()
			}
		})
		out, err := cmd.CombinedOutput()
		close(done)
		require.Error(t, err, "serve must refuse SECRET_KEY=%q", key)
		require.Contains(t, string(out), "SECRET_KEY: weak secret key", "key %q", key)
		require.NotContains(t, string(out), "serving")
	}
}

// forgeAccess signs an HS256 access token for user id with key, as an attacker would.
func forgeAccess(t *testing.T, key string, id int64) string {
	enc := base64.RawURLEncoding
	header, _ := json.Marshal(map[string]any{"alg": "HS256", "typ": "JWT"})
	payload, _ := json.Marshal(map[string]any{"token_type": "access", "exp": time.Now().Add(time.Hour).Unix(),
		"iat": time.Now().Unix(), "jti": "0123456789abcdef0123456789abcdef", "user_id": id})
	signing := enc.EncodeToString(header) + "." + enc.EncodeToString(payload)
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(signing))
	return signing + "." + enc.EncodeToString(mac.Sum(nil))
}

// sqliteServer serves the store on a fresh SQLite database with a good key.
func sqliteServer(t *testing.T) *server {
	op := operator{bin: storeBinary(t), env: []string{
		"DATABASE_URL=sqlite://" + filepath.Join(t.TempDir(), "store.db"),
		"SECRET_KEY=attack-suite-secret-key-long-enough-for-serve",
		"EMAIL_URL=console://",
	}}
	return op.serve(t)
}
