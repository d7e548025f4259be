package main

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"maps"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/examples/store/store"
	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

// TestDjangoParity: the schema the store's migrations make is the one Django 3.2 makes for
// the reference app's models. On fresh SQLite files and fresh PostgreSQL schemas, the
// reference's `manage.py migrate` makes one database and authgen's migrations of the store
// the other; both are read from the catalogue (SQLite: sqlite_master and the table_info,
// index_list, index_info and foreign_key_list pragmas; PostgreSQL: pg_catalog) and compared
// table by table, column by column (type, nullability, primary key, what fills the id),
// constraint by constraint (unique, check, foreign keys with their target, ON DELETE and
// deferral) and index by index (name, columns, uniqueness, PostgreSQL's definition). Equal,
// but for parityAllowed. Then Django adopts authgen's database with `migrate --fake` (its schema is Django's current one, so there is nothing to run),
// the ORM writes and deletes through it, and it is still the same.
//
// Not compared: the order of columns (Django's own two databases disagree: on SQLite its
// table rebuilds moved auth_user.first_name and simplejwt's ids last), and triggers (a
// cache may add its own on the auth tables; they are no part of Django's schema).
func TestDjangoParity(t *testing.T) {
	if testing.Short() {
		t.Skip("the parity test runs the reference app: not in -short")
	}
	requireReference(t)
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			djangoEnv, djangoURL := parityDatabase(t, dialect)
			_, authgenURL := parityDatabase(t, dialect)

			djangoManage(t, djangoEnv, "migrate", "--noinput", "-v", "0")
			dj := openURL(t, djangoURL)
			ag := openURL(t, authgenURL)
			migrateStore(t, ag)

			want := readSchema(t, dj)
			requireParity(t, dialect, want, readSchema(t, ag), true)

			// Django adopts the database authgen made: its schema is Django's current one,
			// so every migration is recorded as applied (`migrate --fake`), and the ORM
			// writes and deletes through it.
			agEnv := envFor(t, dialect, authgenURL)
			out := djangoManage(t, agEnv, "shell", "-c", djangoAdopts)
			require.Contains(t, out, "Applying store.0001_initial... FAKED")
			require.Contains(t, out, "RESULT ok")
			// django_migrations is in both now: the list may name more than differs.
			requireParity(t, dialect, want, readSchema(t, ag), false)
		})
	}
}

// djangoAdopts records Django's migrations as applied (`migrate --fake`: in the same
// process, one start of Django the fewer), then uses the database through Django's ORM: a
// user with a group, a DRF token, an outstanding JWT, a product with a review and an order;
// then deletes the user, which Django's Collector cascades (and sets the token's user null)
// over the foreign keys.
const djangoAdopts = `
from django.core.management import call_command
call_command("migrate", fake=True, interactive=False, verbosity=1)
from django.contrib.auth.models import Group, Permission, User
from rest_framework.authtoken.models import Token
from rest_framework_simplejwt.tokens import RefreshToken
from store.models import Order, Product, Review
u = User.objects.create_user("parity", password="Parity-passw0rd")
g = Group.objects.create(name="parity")
g.permissions.add(Permission.objects.get(codename="view_product"))
u.groups.add(g)
Token.objects.create(user=u)
RefreshToken.for_user(u)
p = Product.objects.create(name="p", description="d", price="1.50")
Review.objects.create(product=p, owner=u, rating=5)
Order.objects.create(product=p, owner=u, quantity=2)
assert u.has_perm("store.view_product")
u.delete()
assert not Review.objects.exists() and not Order.objects.exists()
print("RESULT ok")
`

// parityAllowed are the differences between Django's database and authgen's that are
// meant, each with why. Every one must still occur (a fixed difference leaves the list).
var parityAllowed = []struct {
	dialect db.Dialect // "" for both
	what    string     // a difference's key, as requireParity names it
	why     string
}{
	{"", "table django_migrations", "Django's record of its migrations; authgen keeps its own"},
	{"", "table authgen_migrations", "authgen's record of its migrations (with checksums); Django keeps django_migrations"},
	{"", "table authgen_object_permission", "authgen's per-object grants, which Django has no table for"},
}

// parityDatabase is a fresh database: an SQLite file, or a PostgreSQL schema of the test
// database. It returns the reference app's environment for it and its URL.
func parityDatabase(t *testing.T, dialect db.Dialect) (env []string, url string) {
	if dialect == db.SQLite {
		path := filepath.Join(t.TempDir(), "parity.sqlite3")
		return []string{"REF_DB=" + path}, "sqlite://" + path
	}
	schema, url := dbtest.PostgresSchema(t)
	return []string{"REF_PG=test", "PGOPTIONS=-c search_path=" + schema}, url
}

