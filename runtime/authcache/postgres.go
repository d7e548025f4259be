package authcache

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// publicChannel is the notification channel the triggers (triggers.go) announce changes to
// the tables of the schema public on.
const publicChannel = "authgen_cache"

// maxSchemaBytes is the longest schema name a channel carries whole: with the prefix
// "authgen_cache_", 63 bytes, PostgreSQL's longest identifier.
const maxSchemaBytes = 49

// Channel is the PostgreSQL notification channel the triggers (triggers.go) announce
// changes to the tables of a schema on: one per schema, so that the writes of another app
// (or another test) on the same database, in a schema of its own, flush nobody's cache but
// theirs. It is "authgen_cache" for public, as it was for every schema before, and
// "authgen_cache_<schema>" for the others; a schema name longer than 49 bytes is shortened
// to its first 8 and last 4 characters, so two such schemas may share a channel (each then
// empties its cache on the other's changes too, never misses its own).
//
// An instance listens on the channel of the schema its auth_user table is in. The triggers'
// functions are replaced by every instance that starts, so the instances of one schema
// must all be of a version that names channels alike: an older one, on a schema other than
// public, would listen where nothing is announced any more.
func Channel(schema string) string {
	if schema == "public" {
		return publicChannel
	}
	if len(schema) > maxSchemaBytes {
		r := []rune(schema)
		schema = string(r[:8]) + string(r[len(r)-4:])
	}
	return publicChannel + "_" + schema
}

// fenceTimeout bounds how long a request waits for its fence; after it the request reads
// the database, and the listener, silent that long, is reconnected.
const fenceTimeout = 2 * time.Second

// pgWatch listens for the triggers' notices on a connection of its own. Notices arrive
// asynchronously, so a request first sends a fence: a notice of its own, on a channel only
// this instance listens to, sent after the request arrived. PostgreSQL delivers the notices
// of committed transactions in commit order, so when the listener receives the fence, it has
// received (and applied) every change committed before the request: the next request after a
// change, on any instance, sees it. Requests waiting together share one fence.
type pgWatch struct {
	cache   *Cache
	url     string
	log     *slog.Logger
	channel string // the schema's channel (Channel)
	fence   string // this instance's fence channel

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.Mutex
	next     *round // the fence requests join, not sent yet
	kick     chan struct{}
	arrived  chan uint64
	restart  chan struct{} // asks the listener to reconnect
	ready    chan struct{} // closed when the listener first listens
	readyErr error
}

// round is one fence: the requests that wait for it, and whether it came back.
type round struct {
	done chan struct{}
	ok   bool
}

func openPostgres(ctx context.Context, c *Cache, url, schema string, log *slog.Logger) (*pgWatch, error) {
	var b [8]byte
	rand.Read(b[:]) // never fails: crypto/rand crashes the program instead (Go 1.24+)
	wctx, cancel := context.WithCancel(context.Background())
	w := &pgWatch{cache: c, url: url, log: log, channel: Channel(schema), fence: "authgen_fence_" + hex.EncodeToString(b[:]),
		ctx: wctx, cancel: cancel, kick: make(chan struct{}, 1), arrived: make(chan uint64, 8),
		restart: make(chan struct{}, 1), ready: make(chan struct{})}
	w.wg.Add(2)
	go w.listen()
	go w.send()
	select {
	case <-w.ready:
	case <-ctx.Done():
		w.close()
		return nil, ctx.Err()
	}
	if w.readyErr != nil {
		w.close()
		return nil, w.readyErr
	}
	return w, nil
}

// listen keeps a connection listening on the change channel and the fence channel, applying
// notices in the order they arrive. While it is not listening the cache is empty and stores
// nothing; once listening again the cache is emptied once more, so changes made meanwhile
// are read afresh.
func (w *pgWatch) listen() {
	defer w.wg.Done()
	first := true
	backoff := 50 * time.Millisecond
	for w.ctx.Err() == nil {
		conn, err := w.connect(w.channel, w.fence)
		if err != nil {
			if first {
				w.readyErr = fmt.Errorf("authcache: listen: %w", err)
				close(w.ready)
				return
			}
			w.log.Warn("authcache: cannot listen for changes; reading the database until it can", "error", err)
			select {
			case <-time.After(backoff):
			case <-w.ctx.Done():
			}
			backoff = min(2*backoff, 5*time.Second)
			continue
		}
		backoff = 50 * time.Millisecond
		w.cache.setLive(true)
		if first {
			first = false
			close(w.ready)
		}
		err = w.receive(conn)
		w.cache.setLive(false)
		conn.Close(context.Background())
		if w.ctx.Err() == nil {
			w.log.Warn("authcache: lost the listener connection; reading the database until it is back", "error", err)
		}
	}
}

