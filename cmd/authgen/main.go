// Command authgen generates a Go API with accounts and permissions from an authgen.yaml spec.
//
// Usage:
//
//	authgen generate [PATTERN...]   write the generated packages (default ./...)
//	authgen check [PATTERN...]      validate the specs only
//	authgen diff [PATTERN...]       show what generate would change; exit 1 if anything
//	authgen version                 print the version
//
// A PATTERN is a spec file, a directory holding authgen.yaml, or DIR/... for every spec
// below DIR. Run it from go generate:
//
//	//go:generate go run github.com/authgen/authgen/cmd/authgen generate
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/authgen/authgen/generator"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: authgen <command> [PATTERN...]

commands:
  generate   write the generated packages of the specs (default ./...)
  check      validate the specs, write nothing
  diff       print what generate would change; exit 1 when anything would
  version    print the version
`

// run is main without the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, patterns := args[0], args[1:]
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "authgen", version())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "generate", "check", "diff":
	default:
		fmt.Fprintf(stderr, "authgen: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	specs, err := generator.Find(patterns)
	if err != nil {
		fmt.Fprintln(stderr, "authgen:", err)
		return 1
	}
	code := 0
	for _, spec := range specs {
		if c := runOne(cmd, spec, stdout, stderr); c > code {
			code = c
		}
	}
	return code
}

func runOne(cmd, spec string, stdout, stderr io.Writer) int {
	if cmd == "check" {
		if _, err := generator.Load(spec); err != nil {
			printErr(stderr, err)
			return 1
		}
		return 0
	}
	out, err := generator.Generate(spec)
	if err != nil {
		printErr(stderr, err)
		return 1
	}
	if cmd == "diff" {
		changes, err := out.Changes()
		if err != nil {
			printErr(stderr, err)
			return 1
		}
		for _, c := range changes {
			fmt.Fprint(stdout, generator.UnifiedDiff(c))
		}
		if len(changes) > 0 {
			fmt.Fprintf(stderr, "authgen: %s: %d generated file(s) are stale; run authgen generate\n", spec, len(changes))
			return 1
		}
		return 0
	}
	if _, err := out.Write(); err != nil {
		printErr(stderr, err)
		return 1
	}
	return 0
}

// printErr prints an error; a spec's error list prints one "file:line:col: message" a line.
func printErr(w io.Writer, err error) {
	fmt.Fprintln(w, err)
}

// version is the module version when installed with go install/go run pkg@version, else
// the VCS revision the binary was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			return "devel " + s.Value
		}
	}
	return "(devel)"
}
