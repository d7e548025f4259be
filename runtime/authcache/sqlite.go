package authcache

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/authgen/authgen/runtime/db"
)

// sqliteWatch sees every commit to an SQLite database by any other connection, of this
// process or another (the operator's commands, Django): in WAL mode by reading the
// wal-index header SQLite keeps in shared memory (walindex.go), which a commit rewrites;
// otherwise, or when the header is being written, through PRAGMA data_version on a
// connection of its own that never writes, which also keeps the -shm file in use while the
// header is read. SQLite says only that something changed, not what: any commit empties the
// cache. A single host serves an SQLite database, and its writes are few next to its reads.
type sqliteWatch struct {
	cache *Cache

	mu      sync.Mutex
	conn    *sql.Conn
	version int64
	ok      bool           // version was read
	dest    []driver.Value // the row read, reused

	index  *walIndex // nil: not in WAL mode, or no -shm file to map
	header walHeader // the wal-index header last read
	seen   bool      // header was read
}

func openSQLite(ctx context.Context, c *Cache, d *db.DB) (*sqliteWatch, error) {
	conn, err := d.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("authcache: %w", err)
	}
	w := &sqliteWatch{cache: c, conn: conn, dest: make([]driver.Value, 1)}
	w.index = w.openIndex(ctx)
	c.setLive(true)
	return w, nil
}

// openIndex maps the wal-index of the watch's database, or returns nil (the data version is
// read then): the database is not in WAL mode, is not a file, or the platform has no mmap.
func (w *sqliteWatch) openIndex(ctx context.Context) *walIndex {
	// A read in WAL mode opens the WAL and the -shm file, which the connection then keeps.
	if _, err := w.dataVersion(); err != nil {
		return nil
	}
	var mode, file string
	if err := w.conn.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || !strings.EqualFold(mode, "wal") {
		return nil
	}
	err := w.conn.QueryRowContext(ctx, `SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&file)
	if err != nil || file == "" {
		return nil
	}
	x, err := openWALIndex(file)
	if err != nil {
		return nil
	}
	return x
}

// sync reads the wal-index header, or the data version: changed since the last request,
// the cache is emptied first. Requests take turns: the header's read is a few loads from
// memory, the data version's a few microseconds.
//
// Each way compares with what it read last, so a request may take either: a commit since
// the header was last read changes the header, one since the data version was last read
// changes the data version.
func (w *sqliteWatch) sync(context.Context) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.index != nil {
		if h, ok := w.index.header(); ok {
			if !w.seen || h != w.header {
				w.cache.flush()
				w.header, w.seen = h, true
			}
			return true
		}
		// A commit is writing the header, or died doing it: SQLite reads it under its
		// locks, recovering the index if it must.
	}
	v, err := w.dataVersion()
	if err != nil {
		w.ok = false
		w.cache.flush()
		// The connection may be gone (database/sql closes one that fails so), and with
		// it the lock that keeps the -shm file as it was mapped.
		w.index.close()
		w.index = nil
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
	w.index.close()
	w.index = nil
	return w.conn.Close()
}
