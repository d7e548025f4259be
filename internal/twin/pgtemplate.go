package twin

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os/exec"
	"slices"
	"testing"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// Django's migrations on PostgreSQL cost every run seconds of Python and of the server, and
// most of a Django side's start. So the first run migrates a database of its own and keeps
// it on the server, named by the hash of the project's files (as migratedCache keeps the
// SQLite file), and every run's database is a copy of it: CREATE DATABASE … TEMPLATE takes
// a fraction of a second. A change to any file of the project is another name, so it is
// migrated again; the databases kept for the project's earlier files are dropped then.

// templatePrefix begins the name of every kept database; the twin's name and the hash follow.
const templatePrefix = "authgen_twin_"

// djangoPostgres names a fresh PostgreSQL database for the Django original, which
// migrateDjangoPostgres makes, dropped when the test ends.
func djangoPostgres(t *testing.T) djangoDB {
	t.Helper()
	u, err := url.Parse(dbtest.PostgresURL())
	if err != nil {
		t.Fatal(err)
	}
	name := "twin_" + randomHex()
	u.Path = "/" + name
	t.Cleanup(func() {
		if err := withAdmin(context.Background(), func(admin *db.DB) error {
			_, err := admin.Exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`)
			return err
		}); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
	})
	return djangoDB{pg: u, schema: "public"}
}

// migrateDjangoPostgres makes the side's database: a copy of the project's migrated one, made
// first by manage.py migrate when the server has none for these project files.
func migrateDjangoPostgres(ctx context.Context, project, twin string, database djangoDB, env []string) error {
	sum, err := projectHash(project)
	if err != nil {
		return err
	}
	template := templatePrefix + twin + "_" + sum[:16]
	return withAdmin(ctx, func(admin *db.DB) error {
		if _, err := admin.ExecContext(ctx, `CREATE DATABASE "`+database.name()+`" TEMPLATE "`+template+`"`); err == nil {
			return nil
		}
		if err := keepMigrated(ctx, admin, project, twin, template, database, env); err != nil {
			return err
		}
		_, err := admin.ExecContext(ctx, `CREATE DATABASE "`+database.name()+`" TEMPLATE "`+template+`"`)
		return err
	})
}

// keepMigrated migrates a database of its own and renames it to template, so that no run
// copies a database half migrated; if another run kept one first, it drops its own. Then it
// drops the databases kept for the twin's earlier project files.
func keepMigrated(ctx context.Context, admin *db.DB, project, twin, template string, database djangoDB, env []string) error {
	build := template + "_" + randomHex()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE "`+build+`"`); err != nil {
		return err
	}
	drop := func(name string) { _, _ = admin.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`) }
	u := *database.pg
	u.Path = "/" + build
	into := djangoDB{pg: &u, schema: "public"}
	if err := migrateInto(ctx, project, into, slices.Concat(env, into.env())); err != nil {
		drop(build)
		return err
	}
	if _, err := admin.ExecContext(ctx, `ALTER DATABASE "`+build+`" RENAME TO "`+template+`"`); err != nil {
		drop(build)
		return nil // another run kept its copy first: the caller copies that one
	}
	rows, err := admin.QueryContext(ctx, `SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2`,
		templatePrefix+twin+"\\_%", template)
	if err != nil {
		return nil
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil && len(name) == len(template) {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		drop(name)
	}
	return nil
}

// migrateInto runs manage.py migrate into the database, and checks that the tables are
// there: a settings.py that ignores TWIN_PG_* would run on SQLite instead.
func migrateInto(ctx context.Context, project string, database djangoDB, env []string) error {
	cmd := exec.CommandContext(ctx, python, "manage.py", "migrate", "--noinput", "-v", "0")
	cmd.Dir = project
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("django migrate on PostgreSQL failed: %v\n%s", err, out)
	}
	conn, err := db.Open(database.pg.String())
	if err != nil {
		return err
	}
	defer conn.Close()
	var tables int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = $1 AND table_name = 'django_migrations'`, database.schema).Scan(&tables); err != nil {
		return err
	}
	if tables == 0 {
		return fmt.Errorf("%s/config/settings.py ignores TWIN_PG_NAME and the other TWIN_PG_* variables: "+
			"Django did not migrate PostgreSQL database %s (testdata/twins/README.md)", project, database.name())
	}
	return nil
}

// withAdmin runs fn on a connection to the test database, from which databases are made
// and dropped.
func withAdmin(ctx context.Context, fn func(admin *db.DB) error) error {
	admin, err := db.Open(dbtest.PostgresURL())
	if err != nil {
		return err
	}
	defer admin.Close()
	return fn(admin)
}

func randomHex() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
