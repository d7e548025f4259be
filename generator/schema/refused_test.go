package schema_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/schema"
)

// TestRefused runs the cases of testdata/migrations/refused: each generates before.yaml
// (and middle.yaml when there is one, which must generate), then after.yaml, which the next
// migration must refuse with exactly errors.txt (empty: generated), and with
// --allow-data-loss with errors-allow-data-loss.txt (absent: the flag allows it). -update
// rewrites both files.
func TestRefused(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", "testdata", "migrations", "refused"))
	require.NoError(t, err)
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(entries), 10)
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			dir := filepath.Join(root, e.Name())
			for _, c := range []struct {
				file  string
				allow bool
			}{{"errors.txt", false}, {"errors-allow-data-loss.txt", true}} {
				got := attempt(t, dir, c.allow)
				want, err := os.ReadFile(filepath.Join(dir, c.file))
				if os.IsNotExist(err) && c.allow {
					want, err = nil, nil
				}
				if *update {
					if got != "" || !c.allow {
						require.NoError(t, os.WriteFile(filepath.Join(dir, c.file), []byte(got), 0o644))
					} else {
						_ = os.Remove(filepath.Join(dir, c.file))
					}
					continue
				}
				require.NoError(t, err)
				require.Equal(t, string(want), got, "%s (go test ./generator/schema/ -run Refused -update)", c.file)
			}
		})
	}
}

// attempt generates the case's before.yaml (and middle.yaml), then its after.yaml, and
// returns the errors of the last run, one a line ("" when it generated a migration).
func attempt(t *testing.T, dir string, allow bool) string {
	t.Helper()
	work := t.TempDir()
	t.Chdir(work)
	names := []string{"before.yaml", "after.yaml"}
	if _, err := os.Stat(filepath.Join(dir, "middle.yaml")); err == nil {
		names = []string{"before.yaml", "middle.yaml", "after.yaml"}
	}
	for i, name := range names {
		src, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(generator.SpecName, src, 0o644))
		// The steps before the last one declare what they lose in the spec.
		last := i == len(names)-1
		out, err := generator.GenerateWith(generator.SpecName, generator.Options{AllowDataLoss: allow && last})
		if last && err != nil {
			return err.Error() + "\n"
		}
		require.NoError(t, err, name)
		_, err = out.Write()
		require.NoError(t, err)
	}
	return ""
}

// TestAllowDataLossCoversOneMigration: allow_data_loss covers the migration that uses it,
// which schema.json records; kept in the spec it covers nothing later (check refuses too);
// removed and declared again, it covers the next change.
func TestAllowDataLossCoversOneMigration(t *testing.T) {
	t.Chdir(t.TempDir())
	spec := func(maxLength int, allow bool) string {
		flag := ""
		if allow {
			flag = ", allow_data_loss: true"
		}
		return fmt.Sprintf("version: 1\napp: shop\nmodels:\n  Book:\n    fields:\n      title: {type: string, max_length: %d%s}\nendpoints:\n  books: {model: Book}\n", maxLength, flag)
	}
	generate := func(src string) (*generator.Output, error) {
		t.Helper()
		require.NoError(t, os.WriteFile(generator.SpecName, []byte(src), 0o644))
		out, err := generator.Generate(generator.SpecName)
		if err == nil {
			_, err = out.Write()
			require.NoError(t, err)
		}
		return out, err
	}
	state := func() string {
		t.Helper()
		b, err := os.ReadFile(filepath.FromSlash(schema.FileName))
		require.NoError(t, err)
		return string(b)
	}
	_, err := generate(spec(20, false))
	require.NoError(t, err)
	_, err = generate(spec(13, true))
	require.NoError(t, err)
	require.Contains(t, state(), `{"name": "title", "type": "string", "sqlite": "varchar(13)", "postgres": "varchar(13)", "allow_data_loss_used_by": "0002_alter_book_title"}`)

	_, err = generate(spec(10, true))
	require.ErrorContains(t, err, `authgen.yaml:6:7: model Book: field "title": its column changes from varchar(13) to varchar(10), which may cut or lose stored values; to accept that, run authgen generate --allow-data-loss, or remove the field's allow_data_loss: true (it was for migration 0002_alter_book_title and covers no later change)`)
	_, err = generator.CheckMigrations(generator.SpecName)
	require.ErrorContains(t, err, "it was for migration 0002_alter_book_title")

	// Removed, the declaration is forgotten without a migration…
	_, err = generate(spec(13, false))
	require.NoError(t, err)
	require.NotContains(t, state(), "allow_data_loss_used_by")
	require.NotContains(t, state(), "0003")
	// …and declared again, it covers the next change.
	_, err = generate(spec(10, true))
	require.NoError(t, err)
	require.Contains(t, state(), `"allow_data_loss_used_by": "0003_alter_book_title"`)
	_, err = os.Stat(filepath.Join("migrations", "postgres", "0003_alter_book_title.up.sql"))
	require.NoError(t, err)
}
