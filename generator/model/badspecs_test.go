package model_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/model"
)

var update = flag.Bool("update", false, "rewrite the expected errors.txt of testdata/badspecs")

// TestBadSpecs loads every testdata/badspecs/<case>/authgen.yaml and compares the errors,
// exactly, with the case's errors.txt.
func TestBadSpecs(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "badspecs", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, "authgen.yaml"))
			require.NoError(t, err)
			app, errs := model.Load("authgen.yaml", src)
			require.Nil(t, app, "a bad spec must not build")
			require.NotEmpty(t, errs)
			got := errs.Error() + "\n"
			want := filepath.Join(dir, "errors.txt")
			if *update {
				require.NoError(t, os.WriteFile(want, []byte(got), 0o644))
				return
			}
			expected, err := os.ReadFile(want)
			require.NoError(t, err, "run go test -update to create it")
			require.Equal(t, strings.ReplaceAll(string(expected), "\r\n", "\n"), got)
		})
	}
}
