package db_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

func TestIn(t *testing.T) {
	require.Equal(t, "($1)", db.In(1))
	require.Equal(t, "($1, $2, $3)", db.In(3))
}

func TestChunks(t *testing.T) {
	ids := make([]int64, 2*db.MaxIn+1)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	var sizes []int
	var seen []int64
	for args := range db.Chunks(ids) {
		sizes = append(sizes, len(args))
		for _, a := range args {
			seen = append(seen, a.(int64))
		}
	}
	require.Equal(t, []int{db.MaxIn, db.MaxIn, 1}, sizes)
	require.Equal(t, ids, seen)
	require.Empty(t, slices.Collect(db.Chunks(nil)))
}

// TestInQuery runs an IN list of every chunk size on both dialects: the same SQL text.
func TestInQuery(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.Open(t, dialect)
		ctx := context.Background()
		_, err := d.ExecContext(ctx, `CREATE TABLE t (id integer PRIMARY KEY)`)
		require.NoError(t, err)
		for i := 1; i <= 1200; i++ {
			_, err := d.ExecContext(ctx, `INSERT INTO t (id) VALUES ($1)`, i)
			require.NoError(t, err)
		}
		ids := []int64{}
		for i := int64(2); i <= 2400; i += 2 {
			ids = append(ids, i)
		}
		var found []int64
		for args := range db.Chunks(ids) {
			rows, err := d.QueryContext(ctx, `SELECT id FROM t WHERE id IN `+db.In(len(args))+` ORDER BY id`, args...)
			require.NoError(t, err)
			for rows.Next() {
				var id int64
				require.NoError(t, rows.Scan(&id))
				found = append(found, id)
			}
			require.NoError(t, rows.Err())
			rows.Close()
		}
		require.Equal(t, ids[:600], found)
	})
}
