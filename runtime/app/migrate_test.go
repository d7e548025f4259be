package app_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/db"
)

// evolvedMigrations are the migrations authgen generated for the evolving spec of
// testdata/migrations/evolve, as a generated package embeds them.
func evolvedMigrations(t *testing.T) fs.FS {
	t.Helper()
	root := filepath.Join("..", "..", "testdata", "migrations", "evolve", "golden")
	files := fstest.MapFS{}
	require.NoError(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		files["migrations/"+filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return nil
	}))
	require.Contains(t, files, "migrations/sqlite/0013_remove_user_nickname_and_more.up.sql")
	return files
}

// evolvedCount is how many migrations evolvedMigrations holds.
func evolvedCount(t *testing.T) int {
	ups, err := fs.Glob(evolvedMigrations(t), "migrations/sqlite/*.up.sql")
	require.NoError(t, err)
	return len(ups)
}

// TestMigrateToNamedMigrations drives `migrate NAME`, `migrate zero`, `showmigrations` and
// `sqlmigrate` through app.Run over a set of generated migrations, on both databases.
func TestMigrateToNamedMigrations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		def := app.Definition{Name: "shop", Migrations: evolvedMigrations(t)}
		env := map[string]string{"DATABASE_URL": dbtest.URL(t, dialect), "SECRET_KEY": "test"}
		run := func(args ...string) (int, string, string) {
			var out, errOut bytes.Buffer
			code := app.Run(context.Background(), def, args, app.Env{
				Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
			})
			return code, out.String(), errOut.String()
		}
		applied := func(names ...string) string {
			var b strings.Builder
			for _, n := range names {
				b.WriteString("applied " + n + "\n")
			}
			return b.String()
		}
		reverted := func(names ...string) string {
			var b strings.Builder
			for _, n := range names {
				b.WriteString("reverted " + n + "\n")
			}
			return b.String()
		}
		marks := func() string {
			code, out, errOut := run("showmigrations")
			require.Equal(t, 0, code, errOut)
			var b strings.Builder
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				b.WriteByte(line[1])
			}
			return b.String()
		}

		code, out, errOut := run("migrate", "0003_product_stock")
		require.Equal(t, 0, code, errOut)
		require.Equal(t, applied("0001_initial", "0002_category", "0003_product_stock"), out)
		n := evolvedCount(t)
		require.Equal(t, "XXX"+strings.Repeat(" ", n-3), marks())

		code, out, errOut = run("migrate", "0002")
		require.Equal(t, 0, code, errOut)
		require.Equal(t, reverted("0003_product_stock"), out, "an applied migration named: back to it")

		code, out, errOut = run("migrate", "5")
		require.Equal(t, 0, code, errOut)
		require.Equal(t, applied("0003_product_stock", "0004_product_description_product_category", "0005_rename_name_product_title"), out, "a number names a migration too")
		require.Equal(t, "XXXXX"+strings.Repeat(" ", n-5), marks())

		code, out, errOut = run("migrate", "2")
		require.Equal(t, 0, code, errOut)
		require.Equal(t, reverted("0005_rename_name_product_title", "0004_product_description_product_category", "0003_product_stock"), out)

		code, out, errOut = run("migrate")
		require.Equal(t, 0, code, errOut)
		require.Len(t, strings.Split(strings.TrimSpace(out), "\n"), n-2)
		require.Equal(t, strings.Repeat("X", n), marks())

		code, out, errOut = run("migrate")
		require.Equal(t, 0, code, errOut)
		require.Equal(t, "no migrations to apply\n", out)

		code, out, errOut = run("sqlmigrate", "0005")
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, `ALTER TABLE "shop_product" RENAME COLUMN "name" TO "title";`)
		code, out, errOut = run("sqlmigrate", "0005_rename_name_product_title", "--down")
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, `ALTER TABLE "shop_product" RENAME COLUMN "title" TO "name";`)

		code, out, errOut = run("migrate", "0010_rename_category_collection_and_more")
		require.Equal(t, 0, code, errOut)
		require.Equal(t, reverted("0020_alter_product_price", "0019_alter_product_sku", "0018_product_sku_alter_product_stock",
			"0017_alter_product_indexes_alter_review_indexes", "0016_alter_product_indexes_alter_review_indexes",
			"0015_alter_review_body", "0014_alter_review_body", "0013_remove_user_nickname_and_more",
			"0012_alter_product_title_and_more", "0011_tag_product_tags_user_nickname"), out)

		code, out, errOut = run("migrate", "zero")
		require.Equal(t, 0, code, errOut)
		require.Len(t, strings.Split(strings.TrimSpace(out), "\n"), 10)
		require.Equal(t, strings.Repeat(" ", n), marks())

		code, _, errOut = run("migrate", "0099")
		require.Equal(t, 1, code)
		require.Contains(t, errOut, `unknown migration "0099"`)
	})
}

