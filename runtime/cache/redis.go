package cache

import (
	"bufio"
	"context"
	"crypto/sha1"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The client's limits: go-redis's defaults, which this client replaced (docs/performance.md,
// "Tests": go-redis was 27 s of compiling on an empty build cache, linked into every test
// binary of an app, for the four commands below).
const (
	dialTimeout = 5 * time.Second
	ioTimeout   = 3 * time.Second         // a command's write and its reply's read
	poolTimeout = ioTimeout + time.Second // waiting for a free connection
	maxBulk     = 512 << 20               // Redis's proto-max-bulk-len
	maxDepth    = 8                       // nested arrays in one reply
	maxLine     = 1 << 20                 // a simple string's or an error's line
)

// Client is a pool of connections to one Redis server, speaking RESP2: the few commands a
// shared cache needs (PING, EVALSHA and EVAL, DEL), one at a time on a connection.
//
// A command waits for a free connection at most poolTimeout, for a new connection's dial at
// most dialTimeout, and for its write and reply at most ioTimeout, or less when ctx's
// deadline is earlier; a cancelled ctx ends the wait at once. A connection that failed or
// timed out is closed, never reused. A connection taken from the pool that turns out to be
// closed by the server (idle too long, server restarted) is replaced by a new one and the
// command sent again, once.
type Client struct {
	addr     string
	tls      *tls.Config
	user     string
	password string
	db       int

	slots chan struct{} // one per open connection: 10 per CPU, as go-redis
	mu    sync.Mutex
	idle  []*conn
	done  bool
}

// Error is an error reply of the server ("-ERR …", "-NOSCRIPT …").
type Error string

func (e Error) Error() string { return "redis: " + string(e) }

// ErrClosed is returned by the commands of a closed Client.
var ErrClosed = errors.New("redis: client closed")

type conn struct {
	nc net.Conn
	r  *bufio.Reader
	w  *bufio.Writer
}

// newClient parses a redis:// or rediss:// URL: redis://[[user]:password@]host[:port][/db].
func newClient(raw string) (*Client, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("not a URL")
	}
	c := &Client{slots: make(chan struct{}, 10*runtime.GOMAXPROCS(0))}
	if u.Scheme == "rediss" {
		c.tls = &tls.Config{ServerName: u.Hostname(), MinVersion: tls.VersionTLS12}
	}
	if len(u.Query()) > 0 || u.Fragment != "" || u.Opaque != "" {
		return nil, errors.New("want no options: redis://[user:password@]host:port/db")
	}
	host, port := u.Hostname(), u.Port()
	if host == "" {
		host = "localhost"
	}
	if port == "" {
		port = "6379"
	}
	c.addr = net.JoinHostPort(host, port)
	if u.User != nil {
		c.user = u.User.Username()
		c.password, _ = u.User.Password()
	}
	if db := strings.TrimPrefix(u.Path, "/"); db != "" {
		if c.db, err = strconv.Atoi(db); err != nil || c.db < 0 {
			return nil, fmt.Errorf("database %q: want a number", db)
		}
	}
	return c, nil
}

// Ping checks the connection.
func (c *Client) Ping(ctx context.Context) error {
	_, err := c.Do(ctx, "PING")
	return err
}

// Close closes the idle connections; those in use close when their command ends.
func (c *Client) Close() error {
	c.mu.Lock()
	idle := c.idle
	c.idle, c.done = nil, true
	c.mu.Unlock()
	for _, cn := range idle {
		cn.nc.Close()
	}
	return nil
}

// Do sends one command and returns its reply: a string (simple or bulk), an int64, nil (a
// nil bulk or array), or a []any of those; an error reply is an Error.
func (c *Client) Do(ctx context.Context, args ...string) (any, error) {
	if err := c.acquire(ctx); err != nil {
		return nil, err
	}
	defer func() { <-c.slots }()
	cn, reused, err := c.get(ctx)
	if err != nil {
		return nil, err
	}
	reply, err := c.roundTrip(ctx, cn, args)
	if err != nil && reused && stale(err) && ctx.Err() == nil {
		// The server closed the idle connection before this command reached it.
		cn.nc.Close()
		if cn, err = c.dial(ctx); err != nil {
			return nil, err
		}
		reply, err = c.roundTrip(ctx, cn, args)
	}
	if err != nil {
		var server Error
		if !errors.As(err, &server) {
			cn.nc.Close()
			return nil, err
		}
	}
	c.put(cn)
	return reply, err
}

// acquire takes one of the open connections' slots.
func (c *Client) acquire(ctx context.Context) error {
	select {
	case c.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(poolTimeout)
	defer t.Stop()
	select {
	case c.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return errors.New("redis: every connection busy for " + poolTimeout.String())
	}
}

// get returns an idle connection, or a new one.
func (c *Client) get(ctx context.Context) (cn *conn, reused bool, err error) {
	c.mu.Lock()
	if c.done {
		c.mu.Unlock()
		return nil, false, ErrClosed
	}
	if n := len(c.idle); n > 0 {
		cn = c.idle[n-1]
		c.idle = c.idle[:n-1]
		c.mu.Unlock()
		return cn, true, nil
	}
	c.mu.Unlock()
	cn, err = c.dial(ctx)
	return cn, false, err
}

func (c *Client) put(cn *conn) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		cn.nc.Close()
		return
	}
	c.idle = append(c.idle, cn)
}

