package migrate

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// When a migration's SQL fails, the operator needs three things from the error: where in
// which file, what the database said (all of it: PostgreSQL's DETAIL names the duplicated
// key), and what to do next. SQLite's rebuild of a table works on a copy named
// new__<table>, which its errors name; they are reported under the table's own name.

// execError wraps a failure of a migration file. PostgreSQL tells where in the text the
// error is (a 1-based count of characters), which becomes a line number; SQLite does not.
func execError(file, text string, err error) error {
	where := file
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Position > 0 {
		where = fmt.Sprintf("%s line %d", file, lineAt(text, int(pgErr.Position)))
	}
	return &failure{where: where, err: err}
}

// failure is a migration file's failed statement: it wraps ErrMigrationFailed and the
// database's error, and says the database's detail and what to do.
type failure struct {
	where string
	err   error
}

func (f *failure) Error() string {
	msg := realTableNames(f.err.Error())
	var pgErr *pgconn.PgError
	if errors.As(f.err, &pgErr) {
		if pgErr.Detail != "" {
			msg += "; detail: " + realTableNames(pgErr.Detail)
		}
		if pgErr.TableName != "" {
			msg += fmt.Sprintf("; table %q", pgErr.TableName)
			if pgErr.ColumnName != "" {
				msg += fmt.Sprintf(", column %q", pgErr.ColumnName)
			}
		}
		if pgErr.Hint != "" {
			msg += "; hint: " + pgErr.Hint
		}
	}
	return fmt.Sprintf("%v: %s: %s; nothing was changed (the migration's transaction was rolled back): %s",
		ErrMigrationFailed, f.where, msg, advice(f.err, msg))
}

func (f *failure) Unwrap() []error { return []error{ErrMigrationFailed, f.err} }

// rebuildCopy is the name of SQLite's copy of a table being rebuilt, in an error's text.
var rebuildCopy = regexp.MustCompile(`\bnew__([A-Za-z0-9_]+)`)

func realTableNames(s string) string { return rebuildCopy.ReplaceAllString(s, "$1") }

// advice says what to do about a failed migration, from PostgreSQL's SQLSTATE or SQLite's
// message.
func advice(err error, msg string) string {
	code := ""
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		code = pgErr.Code
	}
	switch {
	case code == "23505" || strings.Contains(msg, "UNIQUE constraint failed"):
		return "rows hold the same value where the migration makes it unique; give them different values (or remove the spec's unique), then migrate again"
	case code == "23502" || strings.Contains(msg, "NOT NULL constraint failed"):
		return "rows hold null where the migration makes the column required; give them values (or a default in the spec, which fills them), then migrate again"
	case code == "23503" || strings.Contains(msg, "FOREIGN KEY constraint failed"):
		return "rows reference rows that do not exist (or would, after the migration); fix or delete them, then migrate again"
	case strings.HasPrefix(code, "22"):
		return "a value does not fit its column's new type; fix the rows that hold it (or undo the spec's change), then migrate again"
	case code == "55P03" || code == "57014" || code == "40P01" || code == "40001" ||
		strings.Contains(msg, "database is locked") || strings.Contains(msg, "SQLITE_BUSY"):
		return "the database was busy; migrate again"
	case strings.HasPrefix(code, "42"):
		return "the migration does not match the database (was the database changed by hand, or the file edited?); compare them with sqlmigrate, repair the database, then migrate again"
	}
	return "fix the cause above, then migrate again"
}
