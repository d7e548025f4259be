package schema_test

import (
	"cmp"
	"context"
	"database/sql"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/schema"
	"github.com/authgen/authgen/runtime/db"
)

// dbTable is a table as the database's catalogue describes it, in terms a schema.State can
// be compared with.
type dbTable struct {
	Columns map[string]dbColumn
	Indexes []string // explicit indexes (not those behind UNIQUE and PRIMARY KEY), sorted
}

type dbColumn struct {
	Type       string // SQLite's declared type; PostgreSQL's in the spelling the state uses
	NotNull    bool
	PrimaryKey bool
	Unique     bool
	References string
	OnDelete   string // "NO ACTION" when none was given
	Deferrable bool   // DEFERRABLE INITIALLY DEFERRED
	// UniqueName and ForeignKey are the names of its constraints (PostgreSQL).
	UniqueName, ForeignKey string
	// Check is its CHECK constraint as the state names it (schema.CheckPositive, CheckJSON);
	// CheckName the constraint's name on PostgreSQL.
	Check, CheckName string
	Default          bool // the database keeps a DEFAULT (it never should, but a serial's)
	// Auto: AUTOINCREMENT (SQLite), or an identity or serial with its canonical sequence
	// (PostgreSQL).
	Auto bool
}

// expected describes the tables of a state as inspect reads them from a database.
func expected(s *schema.State, dialect db.Dialect) map[string]dbTable {
	out := map[string]dbTable{}
	for _, t := range s.Tables {
		dt := dbTable{Columns: map[string]dbColumn{}, Indexes: []string{}}
		for _, c := range t.Columns {
			col := dbColumn{
				Type: c.SQLite, NotNull: !c.Null || c.PrimaryKey, PrimaryKey: c.PrimaryKey, Unique: c.Unique,
				References: c.References, OnDelete: c.OnDelete, Auto: c.Type == schema.TypeAuto,
			}
			if col.References != "" {
				col.Deferrable = c.Deferrable
				if col.OnDelete == "" {
					col.OnDelete = "NO ACTION"
				}
			}
			if c.Check == schema.CheckPositive || c.Check == schema.CheckJSON && dialect == db.SQLite {
				col.Check = c.Check
			}
			if dialect == db.Postgres {
				if col.Check != "" {
					col.CheckName = t.Name + "_" + c.Name + "_check"
				}
				col.Type = map[string]string{"serial": "integer", "bigserial": "bigint"}[c.Postgres]
				if col.Type == "" {
					col.Type = c.Postgres
				}
				if c.Unique {
					col.UniqueName = cmp.Or(c.UniqueName, t.Name+"_"+c.Name+"_key")
				}
				if c.References != "" {
					col.ForeignKey = cmp.Or(c.ForeignKey, t.Name+"_"+c.Name+"_fkey")
				}
			}
			dt.Columns[c.Name] = col
		}
		for _, ix := range t.Indexes {
			if !ix.Postgres || dialect == db.Postgres {
				dt.Indexes = append(dt.Indexes, ix.NameOn(string(dialect)))
			}
		}
		slices.Sort(dt.Indexes)
		out[t.Name] = dt
	}
	return out
}

// inspect reads every table of the database but the migrator's own.
func inspect(t *testing.T, d *db.DB) map[string]dbTable {
	t.Helper()
	if d.Dialect == db.Postgres {
		return inspectPostgres(t, d)
	}
	return inspectSQLite(t, d)
}

