package migrate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/authgen/authgen/runtime/db"
)

const (
	upSuffix   = ".up.sql"
	downSuffix = ".down.sql"
)

// baseName is a migration's name: its number, an underscore, and letters, digits and
// underscores. The name is a primary key of varchar(255) and appears in error messages and
// command lines, hence the narrow alphabet.
var baseName = regexp.MustCompile(`^([0-9]+)_([A-Za-z0-9_]+)$`)

// migration is one up/down pair of the set.
type migration struct {
	number   int
	name     string // "0001_initial"
	up, down string
	checksum string // of up
	// downChecksum is of down: an applied migration's down file is the one that reverts
	// what its up file did, and must not change after either.
	downChecksum string

	hasUp, hasDown bool // while the set is read
}

// ForDialect returns the subdirectory of fsys named after the dialect ("sqlite" or
// "postgres"), where a generated app keeps that dialect's migrations. A missing directory is
// an error: an empty migration set would otherwise let an app start on a database without
// tables.
func ForDialect(fsys fs.FS, d db.Dialect) (fs.FS, error) {
	if d != db.SQLite && d != db.Postgres {
		return nil, fmt.Errorf("%w %q", ErrUnsupportedDialect, d)
	}
	info, err := fs.Stat(fsys, string(d))
	if err != nil {
		return nil, fmt.Errorf("%w: no %s migrations: %w", ErrBadMigrationSet, d, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%w: %s is not a directory", ErrBadMigrationSet, d)
	}
	return fs.Sub(fsys, string(d))
}

// checksum returns the hex SHA-256 of a migration file. CRLF line ends count as LF: git may check
// the same file out either way, and the checksum must not depend on the machine that built
// the binary.
func checksum(up []byte) string {
	sum := sha256.Sum256(bytes.ReplaceAll(up, []byte("\r\n"), []byte("\n")))
	return hex.EncodeToString(sum[:])
}

// readSet reads and checks the migration files at the root of fsys and returns them in
// order. Every problem found is reported in one error.
func readSet(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadMigrationSet, err)
	}
	var problems []string
	pairs := map[string]*migration{}
	var names []string
	for _, e := range entries {
		file := e.Name()
		if e.IsDir() || !strings.HasSuffix(file, ".sql") {
			continue
		}
		base, isUp := strings.CutSuffix(file, upSuffix)
		if !isUp {
			var isDown bool
			if base, isDown = strings.CutSuffix(file, downSuffix); !isDown {
				problems = append(problems, fmt.Sprintf("%s is named neither NNNN_name%s nor NNNN_name%s", file, upSuffix, downSuffix))
				continue
			}
		}
		match := baseName.FindStringSubmatch(base)
		if match == nil || len(base) > 255 {
			problems = append(problems, fmt.Sprintf("%s: a migration is named NNNN_name, with letters, digits and underscores", file))
			continue
		}
		number, err := strconv.Atoi(match[1])
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: number %s is out of range", file, match[1]))
			continue
		}
		text, err := fs.ReadFile(fsys, file)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", file, err))
			continue
		}
		m := pairs[base]
		if m == nil {
			m = &migration{number: number, name: base}
			pairs[base] = m
			names = append(names, base)
		}
		if isUp {
			m.up, m.hasUp = string(text), true
			m.checksum = checksum(text)
		} else {
			m.down, m.hasDown = string(text), true
			m.downChecksum = checksum(text)
		}
	}

	set := make([]migration, 0, len(names))
	for _, name := range names {
		m := pairs[name]
		switch {
		case !m.hasUp:
			problems = append(problems, fmt.Sprintf("%s%s has no %s%s", name, downSuffix, name, upSuffix))
		case !m.hasDown:
			problems = append(problems, fmt.Sprintf("%s%s has no %s%s", name, upSuffix, name, downSuffix))
		default:
			set = append(set, *m)
		}
	}
	slices.SortFunc(set, func(a, b migration) int {
		if a.number != b.number {
			return a.number - b.number
		}
		return strings.Compare(a.name, b.name)
	})
	problems = append(problems, numberingProblems(set)...)
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrBadMigrationSet, strings.Join(problems, "; "))
	}
	return set, nil
}

// numberingProblems checks that the sorted set is numbered 1, 2, 3… without repeats.
func numberingProblems(set []migration) []string {
	var problems []string
	want := 1
	for i, m := range set {
		switch {
		case i > 0 && m.number == set[i-1].number:
			problems = append(problems, fmt.Sprintf("%s and %s share the number %d", set[i-1].name, m.name, m.number))
		case m.number != want && i == 0:
			problems = append(problems, fmt.Sprintf("the first migration is %s; numbering starts at 1", m.name))
		case m.number == want+1:
			problems = append(problems, fmt.Sprintf("%s is followed by %s: number %d is missing", set[i-1].name, m.name, want))
		case m.number != want:
			problems = append(problems, fmt.Sprintf("%s is followed by %s: numbers %d to %d are missing", set[i-1].name, m.name, want, m.number-1))
		}
		want = m.number + 1
	}
	return problems
}
