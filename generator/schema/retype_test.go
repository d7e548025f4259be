package schema_test

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/schema"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

// retype is one change of a field's type: the rows that convert and what they become,
// the values the migration refuses, and the same for its down migration.
type retype struct {
	name     string
	from, to string // the field's spec
	rows     []any  // values before, which convert
	want     []string
	refused  []any    // values up refuses, each alone
	words    string   // what up's refusal says the values are
	back     []string // rows after down
	downBad  []any    // values of the new type that down refuses
	cut      int      // rows up reports cut to fit
}

func retypes() []retype {
	at := time.Date(2024, 3, 1, 23, 30, 15, 0, time.UTC)
	return []retype{
		{name: "string_to_int", from: "{type: string, max_length: 20}", to: "int",
			rows: []any{" 12 ", "+7", "-0", "2147483647", "007"}, want: []string{"12", "7", "0", "2147483647", "7"},
			refused: []any{"SF-CL", "", "2147483648", "1.5", "1e3", "0x1F", "1_000"}, words: "values that are not whole numbers",
			back: []string{"12", "7", "0", "2147483647", "7"}},
		{name: "int_to_string", from: "int", to: "{type: string, max_length: 5}",
			rows: []any{12, -7, 123456}, want: []string{"12", "-7", "12345"}, cut: 1,
			back: []string{"12", "-7", "12345"}, downBad: []any{"abc", "1.5", ""}},
		{name: "decimal_to_int", from: "{type: decimal, max_digits: 8, decimal_places: 2}", to: "int",
			rows: []any{"355.50", "-2.50", "10.00", "0.49", "1.005", "-0.50"}, want: []string{"356", "-3", "10", "0", "1", "-1"}, cut: 5,
			back: []string{"356", "-3", "10", "0", "1", "-1"}, downBad: []any{1000000}},
		{name: "decimal_narrowing", from: "{type: decimal, max_digits: 8, decimal_places: 2}", to: "{type: decimal, max_digits: 5, decimal_places: 1}",
			rows: []any{"1234.56", "-0.05", "9999.94", "0.25", "1.15", "-1.15", "2.45", "-9999.94", "7.50"}, want: []string{"1234.6", "-0.1", "9999.9", "0.3", "1.2", "-1.2", "2.5", "-9999.9", "7.5"}, cut: 8,
			refused: []any{"9999.95", "123456.78", "-10000.00"}, words: "numbers that, rounded to 1 decimal place, need more than 4 digits before the point",
			back: []string{"1234.6", "-0.1", "9999.9", "0.3", "1.2", "-1.2", "2.5", "-9999.9", "7.5"}},
		{name: "string_narrowing", from: "{type: string, max_length: 13}", to: "{type: string, max_length: 10}",
			rows: []any{"short", "exactly13char"}, want: []string{"short", "exactly13c"}, cut: 1,
			back: []string{"short", "exactly13c"}},
		{name: "int_to_decimal", from: "int", to: "{type: decimal, max_digits: 5, decimal_places: 2}",
			rows: []any{999, -999, 0}, want: []string{"999", "-999", "0"},
			refused: []any{1000, -1000, 2147483647}, words: "numbers that need more than 3 digits",
			back: []string{"999", "-999", "0"}},
		{name: "bigint_to_int", from: "bigint", to: "int",
			rows: []any{5, -2147483648}, want: []string{"5", "-2147483648"},
			refused: []any{3000000000, -2147483649}, words: "numbers outside integer's range",
			back: []string{"5", "-2147483648"}},
		{name: "string_to_decimal", from: "{type: string, max_length: 20}", to: "{type: decimal, max_digits: 6, decimal_places: 2}",
			rows: []any{"12.345", " -3 ", ".5", "+9999.994"}, want: []string{"12.35", "-3", "0.5", "9999.99"}, cut: 2,
			refused: []any{"1e3", "abc", "10000", "9999.995", "1.2.3", "."}, words: "values that are not numbers in plain decimal notation",
			back: []string{"12.35", "-3.00", "0.50", "9999.99"}},
		{name: "int_to_positive_int", from: "int", to: "positive_int",
			rows: []any{0, 5, 2147483647}, want: []string{"0", "5", "2147483647"},
			refused: []any{-1, -2147483648}, words: "numbers outside positive integer's range (0 to 2147483647)",
			back: []string{"0", "5", "2147483647"}},
		{name: "bigint_to_positive_smallint", from: "bigint", to: "positive_smallint",
			rows: []any{0, 32767}, want: []string{"0", "32767"},
			refused: []any{-1, 32768, 3000000000}, words: "numbers outside positive smallint's range (0 to 32767)",
			back: []string{"0", "32767"}},
		{name: "positive_int_to_smallint", from: "positive_int", to: "smallint",
			rows: []any{0, 32767}, want: []string{"0", "32767"},
			refused: []any{32768, 2147483647}, words: "numbers outside smallint's range (-32768 to 32767)",
			back: []string{"0", "32767"}, downBad: []any{-1}},
		{name: "string_to_smallint", from: "{type: string, max_length: 20}", to: "smallint",
			rows: []any{" 32767 ", "-32768", "-0"}, want: []string{"32767", "-32768", "0"},
			refused: []any{"32768", "-32769", "99999", "x"}, words: "values that are not whole numbers",
			back: []string{"32767", "-32768", "0"}},
		{name: "string_to_positive_bigint", from: "{type: string, max_length: 30}", to: "positive_bigint",
			rows: []any{"9223372036854775807", "-0", "+00"}, want: []string{"9223372036854775807", "0", "0"},
			refused: []any{"-1", "-9223372036854775808", "9223372036854775808", "1.0"}, words: "values that are not whole numbers",
			back: []string{"9223372036854775807", "0", "0"}},
		{name: "decimal_to_positive_int", from: "{type: decimal, max_digits: 8, decimal_places: 2}", to: "positive_int",
			rows: []any{"1.50", "0.49", "-0.49"}, want: []string{"2", "0", "0"}, cut: 3,
			refused: []any{"-0.50", "-3.00"}, words: "numbers that, rounded to a whole number, are outside positive integer's range",
			back: []string{"2", "0", "0"}},
		{name: "string_to_bool", from: "{type: string, max_length: 10}", to: "bool",
			rows: []any{" Yes ", "off", "T", "0", "fAlSe"}, want: []string{"1", "0", "1", "0", "0"},
			refused: []any{"maybe", "o", "", "2"}, words: "values that are not booleans",
			back: []string{"true", "false", "true", "false", "false"}},
		{name: "bool_to_int", from: "bool", to: "int",
			rows: []any{true, false}, want: []string{"1", "0"},
			back: []string{"1", "0"}, downBad: nil},
		{name: "int_to_bool", from: "int", to: "bool",
			rows: []any{0, 1, 5, -1}, want: []string{"0", "1", "1", "1"}, cut: 2,
			back: []string{"0", "1", "1", "1"}},
		{name: "date_to_datetime", from: "date", to: "datetime",
			rows: []any{"2024-02-29"}, want: []string{"2024-02-29T00:00:00Z"},
			back: []string{"2024-02-29"}},
		{name: "datetime_to_date", from: "datetime", to: "date",
			rows: []any{at, at.Truncate(24 * time.Hour)}, want: []string{"2024-03-01", "2024-03-01"}, cut: 1,
			back: []string{"2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z"}},
		{name: "string_to_uuid", from: "{type: string, max_length: 40}", to: "uuid",
			rows:    []any{"0123456789ABCDEF0123456789abcdef", " 01234567-89ab-cdef-0123-456789abcdef "},
			want:    []string{"0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"},
			refused: []any{"not-a-uuid", "0123456789abcdef0123456789abcde", "{0123456789abcdef0123456789abcdef}", "0123-4567-89ab-cdef-0123-4567-89ab-cdef"}, words: "values that are not UUIDs",
			back: []string{"01234567-89ab-cdef-0123-456789abcdef", "01234567-89ab-cdef-0123-456789abcdef"}},
		{name: "uuid_to_string", from: "uuid", to: "{type: string, max_length: 36}",
			rows: []any{"0123456789abcdef0123456789abcdef"}, want: []string{"01234567-89ab-cdef-0123-456789abcdef"},
			back: []string{"0123456789abcdef0123456789abcdef"}, downBad: []any{"nope"}},
		{name: "string_to_date", from: "{type: string, max_length: 20}", to: "date",
			rows: []any{"2024-02-29", " 2023-12-31 "}, want: []string{"2024-02-29", "2023-12-31"},
			refused: []any{"2023-02-29", "2024-13-01", "2024-04-31", "0000-01-01", "x", "2024-1-1"}, words: "values that are not dates",
			back: []string{"2024-02-29", "2023-12-31"}},
		{name: "json_to_text", from: "json", to: "text",
			rows: []any{`{"b": 1, "a": [1.50, 1E2, -0, 1e-2, 1e+16, 0.10e1, -1.5e-7, "x\u00e9\n/\"", 9223372036854775808], "aa": null}`,
				`[]`, `"s"`, `12.0`, `{"b":{"z":[]},"a":{},"ab":true,"c":false}`, `null`, `{"k":"first","k":"last","n":1,"n":2}`, `"\ud83d\ude00\u0001"`},
			want: []string{`{"a": [1.50, 100, 0, 0.01, 10000000000000000, 1.0, -0.00000015, "xé\n/\"", 9223372036854775808], "b": 1, "aa": null}`,
				`[]`, `"s"`, `12.0`, `{"a": {}, "b": {"z": []}, "c": false, "ab": true}`, `null`, `{"k": "last", "n": 2}`, `"😀\u0001"`},
			back: []string{`{"a": [1.50, 100, 0, 0.01, 10000000000000000, 1.0, -0.00000015, "xé\n/\"", 9223372036854775808], "b": 1, "aa": null}`,
				`[]`, `"s"`, `12.0`, `{"a": {}, "b": {"z": []}, "c": false, "ab": true}`, `null`, `{"k": "last", "n": 2}`, `"😀\u0001"`},
			downBad: []any{"not json", `{"a":}`, `"\u0000"`, `"\ud800"`, `[1,]`, ``}},
		{name: "json_to_string_cut", from: "json", to: "{type: string, max_length: 8}",
			rows: []any{`{"a":1}`, `123456789`}, want: []string{`{"a": 1}`, `12345678`}, cut: 1,
			back: []string{`{"a": 1}`, `12345678`}, downBad: []any{`{"ab": [`}},
		{name: "json_to_bool", from: "json", to: "bool",
			rows: []any{`true`, ` false `}, want: []string{"1", "0"},
			refused: []any{`null`, `1`, `"true"`, `{}`}, words: "values that are not JSON true or false",
			back: []string{`true`, `false`}},
		{name: "json_to_int", from: "json", to: "int",
			rows: []any{`12`, `2.5`, `-2.5`, `1e2`, `2147483647`, `0.49`}, want: []string{"12", "3", "-3", "100", "2147483647", "0"}, cut: 3,
			refused: []any{`"12"`, `true`, `2147483647.5`, `[1]`, `null`}, words: "values that are not JSON numbers",
			back: []string{"12", "3", "-3", "100", "2147483647", "0"}},
		{name: "json_to_decimal", from: "json", to: "{type: decimal, max_digits: 5, decimal_places: 2}",
			rows: []any{`1.005`, `-0.125`, `999.994`, `12`}, want: []string{"1.01", "-0.13", "999.99", "12"}, cut: 3,
			refused: []any{`999.995`, `"1"`, `false`}, words: "values that are not JSON numbers",
			back: []string{"1.01", "-0.13", "999.99", "12.00"}},
		{name: "text_to_json", from: "text", to: "json",
			rows:    []any{` {"b":2,"a":1} `, `"x"`, `[1, 2.50e1, -0.0]`, `"\ud83d\ude00"`, `null`, "\t[\n]\r"},
			want:    []string{`{"a": 1, "b": 2}`, `"x"`, `[1, 25.0, 0.0]`, `"😀"`, `null`, `[]`},
			refused: []any{`{a:1}`, ``, `tru`, `"\u0000"`, `"\ud800"`, `[1,]`, `01`, `fal"x"e`, `"\udc00\ud800"`, "\f1", `{"a":1}x`}, words: "values that are not JSON",
			back: []string{`{"a": 1, "b": 2}`, `"x"`, `[1, 25.0, 0.0]`, `"😀"`, `null`, `[]`}},
		{name: "datetime_to_string", from: "datetime", to: "{type: string, max_length: 40}",
			rows:    []any{at, at.Add(120 * time.Millisecond), at.Add(time.Microsecond), time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
			want:    []string{"2024-03-01 23:30:15+00", "2024-03-01 23:30:15.12+00", "2024-03-01 23:30:15.000001+00", "0001-01-01 00:00:00+00"},
			back:    []string{"2024-03-01T23:30:15Z", "2024-03-01T23:30:15.12Z", "2024-03-01T23:30:15.000001Z", "0001-01-01T00:00:00Z"},
			downBad: []any{"not a date", "2024-02-30 10:00", "2024-03-01 24:00", "2024-03-01 10:00+16"}},
		{name: "datetime_to_string_cut", from: "datetime", to: "{type: string, max_length: 19}",
			rows: []any{at, at.Add(120 * time.Millisecond)}, want: []string{"2024-03-01 23:30:15", "2024-03-01 23:30:15"}, cut: 2,
			back: []string{"2024-03-01T23:30:15Z", "2024-03-01T23:30:15Z"}},
		{name: "string_to_datetime", from: "{type: string, max_length: 40}", to: "datetime",
			rows: []any{"2024-03-01", " 2024-03-01T23:30:15Z ", "2024-03-01 23:30:15.5+05:30", "2024-03-01 23:30-01", "2024-03-01 10:00:00.000000",
				"0001-01-01 00:30+00:30", "9999-12-31 23:59:59.999999", "2024-03-01T00:00:00.000001-14:59"},
			want: []string{"2024-03-01T00:00:00Z", "2024-03-01T23:30:15Z", "2024-03-01T18:00:15.5Z", "2024-03-02T00:30:00Z", "2024-03-01T10:00:00Z",
				"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "2024-03-01T14:59:00.000001Z"},
			refused: []any{"2024-02-30", "2024-03-01 24:00", "2024-03-01T10:60", "2024-03-01 10:00:60", "2024-03-01 10:00+16", "2024-03-01 10:00+05:60",
				"2024-03-01t10:00", "now", "0001-01-01 00:30+01", "2024-03-01 10:00:00.1234567", "", "2024-03-01Z", "2024-03-01 10", "9999-12-31 23:00-01",
				"2024-03-01 10:00 +01", "March 1, 2024", "2024-03-01 10:00+15:00"},
			words: "values that are not date-times",
			back: []string{"2024-03-01 00:00:00+00", "2024-03-01 23:30:15+00", "2024-03-01 18:00:15.5+00", "2024-03-02 00:30:00+00", "2024-03-01 10:00:00+00",
				"0001-01-01 00:00:00+00", "9999-12-31 23:59:59.999999+00", "2024-03-01 14:59:00.000001+00"}},
	}
}

// TestRetype changes one field's type per case, on SQLite and PostgreSQL, with rows in the
// table: values convert as PostgreSQL's casts convert them, the same on both dialects; a
// value that cannot convert stops the migration before it changes anything, up or down,
// naming the table, the column, the row and the value; cuts to fit are counted in the log.
func TestRetype(t *testing.T) {
	t.Parallel()
	for _, c := range retypes() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			files, states := generatePair(t, c.from, c.to)
			eachDialect(t, func(t *testing.T, dialect db.Dialect) {
				testRetype(t, c, dialect, files, states)
			})
		})
	}
}

