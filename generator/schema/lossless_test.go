package schema_test

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/schema"
	"github.com/authgen/authgen/runtime/db"
)

// TestChangesData: what may cut or lose stored values, and what never does.
func TestChangesData(t *testing.T) {
	col := func(postgres string) *schema.Column { return &schema.Column{Postgres: postgres} }
	for _, c := range []struct {
		from, to string
		loses    bool
	}{
		{"varchar(10)", "varchar(20)", false},
		{"varchar(10)", "text", false},
		{"integer", "bigint", false},
		{"integer", "numeric(12, 2)", false}, // ten digits before the point hold any integer
		{"integer", "numeric(10, 0)", false},
		{"bigint", "numeric(21, 2)", false}, // nineteen for a bigint
		{"numeric(8, 2)", "numeric(10, 3)", false},
		{"numeric(8, 2)", "numeric(8, 2)", false},

		{"varchar(20)", "varchar(10)", true},
		{"text", "varchar(100)", true},
		{"bigint", "integer", true},
		{"integer", "numeric(11, 2)", true}, // 2147483647 does not fit in nine digits
		{"bigint", "numeric(20, 2)", true},
		{"numeric(12, 2)", "integer", true},
		{"numeric(8, 2)", "numeric(5, 1)", true},
		{"numeric(8, 2)", "numeric(9, 1)", true},
		{"varchar(20)", "integer", true},
		{"integer", "boolean", true},
	} {
		require.Equal(t, c.loses, schema.ChangesData(col(c.from), col(c.to)), "%s → %s", c.from, c.to)
	}
	// Django's integer fields: a type holding every value of the other loses none.
	positive := func(postgres string) *schema.Column {
		return &schema.Column{Postgres: postgres, Check: schema.CheckPositive}
	}
	for _, c := range []struct {
		from, to *schema.Column
		loses    bool
	}{
		{col("smallint"), col("integer"), false},
		{col("smallint"), col("numeric(5, 0)"), false},
		{positive("smallint"), col("smallint"), false},
		{positive("smallint"), positive("integer"), false},
		{positive("integer"), col("bigint"), false},
		{positive("bigint"), col("bigint"), false},
		{&schema.Column{Postgres: "jsonb"}, &schema.Column{Postgres: "jsonb", Check: schema.CheckJSON}, false},

		{col("integer"), col("smallint"), true},
		{col("smallint"), col("numeric(6, 2)"), true},
		{col("integer"), positive("integer"), true},
		{col("smallint"), positive("bigint"), true},
		{positive("integer"), col("smallint"), true},
		{positive("bigint"), positive("integer"), true},
	} {
		require.Equal(t, c.loses, schema.ChangesData(c.from, c.to), "%+v → %+v", c.from, c.to)
	}
}

// TestIntegerWideningIsLossless: smallint → int, positive_smallint → positive_int and
// positive_int → bigint need no allow_data_loss, and keep the extremes up and down, on
// SQLite and PostgreSQL.
func TestIntegerWideningIsLossless(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, generator.SpecName)
	before := "version: 1\napp: shop\nmodels:\n  Item:\n    fields:\n      small: smallint\n      psmall: positive_smallint\n      pint: positive_int\nendpoints:\n  items: {model: Item}\n"
	after := strings.NewReplacer("small: smallint", "small: int", "psmall: positive_smallint", "psmall: positive_int", "pint: positive_int", "pint: bigint").Replace(before)
	for _, src := range []string{before, after} {
		require.NoError(t, os.WriteFile(spec, []byte(src), 0o644))
		out, err := generator.Generate(spec) // without --allow-data-loss
		require.NoError(t, err)
		_, err = out.Write()
		require.NoError(t, err)
	}
	files := readTree(t, filepath.Join(dir, "migrations"))
	values := [][3]string{{"32767", "32767", "2147483647"}, {"-32768", "0", "0"}}
	eachDialect(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := openDB(t, dialect)
		m := migrator(t, d, files)
		_, err := m.UpTo(ctx, "0001")
		require.NoError(t, err)
		for _, v := range values {
			exec(t, d, `INSERT INTO "shop_item" ("small", "psmall", "pint") VALUES ($1, $2, $3)`, v[0], v[1], v[2])
		}
		read := func() [][3]string {
			t.Helper()
			rows, err := d.QueryContext(ctx, `SELECT CAST("small" AS text), CAST("psmall" AS text), CAST("pint" AS text) FROM "shop_item" ORDER BY "id"`)
			require.NoError(t, err)
			defer rows.Close()
			var got [][3]string
			for rows.Next() {
				var v [3]string
				require.NoError(t, rows.Scan(&v[0], &v[1], &v[2]))
				got = append(got, v)
			}
			require.NoError(t, rows.Err())
			return got
		}
		_, err = m.Up(ctx)
		require.NoError(t, err)
		require.Equal(t, values, read())
		// The positive_int is a bigint now: its CHECK went with it.
		exec(t, d, `INSERT INTO "shop_item" ("small", "psmall", "pint") VALUES (-1, 1, -1)`)
		exec(t, d, `DELETE FROM "shop_item" WHERE "pint" = -1`)
		_, err = m.Down(ctx, 1)
		require.NoError(t, err)
		require.Equal(t, values, read())
	})
}

