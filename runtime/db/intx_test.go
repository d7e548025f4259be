package db_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// TestInTxRollsBackOnPanic: a panic in fn undoes fn's writes and goes on up unchanged, and the
// database takes the next transaction at once (a transaction left open would hold SQLite's one
// connection, and PostgreSQL's row locks, until the process ends).
func TestInTxRollsBackOnPanic(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.Open(t, dialect)
		ctx := context.Background()
		_, err := d.ExecContext(ctx, `CREATE TABLE note (id integer PRIMARY KEY, body text NOT NULL)`)
		require.NoError(t, err)
		count := func() int {
			var n int
			require.NoError(t, d.QueryRowContext(ctx, `SELECT count(*) FROM note`).Scan(&n))
			return n
		}

		boom := errors.New("boom")
		got := func() (v any) {
			defer func() { v = recover() }()
			_ = d.InTx(ctx, func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx, `INSERT INTO note (id, body) VALUES ($1, $2)`, 1, "half"); err != nil {
					return err
				}
				panic(boom)
			})
			return nil
		}()
		require.Equal(t, boom, got, "the panic goes on up as it was")
		require.Zero(t, count(), "the panicking transaction's insert is undone")

		// The next transaction gets a connection and commits, within a second.
		quick, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		require.NoError(t, d.InTx(quick, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(quick, `INSERT INTO note (id, body) VALUES ($1, $2)`, 1, "whole")
			return err
		}))
		require.Equal(t, 1, count())

		// An error still rolls back, and a nil commits, as before.
		require.ErrorIs(t, d.InTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO note (id, body) VALUES ($1, $2)`, 2, "undone"); err != nil {
				return err
			}
			return boom
		}), boom)
		require.Equal(t, 1, count())
	})
}
