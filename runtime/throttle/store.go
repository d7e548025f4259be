package throttle

import (
	"context"
	"sync"
	"time"
)

// Store keeps, per key, the times of the requests (or failures) of the last period: DRF's
// SimpleRateThrottle history, in memory for one instance (Memory) or in Redis for several
// (runtime/cache's Windows).
type Store interface {
	// Hit is DRF's allow_request: with fewer than limit entries younger than period, it
	// records one now (when record) and allows; otherwise it returns how long until the
	// oldest entry leaves the period (DRF's wait()).
	Hit(ctx context.Context, key string, limit int, period time.Duration, record bool) (ok bool, wait time.Duration, err error)
	// Add records an entry now, kept for period.
	Add(ctx context.Context, key string, period time.Duration) error
	// Reset forgets key.
	Reset(ctx context.Context, key string) error
}

// Memory is the Store of one instance.
type Memory struct {
	mu    sync.Mutex
	keys  map[string]*history
	now   func() time.Time
	sweep time.Time
}

type history struct {
	times  []time.Time // oldest first
	period time.Duration
}

// NewMemory returns an empty in-process Store.
func NewMemory() *Memory {
	return &Memory{keys: map[string]*history{}, now: time.Now}
}

// Hit implements Store.
func (m *Memory) Hit(_ context.Context, key string, limit int, period time.Duration, record bool) (bool, time.Duration, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	m.sweepExpired(now)
	h := m.trim(key, period, now)
	if len(h.times) >= limit {
		return false, period - now.Sub(h.times[0]), nil
	}
	if record {
		h.times = append(h.times, now)
	}
	return true, 0, nil
}

// Add implements Store.
func (m *Memory) Add(_ context.Context, key string, period time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	h := m.trim(key, period, now)
	h.times = append(h.times, now)
	return nil
}

// Reset implements Store.
func (m *Memory) Reset(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.keys, key)
	return nil
}

// trim drops the entries of key no younger than period (DRF: history[-1] <= now - duration).
func (m *Memory) trim(key string, period time.Duration, now time.Time) *history {
	h := m.keys[key]
	if h == nil {
		h = &history{}
		m.keys[key] = h
	}
	h.period = period
	i := 0
	for i < len(h.times) && !h.times[i].After(now.Add(-period)) {
		i++
	}
	h.times = h.times[i:]
	return h
}

// sweepExpired forgets, once a minute, the keys whose every entry has expired, so that
// addresses seen once do not stay in memory.
func (m *Memory) sweepExpired(now time.Time) {
	if now.Before(m.sweep) {
		return
	}
	m.sweep = now.Add(time.Minute)
	for k, h := range m.keys {
		if len(h.times) == 0 || !h.times[len(h.times)-1].After(now.Add(-h.period)) {
			delete(m.keys, k)
		}
	}
}