// generatePair generates a model with the field as from, then as to (data loss allowed),
// and returns the migrations and the two states.
func generatePair(t *testing.T, from, to string) (fstest.MapFS, [2]*schema.State) {
	dir := t.TempDir()
	spec := filepath.Join(dir, generator.SpecName)
	var states [2]*schema.State
	var files fstest.MapFS
	for i, field := range []string{from, to} {
		src := "version: 1\napp: shop\nmodels:\n  Item:\n    fields:\n      label: {type: string, max_length: 10}\n      value: " +
			strings.TrimSuffix(typeSpec(field), "}") + ", null: true}\nendpoints:\n  items: {model: Item}\n"
		require.NoError(t, os.WriteFile(spec, []byte(src), 0o644))
		out, err := generator.GenerateWith(spec, generator.Options{AllowDataLoss: true})
		require.NoError(t, err)
		_, err = out.Write()
		require.NoError(t, err)
		files = readTree(t, filepath.Join(dir, "migrations"))
		states[i], err = schema.Parse(files["schema.json"].Data)
		require.NoError(t, err)
	}
	require.Len(t, states[1].Migrations, 2)
	return files, states
}

// typeSpec writes a bare type ("int") as a flow mapping.
func typeSpec(field string) string {
	if strings.HasPrefix(field, "{") {
		return field
	}
	return "{type: " + field + "}"
}

