package authcache

import (
	"context"
	"database/sql"
	"fmt"
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
	ok      bool // version was read
}

func openSQLite(ctx context.Context, c *Cache, d *db.DB) (*sqliteWatch, error) {
	conn, err := d.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("authcache: %w", err)
	}
	w := &sqliteWatch{cache: c, conn: conn}
	c.setLive(true)
	return w, nil
}

// sync reads the data version: changed since the last request, the cache is emptied first.
// Requests take turns, each read a few microseconds.
func (w *sqliteWatch) sync(ctx context.Context) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	var v int64
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
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

func (w *sqliteWatch) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.conn.Close()
}