func inspectSQLite(t *testing.T, d *db.DB) map[string]dbTable {
	ctx := context.Background()
	out := map[string]dbTable{}
	type table struct{ name, sql string }
	var tables []table
	each(t, d, `SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'table' AND "name" NOT IN ('sqlite_sequence', 'authgen_migrations')`, func(r *sql.Rows) {
		var tb table
		require.NoError(t, r.Scan(&tb.name, &tb.sql))
		tables = append(tables, tb)
	})
	for _, tb := range tables {
		dt := dbTable{Columns: map[string]dbColumn{}, Indexes: []string{}}
		q := `"` + tb.name + `"`
		each(t, d, `PRAGMA table_info(`+q+`)`, func(r *sql.Rows) {
			var cid, notNull, pk int
			var name, typ string
			var def sql.NullString
			require.NoError(t, r.Scan(&cid, &name, &typ, &notNull, &def, &pk))
			dt.Columns[name] = dbColumn{Type: strings.ToLower(typ), NotNull: notNull == 1, PrimaryKey: pk > 0, Default: def.Valid,
				Auto: pk > 0 && strings.Contains(tb.sql, "AUTOINCREMENT")}
		})
		var uniques []string
		each(t, d, `PRAGMA index_list(`+q+`)`, func(r *sql.Rows) {
			var seq, unique, partial int
			var name, origin string
			require.NoError(t, r.Scan(&seq, &name, &unique, &origin, &partial))
			switch origin {
			case "u":
				uniques = append(uniques, name)
			case "c":
				dt.Indexes = append(dt.Indexes, name)
			}
		})
		for _, ix := range uniques {
			var cols []string
			each(t, d, `PRAGMA index_info("`+ix+`")`, func(r *sql.Rows) {
				var seqno, cid int
				var name string
				require.NoError(t, r.Scan(&seqno, &cid, &name))
				cols = append(cols, name)
			})
			require.Len(t, cols, 1, "%s: a UNIQUE constraint of one column", tb.name)
			c := dt.Columns[cols[0]]
			c.Unique = true
			dt.Columns[cols[0]] = c
		}
		each(t, d, `PRAGMA foreign_key_list(`+q+`)`, func(r *sql.Rows) {
			var id, seq int
			var parent, from, onUpdate, onDelete, match string
			var to sql.NullString
			require.NoError(t, r.Scan(&id, &seq, &parent, &from, &to, &onUpdate, &onDelete, &match))
			c := dt.Columns[from]
			c.References, c.OnDelete = parent, onDelete
			c.Deferrable = regexp.MustCompile(`"` + from + `" [^,]*DEFERRABLE INITIALLY DEFERRED`).MatchString(tb.sql)
			dt.Columns[from] = c
		})
		for col, check := range sqliteChecks(t, tb.sql) {
			c := dt.Columns[col]
			c.Check = check
			dt.Columns[col] = c
		}
		slices.Sort(dt.Indexes)
		out[tb.name] = dt
	}
	_ = ctx
	return out
}

var (
	positiveCheck = regexp.MustCompile(`^"(\w+)" >= 0$`)
	jsonCheck     = regexp.MustCompile(`^\(JSON_VALID\("(\w+)"\) OR "(\w+)" IS NULL\)$`)
)

// sqliteChecks reads the CHECK constraints of a CREATE TABLE: the column each is about, and
// which it is, as the state names it. A CHECK of another form fails the test.
func sqliteChecks(t *testing.T, create string) map[string]string {
	out := map[string]string{}
	for rest := create; ; {
		i := strings.Index(rest, "CHECK (")
		if i < 0 {
			return out
		}
		rest = rest[i+len("CHECK ("):]
		depth, end := 1, 0
		for end = 0; depth > 0; end++ {
			switch rest[end] {
			case '(':
				depth++
			case ')':
				depth--
			}
		}
		cond := rest[:end-1]
		if m := positiveCheck.FindStringSubmatch(cond); m != nil {
			out[m[1]] = schema.CheckPositive
		} else if m := jsonCheck.FindStringSubmatch(cond); m != nil && m[1] == m[2] {
			out[m[1]] = schema.CheckJSON
		} else {
			t.Fatalf("an unexpected CHECK (%s) in %s", cond, create)
		}
	}
}

var (
	pgVarchar = regexp.MustCompile(`^character varying\((\d+)\)$`)
	pgNumeric = regexp.MustCompile(`^numeric\((\d+),(\d+)\)$`)
)

// pgType spells a format_type() result as the state does.
func pgType(s string) string {
	if m := pgVarchar.FindStringSubmatch(s); m != nil {
		return "varchar(" + m[1] + ")"
	}
	if m := pgNumeric.FindStringSubmatch(s); m != nil {
		return "numeric(" + m[1] + ", " + m[2] + ")"
	}
	if s == "timestamp with time zone" {
		return "timestamptz"
	}
	return s
}

var pgOnDelete = map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

