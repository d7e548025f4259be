package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// repo is the module root seen from this package's directory, where go test runs it.
var repo = filepath.Join("..", "..")

// authgen runs the CLI in-process and returns its exit code and outputs.
func authgen(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

const minimalSpec = `version: 1
app: notes
models:
  Note:
    fields:
      title: {type: string, max_length: 100}
endpoints:
  notes:
    model: Note
`

// writeFile writes content at dir/rel, creating directories.
func writeFile(t *testing.T, dir, rel, content string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(rel))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	require.NoError(t, err)
	return string(b)
}

func exists(dir, rel string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil
}

// TestExamplesAreFresh is CI's staleness check: the committed generated code of every
// example is exactly what its spec generates. Run `go generate ./examples/...` when it fails.
func TestExamplesAreFresh(t *testing.T) {
	code, stdout, stderr := authgen(t, "diff", filepath.Join(repo, "examples")+"/...")
	require.Equal(t, 0, code, "authgen diff ./examples/... (run go generate ./examples/...):\n%s%s", stdout, stderr)
	require.Empty(t, stdout)
	require.Empty(t, stderr)
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := authgen(t, "version")
	require.Equal(t, 0, code)
	require.Empty(t, stderr)
	require.Regexp(t, `^authgen \S.*\n$`, stdout)
}

func TestUsage(t *testing.T) {
	code, stdout, stderr := authgen(t)
	require.Equal(t, 2, code)
	require.Empty(t, stdout)
	require.Contains(t, stderr, "usage: authgen <command>")

	code, stdout, stderr = authgen(t, "generat")
	require.Equal(t, 2, code)
	require.Empty(t, stdout)
	require.True(t, strings.HasPrefix(stderr, "authgen: unknown command \"generat\"\n"), stderr)

	code, stdout, stderr = authgen(t, "help")
	require.Equal(t, 0, code)
	require.Contains(t, stdout, "diff       print what generate would change")
	require.Empty(t, stderr)
}

// TestCheckBadSpecs runs `authgen check` in each bad-spec case: it exits 1 and prints
// exactly the case's errors.txt, one `authgen.yaml:LINE:COL: message` a line.
func TestCheckBadSpecs(t *testing.T) {
	root, err := filepath.Abs(filepath.Join(repo, "testdata", "badspecs"))
	require.NoError(t, err)
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	line := regexp.MustCompile(`^authgen\.yaml:\d+(:\d+)?: \S`)
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			want := readFile(t, filepath.Join(root, e.Name()), "errors.txt")
			t.Chdir(filepath.Join(root, e.Name()))
			code, stdout, stderr := authgen(t, "check")
			require.Equal(t, 1, code)
			require.Empty(t, stdout)
			require.Equal(t, want, stderr)
			for _, l := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
				require.Regexp(t, line, l)
			}
		})
	}
}

// TestCheckNamesFilesAsGiven: errors carry the spec's path as the pattern named it, so an
// editor can jump to them from the project root, and every spec of a pattern is checked.
func TestCheckNamesFilesAsGiven(t *testing.T) {
	t.Chdir(repo)
	code, stdout, stderr := authgen(t, "check", "testdata/badspecs/...")
	require.Equal(t, 1, code)
	require.Empty(t, stdout)
	require.Contains(t, stderr, "testdata/badspecs/unknown_permission/authgen.yaml:13:15: unknown permission \"shop.can_publsh_product\"; did you mean \"shop.can_publish_product\"?\n")
	require.Contains(t, stderr, "testdata/badspecs/actions/authgen.yaml:16:7: action \"nothing\" needs one of set, singleton or handler: true\n")

	code, stdout, stderr = authgen(t, "check", "testdata/golden/minimal")
	require.Equal(t, 0, code, stderr)
	require.Empty(t, stdout)
	require.Empty(t, stderr)
}

