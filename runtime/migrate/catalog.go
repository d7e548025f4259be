package migrate

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/authgen/authgen/runtime/db"
)

// column is a column as the database's catalogue describes it.
type column struct {
	name       string
	typ        string // the declared type (SQLite) or format_type (PostgreSQL), lower case
	notNull    bool
	hasDefault bool // a default, an identity or SQLite's rowid alias: inserts may leave it out
}

// listTables returns the tables a statement without a schema would find: SQLite's main
// database, or those PostgreSQL's search_path makes visible.
var listTables = map[db.Dialect]string{
	db.SQLite:   `SELECT "name" FROM sqlite_master WHERE "type" = 'table'`,
	db.Postgres: `SELECT c.relname FROM pg_class c WHERE c.relkind IN ('r', 'p') AND pg_table_is_visible(c.oid)`,
}

// tableColumns lists a table's columns in order. SQLite's integer primary key is the rowid,
// which fills itself.
var tableColumns = map[db.Dialect]string{
	db.SQLite: `SELECT "name", lower("type"), "notnull" <> 0, "dflt_value" IS NOT NULL OR ("pk" = 1 AND lower("type") = 'integer')
		FROM pragma_table_info($1) ORDER BY "cid"`,
	db.Postgres: `SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef OR a.attidentity <> ''
		FROM pg_attribute a WHERE a.attrelid = to_regclass(quote_ident($1)) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
}

// tables returns the set of tables in the database.
func tables(ctx context.Context, q querier, d db.Dialect) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, listTables[d])
	if err != nil {
		return nil, fmt.Errorf("migrate: list tables: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("migrate: list tables: %w", err)
		}
		out[name] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("migrate: list tables: %w", err)
	}
	return out, nil
}

// columnsOf returns a table's columns.
func columnsOf(ctx context.Context, q querier, d db.Dialect, table string) ([]column, error) {
	rows, err := q.QueryContext(ctx, tableColumns[d], table)
	if err != nil {
		return nil, fmt.Errorf("migrate: read the columns of %s: %w", table, err)
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ, &c.notNull, &c.hasDefault); err != nil {
			return nil, fmt.Errorf("migrate: read the columns of %s: %w", table, err)
		}
		c.typ = strings.Join(strings.Fields(strings.ToLower(c.typ)), " ")
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("migrate: read the columns of %s: %w", table, err)
	}
	return out, nil
}

// sqlType is a column type reduced to what decides whether values fit: its family and, for
// text and numbers, its size.
type sqlType struct {
	family    string
	length    int // characters of a string type; 0 is unlimited
	precision int // digits of a numeric; 0 is unlimited
	scale     int
}

var typeSyntax = regexp.MustCompile(`^([a-z ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?(?: unsigned)?$`)

// families maps the type names Django and authgen declare, on either dialect, to what they
// hold. Integers of every width are one family: the spec's bounds, not the column, limit
// what authgen writes, and Django picks the narrower types for its positive and small
// integer fields.
var families = map[string]string{
	"integer": "integer", "int": "integer", "bigint": "integer", "smallint": "integer",
	"serial": "integer", "bigserial": "integer",
	"bool": "bool", "boolean": "bool",
	"datetime": "datetime", "timestamp": "datetime", "timestamp with time zone": "datetime",
	"timestamptz": "datetime",
	"date":        "date",
	"decimal":     "decimal", "numeric": "decimal",
	"real": "float", "double precision": "float", "float": "float",
	"varchar": "string", "character varying": "string", "text": "string",
	"char": "char", "character": "char",
	"uuid": "uuid", "jsonb": "json", "json": "json",
}

func parseType(typ string) sqlType {
	m := typeSyntax.FindStringSubmatch(typ)
	if m == nil {
		return sqlType{family: typ}
	}
	family, ok := families[m[1]]
	if !ok {
		return sqlType{family: typ}
	}
	t := sqlType{family: family}
	n, _ := strconv.Atoi(m[2])
	switch family {
	case "string", "char":
		t.length = n
	case "decimal":
		t.precision = n
		t.scale, _ = strconv.Atoi(m[3])
	}
	return t
}

// incompatibility says why a column of type got cannot take the values authgen keeps in a
// column of type want, or returns "" when it can.
func incompatibility(want, got string) string {
	w, g := parseType(want), parseType(got)
	if w.family != g.family {
		return fmt.Sprintf("is %s where authgen expects %s", got, want)
	}
	switch w.family {
	case "string", "char":
		if g.length != 0 && (w.length == 0 || g.length < w.length) {
			return fmt.Sprintf("is %s, shorter than the %s authgen may write", got, want)
		}
	case "decimal":
		if g.precision != 0 && (g.scale != w.scale || g.precision-g.scale < w.precision-w.scale || w.precision == 0) {
			return fmt.Sprintf("is %s where authgen writes %s", got, want)
		}
	}
	return ""
}

// columnProblems compares a table's columns with those the initial migration creates.
func columnProblems(table string, want, got []column) []string {
	var problems []string
	have := map[string]column{}
	for _, c := range got {
		have[c.name] = c
	}
	expected := map[string]bool{}
	for _, w := range want {
		expected[w.name] = true
		g, ok := have[w.name]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s.%s is missing (%s)", table, w.name, w.typ))
			continue
		}
		if why := incompatibility(w.typ, g.typ); why != "" {
			problems = append(problems, fmt.Sprintf("%s.%s %s", table, w.name, why))
		}
		switch {
		case w.notNull && !g.notNull:
			problems = append(problems, fmt.Sprintf("%s.%s allows NULL, which authgen cannot read back", table, w.name))
		case !w.notNull && g.notNull:
			problems = append(problems, fmt.Sprintf("%s.%s is NOT NULL, but authgen writes NULL there", table, w.name))
		}
	}
	for _, g := range got {
		if !expected[g.name] && g.notNull && !g.hasDefault {
			problems = append(problems, fmt.Sprintf("%s.%s is NOT NULL without a default, and authgen does not write it", table, g.name))
		}
	}
	return problems
}