// dial opens a connection and authenticates it and selects its database.
func (c *Client) dial(ctx context.Context) (*conn, error) {
	ctx, cancel := context.WithTimeout(ctx, dialTimeout)
	defer cancel()
	var nc net.Conn
	var err error
	if c.tls != nil {
		nc, err = (&tls.Dialer{Config: c.tls}).DialContext(ctx, "tcp", c.addr)
	} else {
		nc, err = (&net.Dialer{}).DialContext(ctx, "tcp", c.addr)
	}
	if err != nil {
		return nil, fmt.Errorf("redis: %w", err)
	}
	cn := &conn{nc: nc, r: bufio.NewReader(nc), w: bufio.NewWriter(nc)}
	var setup [][]string
	switch {
	case c.user != "":
		setup = append(setup, []string{"AUTH", c.user, c.password})
	case c.password != "":
		setup = append(setup, []string{"AUTH", c.password})
	}
	if c.db != 0 {
		setup = append(setup, []string{"SELECT", strconv.Itoa(c.db)})
	}
	for _, cmd := range setup {
		if _, err := c.roundTrip(ctx, cn, cmd); err != nil {
			nc.Close()
			return nil, fmt.Errorf("%s: %w", cmd[0], err)
		}
	}
	return cn, nil
}

// roundTrip writes one command and reads its reply.
func (c *Client) roundTrip(ctx context.Context, cn *conn, args []string) (any, error) {
	deadline, ctxDeadline := time.Now().Add(ioTimeout), false
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline, ctxDeadline = d, true
	}
	if err := cn.nc.SetDeadline(deadline); err != nil {
		return nil, err
	}
	if ctx.Done() != nil {
		// A cancelled ctx ends the wait: the deadline moves to the past.
		stop := context.AfterFunc(ctx, func() { cn.nc.SetDeadline(time.Unix(1, 0)) })
		defer stop()
	}
	cn.w.WriteByte('*')
	cn.w.WriteString(strconv.Itoa(len(args)))
	cn.w.WriteString("\r\n")
	for _, a := range args {
		cn.w.WriteByte('$')
		cn.w.WriteString(strconv.Itoa(len(a)))
		cn.w.WriteString("\r\n")
		cn.w.WriteString(a)
		cn.w.WriteString("\r\n")
	}
	if err := cn.w.Flush(); err != nil {
		return nil, ioError(ctx, ctxDeadline, err)
	}
	reply, err := readReply(cn.r, 0)
	if err != nil {
		var server Error
		if errors.As(err, &server) {
			return nil, err
		}
		return nil, ioError(ctx, ctxDeadline, err)
	}
	return reply, nil
}

