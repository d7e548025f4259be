package fields

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestDate(t *testing.T) {
	d, err := ParseDate("2026-11-28")
	require.NoError(t, err)
	require.Equal(t, Date{Year: 2026, Month: time.November, Day: 28}, d)
	require.Equal(t, "2026-11-28", d.String())
	require.Equal(t, "0001-01-02", Date{Year: 1, Month: 1, Day: 2}.String())
	require.Equal(t, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), d.Time())
	require.Equal(t, d, DateOf(time.Date(2026, 11, 28, 23, 59, 0, 0, time.FixedZone("", -5*3600))))
	require.True(t, Date{}.IsZero())
	for _, bad := range []string{"2026-02-30", "2026-11-28T10:00:00", "26-11-28", ""} {
		_, err := ParseDate(bad)
		require.ErrorIs(t, err, ErrInvalidDate, bad)
	}

	b, err := json.Marshal(d)
	require.NoError(t, err)
	require.Equal(t, `"2026-11-28"`, string(b))
	var back Date
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, d, back)
	require.ErrorIs(t, json.Unmarshal([]byte(`20261128`), &back), ErrInvalidDate)

	for _, src := range []any{"2026-11-28", []byte("2026-11-28"), "2026-11-28 00:00:00", time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)} {
		var s Date
		require.NoError(t, s.Scan(src), "%#v", src)
		require.Equal(t, d, s)
	}
	var s Date
	require.ErrorIs(t, s.Scan(nil), ErrInvalidDate)
	require.ErrorIs(t, s.Scan(int64(3)), ErrInvalidDate)
	v, err := d.Value()
	require.NoError(t, err)
	require.Equal(t, "2026-11-28", v)
}

func TestDateTime(t *testing.T) {
	d, err := ParseDateTime("2026-11-28T23:31:16.123456789+01:00")
	require.NoError(t, err)
	require.Equal(t, "2026-11-28T22:31:16.123456Z", d.String()) // converted to UTC, microseconds kept
	require.Equal(t, time.Date(2026, 11, 28, 22, 31, 16, 123456000, time.UTC), d.Time())
	require.Equal(t, "2026-11-28T22:31:16Z", FormatDateTime(time.Date(2026, 11, 28, 23, 31, 16, 999, time.FixedZone("", 3600))))
	require.True(t, DateTime{}.IsZero())
	require.WithinDuration(t, time.Now(), Now().Time(), time.Minute)
	_, err = ParseDateTime("2026-11-28")
	require.ErrorIs(t, err, ErrInvalidDateTime)

	b, err := json.Marshal(map[string]any{"at": d, "none": (*DateTime)(nil)})
	require.NoError(t, err)
	require.JSONEq(t, `{"at":"2026-11-28T22:31:16.123456Z","none":null}`, string(b))
	var back DateTime
	require.NoError(t, json.Unmarshal([]byte(`"2026-11-28T22:31:16.123456Z"`), &back))
	require.Equal(t, d, back)
	require.ErrorIs(t, json.Unmarshal([]byte(`"yesterday"`), &back), ErrInvalidDateTime)

	for _, src := range []any{
		time.Date(2026, 11, 28, 23, 31, 16, 123456789, time.FixedZone("", 3600)),
		"2026-11-28 22:31:16.123456",       // Django's SQLite text (UTC, naive)
		"2026-11-28 22:31:16.123456+00:00", // modernc.org/sqlite's text
		[]byte("2026-11-28T23:31:16.123456+01:00"),
	} {
		var s DateTime
		require.NoError(t, s.Scan(src), "%#v", src)
		require.Equal(t, d, s, "%#v", src)
	}
	var s DateTime
	require.ErrorIs(t, s.Scan(nil), ErrInvalidDateTime)
	require.ErrorIs(t, s.Scan("soon"), ErrInvalidDateTime)
	v, err := d.Value()
	require.NoError(t, err)
	require.Equal(t, d.Time(), v)
}

func TestUUID(t *testing.T) {
	const want = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
	for _, in := range []string{want, "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "a0eebc999c0b4ef8bb6d6bb9bd380a11", "{" + want + "}", "urn:uuid:" + want} {
		u, err := ParseUUID(in)
		require.NoError(t, err, in)
		require.Equal(t, want, u.String(), in)
	}
	_, err := ParseUUID("a0eebc99")
	require.ErrorIs(t, err, ErrInvalidUUID)
	u, _ := ParseUUID(want)
	require.False(t, u.IsZero())
	require.True(t, UUID{}.IsZero())

	b, err := json.Marshal(u)
	require.NoError(t, err)
	require.Equal(t, `"`+want+`"`, string(b))
	var back UUID
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, u, back)
	require.ErrorIs(t, json.Unmarshal([]byte(`1`), &back), ErrInvalidUUID)

	v, err := u.Value()
	require.NoError(t, err)
	require.Equal(t, "a0eebc999c0b4ef8bb6d6bb9bd380a11", v) // Django's char(32) form
	for _, src := range []any{want, "a0eebc999c0b4ef8bb6d6bb9bd380a11", []byte(want), u[:]} {
		var s UUID
		require.NoError(t, s.Scan(src), "%#v", src)
		require.Equal(t, u, s)
	}
	var s UUID
	require.ErrorIs(t, s.Scan(nil), ErrInvalidUUID)
	require.ErrorIs(t, s.Scan(int64(1)), ErrInvalidUUID)
}

func TestRelativeTimes(t *testing.T) {
	require.Equal(t, MustDate("2024-03-01"), MustDate("2024-02-15").AddDays(15), "a leap year's February has 29 days")
	require.Equal(t, MustDate("2023-12-31"), MustDate("2024-01-01").AddDays(-1))
	require.Equal(t, MustDateTime("2024-01-02T01:00:00Z"), MustDateTime("2024-01-01T23:00:00Z").Add(2*time.Hour))
	today := Today()
	require.Equal(t, DateOf(time.Now().UTC()), today)
	require.WithinDuration(t, time.Now(), Now().Time(), time.Minute)
}
