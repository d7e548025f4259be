package migrate

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// SQLite has no advisory lock: a migrator plans from what it read, and another process may
// apply the same migrations before it begins its first transaction. These tests put the
// other migrator exactly there.

func recheckSet(firstUp string) fstest.MapFS {
	return fstest.MapFS{
		"0001_a.up.sql":   {Data: []byte(firstUp)},
		"0001_a.down.sql": {Data: []byte(`DROP TABLE "a";`)},
		"0002_b.up.sql":   {Data: []byte(`CREATE TABLE "b" ("x" integer); INSERT INTO "b" VALUES (1);`)},
		"0002_b.down.sql": {Data: []byte(`DROP TABLE "b";`)},
	}
}

func TestSQLiteMigratorRechecksInsideItsTransaction(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite)
	late, err := New(d, recheckSet(`CREATE TABLE "a" ("x" integer);`))
	require.NoError(t, err)
	early, err := New(d, recheckSet(`CREATE TABLE "a" ("x" integer);`))
	require.NoError(t, err)

	var earlyApplied []string
	var earlyErr error
	late.afterPlan = func() { earlyApplied, earlyErr = early.Up(ctx) }
	lateApplied, err := late.Up(ctx)
	require.NoError(t, err)
	require.NoError(t, earlyErr)
	require.Equal(t, []string{"0001_a", "0002_b"}, earlyApplied)
	require.Empty(t, lateApplied, "the late migrator found both applied inside its transactions")
	var n int
	require.NoError(t, d.QueryRowContext(ctx, `SELECT count(*) FROM "b"`).Scan(&n))
	require.Equal(t, 1, n)
}

func TestSQLiteRecheckComparesChecksums(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite)
	late, err := New(d, recheckSet(`CREATE TABLE "a" ("x" integer);`))
	require.NoError(t, err)
	other, err := New(d, recheckSet(`CREATE TABLE "a" ("x" integer, "y" text);`))
	require.NoError(t, err)

	var otherErr error
	late.afterPlan = func() { _, otherErr = other.Up(ctx) }
	applied, err := late.Up(ctx)
	require.NoError(t, otherErr)
	require.ErrorIs(t, err, ErrChecksumMismatch)
	require.ErrorContains(t, err, "migration 0001_a was applied with checksum "+other.set[0].checksum+" but the file now has "+late.set[0].checksum)
	require.Empty(t, applied)
}

func TestLineAt(t *testing.T) {
	text := "ab\nçd\n\nx"
	for pos, want := range map[int]int{1: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 3, 8: 4} {
		require.Equal(t, want, lineAt(text, pos), "position %d", pos)
	}
}
