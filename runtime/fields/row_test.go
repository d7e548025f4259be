package fields

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"math"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Row reads each column as database/sql's Scan reads it into a destination of the type:
// every driver value type against every type a generated row holds, through database/sql
// itself (a driver that hands over one row of given values).

// oneRow is a database/sql driver whose every query returns one row: the values of the
// DSN's entry in oneRowValues.
type oneRow struct{}

var (
	oneRowMu     sync.Mutex
	oneRowValues = map[string][]driver.Value{}
	registerOnce sync.Once
)

func (oneRow) Open(dsn string) (driver.Conn, error) { return oneRowConn(dsn), nil }

type oneRowConn string

func (c oneRowConn) Prepare(string) (driver.Stmt, error) { return oneRowStmt(c), nil }
func (oneRowConn) Close() error                          { return nil }
func (oneRowConn) Begin() (driver.Tx, error)             { return nil, driver.ErrSkip }

type oneRowStmt string

func (oneRowStmt) Close() error                               { return nil }
func (oneRowStmt) NumInput() int                              { return 0 }
func (oneRowStmt) Exec([]driver.Value) (driver.Result, error) { return nil, driver.ErrSkip }
func (s oneRowStmt) Query([]driver.Value) (driver.Rows, error) {
	oneRowMu.Lock()
	defer oneRowMu.Unlock()
	return &oneRowRows{vals: oneRowValues[string(s)]}, nil
}

type oneRowRows struct {
	vals []driver.Value
	done bool
}

func (r *oneRowRows) Columns() []string {
	cols := make([]string, len(r.vals))
	for i := range cols {
		cols[i] = "c" + strconv.Itoa(i)
	}
	return cols
}
func (r *oneRowRows) Close() error { return nil }
func (r *oneRowRows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done = true
	copy(dest, r.vals)
	return nil
}

// rowOf returns the row database/sql reads from a driver that hands over vals.
func rowOf(t *testing.T, vals ...driver.Value) *sql.Row {
	t.Helper()
	registerOnce.Do(func() { sql.Register("fields-one-row", oneRow{}) })
	dsn := t.Name()
	oneRowMu.Lock()
	oneRowValues[dsn] = vals
	oneRowMu.Unlock()
	d, err := sql.Open("fields-one-row", dsn)
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	return d.QueryRowContext(context.Background(), "row")
}

// driverValues are the values drivers hand over: modernc SQLite's int64, float64, string,
// []byte, time.Time and nil; pgx's bool too.
var driverValues = []driver.Value{
	int64(0), int64(1), int64(-7), int64(math.MaxInt64), int64(2),
	float64(10.5), float64(3), math.Copysign(0, -1), 1.0 / 3, float64(1e21), float64(-2.675), math.Inf(1), math.NaN(),
	"", "abc", "12", "-3", "10.50", " 7 ", "1e3", "true", "0", "2026-12-04", "2026-12-04 17:28:43.420964",
	"2026-12-04T17:28:43Z", "0f4e0a3c-8d8b-4a4e-9f2a-3b1c5d7e9f01", `{"a": 1}`, "é",
	[]byte("12"), []byte("x"), []byte{}, []byte("10.5"),
	true, false,
	time.Date(2026, 12, 4, 17, 28, 43, 420964000, time.UTC), time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC),
	nil,
}

// column is one way a generated scan reads a column: through Row, and into a typed
// destination of database/sql's Scan.
type column struct {
	name  string
	row   func(r *Row) any
	dest  func() any    // a new destination for database/sql
	deref func(any) any // the destination's value
}

func columnOf[T any](name string, row func(r *Row) T) column {
	return column{name: name,
		row:   func(r *Row) any { return row(r) },
		dest:  func() any { return new(T) },
		deref: func(p any) any { return *p.(*T) },
	}
}

var rowColumns = []column{
	columnOf("Int64", func(r *Row) int64 { return r.Int64(0) }),
	columnOf("NullInt64", func(r *Row) *int64 { return r.NullInt64(0) }),
	columnOf("String", func(r *Row) string { return r.String(0) }),
	columnOf("NullString", func(r *Row) *string { return r.NullString(0) }),
	columnOf("Bool", func(r *Row) bool { return r.Bool(0) }),
	columnOf("NullBool", func(r *Row) *bool { return r.NullBool(0) }),
	columnOf("Date", func(r *Row) Date { return r.Date(0) }),
	columnOf("NullDate", func(r *Row) *Date { return r.NullDate(0) }),
	columnOf("DateTime", func(r *Row) DateTime { return r.DateTime(0) }),
	columnOf("NullDateTime", func(r *Row) *DateTime { return r.NullDateTime(0) }),
	columnOf("UUID", func(r *Row) UUID { return r.UUID(0) }),
	columnOf("NullUUID", func(r *Row) *UUID { return r.NullUUID(0) }),
	columnOf("Document", func(r *Row) Document { return r.Document(0) }),
}

