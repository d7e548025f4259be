package migrate_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

func newMigrator(t *testing.T, d *db.DB, set map[string]string) *migrate.Migrator {
	t.Helper()
	m, err := migrate.New(d, files(set))
	require.NoError(t, err)
	return m
}

func sum(text string) string {
	s := sha256.Sum256([]byte(text))
	return hex.EncodeToString(s[:])
}

func TestUpIsIdempotentAndDownToZeroReverts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		m := newMigrator(t, d, shopSet())
		all := []string{"0001_initial", "0002_items", "0003_runs"}

		before := time.Now().UTC().Add(-time.Second)
		applied, err := m.Up(ctx)
		require.NoError(t, err)
		require.Equal(t, all, applied)
		for _, table := range []string{"shop", "item", "runs"} {
			require.True(t, tableExists(t, d, table), table)
		}
		require.Equal(t, all, recorded(t, d))
		require.Equal(t, 1, count(t, d, "shop"))

		st, err := m.Status(ctx)
		require.NoError(t, err)
		require.Len(t, st, 3)
		for i, s := range st {
			require.Equal(t, all[i], s.Name)
			require.True(t, s.Applied)
			require.False(t, s.Edited())
			require.False(t, s.Missing())
			require.Equal(t, sum(shopSet()[s.Name+".up.sql"]), s.Checksum)
			require.Equal(t, s.Checksum, s.AppliedChecksum)
			require.Equal(t, time.UTC, s.AppliedAt.Location())
			require.WithinRange(t, s.AppliedAt, before, time.Now().Add(time.Second))
		}

		applied, err = m.Up(ctx)
		require.NoError(t, err)
		require.Empty(t, applied, "a second Up has nothing to do")
		require.Equal(t, 1, count(t, d, "runs"))

		reverted, err := m.DownTo(ctx, migrate.Zero)
		require.NoError(t, err)
		require.Equal(t, []string{"0003_runs", "0002_items", "0001_initial"}, reverted)
		for _, table := range []string{"shop", "item", "runs"} {
			require.False(t, tableExists(t, d, table), table)
		}
		require.Empty(t, recorded(t, d))
		st, err = m.Status(ctx)
		require.NoError(t, err)
		for _, s := range st {
			require.False(t, s.Applied)
			require.True(t, s.AppliedAt.IsZero())
			require.Empty(t, s.AppliedChecksum)
		}

		applied, err = m.Up(ctx)
		require.NoError(t, err)
		require.Equal(t, all, applied)
		require.Equal(t, 1, count(t, d, "runs"))
	})
}

func TestUpToDownAndDownTo(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		m := newMigrator(t, d, shopSet())

		applied, err := m.UpTo(ctx, "0002")
		require.NoError(t, err)
		require.Equal(t, []string{"0001_initial", "0002_items"}, applied)
		require.False(t, tableExists(t, d, "runs"))

		applied, err = m.UpTo(ctx, "0001_initial")
		require.NoError(t, err)
		require.Empty(t, applied, "UpTo an applied migration does not revert anything")

		_, err = m.Down(ctx, 3)
		require.ErrorIs(t, err, migrate.ErrBadSteps)
		require.ErrorContains(t, err, "asked to revert 3 migrations but 2 are applied")
		require.Equal(t, []string{"0001_initial", "0002_items"}, recorded(t, d), "nothing reverted")
		_, err = m.Down(ctx, -1)
		require.ErrorIs(t, err, migrate.ErrBadSteps)

		reverted, err := m.Down(ctx, 0)
		require.NoError(t, err)
		require.Empty(t, reverted)
		reverted, err = m.Down(ctx, 1)
		require.NoError(t, err)
		require.Equal(t, []string{"0002_items"}, reverted)
		require.False(t, tableExists(t, d, "item"))
		require.True(t, tableExists(t, d, "shop"))

		reverted, err = m.DownTo(ctx, "0001_initial")
		require.NoError(t, err)
		require.Empty(t, reverted, "the named migration stays applied")
		reverted, err = m.DownTo(ctx, "0003")
		require.NoError(t, err)
		require.Empty(t, reverted, "DownTo a pending migration does nothing")

		applied, err = m.Up(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{"0002_items", "0003_runs"}, applied)
		reverted, err = m.DownTo(ctx, "1")
		require.NoError(t, err)
		require.Equal(t, []string{"0003_runs", "0002_items"}, reverted)
		require.Equal(t, []string{"0001_initial"}, recorded(t, d))

		_, err = m.UpTo(ctx, "0004")
		require.ErrorIs(t, err, migrate.ErrUnknownMigration)
		_, err = m.DownTo(ctx, "items")
		require.ErrorIs(t, err, migrate.ErrUnknownMigration)
		require.Equal(t, []string{"0001_initial"}, recorded(t, d))
	})
}

func TestFailingMigrationRollsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		broken := with(shopSet(), map[string]string{
			"0002_items.up.sql": `CREATE TABLE "item" ("id" integer NOT NULL PRIMARY KEY);
INSERT INTO "shop" ("id", "name") VALUES (1, 'first');
INSERT INTO "no_such_table" ("id") VALUES (1);
`,
		})
		m := newMigrator(t, d, broken)

		applied, err := m.Up(ctx)
		require.ErrorIs(t, err, migrate.ErrMigrationFailed)
		require.ErrorContains(t, err, "0002_items.up.sql")
		require.ErrorContains(t, err, "no_such_table")
		if dialect == db.Postgres {
			require.ErrorContains(t, err, "0002_items.up.sql line 3:")
			require.ErrorContains(t, err, "SQLSTATE 42P01")
		}
		require.Equal(t, []string{"0001_initial"}, applied, "what was applied before the failure is reported")
		require.False(t, tableExists(t, d, "item"), "no partial schema")
		require.Equal(t, 0, count(t, d, "shop"), "no partial data")
		require.Equal(t, []string{"0001_initial"}, recorded(t, d), "no record")

		// The failed migration was never applied, so its file may be fixed.
		applied, err = newMigrator(t, d, shopSet()).Up(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{"0002_items", "0003_runs"}, applied)
	})
}

func TestFailingDownRollsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		set := with(shopSet(), map[string]string{
			"0002_items.down.sql": "DROP TABLE \"item\";\nDELETE FROM \"no_such_table\";\n",
		})
		m := newMigrator(t, d, set)
		_, err := m.Up(ctx)
		require.NoError(t, err)

		reverted, err := m.DownTo(ctx, migrate.Zero)
		require.ErrorIs(t, err, migrate.ErrMigrationFailed)
		require.ErrorContains(t, err, "0002_items.down.sql")
		require.Equal(t, []string{"0003_runs"}, reverted)
		require.True(t, tableExists(t, d, "item"), "the down file's DROP was rolled back")
		require.Equal(t, []string{"0001_initial", "0002_items"}, recorded(t, d))
	})
}

func TestEditedAppliedMigrationIsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		first := without(shopSet(), "0003_runs.up.sql", "0003_runs.down.sql")
		_, err := newMigrator(t, d, first).Up(ctx)
		require.NoError(t, err)

		editedText := `CREATE TABLE "shop" ("id" integer NOT NULL PRIMARY KEY, "name" varchar(80) NOT NULL);`
		edited := with(shopSet(), map[string]string{"0001_initial.up.sql": editedText})
		m := newMigrator(t, d, edited)
		applied, err := m.Up(ctx)
		require.ErrorIs(t, err, migrate.ErrChecksumMismatch)
		require.Empty(t, applied)
		require.EqualError(t, err, fmt.Sprintf(
			"migrate: checksum mismatch: migration 0001_initial was applied with checksum %s but the file now has %s; an applied migration must not be edited — write a new one",
			sum(shopSet()["0001_initial.up.sql"]), sum(editedText)))
		require.False(t, tableExists(t, d, "runs"), "nothing is applied after a mismatch")
		_, err = m.UpTo(ctx, "0003")
		require.ErrorIs(t, err, migrate.ErrChecksumMismatch)

		st, err := m.Status(ctx)
		require.NoError(t, err)
		require.True(t, st[0].Edited())
		require.False(t, st[1].Edited())
		require.False(t, st[2].Edited(), "a pending migration is not edited")

		// Reverting runs the down files as they are, so the migration can be rewritten.
		reverted, err := m.DownTo(ctx, migrate.Zero)
		require.NoError(t, err)
		require.Equal(t, []string{"0002_items", "0001_initial"}, reverted)
		applied, err = m.Up(ctx)
		require.NoError(t, err)
		require.Len(t, applied, 3)
		st, err = m.Status(ctx)
		require.NoError(t, err)
		require.Equal(t, sum(editedText), st[0].AppliedChecksum)
	})
}

