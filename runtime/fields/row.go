package fields

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"time"
)

// Row is a row of a query as the database driver handed its columns over, read column by
// column into the types generated rows hold. Generated scan functions read every row through
// it: database/sql's Scan into typed destinations finds most of them (an int64, a Decimal)
// by reflection, where reading the driver's value is a type switch, and a decimal is read
// and quantized in one pass.
//
// Each method reads column i (from 0, in the query's order) and converts it as database/sql's
// Scan converts a driver value into a destination of that type; the first column that does
// not convert sets the error Err returns, and the methods then return zero values.
type Row struct {
	cols []driver.Value
	err  error
}

// Scanner is a row to read: a *sql.Row or the current row of *sql.Rows (db.Row).
type Scanner interface {
	Scan(dest ...any) error
}

// ScanValues scans the n columns of row as the driver hands them over: what database/sql's
// Scan stores into a *any for each, the values RowOf reads (db.AllValues hands a list's rows
// over so, without Scan).
func ScanValues(row Scanner, n int) ([]driver.Value, error) {
	values, dest := make([]driver.Value, n), make([]any, n)
	for i := range values {
		dest[i] = (*any)(&values[i])
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	return values, nil
}

// ScanRow is RowOf the values ScanValues scans.
func ScanRow(row Scanner, n int) (Row, error) {
	values, err := ScanValues(row, n)
	if err != nil {
		return Row{}, err
	}
	return Row{cols: values}, nil
}

// RowOf is a Row of the values a driver handed over.
func RowOf(values []driver.Value) Row { return Row{cols: values} }

// Err is the error of the first column that did not convert, nil if none.
func (r *Row) Err() error { return r.err }

func (r *Row) fail(i int, err error) {
	if r.err == nil {
		r.err = fmt.Errorf("fields: column %d: %w", i, err)
	}
}

// value is column i, or nil once a column failed (the methods then fail no further).
func (r *Row) value(i int) (any, bool) {
	if r.err != nil {
		return nil, false
	}
	if i >= len(r.cols) {
		r.fail(i, fmt.Errorf("the row has %d columns", len(r.cols)))
		return nil, false
	}
	return r.cols[i], true
}

// Int64 reads an integer column.
func (r *Row) Int64(i int) int64 {
	v, ok := r.value(i)
	if !ok {
		return 0
	}
	if n, ok := v.(int64); ok {
		return n
	}
	n, err := toInt64(v)
	if err != nil {
		r.fail(i, err)
	}
	return n
}

// NullInt64 reads an integer column that may be NULL (nil).
func (r *Row) NullInt64(i int) *int64 {
	if v, ok := r.value(i); !ok || v == nil {
		return nil
	}
	n := r.Int64(i)
	return &n
}

// String reads a text column.
func (r *Row) String(i int) string {
	v, ok := r.value(i)
	if !ok {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	s, err := toString(v)
	if err != nil {
		r.fail(i, err)
	}
	return s
}

// NullString reads a text column that may be NULL (nil).
func (r *Row) NullString(i int) *string {
	if v, ok := r.value(i); !ok || v == nil {
		return nil
	}
	s := r.String(i)
	return &s
}

// Bool reads a boolean column: a bool, or SQLite's 0 and 1, as driver.Bool converts them.
func (r *Row) Bool(i int) bool {
	v, ok := r.value(i)
	if !ok {
		return false
	}
	if b, ok := v.(bool); ok {
		return b
	}
	b, err := driver.Bool.ConvertValue(v)
	if err != nil {
		r.fail(i, err)
		return false
	}
	return b.(bool)
}

// NullBool reads a boolean column that may be NULL (nil).
func (r *Row) NullBool(i int) *bool {
	if v, ok := r.value(i); !ok || v == nil {
		return nil
	}
	b := r.Bool(i)
	return &b
}

// Decimal reads a decimal column and quantizes it to places, as DRF answers it: Scan, then
// Quantize(places).
func (r *Row) Decimal(i, places int) Decimal {
	var d Decimal
	if v, ok := r.value(i); ok {
		if err := d.scanQuantized(v, places); err != nil {
			r.fail(i, err)
			return Decimal{}
		}
	}
	return d
}

// NullDecimal reads a decimal column that may be NULL (nil), as Decimal does.
func (r *Row) NullDecimal(i, places int) *Decimal {
	if v, ok := r.value(i); !ok || v == nil {
		return nil
	}
	d := r.Decimal(i, places)
	return &d
}

// Date reads a date column (Date.Scan).
func (r *Row) Date(i int) Date {
	var d Date
	r.scan(i, &d)
	return d
}

// NullDate reads a date column that may be NULL (nil).
func (r *Row) NullDate(i int) *Date { return scanNull[Date](r, i) }

// DateTime reads a datetime column (DateTime.Scan).
func (r *Row) DateTime(i int) DateTime {
	var t DateTime
	r.scan(i, &t)
	return t
}

// NullDateTime reads a datetime column that may be NULL (nil).
func (r *Row) NullDateTime(i int) *DateTime { return scanNull[DateTime](r, i) }

// UUID reads a UUID column (UUID.Scan).
func (r *Row) UUID(i int) UUID {
	var u UUID
	r.scan(i, &u)
	return u
}

// NullUUID reads a UUID column that may be NULL (nil).
func (r *Row) NullUUID(i int) *UUID { return scanNull[UUID](r, i) }

// Document reads a JSON column; NULL is a nil Document (Document.Scan).
func (r *Row) Document(i int) Document {
	var d Document
	r.scan(i, &d)
	return d
}

// scan reads column i with dest's Scan, as database/sql hands a Scanner the driver's value.
func (r *Row) scan(i int, dest interface{ Scan(any) error }) {
	v, ok := r.value(i)
	if !ok {
		return
	}
	if err := dest.Scan(v); err != nil {
		r.fail(i, err)
	}
}

// scanNull reads a column that may be NULL into a new T, as database/sql scans into a
// pointer: nil for NULL, else a T read by its Scan.
func scanNull[T any, P interface {
	*T
	Scan(any) error
}](r *Row, i int) *T {
	if v, ok := r.value(i); !ok || v == nil {
		return nil
	}
	t := new(T)
	r.scan(i, P(t))
	if r.err != nil {
		return nil
	}
	return t
}

// toInt64 converts what database/sql converts into an int64 through the value's text.
func toInt64(v any) (int64, error) {
	if v == nil {
		return 0, fmt.Errorf("converting NULL to int64 is unsupported")
	}
	s, ok := asString(v)
	if !ok {
		return 0, fmt.Errorf("converting driver.Value type %T to a int64: unsupported", v)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("converting driver.Value type %T (%q) to a int64: %w", v, s, err)
	}
	return n, nil
}

// toString converts what database/sql converts into a string.
func toString(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", fmt.Errorf("converting NULL to string is unsupported")
	case time.Time:
		return v.Format(time.RFC3339Nano), nil
	}
	if s, ok := asString(v); ok {
		return s, nil
	}
	return "", fmt.Errorf("unsupported Scan, storing driver.Value type %T into type *string", v)
}

// asString is the text of a driver value, as database/sql writes it.
func asString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}
