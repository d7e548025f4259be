package main

import (
	"context"
	"io/fs"
	"testing"

	"github.com/authgen/authgen/examples/store/store"
	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

// dialects are the databases every test of the example runs on.
var dialects = dbtest.Dialects

// databaseURL returns the URL of an empty database of the dialect, dropped when the test ends.
func databaseURL(t testing.TB, dialect db.Dialect) string { return dbtest.URL(t, dialect) }

// migratedDB opens a fresh database of the dialect with the store's migrations applied.
func migratedDB(t testing.TB, dialect db.Dialect) *db.DB {
	t.Helper()
	d := dbtest.Open(t, dialect)
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
