package main

// The attack suite: what a security review of a deployed store tries first, run against the
// real binary over HTTP (docs/security.md).

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/examples/store/store"
	"github.com/authgen/authgen/runtime/app"
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
// token signed with a key anyone could know, and one started with a published key refuses to
// start at all. The store keeps Django's acceptance of short keys
// (security.legacy.weak_secret_key): it serves on one, saying loudly that it is guessable.
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

	op.env = append(op.env, "SECRET_KEY=a")
	s = op.serve(t)
	require.Contains(t, s.stderr.String(), "warning: SECRET_KEY: weak secret key: it is 1 bytes long; at least 32 are needed; serving anyway")
	s.stop(t)
	op.env = op.env[:len(op.env)-1]

	for _, key := range []string{"authgen-insecure-development-key-change-me", "django-insecure-" + strings.Repeat("x1y2z3", 8)} {
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

// TestAttackLoginLockout: ten wrong passwords lock a login name, whether or not an account
// has it, with the same answer; the right password then gets it too.
func TestAttackLoginLockout(t *testing.T) {
	s := sqliteServer(t)
	s.register(t, "alice", userPassword)
	lockedBody := map[string]string{}
	for _, name := range []string{"alice", "ghost"} {
		tries := 10
		if name == "alice" {
			tries = 9 // register's log-in before activation failed, and counted, as it must
		}
		for i := range tries {
			r := s.call(t, "POST", "/auth/jwt/create/", "", map[string]string{"username": name, "password": "wrong-" + strconv.Itoa(i)})
			require.Equal(t, http.StatusUnauthorized, r.status, "%s try %d: %s", name, i, r.raw)
		}
		r := s.call(t, "POST", "/auth/jwt/create/", "", map[string]string{"username": name, "password": "wrong-again"})
		require.Equal(t, http.StatusTooManyRequests, r.status, "%s: %s", name, r.raw)
		require.NotEmpty(t, r.header.Get("Retry-After"))
		lockedBody[name] = regexp.MustCompile(`\d+`).ReplaceAllString(r.raw, "N")
	}
	require.Equal(t, lockedBody["alice"], lockedBody["ghost"], "the lock does not tell which name has an account")
	r := s.call(t, "POST", "/auth/jwt/create/", "", map[string]string{"username": "alice", "password": userPassword})
	require.Equal(t, http.StatusTooManyRequests, r.status, "the right password is not checked while locked")
	r = s.call(t, "POST", "/auth/token/login/", "", map[string]string{"username": "alice", "password": userPassword})
	require.Equal(t, http.StatusTooManyRequests, r.status, "token/login shares the lock")
}

// clientFrom is an HTTP client whose connections come from a loopback address of its own,
// so the server sees another client.
func clientFrom(addr string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(addr)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 64}}
}

// timedPost posts a JSON body and returns the status and how long the answer took.
func timedPost(t *testing.T, c *http.Client, url, body string) (int, time.Duration) {
	start := time.Now()
	resp, err := c.Post(url, "application/json", strings.NewReader(body))
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, time.Since(start)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestAttackLoginFlood: 64 connections log in as unknown users as fast as they can, from
// one client; a real user's log-in from another client keeps its latency, and the flood
// gets fast refusals (503 from the bounded hashing queue and the client's share of it, 429
// once the address lockout counts enough failures) instead of queueing for the CPU. The
// figures are printed (go test -v).
func TestAttackLoginFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("a flood of log-ins")
	}
	s := sqliteServer(t)
	s.register(t, "alice", userPassword)
	real := clientFrom("127.0.0.2")
	login := `{"username": "alice", "password": "` + userPassword + `"}`
	var baseline []time.Duration
	for range 5 {
		status, d := timedPost(t, real, s.base+"/auth/jwt/create/", login)
		require.Equal(t, http.StatusOK, status)
		baseline = append(baseline, d)
	}

	flood := clientFrom("127.0.0.1")
	ctx, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	type answer struct {
		status int
		took   time.Duration
	}
	answers := make(chan answer, 1<<16)
	var wg sync.WaitGroup
	for w := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ctx.Err() == nil; n++ {
				body := fmt.Sprintf(`{"username": "ghost-%d-%d", "password": "guess-%d"}`, w, n, n)
				start := time.Now()
				resp, err := flood.Post(s.base+"/auth/jwt/create/", "application/json", strings.NewReader(body))
				if err != nil {
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				answers <- answer{resp.StatusCode, time.Since(start)}
			}
		}()
	}
	time.Sleep(500 * time.Millisecond) // the flood is on
	var during []time.Duration
	for range 5 {
		status, d := timedPost(t, real, s.base+"/auth/jwt/create/", login)
		require.Equal(t, http.StatusOK, status, "the real user logs in during the flood")
		during = append(during, d)
	}
	start := time.Now()
	resp, err := real.Get(s.base + "/store/categories/")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	other := time.Since(start)
	stop()
	wg.Wait()
	close(answers)

	counts := map[int]int{}
	var refusals []time.Duration
	for a := range answers {
		counts[a.status]++
		if a.status == http.StatusServiceUnavailable || a.status == http.StatusTooManyRequests {
			refusals = append(refusals, a.took)
		}
	}
	t.Logf("real log-in latency: %v median alone, %v median during the flood (each: %v)", median(baseline), median(during), during)
	t.Logf("GET /store/categories/ during the flood: %v", other)
	t.Logf("flood answers: %d × 401 (hashed), %d × 503 (hashing queue), %d × 429 (address locked); refusals took %v median",
		counts[http.StatusUnauthorized], counts[http.StatusServiceUnavailable], counts[http.StatusTooManyRequests], median(refusals))
	require.NotEmpty(t, refusals, "the flood was turned away")
	require.LessOrEqual(t, counts[http.StatusUnauthorized], 100+64, "no more log-ins hashed than the address lockout lets through")
	require.Less(t, median(during), max(3*time.Second, 10*median(baseline)), "a real log-in keeps its latency")
	require.Less(t, median(refusals), time.Second, "refusals are fast")
	require.Less(t, other, 3*time.Second, "other endpoints keep theirs")
}

// TestThrottleScopesNameRegisteredRoutes: every route the Definition throttles by scope is a
// pattern the app registers, so a scope cannot silently stop applying.
func TestThrottleScopesNameRegisteredRoutes(t *testing.T) {
	def := store.Definition()
	require.NotEmpty(t, def.Throttle.Routes)
	mux := http.NewServeMux()
	def.Mount(mux, &app.Services{})
	for pattern := range def.Throttle.Routes {
		path := strings.NewReplacer("{id}", "1", "{$}", "").Replace(pattern)
		_, matched := mux.Handler(httptest.NewRequest("POST", path, nil))
		require.Equal(t, pattern, matched, path)
	}
}
