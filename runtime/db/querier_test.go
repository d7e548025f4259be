package db_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// All reads every row in the query's order, none as an empty result, and stops at the first
// row scan refuses; Exists finds a row or reports there is none.
func TestAllAndExists(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.Open(t, dialect)
		ctx := context.Background()
		_, err := d.ExecContext(ctx, `CREATE TABLE item (id integer PRIMARY KEY, name varchar(20) NOT NULL)`)
		require.NoError(t, err)
		for i, name := range []string{"b", "a", "c"} {
			_, err := d.ExecContext(ctx, `INSERT INTO item (id, name) VALUES ($1, $2)`, i+1, name)
			require.NoError(t, err)
		}
		scanName := func(row db.Row) (string, error) {
			var name string
			return name, row.Scan(&name)
		}

		names, err := db.All(ctx, d, scanName, `SELECT name FROM item WHERE id > $1 ORDER BY name`, 0)
		require.NoError(t, err)
		require.Equal(t, []string{"a", "b", "c"}, names)

		names, err = db.All(ctx, d, scanName, `SELECT name FROM item WHERE id > $1`, 9)
		require.NoError(t, err)
		require.Empty(t, names)

		refused := errors.New("refused")
		_, err = db.All(ctx, d, func(row db.Row) (string, error) {
			name, err := scanName(row)
			if name == "b" {
				return "", refused
			}
			return name, err
		}, `SELECT name FROM item ORDER BY name`)
		require.ErrorIs(t, err, refused)

		_, err = db.All(ctx, d, scanName, `SELECT nope FROM item`)
		require.Error(t, err)

		found, err := db.Exists(ctx, d, `SELECT 1 FROM item WHERE name = $1`, "c")
		require.NoError(t, err)
		require.True(t, found)
		found, err = db.Exists(ctx, d, `SELECT 1 FROM item WHERE name = $1`, "z")
		require.NoError(t, err)
		require.False(t, found)
	})
}