// TestRowReadsAsScan: every column type from every driver value, through Row and through
// database/sql's Scan: the same value, or an error from both.
func TestRowReadsAsScan(t *testing.T) {
	for i, v := range driverValues {
		for _, c := range rowColumns {
			t.Run(strconv.Itoa(i)+"/"+c.name, func(t *testing.T) {
				dest := c.dest()
				wantErr := rowOf(t, v).Scan(dest)
				r, err := ScanRow(rowOf(t, v), 1)
				require.NoError(t, err)
				got := c.row(&r)
				if wantErr != nil {
					require.Error(t, r.Err(), "%#v: database/sql refuses it: %v", v, wantErr)
					return
				}
				require.NoError(t, r.Err(), "%#v", v)
				require.Equal(t, c.deref(dest), got, "%#v", v)
			})
		}
	}
}

// TestRowDecimal: a decimal column read and quantized in one pass is what Scan and then
// Quantize give, from every driver value and to every scale.
func TestRowDecimal(t *testing.T) {
	values := append(driverValues, anyFloats(floatCases)...)
	// Integers and floats take a way of their own up to 18 places: each side of its edges.
	values = append(values, int64(math.MinInt64), int64(-1), int64(999999999999999999), 0.125, 0.375, -0.5, 2.5,
		1.5, 0.05, 1e-3, 5e-16, 4.99999999999999e-16, 123456789012345.6, 1234567890123456.7, 9.5, 99.995, -99.995)
	for _, v := range values {
		for places := range 21 {
			checkRowDecimal(t, v, places)
		}
	}
}

func FuzzRowDecimal(f *testing.F) {
	for _, v := range floatCases {
		f.Add(v, "", uint8(2))
	}
	for _, s := range []string{"10.5", "-0.005", "1e3", "0.0000", "12345678901234567890.123456789", "  3.25 "} {
		f.Add(0.0, s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, v float64, s string, places uint8) {
		checkRowDecimal(t, v, int(places%21))
		checkRowDecimal(t, s, int(places%21))
		checkRowDecimal(t, int64(math.Float64bits(v)), int(places%21)) // any integer, of either sign
	})
}

func checkRowDecimal(t *testing.T, v any, places int) {
	t.Helper()
	var want Decimal
	wantErr := want.Scan(v)
	if wantErr == nil {
		want = want.Quantize(places)
	}
	r := RowOf([]driver.Value{v})
	got := r.Decimal(0, places)
	if (wantErr == nil) != (r.Err() == nil) || got != want {
		t.Fatalf("%#v to %d places: got %q %v, want %q %v", v, places, got.s, r.Err(), want.s, wantErr)
	}
	r = RowOf([]driver.Value{v})
	gotN := r.NullDecimal(0, places)
	switch {
	case v == nil:
		require.Nil(t, gotN)
		require.NoError(t, r.Err())
	case wantErr != nil:
		require.Error(t, r.Err())
	default:
		require.Equal(t, want, *gotN)
	}
}

func anyFloats(fs []float64) []driver.Value {
	out := make([]driver.Value, len(fs))
	for i, f := range fs {
		out[i] = f
	}
	return out
}

// TestRowErrors: the first column that does not convert is the error, and the reads after
// it return zero values.
func TestRowErrors(t *testing.T) {
	r := RowOf([]driver.Value{int64(1), nil, "x", int64(2)})
	require.Equal(t, int64(1), r.Int64(0))
	require.Equal(t, "", r.String(1))
	require.ErrorContains(t, r.Err(), "column 1")
	require.Equal(t, int64(0), r.Int64(3))
	require.ErrorContains(t, r.Err(), "column 1")

	r = RowOf([]driver.Value{int64(1)})
	r.Int64(1)
	require.ErrorContains(t, r.Err(), "column 1: the row has 1 columns")
}

// TestScanRowAllocates: reading a row's values allocates nothing.
func TestScanRowAllocates(t *testing.T) {
	vals := []driver.Value{int64(700), "name", 10.5, int64(1)}
	allocs := testing.AllocsPerRun(100, func() {
		r := RowOf(vals)
		_ = r.Int64(0)
		_ = r.String(1)
		_ = r.Bool(3)
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
	})
	require.Zero(t, allocs, "reading int64, string and bool columns allocates nothing")
}
