package twin

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTwin plays every twin under testdata/twins against its Django original.
func TestTwin(t *testing.T) {
	if testing.Short() {
		t.Skip("the twins run Django and the Go apps: not in -short")
	}
	root := filepath.Join(RepoRoot(), "testdata", "twins")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, e.Name(), "steps.yaml")); err != nil {
			continue // not a twin: python/, the modules the Django projects share
		}
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			Run(t, filepath.Join(root, e.Name()))
		})
	}
}
