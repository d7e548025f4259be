package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/authgen/authgen/generator/emit"
)

// generateAndWrite is GenerateWith followed by Output.Write, with the writing done while the
// files render: each file is compared with the disk and written as soon as it is ready, on
// one goroutine (two writers in one directory were slower on ext4, see docs/performance.md),
// instead of all of them after the last one renders. It returns the output, its changes as
// Write returns them, and the SHA-256 of every file for the stamp. A refused migration writes
// nothing, as before; the stale generated files are removed once every file is written.
func generateAndWrite(path string, opts Options) (*Output, []Change, map[string]string, error) {
	app, dir, hist, err := prepare(path, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	w := fileWriter{dir: dir, made: map[string]bool{}, sums: map[string]string{}}
	files, warnings, err := emit.Stream(app, hist, w.put)
	if err != nil {
		return nil, nil, nil, emitError(path, err)
	}
	if opts.Warnings != nil {
		for _, warning := range warnings {
			fmt.Fprintln(opts.Warnings, warning.Error())
		}
	}
	if w.err != nil {
		return nil, nil, nil, w.err
	}
	out := &Output{Spec: path, Dir: dir, Files: files}
	sort.Slice(w.changes, func(i, j int) bool { return w.changes[i].Path < w.changes[j].Path })
	stale, err := out.staleFiles()
	if err != nil {
		return nil, nil, nil, err
	}
	changes := w.changes
	for _, path := range stale {
		old, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, nil, err
		}
		if err := os.Remove(path); err != nil {
			return nil, nil, nil, err
		}
		changes = append(changes, Change{Path: path, Old: old})
	}
	return out, changes, w.sums, nil
}

// fileWriter writes the files of one output as emit.Stream hands them over, one at a time.
type fileWriter struct {
	dir     string
	made    map[string]bool   // directories known to exist
	sums    map[string]string // path relative to dir → SHA-256, hex
	changes []Change
	err     error // the first failure; nothing is written after it
}

// put writes the file at rel (slash-separated, relative to the output directory) unless the
// disk holds it already, as Output.Write does.
func (w *fileWriter) put(rel string, src []byte) {
	w.sums[rel] = hashOf(src)
	if w.err != nil {
		return
	}
	path := filepath.Join(w.dir, filepath.FromSlash(rel))
	old, err := os.ReadFile(path)
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		w.err = err
		return
	case err == nil && bytes.Equal(old, src):
		return
	}
	if parent := filepath.Dir(path); !w.made[parent] {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			w.err = err
			return
		}
		w.made[parent] = true
	}
	if err := os.WriteFile(path, src, 0o644); err != nil {
		w.err = err
		return
	}
	w.changes = append(w.changes, Change{Path: path, Old: old, New: src})
}
