package generator_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
)

// update rewrites the golden files instead of comparing them:
//
//	go test ./generator/ -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/golden from the generator's output")

// goldenRoot holds one directory per case: its authgen.yaml and the whole generated tree
// beside it. Files without our header (a hand-written actions.go) belong to the case, not to
// the generator, and are neither compared nor removed.
var goldenRoot = filepath.Join("..", "testdata", "golden")

// goldenCases lists the case directories, in name order.
func goldenCases(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(goldenRoot)
	require.NoError(t, err)
	var cases []string
	for _, e := range entries {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join(goldenRoot, e.Name(), generator.SpecName)); err == nil {
				cases = append(cases, e.Name())
			}
		}
	}
	require.GreaterOrEqual(t, len(cases), 4, "golden cases under %s", goldenRoot)
	return cases
}

func goldenSpec(name string) string {
	return filepath.Join(goldenRoot, name, generator.SpecName)
}

// TestStoreSpecs keeps examples/store's spec the one the model tests read: examples/store
// is the store's golden output (TestExamplesAreFresh fails when it is stale), so the store
// needs no copy under testdata/golden.
func TestStoreSpecs(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "testdata", "specs", "store", generator.SpecName))
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join("..", "examples", "store", generator.SpecName))
	require.NoError(t, err)
	got = bytes.Replace(got, []byte("app: store\noutput: store\n"), []byte("app: store\n"), 1)
	if !bytes.Equal(got, want) {
		t.Errorf("examples/store/authgen.yaml (but for its output line) is not testdata/specs/store/authgen.yaml:\n%s",
			generator.UnifiedDiff(generator.Change{Path: "examples/store/authgen.yaml", Old: got, New: want}))
	}
}

// TestGolden compares the generator's output for each case with the committed tree: a new,
// changed or no-longer-generated file fails with its unified diff.
func TestGolden(t *testing.T) {
	for _, name := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			out, err := generator.Generate(goldenSpec(name))
			require.NoError(t, err)
			if *update {
				_, err := out.Write()
				require.NoError(t, err)
				return
			}
			changes, err := out.Changes()
			require.NoError(t, err)
			for _, c := range changes {
				t.Errorf("%s differs from the generator's output (go test ./generator/ -run Golden -update):\n%s", c.Path, generator.UnifiedDiff(c))
			}
		})
	}
}
