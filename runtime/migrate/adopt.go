package migrate

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/authgen/authgen/runtime/db"
)

// Adopting a database that Django made (Django's `migrate --fake-initial`): its tables are
// those of the initial migration, made by Django's own migrations, and authgen has no record
// yet. FakeInitial checks every table and column the initial migration would create against
// the database, records the migration as applied when they fit, and creates only the
// tables of authgen's own (named authgen_…) that Django does not have.

// ownTablePrefix names the tables only authgen creates; Django never has them.
const ownTablePrefix = "authgen_"

// optionalAppPrefixes name the tables of the Django apps authgen always has but a Django
// project installs only when it uses them: DRF's authtoken (TokenAuthentication) and
// simplejwt's token_blacklist. A Django database without them is adopted by creating them,
// in the shape Django's own migrations of those apps give them.
var optionalAppPrefixes = []string{"authtoken_", "token_blacklist_"}

// creatableOnAdoption reports whether adoption may create table t where the database lacks it.
func creatableOnAdoption(t string) bool {
	if strings.HasPrefix(t, ownTablePrefix) {
		return true
	}
	for _, prefix := range optionalAppPrefixes {
		if strings.HasPrefix(t, prefix) {
			return true
		}
	}
	return false
}

// ErrNotAdopted reports a database that holds the initial migration's tables although
// authgen has recorded no migration: a Django database, to be adopted with FakeInitial.
var ErrNotAdopted = errors.New("migrate: the database has the initial migration's tables but no record of it")

// ErrIncompatibleSchema reports, under FakeInitial, tables or columns of the database that
// do not fit what the initial migration would create. Nothing has been changed.
var ErrIncompatibleSchema = errors.New("migrate: the database's tables do not fit the initial migration")

// UpOption changes how Up and UpTo apply migrations.
type UpOption func(*upOptions)

type upOptions struct {
	fakeInitial bool
	adoption    *Adoption
}

// FakeInitial makes Up and UpTo adopt a database whose tables were made by Django: when the
// initial migration is pending and the tables it creates exist, it is checked and recorded
// instead of run (see Adoption). When report is not nil it receives what was done.
func FakeInitial(report *Adoption) UpOption {
	return func(o *upOptions) { o.fakeInitial, o.adoption = true, report }
}

// Adoption is what FakeInitial did.
type Adoption struct {
	Migration    string   // the initial migration, recorded as applied; "" when it was run
	Created      []string // the tables it created: authgen's own, and those of optional Django apps
	ContentTypes int      // content types it added (the spec's models Django does not know)
	Permissions  int      // permissions it added
}

// existingInitialTables returns the tables of the initial migration that exist already, when
// authgen has recorded nothing: Up must not run the initial migration over them.
func (m *Migrator) existingInitialTables(ctx context.Context, q querier) ([]string, error) {
	have, err := tables(ctx, q, m.db.Dialect)
	if err != nil {
		return nil, err
	}
	var found []string
	for _, t := range createdTables(m.set[0].up) {
		if have[t] && !strings.HasPrefix(t, ownTablePrefix) {
			found = append(found, t)
		}
	}
	return found, nil
}

// notAdoptedError names a few of the tables found.
func notAdoptedError(found []string) error {
	shown := found
	if len(shown) > 4 {
		shown = shown[:4]
	}
	more := ""
	if len(found) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(found)-len(shown))
	}
	return fmt.Errorf("%w: %s%s exist already (a Django database?)", ErrNotAdopted, strings.Join(shown, ", "), more)
}

// CheckAdopted returns an error wrapping ErrNotAdopted, naming the tables, when tables of
// the initial migration exist in a database where it is not recorded (for showmigrations
// and for commands that need a migrated database); nil otherwise.
func (m *Migrator) CheckAdopted(ctx context.Context) error {
	if len(m.set) == 0 {
		return nil
	}
	ok, err := hasTable(ctx, m.db, m.db.Dialect)
	if err != nil {
		return err
	}
	if ok {
		if _, done, err := recordedChecksum(ctx, m.db, m.set[0].name); err != nil || done {
			return err
		}
	}
	found, err := m.existingInitialTables(ctx, m.db)
	if err == nil && len(found) > 0 {
		err = notAdoptedError(found)
	}
	return err
}

// adopt checks the database against mig, the initial migration, and records it, in one
// transaction. It reports false when another process recorded it in the meantime.
func adopt(ctx context.Context, conn *sql.Conn, dialect db.Dialect, mig migration, report *Adoption) (bool, error) {
	want, err := initialSchema(ctx, conn, dialect, mig)
	if err != nil {
		return false, err
	}
	adopted := false
	err = inTx(ctx, conn, func(tx *sql.Tx) error {
		if err := ensureTable(ctx, tx, dialect); err != nil {
			return err
		}
		if _, done, err := recordedChecksum(ctx, tx, mig.name); err != nil || done {
			return err
		}
		have, err := tables(ctx, tx, dialect)
		if err != nil {
			return err
		}
		var problems, create []string
		for _, t := range want.tables {
			if !have[t] {
				if creatableOnAdoption(t) {
					create = append(create, t)
				} else {
					problems = append(problems, fmt.Sprintf("table %s is missing", t))
				}
				continue
			}
			got, err := columnsOf(ctx, tx, dialect, t)
			if err != nil {
				return err
			}
			problems = append(problems, columnProblems(t, want.columns[t], got)...)
		}
		if len(problems) > 0 {
			return fmt.Errorf("%w (nothing was changed):\n  %s", ErrIncompatibleSchema, strings.Join(problems, "\n  "))
		}
		for _, st := range parseStatements(mig.up) {
			if st.kind != "" && slices.Contains(create, st.table) {
				if _, err := tx.ExecContext(ctx, st.text); err != nil {
					return execError(mig.name+upSuffix, st.text, err)
				}
			}
		}
		cts, perms, err := addPermissions(ctx, tx, want.permissions)
		if err != nil {
			return err
		}
		if dialect == db.SQLite {
			if err := checkForeignKeys(ctx, tx, mig.name+upSuffix); err != nil {
				return err
			}
		}
		if err := insertRecord(ctx, tx, mig, time.Now().UTC().Truncate(time.Microsecond)); err != nil {
			return err
		}
		if report != nil {
			*report = Adoption{Migration: mig.name, Created: create, ContentTypes: cts, Permissions: perms}
		}
		adopted = true
		return nil
	})
	return adopted && err == nil, err
}

