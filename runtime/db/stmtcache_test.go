package db

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// openOneConn opens a SQLite file with a pool of one connection, so that every query meets
// the same statement cache.
func openOneConn(t *testing.T) (*DB, *sql.Conn) {
	t.Helper()
	d, err := Open("sqlite://" + filepath.Join(t.TempDir(), "cache.db"))
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	conn, err := d.Conn(context.Background())
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return d, conn
}

// cacheOf returns the statement cache of conn's driver connection, most recently used first.
func cacheOf(t *testing.T, conn *sql.Conn) (texts []string) {
	t.Helper()
	require.NoError(t, conn.Raw(func(dc any) error {
		if tc, ok := dc.(djangoTimeConn); ok {
			dc = tc.sqliteConn
		}
		c, ok := dc.(*stmtCachingConn)
		if !ok {
			return fmt.Errorf("a SQLite connection is a %T, not a *stmtCachingConn", dc)
		}
		if len(c.stmts) != c.lru.Len() {
			return fmt.Errorf("%d statements by text, %d in the LRU list", len(c.stmts), c.lru.Len())
		}
		for el := c.lru.Front(); el != nil; el = el.Next() {
			texts = append(texts, el.Value.(*cachedStmt).query)
		}
		return nil
	}))
	return texts
}

func TestStatementsArePreparedOncePerConnection(t *testing.T) {
	_, conn := openOneConn(t)
	ctx := context.Background()
	_, err := conn.ExecContext(ctx, `CREATE TABLE item (id integer PRIMARY KEY, name text NOT NULL)`)
	require.NoError(t, err)
	const insert = `INSERT INTO item (id, name) VALUES ($1, $2)`
	for i, name := range []string{"a", "b", "c"} {
		_, err := conn.ExecContext(ctx, insert, i+1, name)
		require.NoError(t, err)
	}
	const byID = `SELECT name FROM item WHERE id = $1`
	for i, want := range []string{"a", "b", "c"} {
		var name string
		require.NoError(t, conn.QueryRowContext(ctx, byID, i+1).Scan(&name))
		require.Equal(t, want, name)
	}
	err = conn.QueryRowContext(ctx, byID, 9).Scan(new(string))
	require.ErrorIs(t, err, sql.ErrNoRows)
	require.Equal(t, []string{byID, insert, `CREATE TABLE item (id integer PRIMARY KEY, name text NOT NULL)`}, cacheOf(t, conn))
}

// A query whose statement is still reading rows runs on a statement of its own, and neither
// disturbs the other's rows.
func TestBusyStatementIsNotReset(t *testing.T) {
	_, conn := openOneConn(t)
	ctx := context.Background()
	_, err := conn.ExecContext(ctx, `CREATE TABLE item (id integer PRIMARY KEY)`)
	require.NoError(t, err)
	for i := 1; i <= 3; i++ {
		_, err := conn.ExecContext(ctx, `INSERT INTO item (id) VALUES ($1)`, i)
		require.NoError(t, err)
	}
	const ids = `SELECT id FROM item WHERE id >= $1 ORDER BY id`
	outer, err := conn.QueryContext(ctx, ids, 1)
	require.NoError(t, err)
	var got [][]int
	for outer.Next() {
		var id int
		require.NoError(t, outer.Scan(&id))
		inner, err := conn.QueryContext(ctx, ids, id)
		require.NoError(t, err)
		row := []int{id}
		for inner.Next() {
			var n int
			require.NoError(t, inner.Scan(&n))
			row = append(row, n)
		}
		require.NoError(t, inner.Close())
		got = append(got, row)
	}
	require.NoError(t, outer.Err())
	require.NoError(t, outer.Close())
	require.Equal(t, [][]int{{1, 1, 2, 3}, {2, 2, 3}, {3, 3}}, got)

	// Freed by Close, the cached statement serves the next query again.
	var n int
	require.NoError(t, conn.QueryRowContext(ctx, ids, 2).Scan(&n))
	require.Equal(t, 2, n)
	require.Contains(t, cacheOf(t, conn), ids)
}

