// Package generator runs authgen's pipeline for one spec, top to bottom: parse and validate
// (generator/model), emit (generator/emit), then write the files, or compare them with what
// is on disk (diff). It owns the output directory only as far as files carry our header:
// stale generated files are removed, hand-written ones are never touched.
package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/emit"
	"github.com/authgen/authgen/generator/model"
)

// SpecName is the conventional spec file name, looked for by Find.
const SpecName = "authgen.yaml"

// Output is the generated package of one spec.
type Output struct {
	Spec  string            // the spec's path
	Dir   string            // the output directory
	Files map[string][]byte // path relative to Dir (slash-separated) → content
}

// Load parses and validates the spec at path. Errors are reported all at once, each as
// "file:line:col: message" with the file named as the caller named it.
func Load(path string) (*model.App, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	app, errs := model.Load(path, src)
	if len(errs) > 0 {
		return nil, errs
	}
	return app, nil
}

// Options tune Generate.
type Options struct {
	// AllowDataLoss lets the next migration drop and narrow what the spec does not declare
	// as intended (authgen generate --allow-data-loss).
	AllowDataLoss bool
	// Warnings, when not nil, receives the risks generate sees in the migration it writes
	// (a new unique over values that may repeat, values that may not convert or are cut to
	// fit), one "file:line:col: warning: …" a line. They do not stop it.
	Warnings io.Writer
}

// Generate runs the whole pipeline for the spec at path, writing nothing. The migrations
// already in the output directory are part of the output as they are; when the spec's
// schema differs from the one they produce, the next migration is added (see History).
func Generate(path string) (*Output, error) { return GenerateWith(path, Options{}) }

// GenerateWith is Generate with options.
func GenerateWith(path string, opts Options) (*Output, error) {
	app, dir, hist, err := prepare(path, opts)
	if err != nil {
		return nil, err
	}
	files, warnings, err := emit.Files(app, hist)
	if err != nil {
		return nil, emitError(path, err)
	}
	if opts.Warnings != nil {
		for _, w := range warnings {
			fmt.Fprintln(opts.Warnings, w.Error())
		}
	}
	return &Output{Spec: path, Dir: dir, Files: files}, nil
}

// prepare loads the spec at path, and the migration history of its output directory.
func prepare(path string, opts Options) (*model.App, string, emit.History, error) {
	app, err := Load(path)
	if err != nil {
		return nil, "", emit.History{}, err
	}
	dir := filepath.Join(filepath.Dir(path), filepath.FromSlash(app.OutputDir))
	hist, err := History(dir)
	if err != nil {
		return nil, "", hist, fmt.Errorf("%s: %w", path, err)
	}
	hist.AllowDataLoss = opts.AllowDataLoss
	return app, dir, hist, nil
}

// emitError is an emitter's error as the spec at path causes it: a list positioned in the
// spec already (a refused change of the schema), or another error, named after the spec.
func emitError(path string, err error) error {
	var spec diag.List
	if errors.As(err, &spec) {
		return spec
	}
	return fmt.Errorf("%s: %w", path, err)
}

// Change is one file that differs between an Output and the disk.
type Change struct {
	Path string // relative to the working directory
	Old  []byte // nil: the file is new
	New  []byte // nil: the file is stale and goes away
}

// Changes compares the output with the disk: new and changed files, and generated files in
// the output directory that the spec no longer produces.
func (o *Output) Changes() ([]Change, error) {
	out, err := o.changedFiles()
	if err != nil {
		return nil, err
	}
	stale, err := o.staleFiles()
	if err != nil {
		return nil, err
	}
	for _, path := range stale {
		old, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		out = append(out, Change{Path: path, Old: old})
	}
	return out, nil
}

// changedFiles compares the output's files with the disk: the new and the changed ones.
func (o *Output) changedFiles() ([]Change, error) {
	var out []Change
	for _, rel := range sortedKeys(o.Files) {
		path := filepath.Join(o.Dir, filepath.FromSlash(rel))
		old, err := os.ReadFile(path)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if err == nil && bytes.Equal(old, o.Files[rel]) {
			continue
		}
		out = append(out, Change{Path: path, Old: old, New: o.Files[rel]})
	}
	return out, nil
}

// Write applies the changes to the disk and returns them.
func (o *Output) Write() ([]Change, error) {
	changes, err := o.Changes()
	if err != nil {
		return nil, err
	}
	for _, c := range changes {
		if c.New == nil {
			if err := os.Remove(c.Path); err != nil {
				return nil, err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(c.Path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(c.Path, c.New, 0o644); err != nil {
			return nil, err
		}
	}
	return changes, nil
}

// staleFiles lists generated files under the output directory that are not in the output.
// Only files beginning with our header count: hand-written files are never removed, and
// neither is anything in a nested Go package or in testdata.
func (o *Output) staleFiles() ([]string, error) {
	var stale []string
	err := filepath.WalkDir(o.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == o.Dir {
				return filepath.SkipAll
			}
			return err
		}
		rel, _ := filepath.Rel(o.Dir, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && rel != "migrations" && !strings.HasPrefix(rel, "migrations/") {
				return filepath.SkipDir
			}
			return nil
		}
		if _, ok := o.Files[rel]; ok {
			return nil
		}
		generated, err := isGenerated(path)
		if err != nil {
			return err
		}
		if generated {
			stale = append(stale, path)
		}
		return nil
	})
	sort.Strings(stale)
	return stale, err
}

// isGenerated reports whether the file starts with one of our headers.
func isGenerated(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, 128)
	n, _ := f.Read(head)
	head = head[:n]
	for _, h := range []string{emit.Header, emit.SQLHeader, emit.MarkdownHeader} {
		if bytes.HasPrefix(head, []byte(h)) {
			return true, nil
		}
	}
	return false, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
