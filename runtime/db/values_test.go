package db_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fields"
)

// valueColumns are a column of each SQL type the generator emits (generator/schema's
// sqlTypes), on SQLite and on PostgreSQL, each also nullable, and a foreign key.
var valueColumns = []struct{ name, sqlite, postgres string }{
	{"s", "varchar(20)", "varchar(20)"},
	{"t", "text", "text"},
	{"small", "smallint", "smallint"},
	{"n", "integer", "integer"},
	{"big", "bigint", "bigint"},
	{"pos", "integer unsigned", "integer"},
	{"b", "bool", "boolean"},
	{"dec", "decimal", "numeric(10, 2)"},
	{"f", "real", "double precision"},
	{"d", "date", "date"},
	{"dt", "datetime", "timestamptz"},
	{"u", "char(32)", "uuid"},
	{"j", "text", "jsonb"},
	{"blob", "blob", "bytea"},
}

// valueRows are the rows written: every column's values, then a NULL in every column.
func valueRows() [][]any {
	at := time.Date(2026, 12, 6, 4, 5, 6, 789012000, time.UTC)
	day := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	return [][]any{
		{"", "", int16(0), int32(0), int64(0), int32(0), false, fields.MustDecimal("0.00"), 0.0, day, at,
			"0f4e0a3c8d8b4a4e9f2a3b1c5d7e9f01", `{}`, []byte{}},
		{"Product 01", "Description of product 1.\n<é>", int16(-32768), int32(2147483647), int64(-9223372036854775808),
			int32(7), true, fields.MustDecimal("10.50"), 1.0 / 3, day.AddDate(-500, 0, 0), at.Add(-time.Hour),
			"00000000000000000000000000000000", `{"a": [1, 2.5, "x"]}`, []byte("\x00\xff")},
		{"x", strings.Repeat("long ", 400), int16(7), int32(-1), int64(1) << 53, int32(1), true,
			fields.MustDecimal("-99999999.99"), 1e300, day.AddDate(0, 0, 1), at.Truncate(time.Second),
			"ffffffffffffffffffffffffffffffff", `[]`, []byte(strings.Repeat("\x01", 300))},
		{"12.5", "15", int16(15), int32(15), int64(15), int32(15), false, fields.MustDecimal("15.00"), 15.0, day, at,
			"0f4e0a3c8d8b4a4e9f2a3b1c5d7e9f02", `null`, []byte("15")},
	}
}

// TestAllValuesReadsAsDatabaseSQL: AllValues hands read, row by row, what database/sql's Scan
// into a *any gives for each column, on every column type the generator emits, NULLs and
// foreign keys among them, with arguments and without, on the pool and in a transaction.
func TestAllValuesReadsAsDatabaseSQL(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.Open(t, dialect)
		ctx := context.Background()
		createValueTables(t, d)

		cols := []string{"id", "parent_id"}
		for _, c := range valueColumns {
			cols = append(cols, c.name, "null_"+c.name)
		}
		query := `SELECT ` + strings.Join(cols, ", ") + ` FROM item`
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{query + ` ORDER BY id`, nil},
			{query + ` WHERE id > $1 AND b = $2 ORDER BY id DESC`, []any{int64(1), true}},
			{query + ` WHERE dt >= $1 ORDER BY id`, []any{time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)}},
			{query + ` WHERE dec = $1`, []any{fields.MustDecimal("10.50")}},
			{query + ` WHERE id < 0`, nil},
			{`SELECT count(*), max(n), min(s), sum(f) FROM item`, nil},
		} {
			want := databaseSQLValues(t, d, q.sql, q.args...)
			got, err := db.AllValues(ctx, d, copyValues, q.sql, q.args...)
			require.NoError(t, err, q.sql)
			require.Equal(t, want, got, q.sql)

			err = d.InTx(ctx, func(tx *sql.Tx) error {
				got, err := db.AllValues(ctx, tx, copyValues, q.sql, q.args...)
				require.Equal(t, want, got, q.sql)
				return err
			})
			require.NoError(t, err, q.sql)
		}

		// Every column through fields.Row, as a generated scan reads it: the same from
		// AllValues as from database/sql's Scan.
		readRow := func(v []driver.Value) ([]any, error) {
			r := fields.RowOf(v)
			s := append([]any(nil), r.Int64(0), r.NullInt64(1), r.String(2), r.NullString(3), r.String(4), r.NullString(5),
				r.Int64(6), r.NullInt64(7), r.Int64(8), r.Int64(10), r.Int64(12), r.Bool(14), r.NullBool(15),
				r.Decimal(16, 2), r.NullDecimal(17, 2), r.Decimal(18, 4), r.Date(20), r.NullDate(21), r.DateTime(22),
				r.NullDateTime(23), r.UUID(24), r.NullUUID(25), string(r.Document(26)), r.Document(27) == nil)
			return s, r.Err()
		}
		got, err := db.AllValues(ctx, d, readRow, query+` ORDER BY id`)
		require.NoError(t, err)
		want, err := db.All(ctx, d, func(row db.Row) ([]any, error) {
			v, err := fields.ScanValues(row, len(cols))
			if err != nil {
				return nil, err
			}
			return readRow(v)
		}, query+` ORDER BY id`)
		require.NoError(t, err)
		require.Len(t, got, len(valueRows()))
		require.Equal(t, want, got)
	})
}