func envFor(t *testing.T, dialect db.Dialect, url string) []string {
	if dialect == db.SQLite {
		return []string{"REF_DB=" + strings.TrimPrefix(url, "sqlite://")}
	}
	schema := regexp.MustCompile(`search_path=([a-z0-9_]+)`).FindStringSubmatch(url)
	require.NotNil(t, schema, url)
	return []string{"REF_PG=test", "PGOPTIONS=-c search_path=" + schema[1]}
}

func djangoManage(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(referenceDir(t), "run.sh"), append([]string{"manage"}, args...)...)
	cmd.Env = append(cmd.Environ(), append(env, "SECRET_KEY="+sharedSecret)...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "manage.py %s:\n%s", strings.Join(args, " "), out)
	return string(out)
}

func openURL(t *testing.T, url string) *db.DB {
	t.Helper()
	d, err := db.Open(url)
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	return d
}

// migrateStore applies the store's migrations, as `store migrate` does.
func migrateStore(t *testing.T, d *db.DB) {
	t.Helper()
	sub, err := fs.Sub(store.Migrations, "migrations")
	require.NoError(t, err)
	set, err := migrate.ForDialect(sub, d.Dialect)
	require.NoError(t, err)
	m, err := migrate.New(d, set)
	require.NoError(t, err)
	_, err = m.Up(context.Background())
	require.NoError(t, err)
}

// dbSchema is a database as its catalogue describes it, every fact a line of text keyed by
// what it is about ("column auth_user.username", "index auth_user.auth_user_username_…").
type dbSchema map[string]string

func readSchema(t *testing.T, d *db.DB) dbSchema {
	t.Helper()
	if d.Dialect == db.Postgres {
		return readPostgres(t, d)
	}
	return readSQLite(t, d)
}

func readSQLite(t *testing.T, d *db.DB) dbSchema {
	out := dbSchema{}
	tables := map[string]string{}
	rows(t, d, `SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'table' AND "name" <> 'sqlite_sequence'`, func(r *sql.Rows) {
		var name, text string
		require.NoError(t, r.Scan(&name, &text))
		tables[name] = text
	})
	check := regexp.MustCompile(`CHECK \(([^()]|\([^()]*\))*\)`)
	for name, text := range tables {
		out["table "+name] = "exists"
		q := `"` + name + `"`
		rows(t, d, `PRAGMA table_info(`+q+`)`, func(r *sql.Rows) {
			var cid, notNull, pk int
			var col, typ string
			var def sql.NullString
			require.NoError(t, r.Scan(&cid, &col, &typ, &notNull, &def, &pk))
			fact := fmt.Sprintf("%s not null=%v primary key=%v default=%v", strings.ToLower(typ), notNull == 1, pk > 0, def.String)
			if pk > 0 && strings.Contains(text, "AUTOINCREMENT") {
				fact += " autoincrement"
			}
			out["column "+name+"."+col] = fact
		})
		if checks := check.FindAllString(text, -1); len(checks) > 0 {
			slices.Sort(checks)
			out["check "+name] = strings.Join(checks, "; ")
		}
		type index struct {
			name, origin string
			unique       bool
			partial      int
		}
		var indexes []index
		rows(t, d, `PRAGMA index_list(`+q+`)`, func(r *sql.Rows) {
			var ix index
			var seq, unique int
			require.NoError(t, r.Scan(&seq, &ix.name, &unique, &ix.origin, &ix.partial))
			ix.unique = unique == 1
			indexes = append(indexes, ix)
		})
		for _, ix := range indexes {
			var cols []string
			rows(t, d, `PRAGMA index_info("`+ix.name+`")`, func(r *sql.Rows) {
				var seqno, cid int
				var col string
				require.NoError(t, r.Scan(&seqno, &cid, &col))
				cols = append(cols, col)
			})
			fact := fmt.Sprintf("(%s) unique=%v partial=%v", strings.Join(cols, ", "), ix.unique, ix.partial == 1)
			if ix.origin == "c" {
				out["index "+name+"."+ix.name] = fact
			} else {
				// UNIQUE and PRIMARY KEY constraints: SQLite numbers their indexes in the
				// order of the table's columns, which is not compared.
				out["constraint "+name+"."+ix.origin+"("+strings.Join(cols, ",")+")"] = fact
			}
		}
		rows(t, d, `PRAGMA foreign_key_list(`+q+`)`, func(r *sql.Rows) {
			var id, seq int
			var parent, from, onUpdate, onDelete, match string
			var to sql.NullString
			require.NoError(t, r.Scan(&id, &seq, &parent, &from, &to, &onUpdate, &onDelete, &match))
			deferred := regexp.MustCompile(`"` + from + `" [^,]*REFERENCES [^,]*DEFERRABLE INITIALLY DEFERRED`).MatchString(text)
			out["foreign_key "+name+"."+from] = fmt.Sprintf("references %s(%s) on update %s on delete %s deferred=%v",
				parent, to.String, onUpdate, onDelete, deferred)
		})
	}
	return out
}

