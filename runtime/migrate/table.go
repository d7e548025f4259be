package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/authgen/authgen/runtime/db"
)

// tableName is where applied migrations are recorded.
const tableName = "authgen_migrations"

// The table's DDL differs only in the timestamp type, by the project's convention.
// down_checksum is null in the records of migrations applied before down files were
// checksummed: their down files are not compared.
var createTable = map[db.Dialect]string{
	db.SQLite:   `CREATE TABLE IF NOT EXISTS "authgen_migrations" ("name" varchar(255) NOT NULL PRIMARY KEY, "checksum" varchar(64) NOT NULL, "applied_at" datetime NOT NULL, "down_checksum" varchar(64) NULL)`,
	db.Postgres: `CREATE TABLE IF NOT EXISTS "authgen_migrations" ("name" varchar(255) NOT NULL PRIMARY KEY, "checksum" varchar(64) NOT NULL, "applied_at" timestamptz NOT NULL, "down_checksum" varchar(64) NULL)`,
}

// addDownChecksum brings a table made before down files were checksummed up to date.
const addDownChecksum = `ALTER TABLE "authgen_migrations" ADD COLUMN "down_checksum" varchar(64) NULL`

// downChecksumExists asks the catalogue whether the table has its down_checksum column.
var downChecksumExists = map[db.Dialect]string{
	db.SQLite:   `SELECT count(*) > 0 FROM pragma_table_info('authgen_migrations') WHERE name = 'down_checksum'`,
	db.Postgres: `SELECT count(*) > 0 FROM pg_attribute WHERE attrelid = to_regclass('authgen_migrations') AND attname = 'down_checksum' AND NOT attisdropped`,
}

// tableExists asks the catalogue rather than creating the table, so that Status works for a
// user who may only read. to_regclass follows search_path, as CREATE TABLE does.
var tableExists = map[db.Dialect]string{
	db.SQLite:   `SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = $1`,
	db.Postgres: `SELECT to_regclass($1) IS NOT NULL`,
}

// querier is what the table's functions need from a *sql.Conn or a *sql.Tx.
type querier = db.Querier

// record is one row of authgen_migrations.
type record struct {
	checksum  string
	appliedAt time.Time
	// downChecksum is "" when the migration was applied before down files were checksummed.
	downChecksum string
}

func hasTable(ctx context.Context, q querier, d db.Dialect) (bool, error) {
	var ok bool
	if err := q.QueryRowContext(ctx, tableExists[d], tableName).Scan(&ok); err != nil {
		return false, fmt.Errorf("migrate: look for %s: %w", tableName, err)
	}
	return ok, nil
}

// ensureTable creates the table when it is missing. It looks first so that an app whose
// database user may not create tables still starts once the table exists.
func ensureTable(ctx context.Context, q querier, d db.Dialect) error {
	ok, err := hasTable(ctx, q, d)
	if err != nil || ok {
		return err
	}
	if _, err := q.ExecContext(ctx, createTable[d]); err != nil {
		return fmt.Errorf("migrate: create %s: %w", tableName, err)
	}
	return nil
}

// upgradeTable adds the down_checksum column to a table made before it existed. It runs
// under the migration lock, before the records are read.
func upgradeTable(ctx context.Context, q querier, d db.Dialect) error {
	ok, err := hasDownChecksum(ctx, q, d)
	if err != nil || ok {
		return err
	}
	if _, err := q.ExecContext(ctx, addDownChecksum); err != nil {
		// On SQLite, which has no migration lock, another process may have added it first.
		if ok, _ := hasDownChecksum(ctx, q, d); ok {
			return nil
		}
		return fmt.Errorf("migrate: add down_checksum to %s: %w", tableName, err)
	}
	return nil
}

func hasDownChecksum(ctx context.Context, q querier, d db.Dialect) (bool, error) {
	var ok bool
	if err := q.QueryRowContext(ctx, downChecksumExists[d]).Scan(&ok); err != nil {
		return false, fmt.Errorf("migrate: look for %s.down_checksum: %w", tableName, err)
	}
	return ok, nil
}

// readApplied returns the recorded migrations by name. It reads a table made before down
// files were checksummed too (Status does not change the table), as without down checksums.
func readApplied(ctx context.Context, q querier, d db.Dialect) (map[string]record, error) {
	query := `SELECT "name", "checksum", "applied_at", "down_checksum" FROM "authgen_migrations"`
	if ok, err := hasDownChecksum(ctx, q, d); err != nil {
		return nil, err
	} else if !ok {
		query = `SELECT "name", "checksum", "applied_at", NULL FROM "authgen_migrations"`
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("migrate: read %s: %w", tableName, err)
	}
	defer rows.Close()
	applied := map[string]record{}
	for rows.Next() {
		var name string
		var r record
		var at db.Time
		var down sql.NullString
		if err := rows.Scan(&name, &r.checksum, &at, &down); err != nil {
			return nil, fmt.Errorf("migrate: read %s: %w", tableName, err)
		}
		r.appliedAt, r.downChecksum = at.Time, down.String
		applied[name] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("migrate: read %s: %w", tableName, err)
	}
	return applied, nil
}

// recordedChecksum returns the checksum of the up file recorded for name, and false when
// name is not recorded.
func recordedChecksum(ctx context.Context, q querier, name string) (string, bool, error) {
	var sum string
	err := q.QueryRowContext(ctx, `SELECT "checksum" FROM "authgen_migrations" WHERE "name" = $1`, name).Scan(&sum)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("migrate: read %s: %w", tableName, err)
	}
	return sum, true, nil
}

func insertRecord(ctx context.Context, q querier, m migration, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO "authgen_migrations" ("name", "checksum", "applied_at", "down_checksum") VALUES ($1, $2, $3, $4)`,
		m.name, m.checksum, at, m.downChecksum)
	if err != nil {
		return fmt.Errorf("migrate: record %s: %w", m.name, err)
	}
	return nil
}

func deleteRecord(ctx context.Context, q querier, name string) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM "authgen_migrations" WHERE "name" = $1`, name); err != nil {
		return fmt.Errorf("migrate: remove the record of %s: %w", name, err)
	}
	return nil
}
