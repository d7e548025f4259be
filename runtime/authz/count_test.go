package authz_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"modernc.org/sqlite"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// countingDriver is the SQLite driver with a count of every statement sent to the database,
// to prove how many queries a permission check costs.
type countingDriver struct {
	inner   driver.Driver
	queries *atomic.Int64
}

func (d countingDriver) Open(name string) (driver.Conn, error) {
	c, err := d.inner.Open(name)
	if err != nil {
		return nil, err
	}
	return countingConn{c, d.queries}, nil
}

type countingConn struct {
	driver.Conn
	queries *atomic.Int64
}

func (c countingConn) Prepare(q string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), q)
}

func (c countingConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	var st driver.Stmt
	var err error
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		st, err = p.PrepareContext(ctx, q)
	} else {
		st, err = c.Conn.Prepare(q)
	}
	if err != nil {
		return nil, err
	}
	return countingStmt{st, c.queries}, nil
}

func (c countingConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	qc, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip // database/sql prepares instead, and the statement counts
	}
	c.queries.Add(1)
	return qc.QueryContext(ctx, q, args)
}

func (c countingConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	ec, ok := c.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	c.queries.Add(1)
	return ec.ExecContext(ctx, q, args)
}

func (c countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	//lint:ignore SA1019 the fallback database/sql itself uses for drivers without BeginTx
	return c.Conn.Begin()
}

type countingStmt struct {
	driver.Stmt
	queries *atomic.Int64
}

func (s countingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.queries.Add(1)
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (s countingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	s.queries.Add(1)
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}

// countingDB opens a fresh SQLite database with the built-in tables, through the counting
// driver; the count starts at zero.
func countingDB(tb testing.TB) (*db.DB, *atomic.Int64) {
	tb.Helper()
	queries := &atomic.Int64{}
	dsn := "file:" + filepath.Join(tb.TempDir(), "count.db") + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)"
	pool := sql.OpenDB(connector{countingDriver{&sqlite.Driver{}, queries}, dsn})
	tb.Cleanup(func() { pool.Close() })
	ddl, err := dbtest.AuthSchema(db.SQLite, "")
	require.NoError(tb, err)
	for _, stmt := range dbtest.SplitStatements(ddl) {
		_, err := pool.Exec(stmt)
		require.NoError(tb, err)
	}
	queries.Store(0)
	return &db.DB{DB: pool, Dialect: db.SQLite}, queries
}

// connector opens connections of a driver with one DSN.
type connector struct {
	d   driver.Driver
	dsn string
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.d.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.d }
