package loginguard_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/loginguard"
	"github.com/authgen/authgen/runtime/throttle"
)

func request(addr string) (*httptest.ResponseRecorder, *http.Request) {
	r := httptest.NewRequest("POST", "/auth/jwt/create/", nil)
	r.RemoteAddr = addr + ":5555"
	return httptest.NewRecorder(), r
}

// TestLockoutRevealsNothing: a name that has no account locks exactly like one that has,
// the lock answers DRF's 429, and success clears the name's failures.
func TestLockoutRevealsNothing(t *testing.T) {
	ctx := context.Background()
	g := loginguard.New(loginguard.Config{
		Account: loginguard.Limit{Failures: 3, Window: time.Minute},
		Address: loginguard.Limit{Failures: 5, Window: time.Minute},
	}, throttle.NewMemory())
	for i, name := range []string{"alice", "nobody-has-this-name"} {
		for range 3 {
			w, r := request("10.0.1." + strconv.Itoa(i))
			a := g.Begin(w, r, name)
			require.NotNil(t, a)
			a.Failed(ctx)
		}
		w, r := request("10.0.0.2") // another address does not help
		require.Nil(t, g.Begin(w, r, name), name)
		require.Equal(t, http.StatusTooManyRequests, w.Code)
		require.Equal(t, "60", w.Header().Get("Retry-After"))
		require.JSONEq(t, `{"detail":"Request was throttled. Expected available in 60 seconds."}`, w.Body.String())
		w, r = request("10.0.0.2")
		require.Nil(t, g.Begin(w, r, strings.ToUpper(name)), "names lock whatever their case")
	}

	// Success clears the name's count.
	w, r := request("10.0.0.3")
	a := g.Begin(w, r, "bob")
	a.Failed(ctx)
	a.Failed(ctx)
	a.Succeeded(ctx)
	w, r = request("10.0.0.3")
	a = g.Begin(w, r, "bob")
	require.NotNil(t, a)
	a.Failed(ctx)
	a.Failed(ctx)
	w, r = request("10.0.0.4")
	require.NotNil(t, g.Begin(w, r, "bob"), "two failures since the success")
}

// TestAddressLockout: one client guessing many names is stopped by the address limit.
func TestAddressLockout(t *testing.T) {
	ctx := context.Background()
	g := loginguard.New(loginguard.Config{
		Account: loginguard.Limit{Failures: 100, Window: time.Minute},
		Address: loginguard.Limit{Failures: 4, Window: time.Minute},
	}, throttle.NewMemory())
	for i := range 4 {
		w, r := request("192.0.2.7")
		a := g.Begin(w, r, "user"+string(rune('a'+i)))
		require.NotNil(t, a)
		a.Failed(ctx)
	}
	w, r := request("192.0.2.7")
	require.Nil(t, g.Begin(w, r, "someone-else"))
	require.Equal(t, http.StatusTooManyRequests, w.Code)
	w, r = request("192.0.2.8")
	require.NotNil(t, g.Begin(w, r, "someone-else"), "other clients are not locked out")
}

// attempt begins a log-in from addr.
func attempt(t *testing.T, g *loginguard.Guard, addr string) *loginguard.Attempt {
	w, r := request(addr)
	a := g.Begin(w, r, "someone")
	require.NotNil(t, a)
	return a
}

// TestHashingQueue: Workers hash at once, Queue wait, the rest are turned away at once.
func TestHashingQueue(t *testing.T) {
	g := loginguard.New(loginguard.Config{Workers: 2, Queue: 3, MaxWait: time.Second, PerAddress: 100}, throttle.NewMemory())
	ctx := context.Background()
	var held []func()
	for range 2 {
		release, err := attempt(t, g, "10.1.0.1").Acquire(ctx)
		require.NoError(t, err)
		held = append(held, release)
	}
	var wg sync.WaitGroup
	got := make(chan error, 3)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			release, err := attempt(t, g, "10.1.0.1").Acquire(ctx)
			if err == nil {
				release()
			}
			got <- err
		}()
	}
	time.Sleep(200 * time.Millisecond) // the three take their places in the queue
	start := time.Now()
	_, err := attempt(t, g, "10.1.0.1").Acquire(ctx)
	require.ErrorIs(t, err, loginguard.ErrBusy)
	require.Less(t, time.Since(start), 100*time.Millisecond, "a full queue turns the next one away at once")
	for _, release := range held {
		release()
	}
	wg.Wait()
	close(got)
	for err := range got {
		require.NoError(t, err, "the queued log-ins got their turn")
	}

	// A wait longer than MaxWait gives up.
	g = loginguard.New(loginguard.Config{Workers: 1, Queue: 1, MaxWait: 50 * time.Millisecond, PerAddress: 5}, throttle.NewMemory())
	release, err := attempt(t, g, "10.1.0.1").Acquire(ctx)
	require.NoError(t, err)
	start = time.Now()
	_, err = attempt(t, g, "10.1.0.1").Acquire(ctx)
	require.ErrorIs(t, err, loginguard.ErrBusy)
	require.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond, "it waited its turn first")
	release()

	rec := httptest.NewRecorder()
	loginguard.Busy(rec)
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, "1", rec.Header().Get("Retry-After"))
}

// TestPerAddressShare: one client cannot hold more than its share of the workers and the
// queue, so the others' log-ins get through.
func TestPerAddressShare(t *testing.T) {
	ctx := context.Background()
	g := loginguard.New(loginguard.Config{Workers: 2, Queue: 8, PerAddress: 1}, throttle.NewMemory())
	release, err := attempt(t, g, "10.2.0.1").Acquire(ctx)
	require.NoError(t, err)
	_, err = attempt(t, g, "10.2.0.1").Acquire(ctx)
	require.ErrorIs(t, err, loginguard.ErrBusy, "the flooding client's second log-in")
	other, err := attempt(t, g, "10.2.0.2").Acquire(ctx)
	require.NoError(t, err, "another client's log-in hashes at once")
	other()
	release()
	again, err := attempt(t, g, "10.2.0.1").Acquire(ctx)
	require.NoError(t, err, "the share is given back")
	again()
}
