package schema_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/schema"
)

// TestLongIndexNamesOfOlderSchemas: an app whose migrations were written when authgen cut
// every index name to PostgreSQL's 63 characters, on SQLite too, gets a migration that gives
// its SQLite indexes Django's SQLite names (cut at 200) and leaves PostgreSQL's as they are;
// applied with rows on both dialects, and back.
func TestLongIndexNamesOfOlderSchemas(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	spec := filepath.Join(dir, generator.SpecName)
	src := `version: 1
app: names
models:
  LongNamedThingWithIndexesThatGoOnAndOnAndOn:
    fields:
      indexed_label_with_a_long_enough_name_to_push_the_index_name: {type: string, max_length: 100, db_index: true}
      first_half_of_a_pair_that_is_unique_together_with_a_long_name: int
      second_half_of_a_pair_that_is_unique_together_with_long_names: int
    indexes:
      - fields: [first_half_of_a_pair_that_is_unique_together_with_a_long_name, second_half_of_a_pair_that_is_unique_together_with_long_names]
        unique: true
`
	require.NoError(t, os.WriteFile(spec, []byte(src), 0o644))
	o, err := generator.Generate(spec)
	require.NoError(t, err)
	_, err = o.Write()
	require.NoError(t, err)
	now := readTree(t, filepath.Join(dir, "migrations"))
	state, err := schema.Parse(now["schema.json"].Data)
	require.NoError(t, err)

	// The same history as the older authgen wrote it: SQLite's indexes under PostgreSQL's
	// names, and no sqlite_name in schema.json.
	old := fstest.MapFS{}
	renamed := 0
	for name, f := range now {
		text := string(f.Data)
		if name == "schema.json" {
			text = regexp.MustCompile(`"sqlite_name": "[a-z0-9_]+", `).ReplaceAllString(text, "")
		}
		if strings.HasPrefix(name, "sqlite/") {
			for _, tb := range state.Tables {
				for _, ix := range tb.Indexes {
					if ix.SQLiteName != "" && strings.Contains(text, ix.SQLiteName) {
						text = strings.ReplaceAll(text, ix.SQLiteName, ix.Name)
						renamed++
					}
				}
			}
		}
		old[name] = &fstest.MapFile{Data: []byte(text)}
	}
	require.Equal(t, 2, renamed, "the index and the unique index of 0001's up migration")
	oldState, err := schema.Parse(old["schema.json"].Data)
	require.NoError(t, err)
	require.NoError(t, os.RemoveAll(filepath.Join(dir, "migrations")))
	for name, f := range old {
		path := filepath.Join(dir, "migrations", filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, f.Data, 0o644))
	}

	o, err = generator.Generate(spec)
	require.NoError(t, err, "renaming an index loses nothing")
	_, err = o.Write()
	require.NoError(t, err)
	after := readTree(t, filepath.Join(dir, "migrations"))
	newState, err := schema.Parse(after["schema.json"].Data)
	require.NoError(t, err)
	require.Len(t, newState.Migrations, 2)
	second := newState.Migrations[1]
	for _, way := range []string{".up.sql", ".down.sql"} {
		pg := string(after["postgres/"+second+way].Data)
		require.NotContains(t, pg, "INDEX", "PostgreSQL keeps its names: %s", pg)
		require.NotContains(t, pg, "CONSTRAINT", pg)
		require.Contains(t, string(after["sqlite/"+second+way].Data), "DROP INDEX")
	}

	steps := []step{{spec: "with the older names"}, {spec: "with Django's SQLite names"}}
	applySteps(t, steps, []generated{
		{state: oldState, files: old, names: oldState.Migrations},
		{state: newState, files: after, names: newState.Migrations},
	})
}

// TestForeignKeyName: Django 3.2's name of a FOREIGN KEY constraint (schema_editor()
// ._create_index_name with its "_fk_<table>_<column>" suffix, on a PostgreSQL connection).
func TestForeignKeyName(t *testing.T) {
	require.Equal(t, "auth_user_groups_group_id_97559544_fk_auth_group_id", schema.ForeignKeyName("auth_user_groups", "group_id", "auth_group"))
	require.Equal(t, "auth_group_permissio_permission_id_84c5c92e_fk_auth_perm", schema.ForeignKeyName("auth_group_permissions", "permission_id", "auth_permission"))
}
