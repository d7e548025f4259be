package migrate_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

// TestFailureKeepsTheDatabasesDetail: a migration that fails on the database's own check
// reports what the database said, PostgreSQL's DETAIL included, under the table's real name
// (not that of SQLite's rebuild copy), and what to do.
func TestFailureKeepsTheDatabasesDetail(t *testing.T) {
	set := map[string]string{
		"0001_initial.up.sql":   `CREATE TABLE "walk_book" ("id" integer NOT NULL PRIMARY KEY, "title" varchar(20) NOT NULL);`,
		"0001_initial.down.sql": `DROP TABLE "walk_book";`,
		"0002_unique.up.sql": `CREATE TABLE "new__walk_book" ("id" integer NOT NULL PRIMARY KEY, "title" varchar(20) NOT NULL UNIQUE);
INSERT INTO "new__walk_book" ("id", "title") SELECT "id", "title" FROM "walk_book";
DROP TABLE "walk_book";
ALTER TABLE "new__walk_book" RENAME TO "walk_book";`,
		"0002_unique.down.sql": `SELECT 1;`,
	}
	pgSet := with(set, map[string]string{
		"0002_unique.up.sql": `ALTER TABLE "walk_book" ADD CONSTRAINT "walk_book_title_key" UNIQUE ("title");`,
	})
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		texts := set
		if dialect == db.Postgres {
			texts = pgSet
		}
		m := newMigrator(t, d, texts)
		_, err := m.UpTo(ctx, "0001")
		require.NoError(t, err)
		_, err = d.ExecContext(ctx, `INSERT INTO "walk_book" ("id", "title") VALUES (1, 'Untitled'), (2, 'Untitled')`)
		require.NoError(t, err)
		_, err = m.Up(ctx)
		require.ErrorIs(t, err, migrate.ErrMigrationFailed)
		msg := err.Error()
		require.NotContains(t, msg, "new__")
		require.Contains(t, msg, "0002_unique.up.sql")
		require.Contains(t, msg, "nothing was changed")
		require.Contains(t, msg, "give them different values (or remove the spec's unique), then migrate again")
		if dialect == db.Postgres {
			require.Contains(t, msg, "detail: Key (title)=(Untitled) is duplicated.")
			require.Contains(t, msg, `table "walk_book"`)
		} else {
			require.Contains(t, msg, "UNIQUE constraint failed: walk_book.title")
		}
		require.Equal(t, []string{"0001_initial"}, recorded(t, d))
	})
}
