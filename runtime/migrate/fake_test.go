package migrate_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

// TestFake: Fake records the next pending migration with its files' checksums and runs
// none of it; it refuses a migration whose predecessors are not applied and a name that
// names none (suggesting the one meant), leaves an applied one alone, and Up then runs
// the rest. On both dialects.
func TestFake(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		set := shopSet()
		m := newMigrator(t, d, set)

		_, err := m.Fake(ctx, "0002_items")
		require.ErrorIs(t, err, migrate.ErrInconsistentHistory)
		require.ErrorContains(t, err, "cannot fake 0002_items: 0001_initial, which comes before it, is not applied")
		require.False(t, tableExists(t, d, "authgen_migrations"), "nothing recorded")

		_, err = m.Fake(ctx, "0002_itme")
		require.ErrorIs(t, err, migrate.ErrUnknownMigration)
		require.ErrorContains(t, err, `unknown migration "0002_itme" (did you mean 0002_items?)`)
		_, err = m.Fake(ctx, "0003_r")
		require.ErrorContains(t, err, `(did you mean 0003_runs?)`)
		_, err = m.Fake(ctx, "0042_nothing_like_it")
		require.ErrorIs(t, err, migrate.ErrUnknownMigration)
		require.NotContains(t, err.Error(), "did you mean")

		_, err = m.UpTo(ctx, "0001")
		require.NoError(t, err)
		faked, err := m.Fake(ctx, "2")
		require.NoError(t, err)
		require.Equal(t, "0002_items", faked.Name)
		require.True(t, faked.Recorded)
		require.Equal(t, sum(set["0002_items.up.sql"]), faked.Checksum)
		require.Equal(t, sum(set["0002_items.down.sql"]), faked.DownChecksum)
		require.False(t, tableExists(t, d, "item"), "the faked migration did not run")
		require.Equal(t, 0, count(t, d, "shop"))

		st, err := m.Status(ctx)
		require.NoError(t, err)
		require.True(t, st[1].Applied)
		require.Equal(t, faked.AppliedAt, st[1].AppliedAt)
		require.Equal(t, faked.Checksum, st[1].AppliedChecksum)
		require.Equal(t, faked.DownChecksum, st[1].AppliedDownChecksum)
		require.False(t, st[1].Edited())

		again, err := m.Fake(ctx, "0002_items")
		require.NoError(t, err)
		require.False(t, again.Recorded, "an applied migration is left as it is")
		require.Equal(t, []string{"0001_initial", "0002_items"}, recorded(t, d))

		applied, err := m.Up(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{"0003_runs"}, applied, "Up runs the rest")
		require.Equal(t, 1, count(t, d, "runs"))

		// Reverting a faked migration runs its down file, as for any applied one.
		_, err = m.DownTo(ctx, "0001")
		require.Error(t, err, `the down file of 0002 drops "item", which the fake never made`)
		require.Equal(t, []string{"0001_initial", "0002_items"}, recorded(t, d))
	})
}

// TestFakeChecksHistory: Fake checks the history as Up does: an applied migration edited
// since is refused before anything is recorded.
func TestFakeChecksHistory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		_, err := newMigrator(t, d, shopSet()).UpTo(ctx, "0001")
		require.NoError(t, err)
		edited := with(shopSet(), map[string]string{"0001_initial.up.sql": `CREATE TABLE "shop" ("id" integer NOT NULL PRIMARY KEY);`})
		_, err = newMigrator(t, d, edited).Fake(ctx, "0002_items")
		require.ErrorIs(t, err, migrate.ErrChecksumMismatch)
		require.Equal(t, []string{"0001_initial"}, recorded(t, d))
	})
}
