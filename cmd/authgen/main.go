// Command authgen generates a Go API with accounts and permissions from an authgen.yaml spec.
//
// Usage:
//
//	authgen generate [--allow-data-loss] [PATTERN...]
//	                                write the generated packages (default ./...)
//	authgen check [PATTERN...]      validate the specs; exit 1 when a migration is not written
//	authgen diff [PATTERN...]       show what generate would change; exit 1 if anything
//	authgen init [APP]              write a starter authgen.yaml and main.go here
//	authgen version                 print the version
//
// A PATTERN is a spec file, a directory holding authgen.yaml, or DIR/... for every spec
// below DIR. Run it from go generate:
//
//	//go:generate go run github.com/authgen/authgen/cmd/authgen generate
//
// generate skips a spec whose output is current: it keeps a stamp of each generation (the
// generator's build ID, the spec, the SHA-256 of every file written) under the user's cache
// directory, or in $AUTHGEN_CACHE; AUTHGEN_CACHE=off keeps none.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/authgen/authgen/generator"
)

func main() {
	// A short batch process: trade memory for the collector's time (see MemoryLimit), unless
	// the user chose a GOGC or a GOMEMLIMIT.
	generator.TuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: authgen <command> [PATTERN...]

commands:
  generate   write the generated packages of the specs (default ./...);
             --allow-data-loss lets the next migration drop and narrow what the spec
             does not declare (see docs/spec.md, Migrations); a spec whose output is
             as the same generator wrote it is skipped (AUTHGEN_CACHE=off: never)
  check      validate the specs; exit 1 when the spec needs a migration that is not
             written yet (as Django's makemigrations --check); write nothing
  diff       print what generate would change; exit 1 when anything would
  init [APP] write a starter authgen.yaml and the main.go serving it into this directory
             of a Go module (APP defaults to the directory's name)
  version    print the version
`

// run is main without the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, patterns := args[0], args[1:]
	for _, a := range patterns {
		if a == "-h" || a == "-help" || a == "--help" {
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "authgen", version())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "init":
		if err := initApp(".", patterns, stdout); err != nil {
			fmt.Fprintln(stderr, "authgen: init:", err)
			return 1
		}
		return 0
	case "generate", "check", "diff":
	default:
		fmt.Fprintf(stderr, "authgen: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	var opts generator.Options
	if cmd == "generate" {
		patterns, opts.AllowDataLoss = takeFlag(patterns, "allow-data-loss")
		opts.Warnings = stderr
	}
	specs, err := generator.Find(patterns)
	if err != nil {
		fmt.Fprintln(stderr, "authgen:", err)
		return 1
	}
	code := 0
	for _, spec := range specs {
		if c := runOne(cmd, spec, opts, stdout, stderr); c > code {
			code = c
		}
	}
	return code
}

// takeFlag removes every --name (or -name) from args and reports whether there was one.
func takeFlag(args []string, name string) ([]string, bool) {
	var rest []string
	found := false
	for _, a := range args {
		if a == "--"+name || a == "-"+name {
			found = true
			continue
		}
		rest = append(rest, a)
	}
	return rest, found
}

func runOne(cmd, spec string, opts generator.Options, stdout, stderr io.Writer) int {
	if cmd == "check" {
		warning, err := generator.CheckMigrations(spec)
		if err != nil {
			printErr(stderr, err)
			return 1
		}
		if warning != "" {
			fmt.Fprintf(stderr, "authgen: warning: %s: %s\n", spec, warning)
		}
		return 0
	}
	if cmd == "generate" {
		summary, _, err := generator.Regenerate(spec, opts)
		if err != nil {
			printErr(stderr, err)
			return 1
		}
		fmt.Fprintln(stdout, "authgen:", summary)
		return 0
	}
	out, err := generator.GenerateWith(spec, opts)
	if err != nil {
		printErr(stderr, err)
		return 1
	}
	// diff
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