// The cache keeps at most stmtCacheSize statements, and a statement pushed out while its rows
// are open is closed only after them.
func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	_, conn := openOneConn(t)
	ctx := context.Background()
	const first = `SELECT $1 + 0 UNION ALL SELECT $1 + 1`
	rows, err := conn.QueryContext(ctx, first, 10)
	require.NoError(t, err)
	require.True(t, rows.Next())
	for i := range stmtCacheSize + 5 {
		var n int
		require.NoError(t, conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT %d + $1`, i), 1).Scan(&n))
		require.Equal(t, i+1, n)
	}
	texts := cacheOf(t, conn)
	require.Len(t, texts, stmtCacheSize)
	require.NotContains(t, texts, first)
	require.Equal(t, fmt.Sprintf(`SELECT %d + $1`, stmtCacheSize+4), texts[0])

	var a, b int
	require.NoError(t, rows.Scan(&a))
	require.True(t, rows.Next())
	require.NoError(t, rows.Scan(&b))
	require.False(t, rows.Next())
	require.NoError(t, rows.Close())
	require.Equal(t, []int{10, 11}, []int{a, b})
}

// SQLite prepares a cached statement again when the schema under it changes.
func TestCachedStatementFollowsSchemaChanges(t *testing.T) {
	_, conn := openOneConn(t)
	ctx := context.Background()
	_, err := conn.ExecContext(ctx, `CREATE TABLE item (id integer PRIMARY KEY)`)
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, `INSERT INTO item (id) VALUES (1)`)
	require.NoError(t, err)
	const all = `SELECT * FROM item`
	cols := func() []string {
		rows, err := conn.QueryContext(ctx, all)
		require.NoError(t, err)
		defer rows.Close()
		c, err := rows.Columns()
		require.NoError(t, err)
		types, err := rows.ColumnTypes()
		require.NoError(t, err)
		require.Len(t, types, len(c))
		return c
	}
	require.Equal(t, []string{"id"}, cols())
	_, err = conn.ExecContext(ctx, `ALTER TABLE item ADD COLUMN name text NOT NULL DEFAULT 'x'`)
	require.NoError(t, err)
	require.Equal(t, []string{"id", "name"}, cols())
}

// Requests on many goroutines share the pool's connections and so their caches: each query
// still reads its own arguments' rows, in reads, in transactions, and in writes.
func TestCachedStatementsUnderConcurrency(t *testing.T) {
	d, err := Open("sqlite://" + filepath.Join(t.TempDir(), "concurrent.db"))
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	ctx := context.Background()
	_, err = d.ExecContext(ctx, `CREATE TABLE item (id integer PRIMARY KEY, owner integer NOT NULL, name text NOT NULL)`)
	require.NoError(t, err)
	const workers, rounds = 8, 50
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			errs <- func() error {
				for i := range rounds {
					name := fmt.Sprintf("w%d-%d", w, i)
					if _, err := d.ExecContext(ctx, `INSERT INTO item (owner, name) VALUES ($1, $2)`, w, name); err != nil {
						return err
					}
					var last string
					if err := d.QueryRowContext(ctx, `SELECT name FROM item WHERE owner = $1 ORDER BY id DESC`, w).Scan(&last); err != nil {
						return err
					}
					if last != name {
						return fmt.Errorf("worker %d read %q, wrote %q", w, last, name)
					}
					err := d.InTx(ctx, func(tx *sql.Tx) error {
						var n int
						if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM item WHERE owner = $1`, w).Scan(&n); err != nil {
							return err
						}
						if n != i+1 {
							return fmt.Errorf("worker %d counts %d rows, wrote %d", w, n, i+1)
						}
						return nil
					})
					if err != nil {
						return err
					}
				}
				return nil
			}()
		}()
	}
	for range workers {
		require.NoError(t, <-errs)
	}
}