// TestCommandsOnADjangoDatabase: a database whose tables were made by someone else (as
// Django makes them) and that has no authgen record is named as such by showmigrations,
// migrate and serve, and adopted by `migrate --fake-initial`.
func TestCommandsOnADjangoDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		migrations := evolvedMigrations(t)
		def := app.Definition{Name: "shop", Migrations: migrations}
		url := dbtest.URL(t, dialect)
		env := map[string]string{"DATABASE_URL": url, "SECRET_KEY": "app-test-secret-key-long-enough-for-serve", "ADDR": "127.0.0.1:0"}
		run := func(args ...string) (int, string, string) {
			var out, errOut bytes.Buffer
			code := app.Run(context.Background(), def, args, app.Env{
				Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
			})
			return code, out.String(), errOut.String()
		}
		d, err := db.Open(url)
		require.NoError(t, err)
		defer d.Close()
		initial, err := fs.ReadFile(migrations, "migrations/"+string(dialect)+"/0001_initial.up.sql")
		require.NoError(t, err)
		_, err = d.ExecContext(context.Background(), string(initial)+`; DROP TABLE "authgen_object_permission"`)
		require.NoError(t, err)
		bookkeeping := func() bool {
			var n int
			q := `SELECT count(*) FROM sqlite_master WHERE name = 'authgen_migrations'`
			if dialect == db.Postgres {
				q = `SELECT count(*) FROM pg_tables WHERE tablename = 'authgen_migrations' AND schemaname = current_schema()`
			}
			require.NoError(t, d.QueryRowContext(context.Background(), q).Scan(&n))
			return n > 0
		}

		code, out, errOut := run("showmigrations")
		require.Equal(t, 0, code, errOut)
		require.Contains(t, strings.Split(out, "\n")[0], "[ ] 0001_initial  (its tables exist already, made by Django?: adopt them with `shop migrate --fake-initial`)")

		for _, cmd := range []string{"migrate", "serve", "perms"} {
			args := []string{cmd}
			if cmd == "perms" {
				args = append(args, "list")
			}
			code, _, errOut = run(args...)
			require.Equal(t, 1, code, cmd)
			require.Contains(t, errOut, "exist already (a Django database?): adopt it with `shop migrate --fake-initial`", cmd)
			require.NotContains(t, errOut, "already exists", "%s: no SQL error", cmd)
			require.False(t, bookkeeping(), "%s leaves no bookkeeping table", cmd)
		}

		code, out, errOut = run("migrate", "--fake-initial")
		require.Equal(t, 0, code, errOut)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		require.Equal(t, "faked 0001_initial: the tables fit; created authgen_object_permission; added 0 content type(s) and 0 permission(s)", lines[0])
		require.Len(t, lines, evolvedCount(t), "the later migrations are applied")
		code, out, errOut = run("showmigrations")
		require.Equal(t, 0, code, errOut)
		require.NotContains(t, out, "fake-initial")
	})
}
