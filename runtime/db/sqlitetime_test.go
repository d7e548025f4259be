package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fields"
)

// SQLite keeps timestamps as the text written: it must be Django's, which Django reads and
// compares.
func TestSQLiteWritesTimesAsDjangoDoes(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite)
	_, err := d.ExecContext(ctx, `CREATE TABLE "t" ("id" integer PRIMARY KEY, "at" datetime NULL, "on" date NULL)`)
	require.NoError(t, err)

	paris := time.FixedZone("Paris", 3600)
	cases := []struct {
		arg  any
		want string
	}{
		{time.Date(2026, 12, 4, 18, 28, 43, 420964340, paris), "2026-12-04 17:28:43.420964"},
		{time.Date(2026, 12, 4, 17, 28, 43, 0, time.UTC), "2026-12-04 17:28:43"},
		{time.Date(2026, 12, 4, 17, 28, 43, 500, time.UTC), "2026-12-04 17:28:43"},
		{time.Date(2026, 12, 4, 17, 28, 43, 1000, time.UTC), "2026-12-04 17:28:43.000001"},
		{fields.DateTimeOf(time.Date(2026, 1, 2, 3, 4, 5, 600000000, time.UTC)), "2026-01-02 03:04:05.600000"},
		{db.Time{Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Valid: true}, "2026-01-02 03:04:05"},
	}
	for i, c := range cases {
		_, err := d.ExecContext(ctx, `INSERT INTO "t" ("id", "at") VALUES ($1, $2)`, i, c.arg)
		require.NoError(t, err)
		var stored string
		require.NoError(t, d.QueryRowContext(ctx, `SELECT CAST("at" AS text) FROM "t" WHERE "id" = $1`, i).Scan(&stored))
		require.Equal(t, c.want, stored, "case %d", i)
	}

	// NULL stays NULL; a date is its text.
	_, err = d.ExecContext(ctx, `INSERT INTO "t" ("id", "at", "on") VALUES (100, $1, $2)`, db.Time{}, fields.Date{Year: 2026, Month: 2, Day: 3})
	require.NoError(t, err)
	var isNull bool
	var on string
	require.NoError(t, d.QueryRowContext(ctx, `SELECT "at" IS NULL, CAST("on" AS text) FROM "t" WHERE "id" = 100`).Scan(&isNull, &on))
	require.True(t, isNull)
	require.Equal(t, "2026-02-03", on)

	// Compared as text in SQL, a time argument orders with the stored ones.
	var n int
	require.NoError(t, d.QueryRowContext(ctx, `SELECT count(*) FROM "t" WHERE "at" > $1`, time.Date(2026, 12, 4, 17, 28, 43, 0, time.UTC)).Scan(&n))
	require.Equal(t, 2, n, "the two with microseconds after 17:28:43")
}

// Rows written before (Go's String() format) and by Django read back alike.
func TestSQLiteReadsOldAndDjangoTimes(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite)
	_, err := d.ExecContext(ctx, `CREATE TABLE "t" ("id" integer PRIMARY KEY, "at" datetime NOT NULL)`)
	require.NoError(t, err)
	want := time.Date(2026, 12, 4, 17, 28, 43, 420964000, time.UTC)
	for i, text := range []string{
		"2026-12-04 17:28:43.420964",
		"2026-12-04 17:28:43.420964 +0000 UTC",
		"2026-12-04 17:28:43.420964+00:00",
		"2026-12-04T18:28:43.420964+01:00",
	} {
		_, err := d.ExecContext(ctx, `INSERT INTO "t" ("id", "at") VALUES ($1, $2)`, i, text)
		require.NoError(t, err)
		// As the column (which the driver parses) and as an expression (text).
		var got, gotText db.Time
		var field, fieldText fields.DateTime
		require.NoError(t, d.QueryRowContext(ctx, `SELECT "at", "at" || '', "at", "at" || '' FROM "t" WHERE "id" = $1`, i).Scan(&got, &gotText, &field, &fieldText))
		for _, v := range []time.Time{got.Time, gotText.Time, field.Time(), fieldText.Time()} {
			require.True(t, want.Equal(v), "%q read as %v", text, v)
		}
	}
}
