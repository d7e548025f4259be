package schema_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/schema"
	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/db"
)

// TestFakeTheConversionOfAnAdoptedDatabase is docs/django.md's way round, end to end through
// the app's commands: a database that an app adopted from Django (`migrate --fake-initial`)
// while its 0001_initial was authgen's old schema already has Django's schema, so the
// conversion migration that generate writes next has nothing to do and fails, changing
// nothing; `migrate --fake` records it (refusing a later one first, and a mistyped name), and
// `migrate` runs the migrations after it. On SQLite and PostgreSQL.
func TestFakeTheConversionOfAnAdoptedDatabase(t *testing.T) {
	t.Parallel()
	fixture := filepath.Join("..", "..", "testdata", "migrations", "preparity")
	src, err := os.ReadFile(filepath.Join(fixture, "authgen.yaml"))
	require.NoError(t, err)

	// The app's history: the old 0001_initial, the conversion, then a new field.
	dir := t.TempDir()
	for name, f := range readTree(t, filepath.Join(fixture, "migrations")) {
		path := filepath.Join(dir, "migrations", filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, f.Data, 0o644))
	}
	spec := filepath.Join(dir, generator.SpecName)
	later := strings.Replace(string(src), "      name: {type: string, max_length: 100}\n",
		"      name: {type: string, max_length: 100}\n      sku: {type: string, max_length: 20, null: true}\n", 1)
	require.NotEqual(t, string(src), later)
	for _, text := range []string{string(src), later} {
		require.NoError(t, os.WriteFile(spec, []byte(text), 0o644))
		out, err := generator.Generate(spec)
		require.NoError(t, err)
		_, err = out.Write()
		require.NoError(t, err)
	}
	history := readTree(t, filepath.Join(dir, "migrations"))
	state, err := schema.Parse(history["schema.json"].Data)
	require.NoError(t, err)
	require.Equal(t, []string{"0001_initial", "0002_alter_auth_group_id_and_more", "0003_product_sku"}, state.Migrations)
	migrations := fstest.MapFS{}
	for name, f := range history {
		migrations["migrations/"+name] = f
	}

	// Django's schema for the first spec: what today's generator writes in a 0001_initial.
	fresh := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(fresh, generator.SpecName), src, 0o644))
	out, err := generator.Generate(filepath.Join(fresh, generator.SpecName))
	require.NoError(t, err)
	_, err = out.Write()
	require.NoError(t, err)
	djangos := readTree(t, filepath.Join(fresh, "migrations"))
	first, err := schema.Parse(djangos["schema.json"].Data)
	require.NoError(t, err)

	eachDialect(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		url := dbtest.URL(t, dialect)
		inspectURL := url
		if dialect == db.Postgres {
			inspectURL += "&default_query_exec_mode=exec" // the tables change under it
		}
		d, err := db.Open(inspectURL)
		require.NoError(t, err)
		t.Cleanup(func() { d.Close() })
		exec(t, d, string(djangos[string(dialect)+"/0001_initial.up.sql"].Data)+`; DROP TABLE "authgen_object_permission"`)

		def := app.Definition{Name: "shop", Migrations: migrations}
		env := map[string]string{"DATABASE_URL": url, "SECRET_KEY": "test"}
		run := func(args ...string) (int, string, string) {
			var stdout, stderr bytes.Buffer
			code := app.Run(ctx, def, args, app.Env{
				Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
			})
			return code, stdout.String(), stderr.String()
		}
		recorded := func() []string {
			var names []string
			each(t, d, `SELECT "name" FROM "authgen_migrations" ORDER BY "name"`, func(r *sql.Rows) {
				var n string
				require.NoError(t, r.Scan(&n))
				names = append(names, n)
			})
			return names
		}

		// Adopted under the old generator: only its 0001_initial existed then.
		code, stdout, stderr := run("migrate", "--fake-initial", "0001")
		require.Equal(t, 0, code, stderr)
		require.Contains(t, stdout, "faked 0001_initial: the tables fit")
		adopted := snapshot(t, d, first)

		code, _, stderr = run("migrate")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "0002_alter_auth_group_id_and_more")
		require.Contains(t, stderr, "nothing was changed")
		require.Equal(t, []string{"0001_initial"}, recorded())

		code, _, stderr = run("migrate", "--fake", "0003_product_sku")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "cannot fake 0003_product_sku: 0002_alter_auth_group_id_and_more, which comes before it, is not applied")
		code, _, stderr = run("migrate", "--fake", "0002_alter_auth_group_id")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, `unknown migration "0002_alter_auth_group_id" (did you mean 0002_alter_auth_group_id_and_more?)`)
		code, _, stderr = run("migrate", "--fake")
		require.Equal(t, 2, code)
		require.Contains(t, stderr, "--fake needs the name of the migration")
		require.Equal(t, []string{"0001_initial"}, recorded())

		code, stdout, stderr = run("migrate", "--fake", "0002_alter_auth_group_id_and_more")
		require.Equal(t, 0, code, stderr)
		conversion := string(dialect) + "/0002_alter_auth_group_id_and_more"
		require.Equal(t, "faked 0002_alter_auth_group_id_and_more: recorded as applied without running it (checksum "+
			sha(history[conversion+".up.sql"].Data)+", down checksum "+sha(history[conversion+".down.sql"].Data)+")\n", stdout)
		require.Equal(t, adopted, snapshot(t, d, first), "nothing ran")

		code, stdout, stderr = run("migrate")
		require.Equal(t, 0, code, stderr)
		require.Equal(t, "applied 0003_product_sku\n", stdout)
		// authgen's own table was created by the adoption, from the old 0001_initial: the
		// conversion faked was its only way to Django's shape (docs/django.md says so).
		got := inspect(t, d)
		require.Contains(t, got, "authgen_object_permission")
		delete(got, "authgen_object_permission")
		want := expected(withoutTable(state, "authgen_object_permission"), dialect)
		require.ElementsMatch(t, keysOf(want), keysOf(got))
		for name, w := range want {
			require.Equal(t, w, got[name], name)
		}
		code, stdout, _ = run("showmigrations")
		require.Equal(t, 0, code)
		require.Equal(t, "[X] 0001_initial\n[X] 0002_alter_auth_group_id_and_more\n[X] 0003_product_sku\n", stdout)
	})
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// withoutTable is s without the named table.
func withoutTable(s *schema.State, name string) *schema.State {
	out := *s
	out.Tables = nil
	for _, tb := range s.Tables {
		if tb.Name != name {
			out.Tables = append(out.Tables, tb)
		}
	}
	return &out
}