// ioError says that ctx ended the command, when it did: cancelled, or its deadline the
// connection's (whose timeout may come an instant before ctx's own timer).
func ioError(ctx context.Context, ctxDeadline bool, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("redis: %w", ctx.Err())
	}
	var op *net.OpError
	if ctxDeadline && errors.As(err, &op) && op.Timeout() {
		return fmt.Errorf("redis: %w", context.DeadlineExceeded)
	}
	return fmt.Errorf("redis: %w", err)
}

// stale reports an error of a connection the server had closed: nothing was read.
func stale(err error) bool {
	var op *net.OpError
	return errors.Is(err, io.EOF) || (errors.As(err, &op) && !op.Timeout())
}

// errProtocol reports a reply that is not RESP2.
var errProtocol = errors.New("redis: malformed reply")

// readReply reads one RESP2 reply.
func readReply(r *bufio.Reader, depth int) (any, error) {
	line, err := readLine(r)
	if err != nil {
		return nil, err
	}
	if len(line) == 0 {
		return nil, errProtocol
	}
	switch line[0] {
	case '+':
		return string(line[1:]), nil
	case '-':
		return nil, Error(line[1:])
	case ':':
		n, err := strconv.ParseInt(string(line[1:]), 10, 64)
		if err != nil {
			return nil, errProtocol
		}
		return n, nil
	case '$':
		n, err := strconv.Atoi(string(line[1:]))
		if err != nil || n < -1 || n > maxBulk {
			return nil, errProtocol
		}
		if n == -1 {
			return nil, nil
		}
		b := make([]byte, n+2)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		if b[n] != '\r' || b[n+1] != '\n' {
			return nil, errProtocol
		}
		return string(b[:n]), nil
	case '*':
		n, err := strconv.Atoi(string(line[1:]))
		if err != nil || n < -1 || n > maxBulk || depth >= maxDepth {
			return nil, errProtocol
		}
		if n == -1 {
			return nil, nil
		}
		items := make([]any, 0, min(n, 64))
		for range n {
			item, err := readReply(r, depth+1)
			var server Error
			if err != nil && !errors.As(err, &server) {
				return nil, err
			}
			if err != nil {
				item = server // an error inside an array is one of its items
			}
			items = append(items, item)
		}
		return items, nil
	}
	return nil, errProtocol
}

// readLine reads a line up to its CRLF, which it drops; at most maxLine bytes.
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		// Longer than the reader's buffer: a long error message, say.
		long := append([]byte(nil), line...)
		for errors.Is(err, bufio.ErrBufferFull) && len(long) <= maxLine {
			line, err = r.ReadSlice('\n')
			long = append(long, line...)
		}
		if len(long) > maxLine {
			return nil, errProtocol
		}
		line = long
	}
	if err != nil {
		return nil, err
	}
	if len(line) < 2 || line[len(line)-2] != '\r' {
		return nil, errProtocol
	}
	return line[:len(line)-2], nil
}

// Script is a Lua script run by its SHA1 (EVALSHA), sent whole (EVAL) the first time a
// server does not know it.
type Script struct {
	src, sha string
}

// NewScript returns the script of src.
func NewScript(src string) *Script {
	sum := sha1.Sum([]byte(src))
	return &Script{src: src, sha: hex.EncodeToString(sum[:])}
}

// Run runs the script with its keys and arguments.
func (s *Script) Run(ctx context.Context, c *Client, keys []string, args ...string) (any, error) {
	cmd := make([]string, 0, 3+len(keys)+len(args))
	cmd = append(cmd, "EVALSHA", s.sha, strconv.Itoa(len(keys)))
	cmd = append(append(cmd, keys...), args...)
	reply, err := c.Do(ctx, cmd...)
	var server Error
	if errors.As(err, &server) && strings.HasPrefix(string(server), "NOSCRIPT") {
		cmd[0], cmd[1] = "EVAL", s.src
		return c.Do(ctx, cmd...)
	}
	return reply, err
}
