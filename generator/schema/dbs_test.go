package schema_test

import (
	"testing"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// openDB returns an empty database of the dialect, gone when the test ends. PostgreSQL
// statements are not cached: the tests read tables whose columns each step changes.
func openDB(t *testing.T, dialect db.Dialect) *db.DB {
	t.Helper()
	url := dbtest.URL(t, dialect)
	if dialect == db.Postgres {
		url += "&default_query_exec_mode=exec"
	}
	d, err := db.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// eachDialect runs fn once per dialect as a subtest.
func eachDialect(t *testing.T, fn func(t *testing.T, dialect db.Dialect)) { dbtest.Each(t, fn) }