// TestLosslessChangesAreNeverRefused: widening a string, int → bigint, int and bigint →
// a decimal with room for every integer need no allow_data_loss; the migration keeps every
// value, the extremes included, on SQLite and PostgreSQL, and its down migration gives them
// back.
func TestLosslessChangesAreNeverRefused(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, generator.SpecName)
	before := "version: 1\napp: shop\nmodels:\n  Item:\n    fields:\n      name: {type: string, max_length: 10}\n      qty: int\n      count: int\n      big: bigint\nendpoints:\n  items: {model: Item}\n"
	after := strings.NewReplacer(
		"max_length: 10", "max_length: 30",
		"qty: int", "qty: {type: decimal, max_digits: 12, decimal_places: 2}",
		"count: int", "count: bigint",
		"big: bigint", "big: {type: decimal, max_digits: 21, decimal_places: 2}",
	).Replace(before)
	for _, src := range []string{before, after} {
		require.NoError(t, os.WriteFile(spec, []byte(src), 0o644))
		out, err := generator.Generate(spec) // without --allow-data-loss
		require.NoError(t, err)
		_, err = out.Write()
		require.NoError(t, err)
	}
	files := readTree(t, filepath.Join(dir, "migrations"))
	second := ""
	for name := range files {
		if strings.HasPrefix(name, "postgres/0002_") && strings.HasSuffix(name, ".up.sql") {
			second = name
		}
	}
	require.NotEmpty(t, second, "the change is a migration of its own")

	type item struct{ name, qty, count, big string }
	values := []item{
		{"ten chars!", "2147483647", "2147483647", "9223372036854775807"},
		{"", "-2147483648", "-2147483648", "-9223372036854775808"},
		{"x", "0", "1", "-1"},
	}
	eachDialect(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := openDB(t, dialect)
		m := migrator(t, d, files)
		_, err := m.UpTo(ctx, "0001")
		require.NoError(t, err)
		for _, v := range values {
			exec(t, d, `INSERT INTO "shop_item" ("name", "qty", "count", "big") VALUES ($1, $2, $3, $4)`, v.name, v.qty, v.count, v.big)
		}
		read := func() []item {
			t.Helper()
			rows, err := d.QueryContext(ctx, `SELECT "name", CAST("qty" AS text), CAST("count" AS text), CAST("big" AS text) FROM "shop_item" ORDER BY "id"`)
			require.NoError(t, err)
			defer rows.Close()
			var got []item
			for rows.Next() {
				var v item
				require.NoError(t, rows.Scan(&v.name, &v.qty, &v.count, &v.big))
				got = append(got, v)
			}
			require.NoError(t, rows.Err())
			return got
		}
		same := func(want, got []item) {
			t.Helper()
			require.Len(t, got, len(want))
			for i := range want {
				require.Equal(t, want[i].name, got[i].name)
				for _, pair := range [][2]string{{want[i].qty, got[i].qty}, {want[i].count, got[i].count}, {want[i].big, got[i].big}} {
					a, ok := new(big.Rat).SetString(pair[0])
					require.True(t, ok, pair[0])
					b, ok := new(big.Rat).SetString(pair[1])
					require.True(t, ok, "%q is a number", pair[1])
					require.Zero(t, a.Cmp(b), "%s kept as %s", pair[0], pair[1])
				}
			}
		}
		_, err = m.Up(ctx)
		require.NoError(t, err)
		same(values, read())
		if dialect == db.Postgres {
			require.Equal(t, "2147483647.00", read()[0].qty, "the column is numeric(12, 2) now")
		}
		_, err = m.Down(ctx, 1)
		require.NoError(t, err)
		same(values, read())
	})
}
