package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// A migration run by another instance changes a column's type (here a max_length that
// grows, as a spec change does) under statements this instance's connections prepared. On
// sql.DB itself the next run of each fails on each of those connections; through DB every
// one succeeds.
func TestStalePlansAreTriedAgain(t *testing.T) {
	url := dbtest.URL(t, db.Postgres)
	ctx := context.Background()
	open := func() *db.DB {
		d, err := db.Open(url)
		require.NoError(t, err)
		t.Cleanup(func() { d.Close() })
		return d
	}
	migrator, running, bare := open(), open(), open()
	_, err := migrator.ExecContext(ctx, `CREATE TABLE item (id integer PRIMARY KEY, name varchar(10) NOT NULL)`)
	require.NoError(t, err)
	_, err = migrator.ExecContext(ctx, `INSERT INTO item VALUES (1, 'a'), (2, 'b')`)
	require.NoError(t, err)

	var (
		selectOne = `SELECT "name" FROM "item" WHERE "id" = $1`
		selectAll = `SELECT "name" FROM "item" WHERE "id" > $1`
		update    = `UPDATE "item" SET "name" = "name" WHERE "id" = $1 RETURNING "name"`
	)
	// prepare has n connections of d's pool prepare selectAll, selectOne and update (each
	// connection is held while the next is taken).
	prepare := func(d *db.DB, n int, selectAll, selectOne, update string) {
		var open []*sql.Rows
		for range n {
			rows, err := d.DB.QueryContext(ctx, selectAll, 0)
			require.NoError(t, err)
			open = append(open, rows)
		}
		for _, rows := range open {
			require.NoError(t, rows.Close())
		}
		conns := make([]*sql.Conn, n)
		for i := range conns {
			conns[i], err = d.Conn(ctx)
			require.NoError(t, err)
		}
		for _, c := range conns {
			var name string
			require.NoError(t, c.QueryRowContext(ctx, selectOne, 1).Scan(&name))
			_, err := c.ExecContext(ctx, update, 1)
			require.NoError(t, err)
			require.NoError(t, c.Close())
		}
	}
	prepare(running, 5, selectAll, selectOne, update)
	prepare(bare, 1, selectAll, selectOne, update)
	_, err = migrator.ExecContext(ctx, `ALTER TABLE "item" ALTER COLUMN "name" TYPE varchar(20)`)
	require.NoError(t, err)

	// The failure DB saves its callers from.
	var name string
	err = bare.DB.QueryRowContext(ctx, selectOne, 1).Scan(&name)
	require.True(t, db.IsStalePlan(err), "got %v", err)

	for i := range 5 {
		require.NoError(t, running.QueryRowContext(ctx, selectOne, 1).Scan(&name), "query row %d", i)
		require.Equal(t, "a", name)
		names, err := db.All(ctx, running, func(row db.Row) (string, error) {
			var s string
			return s, row.Scan(&s)
		}, selectAll, 0)
		require.NoError(t, err, "query %d", i)
		require.ElementsMatch(t, []string{"a", "b"}, names)
		_, err = running.ExecContext(ctx, update, 2)
		require.NoError(t, err, "exec %d", i)
	}

	// In a transaction the error ends the transaction: InTx runs it again. (The statements
	// are new ones, which no connection has run since the first change.)
	selectOne = `/* again */ ` + selectOne
	prepare(running, 3, `/* again */ `+selectAll, selectOne, `/* again */ `+update)
	_, err = migrator.ExecContext(ctx, `ALTER TABLE "item" ALTER COLUMN "name" TYPE varchar(30)`)
	require.NoError(t, err)
	runs := 0
	for i := range 3 {
		err = running.InTx(ctx, func(tx *sql.Tx) error {
			runs++
			var s string
			if err := tx.QueryRowContext(ctx, selectOne, 2).Scan(&s); err != nil {
				return fmt.Errorf("read: %w", err)
			}
			_, err := tx.ExecContext(ctx, `UPDATE "item" SET "name" = $1 WHERE "id" = 1`, s+"!")
			return err
		})
		require.NoError(t, err, "transaction %d", i)
	}
	require.Greater(t, runs, 3, "a stale plan made InTx run fn again")
	require.NoError(t, running.QueryRowContext(ctx, selectOne, 1).Scan(&name))
	require.Equal(t, "b!", name)
}
