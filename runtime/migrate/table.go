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
var createTable = map[db.Dialect]string{
	db.SQLite:   `CREATE TABLE IF NOT EXISTS "authgen_migrations" ("name" varchar(255) NOT NULL PRIMARY KEY, "checksum" varchar(64) NOT NULL, "applied_at" datetime NOT NULL)`,
	db.Postgres: `CREATE TABLE IF NOT EXISTS "authgen_migrations" ("name" varchar(255) NOT NULL PRIMARY KEY, "checksum" varchar(64) NOT NULL, "applied_at" timestamptz NOT NULL)`,
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

// readApplied returns the recorded migrations by name.
func readApplied(ctx context.Context, q querier) (map[string]record, error) {
	rows, err := q.QueryContext(ctx, `SELECT "name", "checksum", "applied_at" FROM "authgen_migrations"`)
	if err != nil {
		return nil, fmt.Errorf("migrate: read %s: %w", tableName, err)
	}
	defer rows.Close()
	applied := map[string]record{}
	for rows.Next() {
		var name string
		var r record
		var at db.Time
		if err := rows.Scan(&name, &r.checksum, &at); err != nil {
			return nil, fmt.Errorf("migrate: read %s: %w", tableName, err)
		}
		r.appliedAt = at.Time
		applied[name] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("migrate: read %s: %w", tableName, err)
	}
	return applied, nil
}

// recordedChecksum returns the checksum recorded for name, and false when name is not
// recorded.
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
	_, err := q.ExecContext(ctx, `INSERT INTO "authgen_migrations" ("name", "checksum", "applied_at") VALUES ($1, $2, $3)`,
		m.name, m.checksum, at)
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