func inspectPostgres(t *testing.T, d *db.DB) map[string]dbTable {
	out := map[string]dbTable{}
	var tables []string
	each(t, d, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'authgen_migrations'`, func(r *sql.Rows) {
		var name string
		require.NoError(t, r.Scan(&name))
		tables = append(tables, name)
	})
	for _, name := range tables {
		dt := dbTable{Columns: map[string]dbColumn{}, Indexes: []string{}}
		rel := `"` + name + `"`
		each(t, d, `SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
				pg_get_expr(ad.adbin, ad.adrelid) IS NOT NULL, coalesce(pg_get_serial_sequence($1, a.attname), '')
			FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
			WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`, func(r *sql.Rows) {
			var col, typ, identity, seq string
			var notNull, def bool
			require.NoError(t, r.Scan(&col, &typ, &notNull, &identity, &def, &seq))
			// An identity's or serial's sequence carries the table's name: a renamed table
			// renames it.
			auto := seq == name+"_id_seq" || strings.HasSuffix(seq, "."+name+"_id_seq")
			serial := auto && identity == "" && def
			auto = auto && (identity == "d" || serial)
			dt.Columns[col] = dbColumn{Type: pgType(typ), NotNull: notNull, Default: def && !serial, Auto: auto}
		}, rel)
		constraints := map[string]bool{} // the primary key's and single columns' UNIQUE
		each(t, d, `SELECT con.conname, con.contype,
				(SELECT string_agg(a.attname, ',') FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey)),
				coalesce((SELECT c.relname FROM pg_class c WHERE c.oid = con.confrelid), ''), con.confdeltype,
				con.condeferrable AND con.condeferred, pg_get_constraintdef(con.oid)
			FROM pg_constraint con WHERE con.conrelid = $1::regclass`, func(r *sql.Rows) {
			var conname, contype, cols, parent, onDelete, def string
			var deferred bool
			require.NoError(t, r.Scan(&conname, &contype, &cols, &parent, &onDelete, &deferred, &def))
			if contype == "u" && strings.Contains(cols, ",") {
				return // unique together: an index of the table
			}
			c := dt.Columns[cols]
			switch contype {
			case "p":
				require.Equal(t, name+"_pkey", conname, "the primary key's constraint follows its table's name")
				c.PrimaryKey = true
				constraints[conname] = true
			case "u":
				c.Unique, c.UniqueName = true, conname
				constraints[conname] = true
			case "f":
				c.References, c.OnDelete, c.Deferrable, c.ForeignKey = parent, pgOnDelete[onDelete], deferred, conname
			case "c":
				require.Equal(t, "CHECK (("+cols+" >= 0))", def, "%s: the only CHECK is a positive integer's", conname)
				c.Check, c.CheckName = schema.CheckPositive, conname
			}
			dt.Columns[cols] = c
		}, rel)
		each(t, d, `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`, func(r *sql.Rows) {
			var ix string
			require.NoError(t, r.Scan(&ix))
			if !constraints[ix] {
				dt.Indexes = append(dt.Indexes, ix)
			}
		}, name)
		slices.Sort(dt.Indexes)
		out[name] = dt
	}
	return out
}

// each runs a query and calls fn for every row.
func each(t *testing.T, d *db.DB, query string, fn func(r *sql.Rows), args ...any) {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), query, args...)
	require.NoError(t, err, query)
	defer rows.Close()
	for rows.Next() {
		fn(rows)
	}
	require.NoError(t, rows.Err())
}

// requireSchema checks that the database holds exactly the tables, columns, constraints and
// indexes of the state, and no column keeps a DEFAULT.
func requireSchema(t *testing.T, d *db.DB, s *schema.State) {
	t.Helper()
	got := inspect(t, d)
	want := expected(s, d.Dialect)
	require.ElementsMatch(t, keysOf(want), keysOf(got), "tables")
	for name, w := range want {
		g := got[name]
		require.ElementsMatch(t, keysOf(w.Columns), keysOf(g.Columns), "columns of %s", name)
		for col, wc := range w.Columns {
			require.Equal(t, wc, g.Columns[col], "%s.%s", name, col)
		}
		require.Equal(t, w.Indexes, g.Indexes, "indexes of %s", name)
	}
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
