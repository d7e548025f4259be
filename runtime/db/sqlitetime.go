package db

import (
	"context"
	"database/sql/driver"
	"time"

	"modernc.org/sqlite"
)

// SQLite has no timestamp type: a datetime column holds whatever text is written. Django
// writes str() of a naive UTC datetime, "2026-12-04 17:28:43.420964" (no fraction when the
// microseconds are zero), reads only what its parse_datetime understands, and compares
// timestamps as text in SQL. modernc.org/sqlite writes time.Time as Go's String()
// ("2026-12-04 17:28:43.42096434 +0000 UTC"), which Django reads as None. So every time.Time
// argument is written in Django's format here, where no query can forget it; reading takes
// both formats (Time, fields.DateTime).

// SQLiteTimeLayout is the layout of a timestamp that SQLite stores, when the microseconds
// are not zero; FormatSQLiteTime drops the fraction when they are, as Python's str() does.
const SQLiteTimeLayout = "2006-01-02 15:04:05.000000"

// FormatSQLiteTime writes t as Django stores a datetime on SQLite with USE_TZ: in UTC,
// without a zone, microseconds only when there are any.
func FormatSQLiteTime(t time.Time) string {
	t = t.UTC().Truncate(time.Microsecond)
	if t.Nanosecond() == 0 {
		return t.Format(time.DateTime)
	}
	return t.Format(SQLiteTimeLayout)
}

// sqliteConnector opens modernc.org/sqlite connections that write times as Django does and
// keep their statements prepared.
type sqliteConnector struct {
	dsn string
	drv *sqlite.Driver
}

func (c sqliteConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return djangoTimeConn{newStmtCachingConn(conn.(sqliteConn))}, nil
}

func (c sqliteConnector) Driver() driver.Driver { return c.drv }

// sqliteConn is what database/sql uses of a modernc.org/sqlite connection; the wrapper must
// offer all of it, or database/sql would fall back to slower paths.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// djangoTimeConn is a modernc.org/sqlite connection whose time.Time arguments are written in
// Django's format.
type djangoTimeConn struct{ sqliteConn }

// CheckNamedValue converts an argument as database/sql would (driver.Valuer included), then
// a time.Time to Django's text.
func (djangoTimeConn) CheckNamedValue(nv *driver.NamedValue) error {
	v, err := driver.DefaultParameterConverter.ConvertValue(nv.Value)
	if err != nil {
		return err
	}
	if t, ok := v.(time.Time); ok {
		v = FormatSQLiteTime(t)
	}
	nv.Value = v
	return nil
}
