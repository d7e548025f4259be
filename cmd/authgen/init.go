package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/generator/spec"
)

// toolPath is the package go.mod's tool directive names when authgen is a tool of the module.
const toolPath = "github.com/authgen/authgen/cmd/authgen"

// initApp writes a starter spec and the main.go that serves its generated package into dir,
// which must lie inside a Go module. app names the app (default: dir's base name). It never
// overwrites a file: a second run, or a directory holding either file, is an error.
func initApp(dir string, args []string, stdout io.Writer) error {
	if len(args) > 1 {
		return errors.New("init takes at most one argument, the app's name: authgen init [APP]")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	app := defaultAppName(abs)
	if len(args) == 1 {
		app = args[0]
	}
	root, module, err := findModule(abs)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return err
	}
	pkg := path.Join(module, filepath.ToSlash(rel), app)

	spec := starterSpec(app)
	if _, errs := model.Load(generator.SpecName, spec); len(errs) > 0 {
		return fmt.Errorf("%v\n(name the app: authgen init APP)", errs)
	}
	generate := "go run " + toolPath + " generate"
	if hasTool(filepath.Join(root, "go.mod")) {
		generate = "go tool authgen generate"
	}
	files := []struct {
		name    string
		content []byte
	}{
		{generator.SpecName, spec},
		{"main.go", starterMain(app, pkg, generate)},
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(abs, f.name)); err == nil {
			return fmt.Errorf("%s already exists; init writes only into a directory without it", filepath.Join(dir, f.name))
		}
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(abs, f.name), f.content, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(dir, f.name))
	}
	// go generate cannot run before the first generation: main.go imports a package that is
	// not there yet, and go.mod lacks the runtime's requirements.
	fmt.Fprintf(stdout, "next: %s && go mod tidy && go run .\n", strings.TrimPrefix(generate, "go:generate "))
	return nil
}

// defaultAppName is the directory's name as a package name: lower case, '-' and '.' as '_'.
func defaultAppName(dir string) string {
	return strings.NewReplacer("-", "_", ".", "_").Replace(strings.ToLower(filepath.Base(dir)))
}

// findModule walks up from dir to the nearest go.mod and returns its directory and module path.
func findModule(dir string) (root, module string, err error) {
	for d := dir; ; d = filepath.Dir(d) {
		src, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			module := modulePath(src)
			if module == "" {
				return "", "", fmt.Errorf("%s: no module line", filepath.Join(d, "go.mod"))
			}
			return d, module, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", "", err
		}
		if filepath.Dir(d) == d {
			return "", "", errors.New("no go.mod here or above: run `go mod init MODULE` first")
		}
	}
}

// modulePath is the path of go.mod's module line, quoted or not.
func modulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], "\"`")
		}
	}
	return ""
}

// hasTool reports whether go.mod declares authgen a tool (go get -tool), so that go:generate
// can run `go tool authgen`, pinned by go.mod, instead of `go run`.
func hasTool(gomod string) bool {
	src, err := os.ReadFile(gomod)
	if err != nil {
		return false
	}
	inBlock := false
	for line := range strings.Lines(string(src)) {
		f := strings.Fields(strings.SplitN(line, "//", 2)[0])
		switch {
		case len(f) == 0:
		case inBlock && f[0] == ")":
			inBlock = false
		case inBlock && f[0] == toolPath:
			return true
		case f[0] == "tool" && len(f) == 2 && f[1] == "(":
			inBlock = true
		case f[0] == "tool" && len(f) == 2 && f[1] == toolPath:
			return true
		}
	}
	return false
}

// starterSpec is the spec init writes: a JWT-authenticated app with one model and endpoint,
// small enough to read at once and to grow from (docs/spec.md is the whole language).
func starterSpec(app string) []byte {
	return fmt.Appendf(nil, spec.SchemaComment+`
# The spec of the %[1]s app; docs/spec.md in authgen is the whole language.
# After a change: go generate ./...
version: 1
app: %[1]s
output: %[1]s                 # the generated package: ./%[1]s
auth:
  jwt: {header_types: [Bearer], access_lifetime: 5m, refresh_lifetime: 24h}
models:
  Note:
    fields:
      title: {type: string, max_length: 100}
      body: {type: text, blank: true}
endpoints:
  notes:
    model: Note
    permission: IsAuthenticatedOrReadOnly
`, app)
}

// starterMain is the main.go init writes: the app's operator commands and server.
func starterMain(name, pkg, generate string) []byte {
	runtimeApp, alias := "app", ""
	if name == runtimeApp { // the generated package's name would shadow runtime/app
		runtimeApp, alias = "runtimeapp", "runtimeapp "
	}
	return fmt.Appendf(nil, `// Command %[1]s serves the %[1]s app, generated from authgen.yaml into ./%[1]s.
package main

//go:generate %[3]s

import (
	%[5]s"github.com/authgen/authgen/runtime/app"

	"%[2]s"
)

func main() { %[4]s.Main(%[1]s.Definition()) }
`, name, pkg, generate, runtimeApp, alias)
}