func testRetype(t *testing.T, c retype, dialect db.Dialect, files fstest.MapFS, states [2]*schema.State) {
	ctx := context.Background()
	d := openDB(t, dialect)
	var logged bytes.Buffer
	fsys, err := migrate.ForDialect(files, dialect)
	require.NoError(t, err)
	m, err := migrate.New(d, fsys, migrate.Logger(slog.New(slog.NewTextHandler(&logged, nil))))
	require.NoError(t, err)
	_, err = m.UpTo(ctx, "0001")
	require.NoError(t, err)
	before, after := states[0], states[1]

	insert := func(v any) {
		exec(t, d, `INSERT INTO "shop_item" ("label", "value") VALUES ('row', $1)`, v)
	}
	for _, v := range c.rows {
		insert(v)
	}
	exec(t, d, `INSERT INTO "shop_item" ("label", "value") VALUES ('null', NULL)`)

	for _, bad := range c.refused {
		insert(bad)
		was := snapshot(t, d, before)
		_, err := m.Up(ctx)
		require.Error(t, err, "%v is refused", bad)
		require.ErrorIs(t, err, migrate.ErrRefusedRows)
		require.ErrorIs(t, err, migrate.ErrMigrationFailed)
		require.Contains(t, err.Error(), `table "shop_item", column "value": 1 row holds `+c.words)
		require.Contains(t, err.Error(), "value="+quoteValue(bad))
		require.Contains(t, err.Error(), "nothing was changed")
		requireSchema(t, d, before)
		require.Equal(t, was, snapshot(t, d, before), "a refused migration changes no row")
		exec(t, d, `DELETE FROM "shop_item" WHERE "id" = (SELECT max("id") FROM "shop_item")`)
	}

	if len(c.refused) > 5 {
		// All at once: the first five by id, and how many more.
		for _, bad := range c.refused {
			insert(bad)
		}
		_, err := m.Up(ctx)
		require.ErrorIs(t, err, migrate.ErrRefusedRows)
		msg := err.Error()
		require.Contains(t, msg, itoa(len(c.refused))+" rows hold")
		require.Contains(t, msg, " and "+itoa(len(c.refused)-5)+" more")
		last := -1
		for _, bad := range c.refused[:5] {
			i := strings.Index(msg, "value="+quoteValue(bad))
			require.Greater(t, i, last, "rows in the order of their ids")
			last = i
		}
		require.NotContains(t, msg, "value="+quoteValue(c.refused[5]))
		exec(t, d, `DELETE FROM "shop_item" WHERE "id" > (SELECT max("id") FROM "shop_item") - `+itoa(len(c.refused)))
	}

	_, err = m.Up(ctx)
	require.NoError(t, err)
	requireSchema(t, d, after)
	require.Equal(t, c.want, values(t, d, c.to), "values after up")
	if c.cut > 0 {
		require.Contains(t, logged.String(), " rows="+itoa(c.cut)+"\n", "the cut is logged")
	} else {
		require.NotContains(t, logged.String(), "changed:", "nothing is cut")
	}

	for _, bad := range c.downBad {
		insert(bad)
		was := snapshot(t, d, after)
		_, err := m.Down(ctx, 1)
		require.ErrorIs(t, err, migrate.ErrRefusedRows, "down refuses %v", bad)
		require.Contains(t, err.Error(), "value="+quoteValue(bad))
		requireSchema(t, d, after)
		require.Equal(t, was, snapshot(t, d, after), "a refused down migration changes no row")
		exec(t, d, `DELETE FROM "shop_item" WHERE "id" = (SELECT max("id") FROM "shop_item")`)
	}
	_, err = m.Down(ctx, 1)
	require.NoError(t, err)
	requireSchema(t, d, before)
	require.Equal(t, c.back, values(t, d, c.from), "values after down")
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

func quoteValue(v any) string { return strconv.Quote(textOf(v)) }

func textOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return itoa(x)
	}
	return text(v)
}

