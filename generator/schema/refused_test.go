package schema_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
)

// TestRefused runs the cases of testdata/migrations/refused: each generates before.yaml,
// then after.yaml, which the next migration must refuse with exactly errors.txt (empty:
// generated), and with --allow-data-loss with errors-allow-data-loss.txt (absent: the flag
// allows it). -update rewrites both files.
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

// attempt generates the case's before.yaml, then its after.yaml, and returns the errors of
// the second run, one a line ("" when it generated a migration).
func attempt(t *testing.T, dir string, allow bool) string {
	t.Helper()
	work := t.TempDir()
	t.Chdir(work)
	for i, name := range []string{"before.yaml", "after.yaml"} {
		src, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(generator.SpecName, src, 0o644))
		out, err := generator.GenerateWith(generator.SpecName, generator.Options{AllowDataLoss: allow})
		if i == 1 && err != nil {
			return err.Error() + "\n"
		}
		require.NoError(t, err, name)
		_, err = out.Write()
		require.NoError(t, err)
	}
	return ""
}
