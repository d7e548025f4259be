package cache_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/redistest"
	"github.com/authgen/authgen/runtime/cache"
)

// TestReplies: every kind of RESP2 reply, and an error reply that leaves the connection in
// use.
func TestReplies(t *testing.T) {
	t.Parallel()
	c, key, ctx := redistest.Client(t), redistest.Prefix(t)+"k", context.Background()
	t.Cleanup(func() { c.Do(ctx, "DEL", key) })

	reply, err := c.Do(ctx, "SET", key, "a\r\nb\x00c")
	require.NoError(t, err)
	require.Equal(t, "OK", reply, "a simple string")
	reply, err = c.Do(ctx, "GET", key)
	require.NoError(t, err)
	require.Equal(t, "a\r\nb\x00c", reply, "a bulk string, binary-safe")
	reply, err = c.Do(ctx, "GET", key+":none")
	require.NoError(t, err)
	require.Nil(t, reply, "a nil bulk string")
	reply, err = c.Do(ctx, "STRLEN", key)
	require.NoError(t, err)
	require.Equal(t, int64(6), reply, "an integer")
	reply, err = c.Do(ctx, "EVAL", "return {1, {'x', {-2}}, false, 'y'}", "0")
	require.NoError(t, err)
	require.Equal(t, []any{int64(1), []any{"x", []any{int64(-2)}}, nil, "y"}, reply, "nested arrays, a Lua false is nil")

	_, err = c.Do(ctx, "INCR", key)
	var server cache.Error
	require.ErrorAs(t, err, &server)
	require.Contains(t, err.Error(), "not an integer")
	require.NoError(t, c.Ping(ctx), "the connection stays usable after an error reply")
	_, err = c.Do(ctx, "NOSUCHCOMMAND")
	require.ErrorAs(t, err, &server)
}

// TestScriptLoadsOnce: a script the server does not know is sent whole once, then run by its
// SHA1.
func TestScriptLoadsOnce(t *testing.T) {
	t.Parallel()
	c, ctx := redistest.Client(t), context.Background()
	b := make([]byte, 8)
	rand.Read(b)
	s := cache.NewScript("-- " + hex.EncodeToString(b) + "\nreturn {KEYS[1], ARGV[1], ARGV[2]}")
	for range 2 {
		reply, err := s.Run(ctx, c, []string{"k"}, "a", "b")
		require.NoError(t, err)
		require.Equal(t, []any{"k", "a", "b"}, reply)
	}
	_, err := cache.NewScript("return redis.call('NOSUCHCOMMAND')").Run(ctx, c, nil)
	var server cache.Error
	require.ErrorAs(t, err, &server, "a script's error is the server's")
}

// TestReconnects: a pooled connection the server closed is replaced, the command sent
// again; the client still works after a server-side kill of every connection it holds.
func TestReconnects(t *testing.T) {
	t.Parallel()
	c, ctx := redistest.Client(t), context.Background()
	id, err := c.Do(ctx, "CLIENT", "ID")
	require.NoError(t, err)
	killer := redistest.Client(t)
	_, err = killer.Do(ctx, "CLIENT", "KILL", "ID", strconv.FormatInt(id.(int64), 10))
	require.NoError(t, err)
	other, err := c.Do(ctx, "CLIENT", "ID")
	require.NoError(t, err, "the killed connection is replaced")
	require.NotEqual(t, id, other)
}

// TestDeadlines: a reply that does not come within ctx's deadline ends the command with the
// context's error, and a cancelled ctx ends it at once; the connection is dropped, the
// next command gets a fresh one.
func TestDeadlines(t *testing.T) {
	t.Parallel()
	c, key := redistest.Client(t), redistest.Prefix(t)+"list"
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Do(ctx, "BLPOP", key, "2")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), time.Second)

	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start = time.Now()
	_, err = c.Do(ctx, "BLPOP", key, "2")
	require.ErrorIs(t, err, context.Canceled)
	require.Less(t, time.Since(start), time.Second)

	require.NoError(t, c.Ping(context.Background()))
	_, err = c.Do(context.Background(), "BLPOP", key, "4")
	require.Error(t, err, "a reply slower than the client's own timeout (3 s) is an error")
	var server cache.Error
	require.False(t, errors.As(err, &server))
	require.NoError(t, c.Ping(context.Background()))
}

// TestPool: more concurrent commands than connections wait for one; a closed client refuses.
func TestPool(t *testing.T) {
	t.Parallel()
	c, key, ctx := redistest.Client(t), redistest.Prefix(t)+"n", context.Background()
	t.Cleanup(func() { c.Do(ctx, "DEL", key) })
	var wg sync.WaitGroup
	for range 300 {
		wg.Go(func() {
			_, err := c.Do(ctx, "INCR", key)
			require.NoError(t, err)
		})
	}
	wg.Wait()
	n, err := c.Do(ctx, "GET", key)
	require.NoError(t, err)
	require.Equal(t, "300", n)
	require.NoError(t, c.Close())
	require.ErrorIs(t, c.Ping(ctx), cache.ErrClosed)
}

// TestBadURLs: what Open refuses, each with the password hidden.
func TestBadURLs(t *testing.T) {
	t.Parallel()
	redistest.Client(t) // needs the server for the AUTH cases
	ctx := context.Background()
	for url, want := range map[string]string{
		"redis://127.0.0.1:6379/x":                   `database "x": want a number`,
		"redis://127.0.0.1:6379/-1":                  `database "-1": want a number`,
		"redis://127.0.0.1:6379/0?dial_timeout=1s":   "want no options",
		"redis://:hunter2@127.0.0.1:6379/0":          "AUTH: redis: ",
		"redis://someone:hunter2@127.0.0.1:6379/0":   "AUTH: redis: WRONGPASS",
		"redis://127.0.0.1:6379/100000":              "SELECT: redis: ERR DB index is out of range",
		"redis://someone:hunter2@127.0.0.1:1/0":      "someone:***@127.0.0.1:1",
		"redis://someone:hunter2@127.0.0.1:6379/%zz": "not a URL",
	} {
		_, err := cache.Open(ctx, url)
		require.ErrorContains(t, err, want, url)
		require.NotContains(t, err.Error(), "hunter2", url)
	}
}

// TestMalformedReplies: a server that does not speak RESP2 gets an error, never a panic or a
// reply made up of its bytes.
func TestMalformedReplies(t *testing.T) {
	t.Parallel()
	for _, reply := range []string{
		"hello\r\n", "+OK\n", "$5\r\nab\r\n", "$-2\r\n", "$999999999999\r\n", ":x\r\n",
		"*2\r\n:1\r\n", "*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n", "$3\r\nabcde",
	} {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		go func() {
			nc, err := l.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 64)
			nc.Read(buf)
			nc.Write([]byte(reply))
			time.Sleep(200 * time.Millisecond)
			nc.Close()
		}()
		_, err = cache.Open(context.Background(), "redis://"+l.Addr().String()+"/0")
		require.Error(t, err, "%q", reply)
		l.Close()
	}
}
