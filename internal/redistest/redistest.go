// Package redistest gives tests the Redis at 127.0.0.1:6379 (REDIS_TEST_URL to name
// another): skipped when it is unreachable, unless AUTHGEN_REQUIRE_REDIS=1 (set by CI),
// where they fail. Tests share the server with other engineers' runs, so each works under
// a key prefix of its own and never flushes a database.
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/authgen/authgen/runtime/cache"
)

// URL is the test server's URL.
func URL() string {
	if u := os.Getenv("REDIS_TEST_URL"); u != "" {
		return u
	}
	return "redis://127.0.0.1:6379/0"
}

// Client connects to the test server for the test's duration, or skips the test.
func Client(t testing.TB) *cache.Client {
	t.Helper()
	c, err := cache.Open(context.Background(), URL())
	if err != nil {
		if os.Getenv("AUTHGEN_REQUIRE_REDIS") == "1" {
			t.Fatalf("redis required (AUTHGEN_REQUIRE_REDIS=1): %v", err)
		}
		t.Skipf("redis unreachable: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Prefix is a key prefix no other test uses.
func Prefix(t testing.TB) string {
	b := make([]byte, 8)
	rand.Read(b)
	return "authgen-test:" + hex.EncodeToString(b) + ":"
}
