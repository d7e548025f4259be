// Package loginguard protects the log-in endpoints (jwt/create, token/login) from password
// guessing and from floods, without telling anyone which accounts exist.
//
// # Lockout
//
// Failed log-ins are counted per login name (whether or not an account has it) and per
// client address, each in a sliding window (Config). When either count reaches its limit,
// further log-ins for that name or from that address are refused before any password is
// checked, with DRF's throttled answer (429, Retry-After) until the oldest failure leaves
// the window: an unknown name locks exactly like a real one, so the lock reveals nothing,
// and a locked account's right password gets the same 429 as a wrong one. A successful
// log-in clears its name's count. The counts live in the same Store as the throttles
// (CACHE_URL), so instances behind one Redis lock together.
//
// # Hashing queue
//
// Checking a password costs tens of milliseconds of CPU by design. Log-ins hash on at most
// Workers goroutines at once; at most Queue more wait for one, each at most MaxWait, and
// one client address has at most PerAddress log-ins hashing or waiting. A log-in beyond
// that is answered 503 at once (Retry-After: 1): a flood from one client costs the server
// a few hashes at a time and cannot fill the queue, so other clients' log-ins keep their
// latency, and every other endpoint keeps its CPU.
package loginguard

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/throttle"
)

// Limit is a number of failures allowed in a sliding window; zero Failures is no limit.
type Limit struct {
	Failures int
	Window   time.Duration
}

// Config configures a Guard. Zero values take the defaults their comments name.
type Config struct {
	// Account limits the failed log-ins of one login name; Address those of one client.
	// Both zero: DefaultAccount and DefaultAddress; one zero: no limit of that kind.
	Account, Address Limit
	// Off turns the lockout off (the hashing queue stays).
	Off bool
	// Workers is how many log-ins check passwords at once, default GOMAXPROCS.
	Workers int
	// Queue is how many more may wait for a worker, default 8 per worker.
	Queue int
	// MaxWait is the longest a log-in waits for a worker before 503, default 2s.
	MaxWait time.Duration
	// PerAddress is how many log-ins of one client address may hash or wait at once,
	// default Workers.
	PerAddress int
	// NumProxies is DRF's NUM_PROXIES, for the client's address (throttle.ClientAddr).
	NumProxies int
}

// The limits of a Config that sets neither: 10 failures per login name and 100 per address
// in 15 minutes.
var (
	DefaultAccount = Limit{Failures: 10, Window: 15 * time.Minute}
	DefaultAddress = Limit{Failures: 100, Window: 15 * time.Minute}
)

// ErrBusy is returned by Acquire when the hashing queue is full or the wait too long.
var ErrBusy = errors.New("loginguard: too many log-ins at once")

// Guard applies a Config. A nil *Guard guards nothing.
type Guard struct {
	cfg     Config
	store   throttle.Store
	workers chan struct{}
	queue   chan struct{}

	mu       sync.Mutex
	inflight map[string]int // log-ins hashing or waiting, by client address
}

// New returns the guard of cfg, counting in store.
func New(cfg Config, store throttle.Store) *Guard {
	if cfg.Account == (Limit{}) && cfg.Address == (Limit{}) {
		cfg.Account, cfg.Address = DefaultAccount, DefaultAddress
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Queue <= 0 {
		cfg.Queue = 8 * cfg.Workers
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = 2 * time.Second
	}
	if cfg.PerAddress <= 0 {
		cfg.PerAddress = cfg.Workers
	}
	return &Guard{cfg: cfg, store: store, workers: make(chan struct{}, cfg.Workers), queue: make(chan struct{}, cfg.Queue),
		inflight: map[string]int{}}
}

// Attempt is one log-in on its way.
type Attempt struct {
	g       *Guard
	account string // store key of the login name
	client  string // the client's address
}

// Begin checks that neither the login name nor the client may log in now. When one is
// locked it has answered 429 and returns nil; a store that cannot be reached (Redis down)
// lets the log-in through, the hashing queue still bounding it.
func (g *Guard) Begin(w http.ResponseWriter, r *http.Request, login string) *Attempt {
	if g == nil {
		return &Attempt{}
	}
	a := &Attempt{g: g, account: "login_account_" + digest(strings.ToLower(login)), client: throttle.ClientAddr(r, g.cfg.NumProxies)}
	if g.cfg.Off {
		return a
	}
	ctx := r.Context()
	var wait time.Duration
	locked := false
	for _, c := range []struct {
		key   string
		limit Limit
	}{{a.account, g.cfg.Account}, {a.address(), g.cfg.Address}} {
		if c.limit.Failures <= 0 {
			continue
		}
		ok, w, err := g.store.Hit(ctx, c.key, c.limit.Failures, c.limit.Window, false)
		if err != nil {
			return a // counted nowhere: the queue still bounds the cost
		}
		if !ok {
			locked, wait = true, max(wait, w)
		}
	}
	if locked {
		throttle.Deny(w, wait)
		return nil
	}
	return a
}

// Failed counts a failed log-in against the name and the address.
func (a *Attempt) Failed(ctx context.Context) {
	if a.g == nil || a.g.cfg.Off {
		return
	}
	for _, c := range []struct {
		key   string
		limit Limit
	}{{a.account, a.g.cfg.Account}, {a.address(), a.g.cfg.Address}} {
		if c.limit.Failures > 0 {
			_ = a.g.store.Add(ctx, c.key, c.limit.Window) // best effort, as Begin
		}
	}
}

// Succeeded clears the name's failures: its owner knows the password.
func (a *Attempt) Succeeded(ctx context.Context) {
	if a.g == nil || a.g.cfg.Off || a.g.cfg.Account.Failures <= 0 {
		return
	}
	_ = a.g.store.Reset(ctx, a.account)
}

// address is the store key of the client's failures.
func (a *Attempt) address() string { return "login_address_" + a.client }

// Acquire takes a hashing worker for the attempt, within its client's share; release gives
// it back. ErrBusy means the client has its share in flight, the queue is full or the wait
// ran out; the caller answers Busy.
func (a *Attempt) Acquire(ctx context.Context) (release func(), err error) {
	g := a.g
	if g == nil {
		return func() {}, nil
	}
	g.mu.Lock()
	if g.inflight[a.client] >= g.cfg.PerAddress {
		g.mu.Unlock()
		return nil, ErrBusy
	}
	g.inflight[a.client]++
	g.mu.Unlock()
	done := func() {
		g.mu.Lock()
		if g.inflight[a.client]--; g.inflight[a.client] == 0 {
			delete(g.inflight, a.client)
		}
		g.mu.Unlock()
	}
	worker, err := g.acquire(ctx)
	if err != nil {
		done()
		return nil, err
	}
	return func() { worker(); done() }, nil
}

// acquire takes a hashing worker, waiting in the bounded queue.
func (g *Guard) acquire(ctx context.Context) (release func(), err error) {
	select {
	case g.workers <- struct{}{}:
		return g.release, nil
	default:
	}
	select {
	case g.queue <- struct{}{}:
	default:
		return nil, ErrBusy
	}
	defer func() { <-g.queue }()
	timer := time.NewTimer(g.cfg.MaxWait)
	defer timer.Stop()
	select {
	case g.workers <- struct{}{}:
		return g.release, nil
	case <-timer.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *Guard) release() { <-g.workers }

// Busy answers a log-in turned away by a full hashing queue: 503, try again in a second.
func Busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "1")
	httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"detail": "Too many log-ins at once; try again in a moment."})
}

// digest keeps login names out of the store's keys.
func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}
