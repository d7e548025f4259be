package throttle_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/redistest"
	"github.com/authgen/authgen/runtime/cache"
	"github.com/authgen/authgen/runtime/throttle"
)

func TestParseRate(t *testing.T) {
	for in, want := range map[string]throttle.Rate{
		"100/day": {100, 24 * time.Hour}, "5/min": {5, time.Minute}, "1/s": {1, time.Second},
		"20/hour": {20, time.Hour}, "3/minutes": {3, time.Minute}, " 7 / d": {7, 24 * time.Hour},
	} {
		got, err := throttle.ParseRate(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "100", "0/day", "-1/day", "x/day", "5/fortnight", "5/", "5/mango"} {
		_, err := throttle.ParseRate(in)
		require.Error(t, err, in)
	}
	require.Equal(t, "100/day", throttle.Rate{100, 24 * time.Hour}.String())
}

func TestDenyIsDRFsThrottled(t *testing.T) {
	for wait, want := range map[time.Duration]string{
		1500 * time.Millisecond: `{"detail":"Request was throttled. Expected available in 2 seconds."}`,
		time.Second:             `{"detail":"Request was throttled. Expected available in 1 second."}`,
		300 * time.Millisecond:  `{"detail":"Request was throttled. Expected available in 1 second."}`,
	} {
		rec := httptest.NewRecorder()
		throttle.Deny(rec, wait)
		require.Equal(t, http.StatusTooManyRequests, rec.Code)
		require.JSONEq(t, want, rec.Body.String())
		secs := int((wait + time.Second - 1) / time.Second)
		require.Equal(t, strconv.Itoa(secs), rec.Header().Get("Retry-After"))
	}
}

// stores are the two Stores, which must count alike.
func stores(t *testing.T) map[string]func() throttle.Store {
	client := redistest.Client(t)
	prefix := redistest.Prefix(t)
	return map[string]func() throttle.Store{
		"memory": func() throttle.Store { return throttle.NewMemory() },
		"redis":  func() throttle.Store { return cache.NewWindows(client, prefix) },
	}
}

// TestStores: a sliding window of limit entries per period, the wait until the oldest
// leaves it, failures not counted, Add and Reset.
func TestStores(t *testing.T) {
	ctx := context.Background()
	for name, newStore := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := newStore()
			key := "k-" + name
			for i := range 3 {
				ok, _, err := s.Hit(ctx, key, 3, time.Second, true)
				require.NoError(t, err)
				require.True(t, ok, "request %d", i)
			}
			ok, wait, err := s.Hit(ctx, key, 3, time.Second, true)
			require.NoError(t, err)
			require.False(t, ok)
			require.Greater(t, wait, 500*time.Millisecond)
			require.LessOrEqual(t, wait, time.Second)
			ok, _, _ = s.Hit(ctx, key, 3, time.Second, true)
			require.False(t, ok, "a refused request is not recorded, it does not extend the wait")
			time.Sleep(wait + 50*time.Millisecond)
			ok, _, _ = s.Hit(ctx, key, 3, time.Second, true)
			require.True(t, ok, "the window slid")

			// Peeking records nothing; Add records without asking; Reset forgets.
			other := key + "-failures"
			for range 2 {
				require.NoError(t, s.Add(ctx, other, time.Minute))
			}
			ok, _, _ = s.Hit(ctx, other, 2, time.Minute, false)
			require.False(t, ok)
			ok, _, _ = s.Hit(ctx, other, 3, time.Minute, false)
			require.True(t, ok)
			ok, _, _ = s.Hit(ctx, other, 3, time.Minute, false)
			require.True(t, ok, "peeking recorded nothing")
			require.NoError(t, s.Reset(ctx, other))
			ok, _, _ = s.Hit(ctx, other, 1, time.Minute, false)
			require.True(t, ok)
		})
	}
}

// TestConcurrentInstancesShareOneLimit: three stores over one Redis, each an instance,
// hammered at once, allow exactly the limit between them.
func TestConcurrentInstancesShareOneLimit(t *testing.T) {
	client := redistest.Client(t)
	prefix := redistest.Prefix(t)
	instances := []throttle.Store{cache.NewWindows(client, prefix), cache.NewWindows(client, prefix), cache.NewWindows(client, prefix)}
	var allowed sync.Map
	var wg sync.WaitGroup
	for i := range 90 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, _, err := instances[i%3].Hit(context.Background(), "shared", 25, time.Minute, true)
			require.NoError(t, err)
			if ok {
				allowed.Store(i, true)
			}
		}()
	}
	wg.Wait()
	n := 0
	allowed.Range(func(any, any) bool { n++; return true })
	require.Equal(t, 25, n)
}

func TestThrottler(t *testing.T) {
	ctx := context.Background()
	th := throttle.New(throttle.Settings{
		Anon:  throttle.Rate{Requests: 2, Period: time.Minute},
		User:  throttle.Rate{Requests: 3, Period: time.Minute},
		Rates: map[string]throttle.Rate{"login": {Requests: 1, Period: time.Minute}},
	}, throttle.NewMemory())
	req := func(addr string) *http.Request {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = addr + ":1234"
		return r
	}
	check := func(r *http.Request, user int64, scope string) bool {
		ok, _, err := th.Check(ctx, r, user, scope)
		require.NoError(t, err)
		return ok
	}
	// Anonymous: anon (2) and user (3) both count the address; anon refuses first.
	require.True(t, check(req("10.0.0.1"), 0, ""))
	require.True(t, check(req("10.0.0.1"), 0, ""))
	require.False(t, check(req("10.0.0.1"), 0, ""))
	require.True(t, check(req("10.0.0.2"), 0, ""), "another address")
	// A user is counted apart from their address, by user only.
	for range 3 {
		require.True(t, check(req("10.0.0.1"), 7, ""))
	}
	require.False(t, check(req("10.0.0.9"), 7, ""), "user 7 from anywhere")
	// A scope is counted apart from the others.
	require.True(t, check(req("10.0.0.3"), 0, "login"))
	require.False(t, check(req("10.0.0.3"), 0, "login"))
	require.True(t, check(req("10.0.0.4"), 0, "login"))

	// X-Forwarded-For is read only behind the configured proxies.
	r := req("10.0.0.5")
	r.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.1")
	require.Equal(t, "10.0.0.5", th.Ident(r))
	proxied := throttle.New(throttle.Settings{NumProxies: 1}, throttle.NewMemory())
	require.Equal(t, "198.51.100.1", proxied.Ident(r))
	proxied = throttle.New(throttle.Settings{NumProxies: 2}, throttle.NewMemory())
	require.Equal(t, "203.0.113.9", proxied.Ident(r))

	var none *throttle.Throttler
	ok, _, err := none.Check(ctx, r, 0, "login")
	require.NoError(t, err)
	require.True(t, ok, "no throttler, no throttling")
}
