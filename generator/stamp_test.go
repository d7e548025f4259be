package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/synthspec"
)

// stampedSpec writes a small spec into a fresh directory, with a stamp directory of its own,
// and generates it once.
func stampedSpec(t *testing.T) (spec, out string) {
	t.Setenv(CacheEnv, t.TempDir())
	dir := t.TempDir()
	spec = filepath.Join(dir, SpecName)
	require.NoError(t, os.WriteFile(spec, synthspec.Spec(2), 0o644))
	summary, current, err := Regenerate(spec, Options{})
	require.NoError(t, err)
	require.False(t, current)
	require.Contains(t, summary, "files written")
	o, err := Generate(spec)
	require.NoError(t, err)
	return spec, o.Dir
}

// regenerate runs Regenerate and reports whether it found the output current, and its summary.
func regenerate(t *testing.T, spec string) (bool, string) {
	t.Helper()
	summary, current, err := Regenerate(spec, Options{})
	require.NoError(t, err)
	return current, summary
}

func TestRegenerateSkipsCurrentOutput(t *testing.T) {
	spec, _ := stampedSpec(t)
	out0, err := Generate(spec)
	require.NoError(t, err)
	current, summary := regenerate(t, spec)
	require.True(t, current)
	require.Equal(t, upToDate(spec, len(out0.Files)), summary)
	// What the skip relies on: generating in full would change nothing either.
	full, err := out0.Changes()
	require.NoError(t, err)
	require.Empty(t, full)
}

func TestRegenerateNoticesEveryChange(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(t *testing.T, spec, out string)
		writes bool // the full generation that follows changes files
		fails  bool // the full generation that follows refuses the output directory
	}{
		{"spec edited", func(t *testing.T, spec, _ string) {
			require.NoError(t, os.WriteFile(spec, synthspec.Spec(3), 0o644))
		}, true, false},
		{"spec touched without change", func(t *testing.T, spec, _ string) {
			src, err := os.ReadFile(spec)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(spec, append(src, "\n# a comment\n"...), 0o644))
		}, false, false},
		{"generated file edited", func(t *testing.T, _, out string) {
			f := filepath.Join(out, "thing0001_model.go")
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(f, append(src, "// edited\n"...), 0o644))
		}, true, false},
		{"generated file removed", func(t *testing.T, _, out string) {
			require.NoError(t, os.Remove(filepath.Join(out, "thing0002_model.go")))
		}, true, false},
		{"stale generated file", func(t *testing.T, _, out string) {
			src, err := os.ReadFile(filepath.Join(out, "thing0001_model.go"))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(out, "gone_model.go"), src, 0o644))
		}, true, false},
		{"migration added by hand", func(t *testing.T, _, out string) {
			require.NoError(t, os.WriteFile(filepath.Join(out, "migrations", "sqlite", "0099_extra.sql"), []byte("-- by hand\n"), 0o644))
		}, false, true},
		{"another generator", func(t *testing.T, _, _ string) {
			old := generatorID
			generatorID = func() (string, error) { return "go:another", nil }
			t.Cleanup(func() { generatorID = old })
		}, false, false},
		{"options changed", nil, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			spec, out := stampedSpec(t)
			opts := Options{}
			if c.change != nil {
				c.change(t, spec, out)
			} else {
				opts.AllowDataLoss = true
			}
			summary, current, err := Regenerate(spec, opts)
			require.False(t, current, "the output was taken for current")
			if c.fails {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.writes, !strings.Contains(summary, "up to date"), summary)
			// The new generation is stamped in turn.
			_, current, err = Regenerate(spec, opts)
			require.NoError(t, err)
			require.True(t, current)
		})
	}
}

func TestRegenerateWithoutStamps(t *testing.T) {
	spec, _ := stampedSpec(t)
	t.Setenv(CacheEnv, "off")
	current, summary := regenerate(t, spec)
	require.False(t, current)
	require.Contains(t, summary, "up to date")
}

// The generator is known by its build ID, read from its executable.
func TestGeneratorID(t *testing.T) {
	id, err := generatorID()
	require.NoError(t, err)
	require.Regexp(t, `^go:\S+/\S+$`, id)
}
