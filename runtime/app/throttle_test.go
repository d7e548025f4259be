package app_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/redistest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/throttle"
)

// serveInstance runs `serve` until the test ends and returns its base URL.
func serveInstance(t *testing.T, def app.Definition, env map[string]string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	vars := map[string]string{"ADDR": addr}
	for k, v := range env {
		vars[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		e := app.Env{Getenv: func(k string) string { return vars[k] }, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr}
		done <- app.Run(ctx, def, []string{"serve"}, e)
	}()
	t.Cleanup(func() {
		cancel()
		require.Equal(t, 0, <-done, stderr.String())
	})
	require.Eventually(t, func() bool { return strings.Contains(stderr.String(), "serving") }, 20*time.Second, 20*time.Millisecond, "%s", &stderr)
	return "http://" + addr
}

// throttledDefinition is the test app with jwt/verify in a scope of limit per minute.
func throttledDefinition(t *testing.T, limit int) app.Definition {
	def := definition(t)
	// Its name prefixes the Redis keys: one of its own, as other runs share the server.
	b := make([]byte, 6)
	rand.Read(b)
	def.Name = "shop" + hex.EncodeToString(b)
	def.Throttle = throttle.Settings{Rates: map[string]throttle.Rate{"verify": {Requests: limit, Period: time.Minute}}}
	def.Accounts.Throttles = map[string]string{accounts.ThrottleJWTVerify: "verify"}
	return def
}

// verifyStatuses posts a bad token to jwt/verify n times, round robin over the instances.
func verifyStatuses(t *testing.T, bases []string, n int) (passed, throttled int, last *http.Response) {
	for i := range n {
		resp, err := http.Post(bases[i%len(bases)]+"/auth/jwt/verify/", "application/json", strings.NewReader(`{"token": "x"}`))
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusUnauthorized:
			passed++
		case http.StatusTooManyRequests:
			throttled++
			require.Regexp(t, `^\{"detail":"Request was throttled\. Expected available in \d+ seconds?\."\}`, string(body))
			require.NotEmpty(t, resp.Header.Get("Retry-After"))
			last = resp
		default:
			t.Fatalf("unexpected %d: %s", resp.StatusCode, body)
		}
	}
	return passed, throttled, last
}

// TestThrottleOneInstance: a scope's limit on one instance counts in its memory.
func TestThrottleOneInstance(t *testing.T) {
	def := throttledDefinition(t, 4)
	base := serveInstance(t, def, map[string]string{
		"DATABASE_URL": "sqlite://" + filepath.Join(t.TempDir(), "shop.db"), "SECRET_KEY": "app-test-secret-key-long-enough-for-serve",
	})
	passed, throttled, last := verifyStatuses(t, []string{base}, 7)
	require.Equal(t, 4, passed)
	require.Equal(t, 3, throttled)
	require.Contains(t, []string{"59", "60"}, last.Header.Get("Retry-After"))
}

// TestThrottleThreeInstancesShareOneLimit: three instances on one database and one Redis
// (CACHE_URL) allow the scope's limit between them, not three times it.
func TestThrottleThreeInstancesShareOneLimit(t *testing.T) {
	redistest.Client(t) // skips without Redis, fails without it in CI
	def := throttledDefinition(t, 5)
	dbURL := "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	env := map[string]string{"DATABASE_URL": dbURL, "SECRET_KEY": "app-test-secret-key-long-enough-for-serve", "CACHE_URL": redistest.URL()}
	var bases []string
	for range 3 {
		bases = append(bases, serveInstance(t, def, env))
	}
	passed, throttled, _ := verifyStatuses(t, bases, 15)
	require.Equal(t, 5, passed, "one limit shared by the three")
	require.Equal(t, 10, throttled)

	// Without the shared cache each instance would have counted alone.
	delete(env, "CACHE_URL")
	def = throttledDefinition(t, 5)
	alone := []string{serveInstance(t, def, env), serveInstance(t, def, env), serveInstance(t, def, env)}
	passed, _, _ = verifyStatuses(t, alone, 15)
	require.Equal(t, 15, passed, "in memory, each instance counts its own")
}
