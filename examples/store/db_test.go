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

// migratedDBURL opens a fresh database of the dialect with the store's migrations applied,
// and returns it with the URL it was opened from.
func migratedDBURL(t testing.TB, dialect db.Dialect) (*db.DB, string) {
	t.Helper()
	url := dbtest.URL(t, dialect)
	d, err := db.Open(url)
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
	return d, url
}
