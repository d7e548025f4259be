package emit

import (
	"fmt"
	"strings"

	"github.com/authgen/authgen/generator/plan"
	"github.com/authgen/authgen/generator/schema"
)

// SQLite's ALTER TABLE renames tables and columns, adds a column without constraints and
// drops a plain one; anything else needs the table rebuilt, the way Django and SQLite's
// manual (https://sqlite.org/lang_altertable.html#otheralter) do it: create the new table,
// copy the rows, drop the old one, rename the new one, create the indexes again.
//
// The rebuild drops a table that other tables may reference. With foreign keys enforced,
// that DROP deletes the rows that reference it (ON DELETE CASCADE) or nulls their column
// (SET NULL), inside the transaction or not, and PRAGMA foreign_keys cannot be turned off
// inside one. runtime/migrate therefore runs every SQLite migration with foreign keys off
// on its connection and checks them (PRAGMA foreign_key_check) before the commit, as
// Django's SQLite schema editor does.

// alterSQLite makes the changes ALTER TABLE can make.
func (w *sqlWriter) alterSQLite(tc *schema.TableChange) {
	t := quote(tc.To.Name)
	for _, cc := range tc.Columns {
		if cc.Renamed {
			w.printf("ALTER TABLE %s RENAME COLUMN %s TO %s;", t, quote(cc.From.Name), quote(cc.To.Name))
		}
	}
	for _, col := range tc.Dropped {
		w.printf("ALTER TABLE %s DROP COLUMN %s;", t, quote(col.Name))
	}
	for _, cc := range tc.Columns {
		// A change of type SQLite's column does not show (a decimal's digits, a json column
		// becoming text) converts the values in place: only those it changes.
		if cv := w.conversions[cc.To]; cv != nil {
			k := converter{cv: cv, dialect: sqlite}
			col := quote(cc.To.Name)
			if v := k.value(col); v != col {
				where := col + " IS NOT NULL"
				if cv.From.Kind == plan.DecimalKind {
					where = k.cut(col) // the rows it rounds
				}
				w.printf("UPDATE %s SET %s = %s WHERE %s;", t, col, v, where)
			}
		}
	}
	for _, col := range tc.Added {
		w.printf("ALTER TABLE %s ADD COLUMN %s;", t, columnSQL(col, sqlite, ""))
		if v := fill(col, sqlite); v != "" {
			w.printf("UPDATE %s SET %s = %s;", t, quote(col.Name), v)
		}
	}
}

// rebuildSQLite rebuilds a kept table (under its new name when it was renamed) with its
// columns as the migration leaves them.
func (w *sqlWriter) rebuildSQLite(tc *schema.TableChange) {
	name := tc.To.Name
	tmp := "new__" + name
	w.printf("-- Rebuilt, since %s: new table, rows copied, old table dropped.", w.rebuilt[tc.To.Name])
	w.b.WriteString(createTableSQL(tc.To, tmp, sqlite))

	from := map[string]*schema.Column{} // To's column name → From's column
	for _, kc := range tc.Kept {
		from[kc.To.Name] = kc.From
	}
	cols := make([]string, len(tc.To.Columns))
	exprs := make([]string, len(tc.To.Columns))
	for i, col := range tc.To.Columns {
		cols[i] = quote(col.Name)
		old := from[col.Name]
		if old == nil {
			exprs[i] = "NULL"
			if v := fill(col, sqlite); v != "" {
				exprs[i] = v
			}
			continue
		}
		// Values are converted as PostgreSQL converts them (SQLite would copy them as they are).
		e := w.convert(col, quote(old.Name))
		if old.Null && !col.Null {
			if v := fill(col, sqlite); v != "" {
				e = fmt.Sprintf("coalesce(%s, %s)", e, v)
			}
		}
		exprs[i] = e
	}
	w.printf("INSERT INTO %s (%s) SELECT %s FROM %s;", quote(tmp), strings.Join(cols, ", "), strings.Join(exprs, ", "), quote(name))
	if tc.To.AutoID() {
		// AUTOINCREMENT never hands out an id twice; the new table keeps the old one's count.
		w.printf(`DELETE FROM "sqlite_sequence" WHERE "name" = %s;`, sqlString(tmp))
		w.printf(`INSERT INTO "sqlite_sequence" ("name", "seq") SELECT %s, "seq" FROM "sqlite_sequence" WHERE "name" = %s;`, sqlString(tmp), sqlString(name))
	}
	w.printf("DROP TABLE %s;", quote(name))
	w.printf("ALTER TABLE %s RENAME TO %s;", quote(tmp), quote(name))
	for _, ix := range tc.To.Indexes {
		w.b.WriteString(indexSQL(name, ix, sqlite))
	}
}