func TestNoSpecFound(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, _, stderr := authgen(t, "generate")
	require.Equal(t, 1, code)
	require.Equal(t, "authgen: pattern ./...: no authgen.yaml found\n", stderr)

	code, _, stderr = authgen(t, "diff", "missing/...")
	require.Equal(t, 1, code)
	require.Equal(t, "authgen: missing: no such directory\n", stderr)
}

// TestDiffStaleTree: diff writes nothing, exits 1 and prints a unified diff of each changed,
// missing and stale file.
func TestDiffStaleTree(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "authgen.yaml", minimalSpec)
	code, _, stderr := authgen(t, "generate")
	require.Equal(t, 0, code, stderr)
	code, stdout, stderr := authgen(t, "diff")
	require.Equal(t, 0, code, stderr)
	require.Empty(t, stdout)

	api := readFile(t, dir, "authgen.go")
	edited := strings.Replace(api, "// API serves the endpoints of the notes app.", "// API serves notes.", 1)
	require.NotEqual(t, api, edited)
	writeFile(t, dir, "authgen.go", edited)
	require.NoError(t, os.Remove("notes_endpoint.go"))
	writeFile(t, dir, "old_model.go", "// Code generated by authgen. DO NOT EDIT.\n// source: authgen.yaml\n\npackage notes\n")

	code, stdout, stderr = authgen(t, "diff", ".")
	require.Equal(t, 1, code)
	require.Contains(t, stdout, "--- a/authgen.go\n+++ b/authgen.go\n@@ ")
	require.Contains(t, stdout, "\n-// API serves notes.\n+// API serves the endpoints of the notes app.\n")
	require.Contains(t, stdout, "--- /dev/null\n+++ b/notes_endpoint.go\n@@ -0,0 +1,")
	require.Contains(t, stdout, "--- a/old_model.go\n+++ /dev/null\n@@ -1,4 +0,0 @@\n-// Code generated by authgen. DO NOT EDIT.\n")
	require.Equal(t, "authgen: authgen.yaml: 3 generated file(s) are stale; run authgen generate\n", stderr)

	// diff changed nothing on disk.
	require.Equal(t, edited, readFile(t, dir, "authgen.go"))
	require.False(t, exists(dir, "notes_endpoint.go"))
	require.True(t, exists(dir, "old_model.go"))

	code, _, stderr = authgen(t, "generate", "authgen.yaml")
	require.Equal(t, 0, code, stderr)
	code, stdout, _ = authgen(t, "diff")
	require.Equal(t, 0, code, stdout)
	require.Equal(t, api, readFile(t, dir, "authgen.go"))
}

