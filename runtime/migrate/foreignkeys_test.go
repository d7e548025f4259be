package migrate_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

// parentChildren is a table referenced three ways (CASCADE, SET NULL, NO ACTION), with rows.
var parentChildren = map[string]string{
	"0001_initial.up.sql": `CREATE TABLE "parent" ("id" integer NOT NULL PRIMARY KEY, "name" varchar(10) NOT NULL);
CREATE TABLE "cascade_child" ("id" integer NOT NULL PRIMARY KEY, "parent_id" integer NOT NULL REFERENCES "parent" ("id") ON DELETE CASCADE);
CREATE TABLE "setnull_child" ("id" integer NOT NULL PRIMARY KEY, "parent_id" integer NULL REFERENCES "parent" ("id") ON DELETE SET NULL);
CREATE TABLE "plain_child" ("id" integer NOT NULL PRIMARY KEY, "parent_id" integer NOT NULL REFERENCES "parent" ("id"));
INSERT INTO "parent" ("id", "name") VALUES (1, 'a'), (2, 'b');
INSERT INTO "cascade_child" ("id", "parent_id") VALUES (1, 1), (2, 2);
INSERT INTO "setnull_child" ("id", "parent_id") VALUES (1, 1), (2, 2);
INSERT INTO "plain_child" ("id", "parent_id") VALUES (1, 1), (2, 2);
`,
	"0001_initial.down.sql": `DROP TABLE "plain_child"; DROP TABLE "setnull_child"; DROP TABLE "cascade_child"; DROP TABLE "parent";`,
	// SQLite's table rebuild of the referenced table.
	"0002_rebuild.up.sql": `CREATE TABLE "new__parent" ("id" integer NOT NULL PRIMARY KEY, "name" varchar(20) NOT NULL UNIQUE);
INSERT INTO "new__parent" ("id", "name") SELECT "id", "name" FROM "parent";
DROP TABLE "parent";
ALTER TABLE "new__parent" RENAME TO "parent";
`,
	"0002_rebuild.down.sql": `CREATE TABLE "new__parent" ("id" integer NOT NULL PRIMARY KEY, "name" varchar(10) NOT NULL);
INSERT INTO "new__parent" ("id", "name") SELECT "id", "name" FROM "parent";
DROP TABLE "parent";
ALTER TABLE "new__parent" RENAME TO "parent";
`,
}

// TestSQLiteRebuildKeepsReferencingRows rebuilds a referenced table: with foreign keys
// enforced, its DROP TABLE would delete and null the children's rows.
func TestSQLiteRebuildKeepsReferencingRows(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite)
	m := newMigrator(t, d, parentChildren)
	for range 2 {
		_, err := m.Up(ctx)
		require.NoError(t, err)
		for _, table := range []string{"cascade_child", "setnull_child", "plain_child"} {
			var rows, linked int
			require.NoError(t, d.QueryRowContext(ctx, `SELECT count(*), count("parent_id") FROM "`+table+`"`).Scan(&rows, &linked))
			require.Equal(t, 2, rows, table)
			require.Equal(t, 2, linked, table)
		}
		_, err = m.Down(ctx, 1)
		require.NoError(t, err)
	}

	// The pool's connections enforce foreign keys again.
	for range 4 {
		_, err := d.ExecContext(ctx, `INSERT INTO "plain_child" ("id", "parent_id") VALUES (9, 99)`)
		require.True(t, db.IsForeignKeyViolation(err), "foreign keys are enforced after migrating: %v", err)
	}
}

// TestSQLiteDanglingReferenceFailsTheMigration: with foreign keys off during the migration,
// foreign_key_check before the commit still refuses rows that reference nothing.
func TestSQLiteDanglingReferenceFailsTheMigration(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite)
	m := newMigrator(t, d, with(parentChildren, map[string]string{
		"0002_rebuild.up.sql": `DELETE FROM "parent" WHERE "id" = 2;`,
	}))
	done, err := m.Up(ctx)
	require.Equal(t, []string{"0001_initial"}, done)
	require.ErrorIs(t, err, migrate.ErrMigrationFailed)
	require.ErrorContains(t, err, "0002_rebuild.up.sql: 3 row(s) would reference rows that do not exist")
	var parents int
	require.NoError(t, d.QueryRowContext(ctx, `SELECT count(*) FROM "parent"`).Scan(&parents))
	require.Equal(t, 2, parents, "the migration was rolled back")
	require.Len(t, recorded(t, d), 1)
}