// values reads the column's non-null values in id order, written the same on both
// dialects for the field's type: numbers in lowest terms, booleans 1/0, date-times in
// UTC RFC 3339.
func values(t *testing.T, d *db.DB, field string) []string {
	t.Helper()
	kind := strings.TrimSuffix(strings.TrimPrefix(typeSpec(field), "{type: "), "}")
	kind, _, _ = strings.Cut(kind, ",")
	var out []string
	each(t, d, `SELECT "value" FROM "shop_item" WHERE "value" IS NOT NULL ORDER BY "id"`, func(r *sql.Rows) {
		var v any
		require.NoError(t, r.Scan(&v))
		out = append(out, canonical(t, kind, v))
	})
	return out
}

func canonical(t *testing.T, kind string, v any) string {
	s := text(v)
	switch kind {
	case "int", "bigint", "decimal":
		r, ok := new(big.Rat).SetString(s)
		require.True(t, ok, "%q is a number", s)
		n := strings.TrimRight(r.FloatString(12), "0")
		return strings.TrimSuffix(n, ".")
	case "bool":
		switch s {
		case "true", "1":
			return "1"
		case "false", "0":
			return "0"
		}
	case "datetime":
		if _, ok := v.(time.Time); ok {
			return s
		}
		p, err := time.Parse("2006-01-02 15:04:05", s)
		require.NoError(t, err, s)
		return p.UTC().Format(time.RFC3339Nano)
	case "date":
		if tm, ok := v.(time.Time); ok {
			return tm.Format(time.DateOnly)
		}
	case "uuid":
		return strings.ReplaceAll(s, "-", "")
	}
	return s
}