// schemaOf is what a migration creates: its tables in order, their columns, and the
// permissions it inserts.
type schemaOf struct {
	tables      []string
	columns     map[string][]column
	permissions []permission
}

// permission is a row of auth_permission with its content type.
type permission struct {
	appLabel, model, codename, name string
}

// initialSchema runs mig where it changes nothing, and reads back what it made: on SQLite in
// a private in-memory database, on PostgreSQL in a scratch schema of a transaction that is
// rolled back.
func initialSchema(ctx context.Context, conn *sql.Conn, dialect db.Dialect, mig migration) (*schemaOf, error) {
	if dialect == db.SQLite {
		scratch, err := db.Open("sqlite://:memory:")
		if err != nil {
			return nil, err
		}
		defer scratch.Close()
		var out *schemaOf
		err = scratch.InTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, mig.up); err != nil {
				return execError(mig.name+upSuffix, mig.up, err)
			}
			out, err = readSchema(ctx, tx, dialect, mig)
			return err
		})
		return out, err
	}
	var out *schemaOf
	err := inTx(ctx, conn, func(tx *sql.Tx) error {
		var suffix [8]byte
		_, _ = rand.Read(suffix[:])
		schema := `"authgen_fake_initial_` + hex.EncodeToString(suffix[:]) + `"`
		if _, err := tx.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
			return fmt.Errorf("migrate: create a scratch schema: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `SET LOCAL search_path TO `+schema); err != nil {
			return fmt.Errorf("migrate: use the scratch schema: %w", err)
		}
		if _, err := tx.ExecContext(ctx, mig.up); err != nil {
			return execError(mig.name+upSuffix, mig.up, err)
		}
		var err error
		if out, err = readSchema(ctx, tx, dialect, mig); err != nil {
			return err
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		err = nil
	}
	return out, err
}

// errRollback makes inTx roll back a transaction that did its job.
var errRollback = errors.New("rollback")

func readSchema(ctx context.Context, q querier, dialect db.Dialect, mig migration) (*schemaOf, error) {
	out := &schemaOf{tables: createdTables(mig.up), columns: map[string][]column{}}
	for _, t := range out.tables {
		cols, err := columnsOf(ctx, q, dialect, t)
		if err != nil {
			return nil, err
		}
		out.columns[t] = cols
	}
	if !slices.Contains(out.tables, "auth_permission") {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT ct."app_label", ct."model", p."codename", p."name"
		FROM "auth_permission" p JOIN "django_content_type" ct ON ct."id" = p."content_type_id" ORDER BY p."id"`)
	if err != nil {
		return nil, fmt.Errorf("migrate: read the permissions of %s: %w", mig.name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var p permission
		if err := rows.Scan(&p.appLabel, &p.model, &p.codename, &p.name); err != nil {
			return nil, err
		}
		out.permissions = append(out.permissions, p)
	}
	return out, rows.Err()
}

// addPermissions inserts the content types and permissions that the database lacks, as
// Django's post_migrate would for models it had not seen.
func addPermissions(ctx context.Context, tx *sql.Tx, perms []permission) (contentTypes, permissions int, err error) {
	for _, p := range perms {
		res, err := tx.ExecContext(ctx, `INSERT INTO "django_content_type" ("app_label", "model")
			SELECT CAST($1 AS text), CAST($2 AS text) WHERE NOT EXISTS (SELECT 1 FROM "django_content_type" WHERE "app_label" = $1 AND "model" = $2)`,
			p.appLabel, p.model)
		if err != nil {
			return 0, 0, fmt.Errorf("migrate: add content type %s.%s: %w", p.appLabel, p.model, err)
		}
		n, _ := res.RowsAffected()
		contentTypes += int(n)
		res, err = tx.ExecContext(ctx, `INSERT INTO "auth_permission" ("content_type_id", "codename", "name")
			SELECT ct."id", CAST($3 AS text), CAST($4 AS text) FROM "django_content_type" ct WHERE ct."app_label" = $1 AND ct."model" = $2
			AND NOT EXISTS (SELECT 1 FROM "auth_permission" p WHERE p."content_type_id" = ct."id" AND p."codename" = $3)`,
			p.appLabel, p.model, p.codename, p.name)
		if err != nil {
			return 0, 0, fmt.Errorf("migrate: add permission %s.%s: %w", p.appLabel, p.codename, err)
		}
		n, _ = res.RowsAffected()
		permissions += int(n)
	}
	return contentTypes, permissions, nil
}
