package schema_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/schema"
)

// TestParityConversion: an app whose migrations were written before authgen's schema became
// Django's gets a migration converting its database (ids to serial, keys to integer,
// Django's constraint and index names, deferrable foreign keys without ON DELETE), rather
// than an edited 0001_initial. On SQLite and PostgreSQL with rows in every table: after it
// the database is exactly the new state, no row is lost, and its down migration goes back
// to the old schema exactly.
func TestParityConversion(t *testing.T) {
	t.Parallel()
	fixture := filepath.Join("..", "..", "testdata", "migrations", "preparity")
	dir := t.TempDir()
	before := readTree(t, filepath.Join(fixture, "migrations"))
	for name, f := range before {
		path := filepath.Join(dir, "migrations", filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, f.Data, 0o644))
	}
	src, err := os.ReadFile(filepath.Join(fixture, "authgen.yaml"))
	require.NoError(t, err)
	spec := filepath.Join(dir, generator.SpecName)
	require.NoError(t, os.WriteFile(spec, src, 0o644))
	old, err := schema.Parse(before["schema.json"].Data)
	require.NoError(t, err)

	o, err := generator.Generate(spec)
	require.NoError(t, err, "the conversion needs no allow_data_loss")
	_, err = o.Write()
	require.NoError(t, err)
	after := readTree(t, filepath.Join(dir, "migrations"))
	state, err := schema.Parse(after["schema.json"].Data)
	require.NoError(t, err)
	require.Len(t, state.Migrations, 2)
	for name, f := range before {
		if name != "schema.json" {
			require.Equal(t, string(f.Data), string(after[name].Data), "%s is kept byte for byte", name)
		}
	}

	steps := []step{{spec: "pre-parity 0001_initial"}, {spec: "the conversion"}}
	applySteps(t, steps, []generated{
		{state: old, files: before, names: old.Migrations},
		{state: state, files: after, names: state.Migrations},
	})
}
