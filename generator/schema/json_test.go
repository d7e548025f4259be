package schema_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/generator/schema"
)

func loadApp(t *testing.T, path string) *model.App {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	app, errs := model.Load("authgen.yaml", src)
	require.NoError(t, errs.Err())
	return app
}

// TestMarshalRoundTrip: what Marshal writes, Parse reads back to the same state.
func TestMarshalRoundTrip(t *testing.T) {
	for _, spec := range []string{"store", "kitchen"} {
		s := schema.Of(loadApp(t, filepath.Join("..", "..", "testdata", "specs", spec, "authgen.yaml")))
		s.Migrations = []string{"0001_initial", "0002_more"}
		data := schema.Marshal(s)
		back, err := schema.Parse(data)
		require.NoError(t, err, spec)
		require.Equal(t, s, back, spec)
		require.Equal(t, string(data), string(schema.Marshal(back)), spec)
	}
}

// TestParseRejects what Marshal never writes.
func TestParseRejects(t *testing.T) {
	s := schema.Of(loadApp(t, filepath.Join("..", "..", "testdata", "specs", "store", "authgen.yaml")))
	s.Migrations = []string{"0001_initial"}
	good := string(schema.Marshal(s))
	for name, c := range map[string]struct{ from, to, msg string }{
		"unknown key":        {`"version": 1,`, `"version": 1, "extra": true,`, `unknown field "extra"`},
		"other version":      {`"version": 1,`, `"version": 2,`, "version 2; this authgen reads version 1"},
		"no migrations":      {`"0001_initial"`, ``, "no migrations listed"},
		"unknown reference":  {`"references": "store_product"`, `"references": "store_gone"`, "references the unknown table store_gone"},
		"repeated column":    {`{"name": "rating"`, `{"name": "comment"`, `column "comment" is empty or repeated`},
		"index of no column": {`"columns": ["product_id"]`, `"columns": ["gone"]`, "names the unknown column gone"},
		"orphan permission":  {`{"app_label": "store", "model": "order"}`, `{"app_label": "store", "model": "orders"}`, "permission store.add_order belongs to no content type"},
		"not JSON":           {`{`, `[`, "invalid character"},
	} {
		t.Run(name, func(t *testing.T) {
			bad := strings.Replace(good, c.from, c.to, 1)
			require.NotEqual(t, good, bad)
			_, err := schema.Parse([]byte(bad))
			require.ErrorIs(t, err, schema.ErrBadState)
			require.ErrorContains(t, err, c.msg)
		})
	}
}

// TestStateOnlyChange: a change the database does not see (a default) writes no migration,
// only schema.json; `authgen check` warns until it is written;
// a schema change fails it, naming the migration to write.
func TestStateOnlyChange(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, generator.SpecName)
	minimal := "version: 1\napp: notes\nmodels:\n  Note:\n    fields:\n      title: {type: string, max_length: 100, default: a}\nendpoints:\n  notes: {model: Note}\n"
	require.NoError(t, os.WriteFile(spec, []byte(minimal), 0o644))
	out, err := generator.Generate(spec)
	require.NoError(t, err)
	_, err = out.Write()
	require.NoError(t, err)
	warning, err := generator.CheckMigrations(spec)
	require.NoError(t, err)
	require.Empty(t, warning)

	require.NoError(t, os.WriteFile(spec, []byte(strings.Replace(minimal, "default: a", "default: b", 1)), 0o644))
	warning, err = generator.CheckMigrations(spec)
	require.NoError(t, err)
	require.Equal(t, "the spec changed since migrations/schema.json was written; run authgen generate to update it", warning)
	out, err = generator.Generate(spec)
	require.NoError(t, err)
	changes, err := out.Changes()
	require.NoError(t, err)
	var migrations []string
	for _, c := range changes {
		if strings.HasPrefix(c.Path, filepath.Join(dir, "migrations")) {
			migrations = append(migrations, c.Path)
		}
	}
	require.Equal(t, []string{filepath.Join(dir, "migrations", "schema.json")}, migrations, "no new migration")
	require.Contains(t, string(out.Files[schema.FileName]), `"default": "b"`)

	require.NoError(t, os.WriteFile(spec, []byte(strings.Replace(minimal, "default: a", "null: true", 1)), 0o644))
	_, err = generator.CheckMigrations(spec)
	var missing *generator.MissingMigrationError
	require.ErrorAs(t, err, &missing)
	require.Equal(t, "0002_alter_note_title", missing.Name)
}

// TestBrokenHistory: migrations the state does not account for stop the generator.
func TestBrokenHistory(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, generator.SpecName)
	minimal := "version: 1\napp: notes\nmodels:\n  Note:\n    fields:\n      title: {type: string, max_length: 100}\nendpoints:\n  notes: {model: Note}\n"
	require.NoError(t, os.WriteFile(spec, []byte(minimal), 0o644))
	out, err := generator.Generate(spec)
	require.NoError(t, err)
	_, err = out.Write()
	require.NoError(t, err)

	extra := filepath.Join(dir, "migrations", "sqlite", "0002_by_hand.up.sql")
	require.NoError(t, os.WriteFile(extra, []byte("SELECT 1;"), 0o644))
	_, err = generator.Generate(spec)
	require.ErrorContains(t, err, "0002_by_hand.up.sql is not a migration migrations/schema.json records")
	require.NoError(t, os.Remove(extra))

	require.NoError(t, os.Remove(filepath.Join(dir, "migrations", "postgres", "0001_initial.down.sql")))
	_, err = generator.Generate(spec)
	require.ErrorContains(t, err, "migrations/postgres/0001_initial.down.sql is missing")

	// Without schema.json, migrations are taken only when they are this spec's 0001_initial.
	require.NoError(t, os.Remove(filepath.Join(dir, "migrations", "schema.json")))
	_, err = generator.Generate(spec)
	require.ErrorContains(t, err, "migrations/schema.json is missing, and the migrations in migrations/ are not the 0001_initial of this spec")
}