func TestAppliedMigrationMissingFromTheSet(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		_, err := newMigrator(t, d, shopSet()).Up(ctx)
		require.NoError(t, err)

		m := newMigrator(t, d, without(shopSet(), "0003_runs.up.sql", "0003_runs.down.sql"))
		_, err = m.Up(ctx)
		require.ErrorIs(t, err, migrate.ErrMissingMigration)
		require.ErrorContains(t, err, "0003_runs is recorded as applied but its files are not in the migration set")
		_, err = m.DownTo(ctx, migrate.Zero)
		require.ErrorIs(t, err, migrate.ErrMissingMigration)
		require.Len(t, recorded(t, d), 3, "nothing reverted")

		st, err := m.Status(ctx)
		require.NoError(t, err)
		require.Len(t, st, 3)
		require.Equal(t, "0003_runs", st[2].Name)
		require.True(t, st[2].Missing())
		require.False(t, st[2].Edited())
		require.False(t, st[1].Missing())
	})
}

func TestAppliedMigrationAfterAPendingOneIsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		m := newMigrator(t, d, shopSet())
		_, err := m.Up(ctx)
		require.NoError(t, err)
		_, err = d.ExecContext(ctx, `DELETE FROM "authgen_migrations" WHERE "name" = $1`, "0002_items")
		require.NoError(t, err)

		_, err = m.Up(ctx)
		require.ErrorIs(t, err, migrate.ErrInconsistentHistory)
		require.ErrorContains(t, err, "0003_runs is applied but 0002_items, which comes before it, is not")
		require.Equal(t, 1, count(t, d, "runs"))
	})
}

func TestStatusBeforeTheFirstUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.Open(t, dialect)
		st, err := newMigrator(t, d, shopSet()).Status(context.Background())
		require.NoError(t, err)
		require.Len(t, st, 3)
		for _, s := range st {
			require.False(t, s.Applied)
			require.NotEmpty(t, s.Checksum)
		}
		require.False(t, tableExists(t, d, "authgen_migrations"), "Status does not create the table")
	})
}

func TestFilesAreRunWhole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		// Semicolons at line ends inside a string literal, a block comment and a function or
		// trigger body: a naive split on ";\n" would cut each of them.
		up := `-- A comment; with a semicolon;
CREATE TABLE "note" ("id" integer NOT NULL PRIMARY KEY, "body" text NOT NULL);
INSERT INTO "note" ("id", "body") VALUES (1, 'first line;
second line;');
/* a block;
   comment; */
INSERT INTO "note" ("id", "body") VALUES (2, 'it''s; fine');
`
		if dialect == db.Postgres {
			up += `CREATE FUNCTION "note_count"() RETURNS bigint AS $$
BEGIN
  RETURN (SELECT count(*) FROM "note");
END;
$$ LANGUAGE plpgsql;
`
		} else {
			up += `CREATE TRIGGER "note_copy" AFTER INSERT ON "note" BEGIN
  INSERT INTO "note" ("id", "body") SELECT NEW."id" + 100, 'copy' WHERE NEW."id" < 100;
END;
INSERT INTO "note" ("id", "body") VALUES (3, 'three');
`
		}
		m := newMigrator(t, d, map[string]string{
			"0001_notes.up.sql":   up,
			"0001_notes.down.sql": "-- nothing but a comment: the table is kept\n",
		})
		_, err := m.Up(ctx)
		require.NoError(t, err)

		var body string
		require.NoError(t, d.QueryRowContext(ctx, `SELECT "body" FROM "note" WHERE "id" = $1`, 1).Scan(&body))
		require.Equal(t, "first line;\nsecond line;", body)
		require.NoError(t, d.QueryRowContext(ctx, `SELECT "body" FROM "note" WHERE "id" = $1`, 2).Scan(&body))
		require.Equal(t, "it's; fine", body)
		if dialect == db.Postgres {
			var n int
			require.NoError(t, d.QueryRowContext(ctx, `SELECT "note_count"()`).Scan(&n))
			require.Equal(t, 2, n)
		} else {
			require.Equal(t, 4, count(t, d, "note"), "the trigger copied row 3")
		}

		reverted, err := m.Down(ctx, 1)
		require.NoError(t, err)
		require.Equal(t, []string{"0001_notes"}, reverted)
		require.True(t, tableExists(t, d, "note"))
		require.Empty(t, recorded(t, d))
	})
}

