package fields

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date without a time zone, Django's DateField. It encodes to JSON as
// "2006-01-02" and is stored as that text, which PostgreSQL's date takes and SQLite keeps as
// Django does. The zero value is no date (IsZero); a nullable column scans into *Date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ErrInvalidDate is returned for text or database values that are not a date.
var ErrInvalidDate = errors.New("fields: invalid date")

// DateOf is the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// Today is the current date in UTC, the time zone authgen's apps run in (Django's
// date.today with TIME_ZONE="UTC").
func Today() Date { return DateOf(time.Now().UTC()) }

// AddDays is the date n days later (earlier for a negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// ParseDate reads "YYYY-MM-DD" as DRF's DateField does (see ReadDate).
func ParseDate(s string) (Date, error) {
	d, ok := matchDate([]rune(s))
	if !ok || !d.valid() {
		return Date{}, fmt.Errorf("%w: %q", ErrInvalidDate, s)
	}
	return Date{Year: d.year, Month: time.Month(d.month), Day: d.day}, nil
}

// String is the ISO 8601 form DRF writes: "2006-01-02".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time is midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// MarshalJSON writes "2006-01-02".
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "2006-01-02".
func (d *Date) UnmarshalJSON(b []byte) error {
	v, err := readJSONString(b, ParseDate, ErrInvalidDate)
	if err == nil {
		*d = v
	}
	return err
}

// Value implements driver.Valuer: the text "2006-01-02".
func (d Date) Value() (driver.Value, error) { return d.String(), nil }

// Scan implements sql.Scanner: PostgreSQL's date (and SQLite's, when the driver parses a
// column declared date) arrives as a time.Time, SQLite's stored text as a string.
func (d *Date) Scan(src any) error {
	return scanTimeOrText(src, func(t time.Time) { *d = DateOf(t) }, d.scanText, ErrInvalidDate, "Date")
}

func (d *Date) scanText(s string) error {
	// Text written by another program may carry a time of day after the date.
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') {
		s = s[:10]
	}
	v, err := ParseDate(strings.TrimSpace(s))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ReadDate reads a DateField: "YYYY-MM-DD" (one-digit months and days too, digits of any
// script, a final newline tolerated); a real date ("2026-02-30" is not). Anything else,
// including a datetime and any non-string, is DRF's "Date has wrong format. Use one of
// these formats instead: YYYY-MM-DD.".
func ReadDate(raw json.RawMessage) (Date, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return Date{}, []string{MsgDateFormat}
	}
	if v.kind == pyNone {
		return Date{}, []string{MsgNull}
	}
	if v.kind != pyStr {
		return Date{}, []string{MsgDateFormat}
	}
	d, ok := matchDate(v.runes)
	if !ok || !d.valid() {
		return Date{}, []string{MsgDateFormat}
	}
	return Date{Year: d.year, Month: time.Month(d.month), Day: d.day}, nil
}

// NullDate is ReadDate for a field that allows null: JSON null gives nil.
func NullDate(raw json.RawMessage) (*Date, []string) {
	if IsNull(raw) {
		return nil, nil
	}
	return ptr(ReadDate(raw))
}
