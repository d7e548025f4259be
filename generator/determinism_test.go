package generator_test

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/emit"
	"github.com/authgen/authgen/generator/schema"
)

// generatedRe is Go's rule for generated files (go help generate).
var generatedRe = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

// TestDeterministic generates every golden case twice in this process (map iteration order
// differs between the runs) and once more from a copy of the case at another path: the bytes
// must be the same, since generated code is committed and compared in CI on other machines.
func TestDeterministic(t *testing.T) {
	for _, name := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			first, err := generator.Generate(goldenSpec(name))
			require.NoError(t, err)
			second, err := generator.Generate(goldenSpec(name))
			require.NoError(t, err)
			requireSameFiles(t, first.Files, second.Files)

			// The case elsewhere, its migration history included (the next migration builds
			// on it).
			elsewhere := filepath.Join(t.TempDir(), "some", "other", "dir")
			require.NoError(t, os.CopyFS(elsewhere, os.DirFS(filepath.Join(goldenRoot, name))))
			moved, err := generator.Generate(filepath.Join(elsewhere, generator.SpecName))
			require.NoError(t, err)
			requireSameFiles(t, first.Files, moved.Files)
		})
	}
}

func requireSameFiles(t *testing.T, want, got map[string][]byte) {
	t.Helper()
	require.ElementsMatch(t, keys(want), keys(got))
	for path, w := range want {
		if !bytes.Equal(w, got[path]) {
			t.Errorf("%s differs between runs:\n%s", path, generator.UnifiedDiff(generator.Change{Path: path, Old: w, New: got[path]}))
		}
	}
}

func keys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestGeneratedFilesAreMarkedAndFormatted checks every generated file of every case: Go files
// begin with the header Go tools recognise, then the source line, and are gofmt-clean; SQL
// and Markdown files carry their own header. Nothing else is generated.
func TestGeneratedFilesAreMarkedAndFormatted(t *testing.T) {
	for _, name := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			out, err := generator.Generate(goldenSpec(name))
			require.NoError(t, err)
			require.Contains(t, out.Files, "authgen.go")
			for path, src := range out.Files {
				switch {
				case strings.HasSuffix(path, ".go"):
					lines := strings.SplitN(string(src), "\n", 3)
					require.Len(t, lines, 3, path)
					require.Equal(t, emit.Header, lines[0], path)
					require.Regexp(t, generatedRe, lines[0], path)
					require.Equal(t, "// source: "+generator.SpecName, lines[1], path)
					formatted, err := format.Source(src)
					require.NoError(t, err, path)
					if !bytes.Equal(formatted, src) {
						t.Errorf("%s is not gofmt-clean:\n%s", path, generator.UnifiedDiff(generator.Change{Path: path, Old: src, New: formatted}))
					}
				case strings.HasSuffix(path, ".sql"):
					require.True(t, strings.HasPrefix(path, "migrations/sqlite/") || strings.HasPrefix(path, "migrations/postgres/"), path)
					require.True(t, bytes.HasPrefix(src, []byte(emit.SQLHeader)), path)
				case path == "PERMISSIONS.md":
					require.True(t, bytes.HasPrefix(src, []byte(emit.MarkdownHeader+"\n")), path)
				case path == schema.FileName:
					_, err := schema.Parse(src)
					require.NoError(t, err, path)
				default:
					t.Errorf("unexpected generated file %s", path)
				}
			}
		})
	}
}
