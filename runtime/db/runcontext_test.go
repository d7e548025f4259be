package db_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// TestSQLiteReadsOfRequests: on SQLite, a query under a request's context (canceled when the
// client goes away, no deadline) starts no goroutine to watch it; a query of a request that
// is gone does not start, All stops at the next row once it is gone, and a deadline still
// interrupts a statement that runs past it.
func TestSQLiteReadsOfRequests(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	bg := context.Background()
	_, err := d.ExecContext(bg, `CREATE TABLE item (id integer PRIMARY KEY)`)
	require.NoError(t, err)
	for i := range 5 {
		_, err := d.ExecContext(bg, `INSERT INTO item (id) VALUES ($1)`, i+1)
		require.NoError(t, err)
	}

	t.Run("no watcher", func(t *testing.T) {
		ctx, cancel := context.WithCancel(bg)
		defer cancel()
		rows, err := d.QueryContext(bg, `SELECT id FROM item`)
		require.NoError(t, err)
		before := runtime.NumGoroutine()
		rows.Close()
		rows, err = d.QueryContext(ctx, `SELECT id FROM item`)
		require.NoError(t, err)
		require.Equal(t, before, runtime.NumGoroutine(), "database/sql watches no context while the rows are open")
		require.NoError(t, rows.Close())
	})

	t.Run("gone before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(bg)
		cancel()
		_, err := d.QueryContext(ctx, `SELECT id FROM item`)
		require.ErrorIs(t, err, context.Canceled)
		var id int64
		require.ErrorIs(t, d.QueryRowContext(ctx, `SELECT id FROM item`).Scan(&id), context.Canceled)
	})

	t.Run("gone meanwhile", func(t *testing.T) {
		ctx, cancel := context.WithCancel(bg)
		defer cancel()
		read := 0
		_, err := db.All(ctx, d, func(row db.Row) (int64, error) {
			read++
			cancel() // the client goes away while the first row is read
			var id int64
			return id, row.Scan(&id)
		}, `SELECT id FROM item ORDER BY id`)
		require.ErrorIs(t, err, context.Canceled)
		require.Equal(t, 1, read, "All stopped at the next row")
	})

	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(bg, 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		var n int64
		err := d.QueryRowContext(ctx, `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000)
			SELECT max(x) FROM c`).Scan(&n)
		require.Error(t, err, "the statement was interrupted")
		require.Less(t, time.Since(start), 20*time.Second)
	})
}
