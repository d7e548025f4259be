package main

import (
	"context"
	"io/fs"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/examples/store/store"
	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

// TestRatingAndQuantityBecomeDjangosTypes: a store database made before migration 0002 (rating
// and quantity int columns), with rows, on SQLite and PostgreSQL. A negative quantity stops
// 0002 before it changes anything, naming the row; without it, 0002 makes rating a positive
// smallint and quantity a positive integer (Django's columns, with their CHECK), keeping every
// row, and the columns refuse a negative number; its down migration gives the rows back.
func TestRatingAndQuantityBecomeDjangosTypes(t *testing.T) {
	sub, err := fs.Sub(store.Migrations, "migrations")
	require.NoError(t, err)
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		set, err := migrate.ForDialect(sub, d.Dialect)
		require.NoError(t, err)
		m, err := migrate.New(d, set)
		require.NoError(t, err)
		_, err = m.UpTo(ctx, "0001")
		require.NoError(t, err)

		exec := func(query string, args ...any) {
			t.Helper()
			_, err := d.ExecContext(ctx, query, args...)
			require.NoError(t, err, query)
		}
		exec(`INSERT INTO "auth_user" ("id", "password", "is_superuser", "username", "first_name", "last_name", "email", "is_staff", "is_active", "date_joined")
			VALUES (1, '', false, 'ann', '', '', '', false, true, $1)`, "2024-01-01 00:00:00")
		exec(`INSERT INTO "store_product" ("id", "name", "description", "price", "published") VALUES (1, 'p', 'd', '1.50', false)`)
		for i, rating := range []int{1, 5, 3} {
			exec(`INSERT INTO "store_review" ("id", "product_id", "owner_id", "rating", "comment") VALUES ($1, 1, 1, $2, '')`, i+1, rating)
		}
		exec(`INSERT INTO "store_order" ("id", "product_id", "owner_id", "quantity") VALUES (1, 1, 1, 2), (2, 1, 1, 2147483647), (3, 1, 1, -4)`)

		type row struct{ id, value int64 }
		read := func(table, column string) []row {
			t.Helper()
			rs, err := d.QueryContext(ctx, `SELECT "id", "`+column+`" FROM "`+table+`" ORDER BY "id"`)
			require.NoError(t, err)
			defer rs.Close()
			var out []row
			for rs.Next() {
				var r row
				require.NoError(t, rs.Scan(&r.id, &r.value))
				out = append(out, r)
			}
			require.NoError(t, rs.Err())
			return out
		}
		reviews := []row{{1, 1}, {2, 5}, {3, 3}}

		_, err = m.Up(ctx)
		require.ErrorIs(t, err, migrate.ErrRefusedRows)
		require.Contains(t, err.Error(), `table "store_order", column "quantity": 1 row holds numbers outside positive integer's range (0 to 2147483647): id=3 value="-4"`)
		require.Equal(t, []row{{1, 2}, {2, 2147483647}, {3, -4}}, read("store_order", "quantity"), "nothing was changed")

		exec(`DELETE FROM "store_order" WHERE "id" = 3`)
		applied, err := m.Up(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{"0002_alter_order_quantity_alter_review_rating"}, applied)
		require.Equal(t, reviews, read("store_review", "rating"))
		require.Equal(t, []row{{1, 2}, {2, 2147483647}}, read("store_order", "quantity"))
		for _, q := range []string{
			`UPDATE "store_order" SET "quantity" = -1 WHERE "id" = 1`,
			`UPDATE "store_review" SET "rating" = -1 WHERE "id" = 1`,
		} {
			_, err := d.ExecContext(ctx, q)
			require.Error(t, err, "the column's CHECK refuses a negative number: %s", q)
		}
		if dialect == db.Postgres {
			_, err := d.ExecContext(ctx, `UPDATE "store_review" SET "rating" = 32768 WHERE "id" = 1`)
			require.ErrorContains(t, err, "smallint out of range")
		}

		_, err = m.Down(ctx, 1)
		require.NoError(t, err)
		require.Equal(t, reviews, read("store_review", "rating"))
		exec(`UPDATE "store_order" SET "quantity" = -1 WHERE "id" = 1`) // an int again, without CHECK
		require.Equal(t, []row{{1, -1}, {2, 2147483647}}, read("store_order", "quantity"))
	})
}
