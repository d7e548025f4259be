package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/emit"
	"github.com/authgen/authgen/generator/schema"
)

// History reads the migration history of an output directory: migrations/schema.json and
// the .sql files of migrations/sqlite and migrations/postgres. A directory without them
// gives the zero History (a first run).
func History(dir string) (emit.History, error) {
	var h emit.History
	state, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(schema.FileName)))
	switch {
	case err == nil:
		h.State = state
	case !errors.Is(err, fs.ErrNotExist):
		return h, err
	}
	for _, dialect := range []string{"sqlite", "postgres"} {
		entries, err := os.ReadDir(filepath.Join(dir, "migrations", dialect))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return h, err
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
				continue
			}
			body, err := os.ReadFile(filepath.Join(dir, "migrations", dialect, e.Name()))
			if err != nil {
				return h, err
			}
			if h.Files == nil {
				h.Files = map[string][]byte{}
			}
			h.Files["migrations/"+dialect+"/"+e.Name()] = body
		}
	}
	return h, nil
}

// MissingMigrationError is CheckMigrations' answer when the spec's schema needs a migration
// that is not written yet, as Django's makemigrations --check fails: a database migrated
// from the committed files would not be the one the generated code expects.
type MissingMigrationError struct {
	Spec string // the spec's path
	Name string // the migration generate would write: "0002_note_body"
	// Risks are the warnings generate will print when it writes the migration.
	Risks diag.List
}

func (e *MissingMigrationError) Error() string {
	s := fmt.Sprintf("%s: migration %s is not written: the spec's schema changed and no migration takes the change yet; run authgen generate to write it", e.Spec, e.Name)
	for _, r := range e.Risks {
		s += "\n" + r.Error()
	}
	return s
}

// CheckMigrations reports whether the migrations of the spec at path are up to date. A
// schema change that no migration takes yet is a *MissingMigrationError; a schema.json that
// is missing or behind the spec (no migration needed) is a warning. It returns "", nil when
// the migrations are up to date; its other errors are Generate's (a refused loss of data
// among them).
func CheckMigrations(path string) (string, error) {
	// Only the migrations: rendering the Go files too would take ten times as long.
	app, dir, hist, err := prepare(path, Options{})
	if err != nil {
		return "", err
	}
	files, risks, err := emit.Migrations(app, hist)
	if err != nil {
		return "", emitError(path, err)
	}
	changes, err := (&Output{Spec: path, Dir: dir, Files: files}).changedFiles()
	if err != nil {
		return "", err
	}
	migrations := filepath.Join(dir, "migrations") + string(filepath.Separator)
	next, stateChanged, stateMissing := "", false, false
	for _, c := range changes {
		if !strings.HasPrefix(c.Path, migrations) {
			continue
		}
		base := filepath.Base(c.Path)
		switch {
		case base == filepath.Base(schema.FileName):
			stateChanged, stateMissing = true, c.Old == nil
		case c.Old == nil && strings.HasSuffix(base, ".up.sql") && next == "":
			next = strings.TrimSuffix(base, ".up.sql")
		}
	}
	switch {
	case next != "":
		return "", &MissingMigrationError{Spec: path, Name: next, Risks: risks}
	case stateMissing:
		return fmt.Sprintf("%s is missing; run authgen generate to write it (the migrations stay as they are)", schema.FileName), nil
	case stateChanged:
		return fmt.Sprintf("the spec changed since %s was written; run authgen generate to update it", schema.FileName), nil
	}
	return "", nil
}
