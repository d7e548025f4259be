package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestInitWritesAStarterThatGenerates(t *testing.T) {
	mod := t.TempDir()
	writeFile(t, mod, "go.mod", "module example.com/svc\n\ngo 1.26.0\n\ntool github.com/authgen/authgen/cmd/authgen\n")
	dir := filepath.Join(mod, "cmd", "notes-api")
	writeFile(t, dir, "README", "")
	t.Chdir(dir)

	code, stdout, stderr := authgen(t, "init")
	require.Equal(t, 0, code, stderr)
	require.Equal(t, "wrote authgen.yaml\nwrote main.go\nnext: go tool authgen generate && go mod tidy && go run .\n", stdout)
	main := readFile(t, dir, "main.go")
	require.Contains(t, main, "//go:generate go tool authgen generate\n")
	require.Contains(t, main, "\t\"example.com/svc/cmd/notes-api/notes_api\"\n")
	require.Contains(t, main, "func main() { app.Main(notes_api.Definition()) }\n")
	starter := readFile(t, dir, "authgen.yaml")
	require.Contains(t, starter, "app: notes_api\noutput: notes_api ")
	require.True(t, strings.HasPrefix(starter, "# yaml-language-server: $schema=https://raw.githubusercontent.com/authgen/authgen/main/generator/spec/authgen.schema.json\n"))

	// The starter generates as it is.
	code, _, stderr = authgen(t, "generate")
	require.Equal(t, 0, code, stderr)
	require.True(t, exists(dir, "notes_api/definition.go"))

	// A second init overwrites nothing.
	code, _, stderr = authgen(t, "init")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "authgen.yaml already exists")
}

func TestInitNamesTheAppAndFallsBackToGoRun(t *testing.T) {
	mod := t.TempDir()
	writeFile(t, mod, "go.mod", "module example.com/svc\n\ngo 1.26.0\n")
	t.Chdir(mod)

	code, _, stderr := authgen(t, "init", "app")
	require.Equal(t, 0, code, stderr)
	main := readFile(t, mod, "main.go")
	require.Contains(t, main, "//go:generate go run github.com/authgen/authgen/cmd/authgen generate\n")
	// The app named app would shadow runtime/app: the runtime's import is renamed.
	require.Contains(t, main, "\truntimeapp \"github.com/authgen/authgen/runtime/app\"\n\n\t\"example.com/svc/app\"\n")
	require.Contains(t, main, "runtimeapp.Main(app.Definition())")
}

func TestInitRefusesBadNamesAndNoModule(t *testing.T) {
	mod := t.TempDir()
	writeFile(t, mod, "go.mod", "module example.com/svc\n")
	t.Chdir(mod)
	code, _, stderr := authgen(t, "init", "My-App")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, `authgen.yaml:5:6: app "My-App" must be a lower-case Go package name`)
	require.False(t, exists(mod, "authgen.yaml"))
	require.False(t, exists(mod, "main.go"))

	t.Chdir(t.TempDir())
	code, _, stderr = authgen(t, "init", "shop")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "no go.mod here or above: run `go mod init MODULE` first")
}

// TestProbePathsReachTheDefinition: mount.health and mount.ready are generated into the
// app's Definition, where runtime/app mounts them.
func TestProbePathsReachTheDefinition(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "authgen.yaml", minimalSpec+"mount: {health: /ops/live, ready: /ops/ready}\n")
	code, _, stderr := authgen(t, "generate", dir)
	require.Equal(t, 0, code, stderr)
	def := readFile(t, dir, "definition.go")
	// gofmt aligns the values with their neighbours' keys, whatever those are.
	require.Regexp(t, `HealthPath: +"/ops/live",\n`, def)
	require.Regexp(t, `ReadyPath: +"/ops/ready",\n`, def)
}

func TestHelpOnEveryCommand(t *testing.T) {
	for _, cmd := range []string{"generate", "check", "diff", "init", "version"} {
		code, stdout, stderr := authgen(t, cmd, "-h")
		require.Equal(t, 0, code, cmd)
		require.Empty(t, stderr, cmd)
		require.Contains(t, stdout, "usage: authgen <command>", cmd)
	}
}
