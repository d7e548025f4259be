package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// SQLite enforces foreign keys per connection, and PRAGMA foreign_keys cannot change inside
// a transaction. A migration that rebuilds a table the SQLite way (create the new table,
// copy the rows, drop the old table, rename the new one) would, with them enforced, delete
// or null every row that references the dropped table (ON DELETE CASCADE / SET NULL): its
// DROP TABLE deletes the rows first. So, as Django's SQLite schema editor does, the
// migrator turns foreign keys off on its connection for the session (before any
// transaction), and runs PRAGMA foreign_key_check inside each migration's transaction
// before the commit: a migration that leaves a dangling reference fails and is rolled back.
// The connection gets its foreign keys back when the session ends, or is closed for good.

// foreignKeysOff turns SQLite's foreign key enforcement off on the session's connection.
func foreignKeysOff(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return fmt.Errorf("migrate: turn SQLite's foreign keys off: %w", err)
	}
	return nil
}

// foreignKeysOn turns them back on, before the connection goes back to the pool.
func foreignKeysOn(ctx context.Context, conn *sql.Conn) error {
	_, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
	return err
}

// checkForeignKeys fails when the transaction leaves rows whose foreign key names no row,
// naming a few of them.
func checkForeignKeys(ctx context.Context, tx *sql.Tx, file string) error {
	rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("migrate: %s: check foreign keys: %w", file, err)
	}
	defer rows.Close()
	var dangling []string
	total := 0
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return fmt.Errorf("migrate: %s: check foreign keys: %w", file, err)
		}
		total++
		if len(dangling) < 5 {
			dangling = append(dangling, fmt.Sprintf("%s row %d references a missing %s row", table, rowid.Int64, parent))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("migrate: %s: check foreign keys: %w", file, err)
	}
	if total > 0 {
		return fmt.Errorf("%w: %s: %d row(s) would reference rows that do not exist: %s; nothing was changed (the migration's transaction was rolled back): fix or delete these rows, then migrate again",
			ErrMigrationFailed, file, total, strings.Join(dangling, "; "))
	}
	return nil
}
