package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
)

// A migration that changes a column's type converts its values, and some values may not
// convert ('SF-CL' into an integer); one that makes a column unique cannot keep two rows of
// the same value. authgen writes, at the top of such a migration, one SELECT per column
// under a comment that names it:
//
//	-- authgen:check shop_item.sku: values that are not whole numbers …
//	SELECT CAST("id" AS text) AS "id", CAST("sku" AS text), count(*) OVER () FROM "shop_item" WHERE … ORDER BY "id" LIMIT 5;
//	-- authgen:count shop_item.price: numbers rounded to 1 decimal place …
//	SELECT count(*) FROM "shop_item" WHERE …;
//
// The migrator runs these first, in the migration's transaction: a check that returns rows
// stops the migration before anything changes, with an error naming the table, the column
// and the rows (ErrRefusedRows); a count is the number of rows the conversion cuts
// to fit, logged once the migration is committed. The rest of the file then runs as usual,
// without those statements. They stay in the file, checksummed with it, where a reviewer
// reads them.

// ErrRefusedRows reports rows whose values a migration cannot keep: values that cannot
// become their column's new type, or that repeat in a column that becomes unique. The
// migration changed nothing.
var ErrRefusedRows = errors.New("migrate: rows refused")

const (
	checkPrefix = "-- authgen:check "
	countPrefix = "-- authgen:count "
)

// precheck is one annotated statement of a migration file.
type precheck struct {
	count         bool   // authgen:count (else authgen:check)
	table, column string // as the annotation names them, after the migration
	what          string // the annotation's words after the colon
	query         string
}

// prechecks returns the annotated statements of a migration file and the text to run after
// them: the file with those statements blanked out, its length and lines kept, so that
// PostgreSQL's error positions still point at the file's lines.
func prechecks(text string) ([]precheck, string) {
	var out []precheck
	rest := []byte(text)
	for at := 0; at < len(text); {
		end := strings.IndexByte(text[at:], '\n')
		if end < 0 {
			break
		}
		line := text[at : at+end]
		at += end + 1
		var pc precheck
		switch {
		case strings.HasPrefix(line, checkPrefix):
			line = line[len(checkPrefix):]
		case strings.HasPrefix(line, countPrefix):
			line, pc.count = line[len(countPrefix):], true
		default:
			continue
		}
		label, what, _ := strings.Cut(line, ": ")
		pc.table, pc.column, _ = strings.Cut(label, ".")
		pc.what = what
		n := statementLen(text[at:])
		pc.query = strings.TrimSuffix(strings.TrimSpace(text[at:at+n]), ";")
		for i := at; i < at+n; i++ {
			if rest[i] != '\n' {
				rest[i] = ' '
			}
		}
		out = append(out, pc)
		at += n
	}
	return out, string(rest)
}

// statementLen is the length of the statement at the start of s, up to and including the
// semicolon that ends it (not one inside a literal or a quoted identifier).
func statementLen(s string) int {
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '\'', '"':
			i += quotedLen(s[i:], c)
		case ';':
			return i + 1
		default:
			i++
		}
	}
	return len(s)
}

// cut is what an authgen:count found: rows that the conversion of a column changes.
type cut struct {
	precheck
	rows int64
}

// runPrechecks runs the annotated statements of a migration file in its transaction,
// before anything else: every check, then, when none found a row, every count.
func runPrechecks(ctx context.Context, tx *sql.Tx, file string, checks []precheck) ([]cut, error) {
	var refused []string
	for _, pc := range checks {
		if pc.count {
			continue
		}
		found, err := refusedRows(ctx, tx, pc)
		if err != nil {
			return nil, execError(file, pc.query, err)
		}
		if found != "" {
			refused = append(refused, found)
		}
	}
	if len(refused) > 0 {
		return nil, &RefusedRowsError{File: file, Problems: refused}
	}
	var cuts []cut
	for _, pc := range checks {
		if !pc.count {
			continue
		}
		c := cut{precheck: pc}
		if err := tx.QueryRowContext(ctx, pc.query).Scan(&c.rows); err != nil {
			return nil, execError(file, pc.query, err)
		}
		cuts = append(cuts, c)
	}
	return cuts, nil
}

// refusedRows runs a check and says what it found: `table "t", column "c": 2 rows hold
// …: id=3 value="SF-CL", id=7 value=""`; "" when nothing.
func refusedRows(ctx context.Context, tx *sql.Tx, pc precheck) (string, error) {
	rows, err := tx.QueryContext(ctx, pc.query)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	key := "id"
	if len(cols) > 0 {
		key = cols[0]
	}
	var shown []string
	var total int64
	for rows.Next() {
		var id, value sql.NullString
		if err := rows.Scan(&id, &value, &total); err != nil {
			return "", err
		}
		shown = append(shown, key+"="+id.String+" value="+strconv.Quote(value.String))
	}
	if err := rows.Err(); err != nil || total == 0 {
		return "", err
	}
	s := fmt.Sprintf("table %q, column %q: %d %s %s: %s", pc.table, pc.column, total, plural(total, "row holds", "rows hold"), pc.what, strings.Join(shown, ", "))
	if total > int64(len(shown)) {
		s += fmt.Sprintf(" and %d more", total-int64(len(shown)))
	}
	return s, nil
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// RefusedRowsError reports the rows that stopped a migration because it cannot keep their
// values. Nothing was changed. It wraps both ErrMigrationFailed and ErrRefusedRows.
type RefusedRowsError struct {
	File string // "0003_alter_item_sku.up.sql"
	// Problems say, per column, what the rows hold and which they are (at most five each).
	Problems []string
}

func (e *RefusedRowsError) Error() string {
	return fmt.Sprintf("%v: %s: nothing was changed, since rows hold values the migration cannot keep: %s; give these rows values that fit (or null, where the column allows it), or undo the spec's change, then migrate again",
		ErrMigrationFailed, e.File, strings.Join(e.Problems, "; "))
}

// Unwrap returns ErrMigrationFailed and ErrRefusedRows.
func (e *RefusedRowsError) Unwrap() []error {
	return []error{ErrMigrationFailed, ErrRefusedRows}
}

// logCuts reports, once a migration is committed, how many rows its conversions cut.
func logCuts(log *slog.Logger, file string, cuts []cut) {
	for _, c := range cuts {
		log.Info(fmt.Sprintf("migrate: %s: table %q, column %q: %d %s changed: %s", file, c.table, c.column, c.rows, plural(c.rows, "row", "rows"), c.what),
			"migration", file, "table", c.table, "column", c.column, "rows", c.rows)
	}
}
