package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authgen/authgen/examples/store/store"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

// The example cannot import runtime/internal/dbtest (Go's internal rule), so this is the same
// contract in small: SQLite always, and the project's PostgreSQL in a fresh schema, skipped
// when unreachable unless AUTHGEN_REQUIRE_POSTGRES=1 (CI), where it fails.

var dialects = []db.Dialect{db.SQLite, db.Postgres}

func postgresURL() string {
	if u := os.Getenv("AUTHGEN_POSTGRES_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// databaseURL returns the URL of an empty database of the dialect, dropped when the test ends.
func databaseURL(t testing.TB, dialect db.Dialect) string {
	t.Helper()
	if dialect == db.SQLite {
		return "sqlite://" + filepath.Join(t.TempDir(), "store.db")
	}
	admin, err := db.Open(postgresURL())
	if err == nil {
		err = admin.PingContext(context.Background())
	}
	if err != nil {
		if os.Getenv("AUTHGEN_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("PostgreSQL is required (AUTHGEN_REQUIRE_POSTGRES=1) but unreachable: %v", err)
		}
		t.Skipf("PostgreSQL unreachable, skipping: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "store_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	sep := "?"
	if strings.Contains(postgresURL(), "?") {
		sep = "&"
	}
	return postgresURL() + sep + "search_path=" + schema
}

// migratedDB opens a fresh database of the dialect with the store's migrations applied.
func migratedDB(t testing.TB, dialect db.Dialect) *db.DB {
	t.Helper()
	d, err := db.Open(databaseURL(t, dialect))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	sub, err := fs.Sub(store.Migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	set, err := migrate.ForDialect(sub, d.Dialect)
	if err != nil {
		t.Fatal(err)
	}
	m, err := migrate.New(d, set)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Up(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}