// TestEditedDownFileIsRefused: a down file edited after its migration was applied runs
// neither on the way down nor lets Up go on, and the refusal comes before anything changes.
func TestEditedDownFileIsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		_, err := newMigrator(t, d, without(shopSet(), "0003_runs.up.sql", "0003_runs.down.sql")).Up(ctx)
		require.NoError(t, err)

		hacked := `UPDATE "shop" SET "name" = 'HACKED';` + "\n" + shopSet()["0002_items.down.sql"]
		m := newMigrator(t, d, with(shopSet(), map[string]string{"0002_items.down.sql": hacked}))
		reverted, err := m.DownTo(ctx, migrate.Zero)
		require.ErrorIs(t, err, migrate.ErrChecksumMismatch)
		require.Empty(t, reverted)
		require.EqualError(t, err, fmt.Sprintf(
			"migrate: checksum mismatch: migration 0002_items was applied with a down file of checksum %s but 0002_items.down.sql now has %s; an applied migration's down file must not be edited: restore it as it was applied (from version control), revert the migration, then change it",
			sum(shopSet()["0002_items.down.sql"]), sum(hacked)))
		_, err = m.Down(ctx, 1)
		require.ErrorIs(t, err, migrate.ErrChecksumMismatch)
		var name string
		require.NoError(t, d.QueryRowContext(ctx, `SELECT "name" FROM "shop"`).Scan(&name))
		require.Equal(t, "first", name, "the edited down file did not run")
		require.Equal(t, []string{"0001_initial", "0002_items"}, recorded(t, d))

		applied, err := m.Up(ctx)
		require.ErrorIs(t, err, migrate.ErrChecksumMismatch, "an applied migration is not edited, up or down")
		require.Empty(t, applied)
		st, err := m.Status(ctx)
		require.NoError(t, err)
		require.False(t, st[0].Edited())
		require.True(t, st[1].Edited())
		require.Equal(t, sum(shopSet()["0002_items.down.sql"]), st[1].AppliedDownChecksum)

		// Restored, it reverts as written.
		reverted, err = newMigrator(t, d, shopSet()).DownTo(ctx, migrate.Zero)
		require.NoError(t, err)
		require.Equal(t, []string{"0002_items", "0001_initial"}, reverted)
	})
}

// TestRecordsFromBeforeDownChecksums: a table of records written before down files were
// checksummed gains the column on the next run; its old records have no down checksum to
// compare, and new ones do.
func TestRecordsFromBeforeDownChecksums(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		set := shopSet()
		at := "datetime"
		if dialect == db.Postgres {
			at = "timestamptz"
		}
		_, err := d.ExecContext(ctx, `CREATE TABLE "authgen_migrations" ("name" varchar(255) NOT NULL PRIMARY KEY, "checksum" varchar(64) NOT NULL, "applied_at" `+at+` NOT NULL)`)
		require.NoError(t, err)
		_, err = d.ExecContext(ctx, set["0001_initial.up.sql"])
		require.NoError(t, err)
		_, err = d.ExecContext(ctx, `INSERT INTO "authgen_migrations" ("name", "checksum", "applied_at") VALUES ('0001_initial', $1, $2)`,
			sum(set["0001_initial.up.sql"]), time.Now().UTC())
		require.NoError(t, err)

		m := newMigrator(t, d, with(set, map[string]string{"0001_initial.down.sql": `DROP TABLE "shop"; -- edited`}))
		st, err := m.Status(ctx)
		require.NoError(t, err, "Status reads the old table as it is")
		require.True(t, st[0].Applied)
		require.False(t, st[0].Edited())
		require.Empty(t, st[0].AppliedDownChecksum)

		applied, err := m.Up(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{"0002_items", "0003_runs"}, applied)
		st, err = m.Status(ctx)
		require.NoError(t, err)
		require.Equal(t, sum(set["0003_runs.down.sql"]), st[2].AppliedDownChecksum)

		reverted, err := m.DownTo(ctx, migrate.Zero)
		require.NoError(t, err)
		require.Equal(t, []string{"0003_runs", "0002_items", "0001_initial"}, reverted)
	})
}
