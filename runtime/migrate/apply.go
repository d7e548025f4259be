package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/authgen/authgen/runtime/db"
)

// applyUp runs mig's up file and records it, in one transaction. It reports false when the
// migration turned out to be applied already: on SQLite another process may have applied it
// since the plan was made, and BEGIN IMMEDIATE makes the check inside the transaction final.
// guard, when not nil, runs in the transaction before the migration and may refuse it.
func applyUp(ctx context.Context, conn *sql.Conn, dialect db.Dialect, log *slog.Logger, mig migration, guard func(context.Context, *sql.Tx) error) (bool, error) {
	applied := false
	file := mig.name + upSuffix
	checks, text := prechecks(mig.up)
	var cuts []cut
	err := inTx(ctx, conn, func(tx *sql.Tx) error {
		if err := ensureTable(ctx, tx, dialect); err != nil {
			return err
		}
		sum, done, err := recordedChecksum(ctx, tx, mig.name)
		if err != nil {
			return err
		}
		if done {
			if sum != mig.checksum {
				return checksumError(mig, sum)
			}
			return nil
		}
		if guard != nil {
			if err := guard(ctx, tx); err != nil {
				return err
			}
		}
		if cuts, err = runPrechecks(ctx, tx, file, checks); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, text); err != nil {
			return execError(file, mig.up, err)
		}
		if dialect == db.SQLite {
			if err := checkForeignKeys(ctx, tx, file); err != nil {
				return err
			}
		}
		// Microseconds: PostgreSQL keeps no more, and both dialects should read back the same.
		if err := insertRecord(ctx, tx, mig, time.Now().UTC().Truncate(time.Microsecond)); err != nil {
			return err
		}
		applied = true
		return nil
	})
	if applied && err == nil {
		logCuts(log, file, cuts)
	}
	return applied && err == nil, err
}

// applyDown runs mig's down file and removes its record, in one transaction. It reports
// false when the migration turned out not to be applied (any more).
func applyDown(ctx context.Context, conn *sql.Conn, dialect db.Dialect, log *slog.Logger, mig migration) (bool, error) {
	reverted := false
	file := mig.name + downSuffix
	checks, text := prechecks(mig.down)
	var cuts []cut
	err := inTx(ctx, conn, func(tx *sql.Tx) error {
		_, done, err := recordedChecksum(ctx, tx, mig.name)
		if err != nil || !done {
			return err
		}
		if cuts, err = runPrechecks(ctx, tx, file, checks); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, text); err != nil {
			return execError(file, mig.down, err)
		}
		if dialect == db.SQLite {
			if err := checkForeignKeys(ctx, tx, file); err != nil {
				return err
			}
		}
		if err := deleteRecord(ctx, tx, mig.name); err != nil {
			return err
		}
		reverted = true
		return nil
	})
	if reverted && err == nil {
		logCuts(log, file, cuts)
	}
	return reverted && err == nil, err
}

func inTx(ctx context.Context, conn *sql.Conn, fn func(tx *sql.Tx) error) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit: %w", err)
	}
	return nil
}

// lineAt returns the line of the pos-th character of text, both counted from 1.
func lineAt(text string, pos int) int {
	line := 1
	for i := range text {
		if pos--; pos == 0 {
			break
		}
		if text[i] == '\n' {
			line++
		}
	}
	return line
}
