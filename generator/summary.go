package generator

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// migrationFile matches a migration's up file, "migrations/sqlite/0002_price.up.sql".
var migrationFile = regexp.MustCompile(`^migrations/[a-z]+/(\d{4}_\w+)\.up\.sql$`)

// Summary is the line generate prints for one spec once its changes are written: files
// written (of which new), unchanged and removed, and the migration the spec's changes added.
func (o *Output) Summary(changes []Change) string {
	written, created, removed := 0, 0, 0
	var migrations []string
	seen := map[string]bool{}
	for _, c := range changes {
		switch {
		case c.New == nil:
			removed++
			continue
		case c.Old == nil:
			created++
		}
		written++
		rel, err := filepath.Rel(o.Dir, c.Path)
		if err != nil || c.Old != nil {
			continue
		}
		if m := migrationFile.FindStringSubmatch(filepath.ToSlash(rel)); m != nil && !seen[m[1]] {
			seen[m[1]] = true
			migrations = append(migrations, m[1])
		}
	}
	unchanged := len(o.Files) - written
	if written == 0 && removed == 0 {
		return upToDate(o.Spec, unchanged)
	}
	s := fmt.Sprintf("%s: %d files written (%d new), %d unchanged, %d removed", o.Spec, written, created, unchanged, removed)
	if len(migrations) > 0 {
		s += "; new migration " + strings.Join(migrations, ", ")
	}
	return s
}

// upToDate is the summary of a generation that changed nothing.
func upToDate(spec string, files int) string {
	return fmt.Sprintf("%s: up to date (%d files)", spec, files)
}