// TestNewUniqueNamesDuplicates: a field that becomes unique over rows that share a value
// stops the migration before it changes anything, naming those rows, on both dialects (and
// not with SQLite's error about the rebuild's copy of the table).
func TestNewUniqueNamesDuplicates(t *testing.T) {
	t.Parallel()
	files, states := generatePair(t, "{type: string, max_length: 20}", "{type: string, max_length: 20, unique: true}")
	eachDialect(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := openDB(t, dialect)
		m := migrator(t, d, files)
		_, err := m.UpTo(ctx, "0001")
		require.NoError(t, err)
		for _, v := range []any{"Untitled", "Other", "Untitled", nil, nil} {
			exec(t, d, `INSERT INTO "shop_item" ("label", "value") VALUES ('row', $1)`, v)
		}
		was := snapshot(t, d, states[0])
		_, err = m.Up(ctx)
		require.ErrorIs(t, err, migrate.ErrRefusedRows)
		require.Contains(t, err.Error(), `table "shop_item", column "value": 2 rows hold values that other rows hold too, in a column that becomes unique: id=1 value="Untitled", id=3 value="Untitled"`)
		require.NotContains(t, err.Error(), "new__")
		requireSchema(t, d, states[0])
		require.Equal(t, was, snapshot(t, d, states[0]))

		exec(t, d, `UPDATE "shop_item" SET "value" = 'Untitled 2' WHERE "id" = 3`)
		_, err = m.Up(ctx)
		require.NoError(t, err, "nulls may repeat")
		requireSchema(t, d, states[1])
	})
}
