package fields

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// DateTime is an instant kept in UTC with microsecond precision, Django's DateTimeField
// with USE_TZ=True and TIME_ZONE="UTC" (the setting authgen's apps run with). It encodes to
// JSON in DRF's format, "2026-11-28T23:31:16.123456Z" (no fraction when the microseconds
// are zero). A nullable column scans into *DateTime.
type DateTime struct {
	t time.Time
}

// ErrInvalidDateTime is returned for text or database values that are not a datetime.
var ErrInvalidDateTime = errors.New("fields: invalid datetime")

// DateTimeOf is t in UTC, truncated to the microsecond as Python's datetime holds it.
func DateTimeOf(t time.Time) DateTime { return DateTime{t: t.UTC().Truncate(time.Microsecond)} }

// Now is the current time as a DateTime.
func Now() DateTime { return DateTimeOf(time.Now()) }

// ParseDateTime reads ISO 8601 text as DRF's DateTimeField does (see ReadDateTime).
func ParseDateTime(s string) (DateTime, error) {
	v, msg := dateTimeFromRunes([]rune(s))
	if msg != "" {
		return DateTime{}, fmt.Errorf("%w: %q", ErrInvalidDateTime, s)
	}
	return v, nil
}

// Add is the instant d later (earlier for a negative d), to the microsecond.
func (d DateTime) Add(dur time.Duration) DateTime { return DateTimeOf(d.t.Add(dur)) }

// Time is the instant as a time.Time in UTC.
func (d DateTime) Time() time.Time { return d.t }

// IsZero reports whether d is the zero DateTime.
func (d DateTime) IsZero() bool { return d.t.IsZero() }

// String is DRF's output format (see FormatDateTime).
func (d DateTime) String() string { return FormatDateTime(d.t) }

// FormatDateTime writes t as DRF writes a datetime with USE_TZ=True in UTC: Python's
// isoformat() with "+00:00" written "Z", microseconds only when there are any.
func FormatDateTime(t time.Time) string {
	t = t.UTC().Truncate(time.Microsecond)
	if t.Nanosecond() == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}

// MarshalJSON writes DRF's format.
func (d DateTime) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads ISO 8601 text as DRF does.
func (d *DateTime) UnmarshalJSON(b []byte) error {
	v, err := readJSONString(b, ParseDateTime, ErrInvalidDateTime)
	if err == nil {
		*d = v
	}
	return err
}

// Value implements driver.Valuer: a time.Time in UTC, as runtime/db stores timestamps
// (timestamptz on PostgreSQL, a datetime column on SQLite).
func (d DateTime) Value() (driver.Value, error) { return d.t, nil }

// sqliteLayouts are the texts SQLite may hand back for a timestamp: the driver's own
// format, Django's, and ISO 8601.
var sqliteLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 -0700 MST", // what runtime/db wrote before it wrote Django's format
	"2006-01-02T15:04:05.999999999",
}

// Scan implements sql.Scanner: PostgreSQL's timestamptz arrives as a time.Time, SQLite's as
// a time.Time or as its stored text (naive text is UTC, as Django stores it).
func (d *DateTime) Scan(src any) error {
	return scanTimeOrText(src, func(t time.Time) { *d = DateTimeOf(t) }, d.scanText, ErrInvalidDateTime, "DateTime")
}

func (d *DateTime) scanText(s string) error {
	s = strings.TrimSpace(s)
	for _, layout := range sqliteLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			*d = DateTimeOf(t)
			return nil
		}
	}
	return fmt.Errorf("%w: %q", ErrInvalidDateTime, s)
}

// ReadDateTime reads a DateTimeField: ISO 8601 as Django's parse_datetime takes it
// ("2026-11-28T23:31:16.123456Z", a space for the T, seconds and fraction optional, up to
// 12 fraction digits of which 6 count, offsets Z, ±hh, ±hhmm, ±hh:mm; a naive value is
// UTC), converted to UTC. Anything else, including a bare date and any non-string, is DRF's
// "Datetime has wrong format. …" message; a value whose UTC form falls outside years
// 1–9999 is "Datetime value out of range.".
func ReadDateTime(raw json.RawMessage) (DateTime, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return DateTime{}, []string{MsgDateTimeFormat}
	}
	if v.kind == pyNone {
		return DateTime{}, []string{MsgNull}
	}
	if v.kind != pyStr {
		return DateTime{}, []string{MsgDateTimeFormat}
	}
	d, msg := dateTimeFromRunes(v.runes)
	if msg != "" {
		return DateTime{}, []string{msg}
	}
	return d, nil
}

// NullDateTime is ReadDateTime for a field that allows null: JSON null gives nil.
func NullDateTime(raw json.RawMessage) (*DateTime, []string) {
	if IsNull(raw) {
		return nil, nil
	}
	return ptr(ReadDateTime(raw))
}

func dateTimeFromRunes(s []rune) (DateTime, string) {
	m, ok := matchDateTime(s)
	if !ok || !m.valid() {
		return DateTime{}, MsgDateTimeFormat
	}
	loc := time.UTC
	if m.hasOffset && m.offsetMinutes != 0 {
		loc = time.FixedZone("", m.offsetMinutes*60)
	}
	t := time.Date(m.year, time.Month(m.month), m.day, m.hour, m.minute, m.second, m.micro*1000, loc).UTC()
	if t.Year() < 1 || t.Year() > 9999 {
		return DateTime{}, MsgDateTimeOverflow // Python's astimezone raises OverflowError
	}
	return DateTime{t: t}, ""
}
