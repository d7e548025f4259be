package db

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Time scans a timestamp from either dialect: PostgreSQL hands over a time.Time, SQLite the
// text it stored (modernc.org/sqlite parses columns declared datetime, but not every
// expression). Times are kept in UTC.
type Time struct {
	Time  time.Time
	Valid bool // false for SQL NULL
}

var sqliteLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 -0700 MST", // what runtime/db wrote before it wrote Django's format
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// Scan implements sql.Scanner.
func (t *Time) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*t = Time{}
		return nil
	case time.Time:
		*t = Time{Time: v.UTC(), Valid: true}
		return nil
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	}
	return fmt.Errorf("db: cannot scan %T into db.Time", src)
}

func (t *Time) parse(s string) error {
	for _, layout := range sqliteLayouts {
		if v, err := time.Parse(layout, s); err == nil {
			*t = Time{Time: v.UTC(), Valid: true}
			return nil
		}
	}
	return fmt.Errorf("db: cannot parse time %q", s)
}

// Value implements driver.Valuer.
func (t Time) Value() (driver.Value, error) {
	if !t.Valid {
		return nil, nil
	}
	return t.Time.UTC(), nil
}