func readPostgres(t *testing.T, d *db.DB) dbSchema {
	out := dbSchema{}
	var tables []string
	rows(t, d, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'r'`, func(r *sql.Rows) {
		var name string
		require.NoError(t, r.Scan(&name))
		tables = append(tables, name)
	})
	schemaPrefix := regexp.MustCompile(`\b[a-z0-9_]+\.`)
	for _, name := range tables {
		out["table "+name] = "exists"
		rel := `"` + name + `"`
		rows(t, d, `SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
				coalesce(pg_get_expr(ad.adbin, ad.adrelid), ''),
				coalesce((SELECT format_type(s.seqtypid, NULL) FROM pg_sequence s
					WHERE s.seqrelid = pg_get_serial_sequence($1, a.attname)::regclass), '')
			FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
			WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`, func(r *sql.Rows) {
			var col, typ, identity, def, seqType string
			var notNull bool
			require.NoError(t, r.Scan(&col, &typ, &notNull, &identity, &def, &seqType))
			fact := fmt.Sprintf("%s not null=%v identity=%q default=%s", typ, notNull, identity, schemaPrefix.ReplaceAllString(def, ""))
			if seqType != "" {
				fact += " sequence as " + seqType
			}
			out["column "+name+"."+col] = fact
		}, rel)
		rows(t, d, `SELECT con.conname, pg_get_constraintdef(con.oid), con.condeferrable, con.condeferred
			FROM pg_constraint con WHERE con.conrelid = $1::regclass`, func(r *sql.Rows) {
			var con, def string
			var deferrable, deferred bool
			require.NoError(t, r.Scan(&con, &def, &deferrable, &deferred))
			out["constraint "+name+"."+con] = fmt.Sprintf("%s deferrable=%v deferred=%v", schemaPrefix.ReplaceAllString(def, ""), deferrable, deferred)
		}, rel)
		rows(t, d, `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`, func(r *sql.Rows) {
			var ix, def string
			require.NoError(t, r.Scan(&ix, &def))
			out["index "+name+"."+ix] = schemaPrefix.ReplaceAllString(def, "")
		}, name)
	}
	return out
}

func rows(t *testing.T, d *db.DB, query string, fn func(r *sql.Rows), args ...any) {
	t.Helper()
	r, err := d.QueryContext(context.Background(), query, args...)
	require.NoError(t, err, query)
	defer r.Close()
	for r.Next() {
		fn(r)
	}
	require.NoError(t, r.Err())
}

// requireParity compares Django's schema with authgen's: every fact the same, but for the
// differences parityAllowed names, each of which must occur when everyOccurs.
func requireParity(t *testing.T, dialect db.Dialect, django, authgen dbSchema, everyOccurs bool) {
	t.Helper()
	var diffs []string
	used := map[int]bool{}
	allowed := func(key string) bool {
		for i, a := range parityAllowed {
			if (a.dialect == "" || a.dialect == dialect) && key == a.what {
				used[i] = true
				return true
			}
		}
		return false
	}
	keys := slices.Sorted(maps.Keys(django))
	for _, k := range slices.Sorted(maps.Keys(authgen)) {
		if _, ok := django[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		dj, inDjango := django[k]
		ag, inAuthgen := authgen[k]
		if dj == ag || allowed(k) || tableAllowed(k, dialect, used) {
			continue
		}
		switch {
		case !inAuthgen:
			diffs = append(diffs, fmt.Sprintf("%s: only Django's: %s", k, dj))
		case !inDjango:
			diffs = append(diffs, fmt.Sprintf("%s: only authgen's: %s", k, ag))
		default:
			diffs = append(diffs, fmt.Sprintf("%s:\n\tDjango:  %s\n\tauthgen: %s", k, dj, ag))
		}
	}
	require.Empty(t, diffs, "differences between Django's schema and authgen's (%s)", dialect)
	for i, a := range parityAllowed {
		if everyOccurs && (a.dialect == "" || a.dialect == dialect) {
			require.True(t, used[i], "parityAllowed's %q (%s) no longer differs: take it off the list", a.what, a.why)
		}
	}
}

// tableAllowed reports a fact about a table that parityAllowed lets differ whole.
func tableAllowed(key string, dialect db.Dialect, used map[int]bool) bool {
	_, rest, ok := strings.Cut(key, " ")
	if !ok {
		return false
	}
	table, _, _ := strings.Cut(rest, ".")
	for i, a := range parityAllowed {
		if (a.dialect == "" || a.dialect == dialect) && a.what == "table "+table {
			used[i] = true
			return true
		}
	}
	return false
}
