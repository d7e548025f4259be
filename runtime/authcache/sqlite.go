package authcache

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/authgen/authgen/runtime/db"
)

// sqliteWatch sees every commit to an SQLite database by any other connection, of this
// process or another (the operator's commands, Django), through PRAGMA data_version on a
// connection of its own that never writes. SQLite says only that something changed, not
// what: any commit empties the cache. A single host serves an SQLite database, and its
// writes are few next to its reads.
type sqliteWatch struct {
	cache *Cache

	mu      sync.Mutex
	conn    *sql.Conn
	version int64
	ok      bool           // version was read
	dest    []driver.Value // the row read, reused
}

func openSQLite(ctx context.Context, c *Cache, d *db.DB) (*sqliteWatch, error) {
	conn, err := d.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("authcache: %w", err)
	}
	w := &sqliteWatch{cache: c, conn: conn, dest: make([]driver.Value, 1)}
	c.setLive(true)
	return w, nil
}

// sync reads the data version: changed since the last request, the cache is emptied first.
// Requests take turns, each read a few microseconds.
func (w *sqliteWatch) sync(context.Context) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	v, err := w.dataVersion()
	if err != nil {
		w.ok = false
		w.cache.flush()
		return false
	}
	if !w.ok || v != w.version {
		w.cache.flush()
		w.version, w.ok = v, true
	}
	return true
}

// errNoVersion is a data_version that is not one integer.
var errNoVersion = errors.New("authcache: PRAGMA data_version gave no integer")

// dataVersion runs PRAGMA data_version on the watch's connection through the driver itself
// (the statement prepared once by runtime/db's statement cache), not database/sql's rows:
// those cost twice the read, and both layers start a goroutine per query to watch a
// cancellable context. The read is not given the request's context: it reads SQLite's
// shared memory and waits for nothing but a lock that busy_timeout bounds, and a request
// that is gone would only have made the next one flush the cache.
func (w *sqliteWatch) dataVersion() (int64, error) {
	var v int64
	err := w.conn.Raw(func(dc any) error {
		q, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("authcache: %T runs no queries", dc)
		}
		rows, err := q.QueryContext(context.Background(), `PRAGMA data_version`, nil)
		if err != nil {
			return err
		}
		err = rows.Next(w.dest)
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if errors.Is(err, io.EOF) {
			return errNoVersion
		}
		if err != nil {
			return err
		}
		if v, ok = w.dest[0].(int64); !ok {
			return errNoVersion
		}
		return nil
	})
	return v, err
}

func (w *sqliteWatch) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.conn.Close()
}