// copyValues keeps a row's values (AllValues hands every row over in the same slice).
func copyValues(v []driver.Value) ([]driver.Value, error) {
	return append([]driver.Value(nil), v...), nil
}

// databaseSQLValues reads query's rows with database/sql's Scan into a *any per column.
func databaseSQLValues(t *testing.T, d *db.DB, query string, args ...any) [][]driver.Value {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), query, args...)
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	var out [][]driver.Value
	for rows.Next() {
		values, dest := make([]any, len(cols)), make([]any, len(cols))
		for i := range values {
			dest[i] = &values[i]
		}
		require.NoError(t, rows.Scan(dest...))
		row := make([]driver.Value, len(values))
		for i, v := range values {
			row[i] = v
		}
		out = append(out, row)
	}
	require.NoError(t, rows.Err())
	return out
}

// createValueTables makes item, of valueColumns, and parent, which item's parent_id points
// at, and writes valueRows and a row of NULLs.
func createValueTables(t *testing.T, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	id := "integer PRIMARY KEY"
	if d.Dialect == db.Postgres {
		id = "serial PRIMARY KEY"
	}
	ddl := []string{`CREATE TABLE parent (id ` + id + `)`}
	defs := []string{"id " + id, `parent_id integer REFERENCES parent (id)`}
	names := []string{"parent_id"}
	for _, c := range valueColumns {
		typ := c.sqlite
		if d.Dialect == db.Postgres {
			typ = c.postgres
		}
		defs = append(defs, c.name+" "+typ+" NOT NULL", "null_"+c.name+" "+typ+" NULL")
		names = append(names, c.name, "null_"+c.name)
	}
	ddl = append(ddl, `CREATE TABLE item (`+strings.Join(defs, ", ")+`)`, `INSERT INTO parent DEFAULT VALUES`)
	for _, s := range ddl {
		_, err := d.ExecContext(ctx, s)
		require.NoError(t, err, s)
	}
	marks := make([]string, len(names))
	for i := range marks {
		marks[i] = fmt.Sprintf("$%d", i+1)
	}
	insert := `INSERT INTO item (` + strings.Join(names, ", ") + `) VALUES (` + strings.Join(marks, ", ") + `)`
	for i, row := range valueRows() {
		args := []any{nil}
		if i%2 == 0 {
			args[0] = int64(1)
		}
		for _, v := range row {
			null := v
			if i == 3 {
				null = nil // the last row: NULL in every nullable column
			}
			args = append(args, v, null)
		}
		_, err := d.ExecContext(ctx, insert, args...)
		require.NoError(t, err, "row %d", i)
	}
}

// TestAllValuesStops: AllValues stops at the first row read refuses, and reports a query that
// fails and an argument the driver cannot take as database/sql does.
func TestAllValuesStops(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.Open(t, dialect)
		ctx := context.Background()
		createValueTables(t, d)

		refused := errors.New("refused")
		read := 0
		_, err := db.AllValues(ctx, d, func(v []driver.Value) (int64, error) {
			read++
			if read == 2 {
				return 0, refused
			}
			return v[0].(int64), nil
		}, `SELECT id FROM item ORDER BY id`)
		require.ErrorIs(t, err, refused)
		require.Equal(t, 2, read)

		_, err = db.AllValues(ctx, d, copyValues, `SELECT nope FROM item`)
		require.Error(t, err)
		_, want := d.QueryContext(ctx, `SELECT id FROM item WHERE id = $1`, struct{}{})
		_, err = db.AllValues(ctx, d, copyValues, `SELECT id FROM item WHERE id = $1`, struct{}{})
		require.EqualError(t, err, want.Error())

		// The pool is whole after each: every connection was given back.
		got, err := db.AllValues(ctx, d, copyValues, `SELECT id FROM item ORDER BY id`)
		require.NoError(t, err)
		require.Len(t, got, 4)
		require.Zero(t, d.Stats().InUse)
	})
}
