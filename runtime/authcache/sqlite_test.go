package authcache

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// TestDataVersionAsDatabaseSQL: the data version the watch reads through the driver is the
// one database/sql's query reads on the same connection, before and after commits of
// another connection, of a transaction rolled back and of the watch's own connection, and
// after the request's context ended.
func TestDataVersionAsDatabaseSQL(t *testing.T) {
	ctx := context.Background()
	_, other, c, w := watchedSQLite(t)
	// The data version alone, as sync reads it without a wal-index (walindex_test.go).
	w.index.close()
	w.index = nil

	viaSQL := func() int64 {
		var v int64
		require.NoError(t, w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v))
		return v
	}
	check := func(what string) int64 {
		got, err := w.dataVersion()
		require.NoError(t, err, what)
		require.Equal(t, viaSQL(), got, what)
		again, err := w.dataVersion()
		require.NoError(t, err, what)
		require.Equal(t, got, again, "%s: read twice", what)
		return got
	}
	first := check("fresh")
	_, err := other.ExecContext(ctx, `CREATE TABLE t (x INTEGER)`)
	require.NoError(t, err)
	afterCommit := check("another connection committed")
	require.NotEqual(t, first, afterCommit)
	for i := range 5 {
		_, err = other.ExecContext(ctx, `INSERT INTO t VALUES ($1)`, i)
		require.NoError(t, err)
		check("after each commit")
	}
	tx, err := other.BeginTx(ctx, nil)
	require.NoError(t, err)
	_, err = tx.ExecContext(ctx, `INSERT INTO t VALUES (99)`)
	require.NoError(t, err)
	require.NoError(t, tx.Rollback())
	check("a rolled-back transaction")
	_, err = w.conn.ExecContext(ctx, `INSERT INTO t VALUES (100)`)
	require.NoError(t, err)
	check("the watch's own commit")

	// The request's context ending does not make the read fail, nor the cache flush.
	done, cancel := context.WithCancel(ctx)
	cancel()
	require.True(t, w.sync(done))
	require.True(t, w.sync(done))
	gen := c.gen
	require.True(t, w.sync(done))
	require.Equal(t, gen, c.gen, "nothing changed: the cache is kept")
	_, err = other.ExecContext(ctx, `INSERT INTO t VALUES (101)`)
	require.NoError(t, err)
	require.True(t, w.sync(done))
	require.NotEqual(t, gen, c.gen, "a commit empties the cache")

	// A closed connection fails the read: the cache serves nothing.
	require.NoError(t, w.conn.Close())
	require.False(t, w.sync(ctx))
}

// watchedSQLite opens two handles on one new SQLite file and the watch on the first; other is
// the second, which commits. The test's cleanup closes them.
func watchedSQLite(t *testing.T) (url string, other *db.DB, c *Cache, w *sqliteWatch) {
	t.Helper()
	url = dbtest.URL(t, db.SQLite)
	mine, err := db.Open(url)
	require.NoError(t, err)
	t.Cleanup(func() { mine.Close() })
	other, err = db.Open(url)
	require.NoError(t, err)
	t.Cleanup(func() { other.Close() })
	c = newCache()
	w, err = openSQLite(context.Background(), c, mine)
	require.NoError(t, err)
	t.Cleanup(func() { w.close() })
	return url, other, c, w
}