// TestGenerateRemovesOnlyGeneratedFiles: generate deletes files of ours the spec no longer
// produces, and never a hand-written file, whatever its name, nor anything in a nested
// package. (Migrations are history, not output: they are kept; see generator/emit.)
func TestGenerateRemovesOnlyGeneratedFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "authgen.yaml", minimalSpec)
	code, _, stderr := authgen(t, "generate")
	require.Equal(t, 0, code, stderr)
	migrations := map[string]string{}
	for _, rel := range []string{"migrations/sqlite/0001_initial.up.sql", "migrations/postgres/0001_initial.up.sql"} {
		migrations[rel] = readFile(t, dir, rel)
	}

	handWritten := map[string]string{
		"actions.go":                   "package notes\n\n// Hand-written.\n",
		"tag_model.go":                 "// Package notes: this file was written by hand.\npackage notes\n",
		"late_header.go":               "// Copyright the authors.\n// Code generated by authgen. DO NOT EDIT.\npackage notes\n",
		"migrations/sqlite/README.txt": "notes on migrations\n",
		"internal/gen/gen.go":          "// Code generated by authgen. DO NOT EDIT.\npackage gen\n",
		"testdata/x.go":                "// Code generated by authgen. DO NOT EDIT.\npackage x\n",
	}
	for rel, content := range handWritten {
		writeFile(t, dir, rel, content)
	}
	stale := map[string]string{
		"tag_endpoint.go":   "// Code generated by authgen. DO NOT EDIT.\n// source: authgen.yaml\n\npackage notes\n",
		"tag_model_test.go": "// Code generated by authgen. DO NOT EDIT.\n// source: authgen.yaml\n\npackage notes\n",
		"OLD.md":            "<!-- Code generated by authgen. DO NOT EDIT. -->\nold\n",
		"PERMISSIONS.md":    "<!-- Code generated by authgen. DO NOT EDIT. -->\nold\n",
	}
	for rel, content := range stale {
		writeFile(t, dir, rel, content)
	}

	code, stdout, stderr := authgen(t, "generate")
	require.Equal(t, 0, code, stderr)
	require.Equal(t, "authgen: authgen.yaml: 1 files written (0 new), 14 unchanged, 3 removed\n", stdout)
	require.Empty(t, stderr)

	for rel, content := range handWritten {
		require.Equal(t, content, readFile(t, dir, rel), rel)
	}
	for rel, content := range migrations {
		require.Equal(t, content, readFile(t, dir, rel), rel)
	}
	for rel := range stale {
		if rel == "PERMISSIONS.md" {
			require.NotContains(t, readFile(t, dir, rel), "\nold\n", "PERMISSIONS.md is regenerated")
			continue
		}
		require.False(t, exists(dir, rel), "%s should be removed", rel)
	}
	for _, rel := range []string{"authgen.go", "note_model.go", "notes_endpoint.go"} {
		require.True(t, exists(dir, rel), rel)
	}
	code, stdout, _ = authgen(t, "diff")
	require.Equal(t, 0, code, stdout)
}

// TestGenerateEverySpecBelow: the default pattern generates every spec below the working
// directory, skipping testdata as the go command does, and a bad spec does not stop the
// others.
func TestGenerateEverySpecBelow(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "a/authgen.yaml", minimalSpec)
	writeFile(t, dir, "b/api/authgen.yaml", strings.Replace(minimalSpec, "app: notes", "app: memos", 1))
	writeFile(t, dir, "c/authgen.yaml", strings.Replace(minimalSpec, "max_length: 100", "max_lenght: 100", 1))
	writeFile(t, dir, "testdata/d/authgen.yaml", minimalSpec)
	writeFile(t, dir, "_skip/authgen.yaml", minimalSpec)

	code, stdout, stderr := authgen(t, "generate")
	require.Equal(t, 1, code)
	require.Equal(t, "authgen: "+filepath.Join("a", "authgen.yaml")+": 15 files written (15 new), 0 unchanged, 0 removed; new migration 0001_initial\n"+
		"authgen: "+filepath.Join("b", "api", "authgen.yaml")+": 15 files written (15 new), 0 unchanged, 0 removed; new migration 0001_initial\n", stdout)
	require.Contains(t, stderr, filepath.Join("c", "authgen.yaml")+":6:29: unknown key \"max_lenght\" in field \"title\"; did you mean \"max_length\"?\n")
	require.True(t, exists(dir, "a/authgen.go"))
	require.Contains(t, readFile(t, dir, "b/api/authgen.go"), "\npackage memos\n")
	require.False(t, exists(dir, "c/authgen.go"))
	require.False(t, exists(dir, "testdata/d/authgen.go"))
	require.False(t, exists(dir, "_skip/authgen.go"))
}

// TestGoGenerate runs the examples' //go:generate lines the way users do — examples/store
// with `go run …/cmd/authgen`, examples/shop with Go 1.24's `go tool authgen` — and checks
// that both leave the committed output as it is.
func TestGoGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI twice")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	cmd := exec.Command("go", "generate", "./examples/...")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	var stdout, stderr bytes.Buffer
	code := run([]string{"diff", filepath.Join(root, "examples") + "/..."}, &stdout, &stderr)
	require.Equal(t, 0, code, "go generate changed the examples:\n%s%s", stdout.String(), stderr.String())
}
