package db

import (
	"container/list"
	"context"
	"database/sql/driver"
	"reflect"
)

// SQLite connections keep their statements prepared.
//
// database/sql prepares, runs and finalizes a statement for every query it is not given
// prepared, and the SQLite driver caches none, so every request parsed and planned each of
// its queries again: under load that was a fifth of the CPU of a request that reads one row.
// pgx caches statements per connection on PostgreSQL; a stmtCachingConn does the same on
// SQLite, below database/sql, so that every query of the runtime and of generated code (the
// same texts again and again) is prepared once per connection and then only bound and run.
// SQLite prepares a cached statement again by itself when the schema changes
// (sqlite3_prepare_v2), so a migration needs nothing from here.

// stmtCacheSize bounds the statements one connection keeps, the least recently used going
// first: an app runs a fixed set of query texts, but a query built from a request (a filter,
// an IN list) could otherwise grow the cache without end.
const stmtCacheSize = 256

func newStmtCachingConn(c sqliteConn) *stmtCachingConn {
	return &stmtCachingConn{sqliteConn: c, stmts: map[string]*list.Element{}, lru: list.New()}
}

// stmtCachingConn is a SQLite connection that runs each query text through a statement it
// prepared for it once. database/sql uses a connection from one goroutine at a time, so the
// cache needs no lock.
type stmtCachingConn struct {
	sqliteConn
	stmts map[string]*list.Element // query text → element of lru holding its *cachedStmt
	lru   *list.List               // most recently used first
}

// cachedStmt is a prepared statement of a connection. While rows read from it are open it is
// busy: running it again would reset it under them, so a second query of the same text then
// takes a statement of its own.
type cachedStmt struct {
	query string
	stmt  interface {
		driver.Stmt
		driver.StmtExecContext
		driver.StmtQueryContext
	}
	busy    bool
	evicted bool // left the cache while busy: closed when its rows are
}

// Unwrap returns the driver's connection, as the driver's own helpers (sqlite.Limit) expect of
// a wrapper.
func (c *stmtCachingConn) Unwrap() driver.Conn { return c.sqliteConn }

// statement returns the connection's statement for query, preparing it on first use; nil (and
// no error) when that statement is busy.
func (c *stmtCachingConn) statement(ctx context.Context, query string) (*cachedStmt, error) {
	if el, ok := c.stmts[query]; ok {
		c.lru.MoveToFront(el)
		s := el.Value.(*cachedStmt)
		if s.busy {
			return nil, nil
		}
		return s, nil
	}
	prepared, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st, ok := prepared.(interface {
		driver.Stmt
		driver.StmtExecContext
		driver.StmtQueryContext
	})
	if !ok {
		prepared.Close()
		return nil, nil
	}
	s := &cachedStmt{query: query, stmt: st}
	c.stmts[query] = c.lru.PushFront(s)
	if c.lru.Len() > stmtCacheSize {
		c.evict(c.lru.Back())
	}
	return s, nil
}

func (c *stmtCachingConn) evict(el *list.Element) {
	s := c.lru.Remove(el).(*cachedStmt)
	delete(c.stmts, s.query)
	if s.busy {
		s.evicted = true
		return
	}
	s.stmt.Close()
}

// QueryContext runs query on its cached statement; the statement stays busy until the rows
// are closed.
func (c *stmtCachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s, err := c.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.sqliteConn.QueryContext(ctx, query, args)
	}
	rows, err := s.stmt.QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	s.busy = true
	return newCachedRows(rows, s), nil
}

// ExecContext runs query on its cached statement, which is done with it on return.
func (c *stmtCachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s, err := c.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.sqliteConn.ExecContext(ctx, query, args)
	}
	return s.stmt.ExecContext(ctx, args)
}

// Close finalizes the cached statements, then closes the connection. database/sql closes a
// connection only once no rows of it are open.
func (c *stmtCachingConn) Close() error {
	for el := c.lru.Front(); el != nil; el = el.Next() {
		el.Value.(*cachedStmt).stmt.Close()
	}
	c.stmts, c.lru = nil, list.New()
	return c.sqliteConn.Close()
}

// cachedRows are the rows of a cached statement: closing them frees the statement for the
// next query of its text.
type cachedRows struct {
	driver.Rows
	stmt *cachedStmt
}

// sqliteRows is what the SQLite driver's rows implement beyond driver.Rows: database/sql's
// ColumnTypes reads it.
type sqliteRows interface {
	driver.Rows
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypeNullable
	driver.RowsColumnTypePrecisionScale
	driver.RowsColumnTypeScanType
}

// newCachedRows wraps rows, keeping the column type interfaces where the driver's rows have them.
func newCachedRows(rows driver.Rows, s *cachedStmt) driver.Rows {
	cr := cachedRows{Rows: rows, stmt: s}
	if typed, ok := rows.(sqliteRows); ok {
		return &typedCachedRows{cachedRows: cr, typed: typed}
	}
	return &cr
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.stmt.busy = false
	if r.stmt.evicted {
		r.stmt.stmt.Close()
	}
	return err
}

// typedCachedRows are cachedRows that answer database/sql's questions about column types.
type typedCachedRows struct {
	cachedRows
	typed sqliteRows
}

func (r *typedCachedRows) ColumnTypeDatabaseTypeName(i int) string {
	return r.typed.ColumnTypeDatabaseTypeName(i)
}

func (r *typedCachedRows) ColumnTypeLength(i int) (int64, bool) { return r.typed.ColumnTypeLength(i) }

func (r *typedCachedRows) ColumnTypeNullable(i int) (bool, bool) {
	return r.typed.ColumnTypeNullable(i)
}

func (r *typedCachedRows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	return r.typed.ColumnTypePrecisionScale(i)
}

func (r *typedCachedRows) ColumnTypeScanType(i int) reflect.Type {
	return r.typed.ColumnTypeScanType(i)
}
