// Package dbtest gives runtime tests a real database on each dialect: a fresh SQLite file, and
// a fresh schema on the PostgreSQL of the project's machines. PostgreSQL tests skip when the
// server is unreachable, unless AUTHGEN_REQUIRE_POSTGRES=1 (set by CI), where they fail.
package dbtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/templates"
)

// PostgresURL is the server the project's machines start before each session and CI run;
// AUTHGEN_POSTGRES_URL overrides it.
func PostgresURL() string {
	if u := os.Getenv("AUTHGEN_POSTGRES_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// Dialects lists the dialects every database test runs on.
var Dialects = []db.Dialect{db.SQLite, db.Postgres}

// Open returns an empty database of the dialect, removed when the test ends.
func Open(t testing.TB, dialect db.Dialect) *db.DB {
	t.Helper()
	if dialect == db.SQLite {
		d, err := db.Open("sqlite://" + filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	return openPostgres(t)
}

// URL returns a database URL of the dialect for a program under test (a fresh SQLite file or
// a fresh PostgreSQL schema, dropped when the test ends).
func URL(t testing.TB, dialect db.Dialect) string {
	t.Helper()
	if dialect == db.SQLite {
		return "sqlite://" + filepath.Join(t.TempDir(), "test.db")
	}
	_, u := freshSchema(t)
	return u
}

// PostgresSchema returns a fresh PostgreSQL schema, dropped when the test ends, and the URL
// of the test database with that schema first on its search_path; a program that takes
// no URL (Django) reaches it through PGOPTIONS="-c search_path=<schema>".
func PostgresSchema(t testing.TB) (schema, url string) {
	t.Helper()
	return freshSchema(t)
}

func openPostgres(t testing.TB) *db.DB {
	t.Helper()
	_, u := freshSchema(t)
	d, err := db.Open(u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func freshSchema(t testing.TB) (string, string) {
	t.Helper()
	admin, err := db.Open(PostgresURL())
	if err != nil {
		if os.Getenv("AUTHGEN_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("PostgreSQL is required (AUTHGEN_REQUIRE_POSTGRES=1) but unreachable: %v", err)
		}
		t.Skipf("PostgreSQL unreachable, skipping: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	sep := "?"
	if strings.Contains(PostgresURL(), "?") {
		sep = "&"
	}
	// The application name tells a test's own sessions from those of the tests running
	// beside it on the same server (pg_stat_activity), e.g. who holds a database-wide lock.
	return schema, PostgresURL() + sep + "search_path=" + schema + "&application_name=" + schema
}

// AuthSchema returns the built-in tables' DDL (templates/sql/<dialect>/auth.sql) with the
// given extra auth_user column definitions (each like `, "display_name" varchar(50) NOT NULL`).
func AuthSchema(dialect db.Dialect, userColumns string) (string, error) {
	raw, err := templates.FS.ReadFile("sql/" + string(dialect) + "/auth.sql")
	if err != nil {
		return "", err
	}
	tmpl, err := template.New("auth").Parse(string(raw))
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	if err := tmpl.Execute(&out, map[string]string{"UserColumns": userColumns}); err != nil {
		return "", err
	}
	return out.String(), nil
}

// OpenAuth returns a database of the dialect with the built-in tables created.
func OpenAuth(t testing.TB, dialect db.Dialect) *db.DB {
	t.Helper()
	d, _ := OpenAuthURL(t, dialect)
	return d
}

// OpenAuthURL is OpenAuth, with the URL the database was opened from, for what opens
// connections of its own (a listener).
func OpenAuthURL(t testing.TB, dialect db.Dialect) (*db.DB, string) {
	t.Helper()
	url := URL(t, dialect)
	d, err := db.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	ddl, err := AuthSchema(dialect, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range SplitStatements(ddl) {
		if _, err := d.ExecContext(context.Background(), stmt); err != nil {
			t.Fatalf("create auth tables: %v\n%s", err, stmt)
		}
	}
	return d, url
}

// SplitStatements splits SQL text on semicolons at line ends, dropping comment lines.
func SplitStatements(sqlText string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sqlText, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

// Each runs fn once per dialect as a subtest named after it.
func Each(t *testing.T, fn func(t *testing.T, dialect db.Dialect)) {
	for _, d := range Dialects {
		t.Run(string(d), func(t *testing.T) { fn(t, d) })
	}
}

// NewUser inserts an active user with an unusable password into auth_user and returns its id.
func NewUser(t testing.TB, d *db.DB, username string) int64 {
	t.Helper()
	var id int64
	err := d.QueryRowContext(context.Background(),
		`INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		"!", false, username, "", "", username+"@example.com", false, true, time.Now().UTC()).Scan(&id)
	if err != nil {
		t.Fatalf("insert user %s: %v", username, err)
	}
	return id
}
