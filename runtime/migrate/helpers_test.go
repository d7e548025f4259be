package migrate_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/db"
)

// files builds a migration set from name → text.
func files(texts map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range texts {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// shopSet is a valid set whose SQL is the same on both dialects. 0003 inserts a row, so a
// migration applied twice shows as a count of 2.
func shopSet() map[string]string {
	return map[string]string{
		"0001_initial.up.sql":   `CREATE TABLE "shop" ("id" integer NOT NULL PRIMARY KEY, "name" varchar(50) NOT NULL);`,
		"0001_initial.down.sql": `DROP TABLE "shop";`,
		"0002_items.up.sql": `CREATE TABLE "item" ("id" integer NOT NULL PRIMARY KEY, "shop_id" integer NOT NULL REFERENCES "shop" ("id"));
INSERT INTO "shop" ("id", "name") VALUES (1, 'first');
`,
		"0002_items.down.sql": `DROP TABLE "item";
DELETE FROM "shop";
`,
		"0003_runs.up.sql":   "CREATE TABLE \"runs\" (\"n\" integer NOT NULL);\nINSERT INTO \"runs\" (\"n\") VALUES (1);\n",
		"0003_runs.down.sql": `DROP TABLE "runs";`,
	}
}

// with returns a copy of set with the given files added or replaced.
func with(set map[string]string, changes map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range set {
		out[k] = v
	}
	for k, v := range changes {
		out[k] = v
	}
	return out
}

// without returns a copy of set without the given files.
func without(set map[string]string, names ...string) map[string]string {
	out := with(set, nil)
	for _, n := range names {
		delete(out, n)
	}
	return out
}

// tableExists asks the database's catalogue.
func tableExists(t *testing.T, d *db.DB, name string) bool {
	t.Helper()
	q := `SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = $1`
	if d.Dialect == db.Postgres {
		q = `SELECT to_regclass($1) IS NOT NULL`
	}
	var ok bool
	require.NoError(t, d.QueryRowContext(context.Background(), q, name).Scan(&ok))
	return ok
}

// recorded returns the names in authgen_migrations, sorted.
func recorded(t *testing.T, d *db.DB) []string {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), `SELECT "name" FROM "authgen_migrations" ORDER BY "name"`)
	require.NoError(t, err)
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		names = append(names, n)
	}
	require.NoError(t, rows.Err())
	return names
}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	require.NoError(t, d.QueryRowContext(context.Background(), `SELECT count(*) FROM "`+table+`"`).Scan(&n))
	return n
}
