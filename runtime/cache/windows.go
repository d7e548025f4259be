package cache

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// Windows is runtime/throttle's Store for several instances sharing one Redis: each key is
// a sorted set of entry times, read and written by one script so that concurrent instances
// never both take the last place, and timed by the Redis server's clock so that theirs need
// not agree.
type Windows struct {
	client *Client
	prefix string
}

// NewWindows returns the windows kept in client, their keys starting with prefix ("myapp:").
func NewWindows(client *Client, prefix string) *Windows {
	return &Windows{client: client, prefix: prefix}
}

// hitScript: KEYS[1] the key; ARGV limit, period in µs, record (1/0), a unique member.
// Returns {1, 0} when allowed, {0, wait µs} when not.
var hitScript = NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit, period = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - period)
local n = redis.call('ZCARD', KEYS[1])
if n >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, period - (now - tonumber(oldest[2]))}
end
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], math.ceil(period / 1000))
end
return {1, 0}
`)

// Hit is throttle.Store's Hit.
func (r *Windows) Hit(ctx context.Context, key string, limit int, period time.Duration, record bool) (bool, time.Duration, error) {
	rec := "0"
	if record {
		rec = "1"
	}
	reply, err := hitScript.Run(ctx, r.client, []string{r.prefix + key}, strconv.Itoa(limit), strconv.FormatInt(period.Microseconds(), 10), rec, member())
	if err != nil {
		return false, 0, err
	}
	res, ok := reply.([]any)
	if !ok || len(res) != 2 {
		return false, 0, fmt.Errorf("redis: the window script returned %v", reply)
	}
	allowed, ok1 := res[0].(int64)
	wait, ok2 := res[1].(int64)
	if !ok1 || !ok2 {
		return false, 0, fmt.Errorf("redis: the window script returned %v", reply)
	}
	return allowed == 1, time.Duration(wait) * time.Microsecond, nil
}

// Add is throttle.Store's Add.
func (r *Windows) Add(ctx context.Context, key string, period time.Duration) error {
	_, _, err := r.Hit(ctx, key, int(^uint32(0)>>1), period, true)
	return err
}

// Reset is throttle.Store's Reset.
func (r *Windows) Reset(ctx context.Context, key string) error {
	_, err := r.client.Do(ctx, "DEL", r.prefix+key)
	return err
}

// member is a unique sorted-set member: two requests in the same microsecond both count.
func member() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
