package twin

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestTwin plays every twin under testdata/twins against its Django original, all at once:
// a twin mostly waits for its servers, so the twins are started together rather than two at
// a time as t.Parallel would on a machine of two cores (-parallel counts the cores, not
// the waiting). t.Run may be called from several goroutines; each twin is a subtest.
func TestTwin(t *testing.T) {
	if testing.Short() {
		t.Skip("the twins run Django and the Go apps: not in -short")
	}
	root := filepath.Join(RepoRoot(), "testdata", "twins")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, e.Name(), "steps.yaml")); err != nil {
			continue // not a twin: python/, the modules the Django projects share
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.Run(e.Name(), func(t *testing.T) {
				Run(t, filepath.Join(root, e.Name()))
			})
		}()
	}
	wg.Wait()
}
