package emit

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/generator/plan"
	"github.com/authgen/authgen/generator/schema"
)

// specs are the repository's specs with every feature of the schema between them.
func specs(t *testing.T) map[string]*model.App {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "*", "authgen.yaml"))
	require.NoError(t, err)
	paths = append(paths, filepath.Join("..", "..", "testdata", "specs", "kitchen", "authgen.yaml"))
	require.GreaterOrEqual(t, len(paths), 5)
	apps := map[string]*model.App{}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		app, errs := model.Load("authgen.yaml", src)
		require.NoError(t, errs.Err(), p)
		apps[p] = app
	}
	return apps
}

// statements returns the CREATE and ALTER TABLE statements of an SQL text, one per line.
func statements(sql string) []string {
	var out []string
	for _, line := range strings.Split(sql, "\n") {
		if strings.HasPrefix(line, "CREATE ") || strings.HasPrefix(line, "ALTER TABLE ") {
			out = append(out, line)
		}
	}
	slices.Sort(out)
	return out
}

// TestStateIsWhat0001Creates: the state of a spec, rendered, is exactly the tables and
// indexes its 0001_initial creates (the built-in ones from templates/sql, the models' from
// the state), so the state file describes the database the first migration makes.
func TestStateIsWhat0001Creates(t *testing.T) {
	for path, app := range specs(t) {
		for _, d := range plan.Dialects {
			up, err := initialUp(app, d)
			require.NoError(t, err)
			var rendered strings.Builder
			for _, tb := range schema.Of(app).Tables {
				rendered.WriteString(createTableSQL(tb, tb.Name, d))
				rendered.WriteString(constraintsSQL(tb, d))
				for _, ix := range tb.Indexes {
					rendered.WriteString(indexSQL(tb.Name, ix, d))
				}
			}
			require.Equal(t, statements(string(up)), statements(rendered.String()), "%s (%s)", path, d)
		}
	}
}

// TestPGName: the names PostgreSQL 16 gave a table whose names are too long to join whole.
func TestPGName(t *testing.T) {
	table := "store_averyveryveryverylongmodelnamethatgoesonandonandon_x"
	require.Equal(t, "store_averyveryveryverylongmodelnamethatgoesonandonandon_x_pkey", pgName(table, "", "pkey"))
	require.Equal(t, "store_averyveryveryverylongmo_a_rather_long_column_name_for_key", pgName(table, "a_rather_long_column_name_for_testing", "key"))
	require.Equal(t, "store_averyveryveryverylongmodelnamethatgoesonandon_ref_id_fkey", pgName(table, "ref_id", "fkey"))
	require.Equal(t, "store_averyveryveryverylongmodelnamethatgoesonandonandon_id_seq", pgName(table, "id", "seq"))
	require.Equal(t, "store_category_name_key", pgName("store_category", "name", "key"))
}

// TestLiterals: defaults fill rows as the runtime would have written them.
func TestLiterals(t *testing.T) {
	col := func(typ string) *schema.Column { return &schema.Column{Type: typ} }
	for _, c := range []struct {
		typ, text, sqlite, postgres string
	}{
		{"bool", "true", "1", "true"},
		{"bool", "false", "0", "false"},
		{"int", "-3", "-3", "-3"},
		{"decimal", "10.50", "'10.50'", "10.50"},
		{"string", "it's", "'it''s'", "'it''s'"},
		{"datetime", "2024-01-31T12:00:00Z", "'2024-01-31 12:00:00+00:00'", "'2024-01-31T12:00:00Z'"},
		{"uuid", "123e4567-e89b-12d3-a456-426614174000", "'123e4567e89b12d3a456426614174000'", "'123e4567e89b12d3a456426614174000'"},
		{"date", "2024-01-31", "'2024-01-31'", "'2024-01-31'"},
	} {
		require.Equal(t, c.sqlite, literal(col(c.typ), c.text, sqlite), "%s %s", c.typ, c.text)
		require.Equal(t, c.postgres, literal(col(c.typ), c.text, postgres), "%s %s", c.typ, c.text)
	}
	require.Equal(t, "''", fill(&schema.Column{Type: "string"}, sqlite), "a required column without default gets its type's zero value")
	require.Equal(t, "", fill(&schema.Column{Type: "string", Null: true}, sqlite), "a nullable one is NULL")
	require.Equal(t, "", fill(&schema.Column{Type: "fk"}, postgres), "a relation has no zero value")
}