// receive applies notices until the connection fails or a restart is asked for.
func (w *pgWatch) receive(conn *pgx.Conn) error {
	ctx, cancel := context.WithCancel(w.ctx)
	defer cancel()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		select {
		case <-w.restart:
			cancel()
		case <-stop:
		}
	}()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if n.Channel == w.fence {
			if seq, err := strconv.ParseUint(n.Payload, 10, 64); err == nil {
				select {
				case w.arrived <- seq:
				default: // the sender gave up on older fences; it times out on this one
				}
			}
			continue
		}
		w.cache.apply(n.Payload)
	}
}

func (w *pgWatch) connect(channels ...string) (*pgx.Conn, error) {
	ctx, cancel := context.WithTimeout(w.ctx, 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, w.url)
	if err != nil {
		return nil, err
	}
	for _, ch := range channels {
		if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{ch}.Sanitize()); err != nil {
			conn.Close(context.Background())
			return nil, err
		}
	}
	return conn, nil
}

// send sends the fences, one at a time: the requests that arrive while one is on its way
// join the next, so a busy instance sends about one per round trip, not one per request.
func (w *pgWatch) send() {
	defer w.wg.Done()
	var conn *pgx.Conn
	defer func() {
		if conn != nil {
			conn.Close(context.Background())
		}
	}()
	var seq uint64
	for {
		select {
		case <-w.kick:
		case <-w.ctx.Done():
			w.mu.Lock()
			if r := w.next; r != nil {
				w.next = nil
				close(r.done)
			}
			w.mu.Unlock()
			return
		}
		w.mu.Lock()
		r := w.next
		w.next = nil
		w.mu.Unlock()
		if r == nil {
			continue
		}
		seq++
		var err error
		if conn == nil {
			conn, err = w.connectSender()
		}
		if err == nil {
			r.ok, err = w.fenceOnce(conn, seq)
		}
		if err != nil {
			if conn != nil {
				conn.Close(context.Background())
				conn = nil
			}
			w.log.Warn("authcache: cannot send a fence; this request reads the database", "error", err)
		}
		close(r.done)
	}
}

// connectSender opens the fences' connection. Its commits need not reach the disk: a fence
// carries no data, and a crash loses nothing but the wait.
func (w *pgWatch) connectSender() (*pgx.Conn, error) {
	conn, err := w.connect()
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(w.ctx, "SET synchronous_commit TO off"); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return conn, nil
}

// fenceOnce sends fence seq and waits for the listener to receive it.
func (w *pgWatch) fenceOnce(conn *pgx.Conn, seq uint64) (bool, error) {
	ctx, cancel := context.WithTimeout(w.ctx, fenceTimeout)
	defer cancel()
	if _, err := conn.Exec(ctx, "SELECT pg_notify($1, $2)", w.fence, strconv.FormatUint(seq, 10)); err != nil {
		return false, err
	}
	for {
		select {
		case got := <-w.arrived:
			if got == seq {
				return true, nil
			}
		case <-ctx.Done():
			if w.ctx.Err() != nil {
				return false, nil
			}
			// The listener heard nothing for fenceTimeout, its own fence included: it may
			// be on a connection that died silently. It reconnects, emptying the cache.
			select {
			case w.restart <- struct{}{}:
			default:
			}
			return false, errors.New("the listener did not receive the fence in time")
		}
	}
}

func (w *pgWatch) sync(ctx context.Context) bool {
	if !w.cache.isLive() {
		return false
	}
	w.mu.Lock()
	r := w.next
	if r == nil {
		r = &round{done: make(chan struct{})}
		w.next = r
		select {
		case w.kick <- struct{}{}:
		default:
		}
	}
	w.mu.Unlock()
	select {
	case <-r.done:
		return r.ok && w.cache.isLive()
	case <-ctx.Done():
		return false
	}
}

func (w *pgWatch) close() error {
	w.cancel()
	w.wg.Wait()
	return nil
}
