package emit

import "github.com/authgen/authgen/generator/schema"

// alterPostgres changes a kept table's columns in place, one ALTER TABLE per step: renames
// (and the constraints named after the columns), constraints that go, dropped columns, new
// types and nullability, new columns, new constraints.
func (w *sqlWriter) alterPostgres(tc *schema.TableChange) {
	t := quote(tc.To.Name)
	for _, cc := range tc.Columns {
		if cc.Renamed {
			w.printf("ALTER TABLE %s RENAME COLUMN %s TO %s;", t, quote(cc.From.Name), quote(cc.To.Name))
		}
	}
	w.renameConstraints(tc, true)
	for _, cc := range tc.Columns {
		if !cc.Altered {
			continue
		}
		if cc.From.Unique && !cc.To.Unique {
			w.printf("ALTER TABLE %s DROP CONSTRAINT %s;", t, quote(pgName(tc.To.Name, cc.To.Name, "key")))
		}
		if cc.From.References != "" && w.foreignKeyChanges(cc) {
			w.printf("ALTER TABLE %s DROP CONSTRAINT %s;", t, quote(pgName(tc.To.Name, cc.To.Name, "fkey")))
		}
	}
	for _, col := range tc.Dropped {
		w.printf("ALTER TABLE %s DROP COLUMN %s;", t, quote(col.Name))
	}
	for _, cc := range tc.Columns {
		if !cc.Altered {
			continue
		}
		col := quote(cc.To.Name)
		switch {
		case cc.From.Postgres == cc.To.Postgres:
		case w.conversions[cc.To] != nil:
			w.printf("ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s;", t, col, cc.To.Postgres, w.convert(cc.To, col))
		case schema.ChangesData(w.c.Referencing(cc.From), cc.To):
			// An explicit cast: a longer text is cut, as a declared data loss means.
			w.printf("ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::%s;", t, col, cc.To.Postgres, col, cc.To.Postgres)
		default:
			w.printf("ALTER TABLE %s ALTER COLUMN %s TYPE %s;", t, col, cc.To.Postgres)
		}
		switch {
		case cc.From.Null && !cc.To.Null:
			if v := fill(cc.To, postgres); v != "" {
				w.printf("UPDATE %s SET %s = %s WHERE %s IS NULL;", t, col, v, col)
			}
			w.printf("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", t, col)
		case !cc.From.Null && cc.To.Null:
			w.printf("ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;", t, col)
		}
	}
	for _, col := range tc.Added {
		// The default fills the existing rows, then goes: the app writes every value.
		v := fill(col, postgres)
		w.printf("ALTER TABLE %s ADD COLUMN %s;", t, columnSQL(col, postgres, v))
		if v != "" {
			w.printf("ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;", t, quote(col.Name))
		}
	}
	for _, cc := range tc.Columns {
		if !cc.Altered {
			continue
		}
		col := quote(cc.To.Name)
		if !cc.From.Unique && cc.To.Unique {
			w.printf("ALTER TABLE %s ADD CONSTRAINT %s UNIQUE (%s);", t, quote(pgName(tc.To.Name, cc.To.Name, "key")), col)
		}
		if cc.To.References != "" && (cc.From.References == "" || w.foreignKeyChanges(cc)) {
			s := "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (\"id\")"
			if cc.To.OnDelete != "" {
				s += " ON DELETE " + cc.To.OnDelete
			}
			w.printf(s+";", t, quote(pgName(tc.To.Name, cc.To.Name, "fkey")), col, quote(cc.To.References))
		}
	}
}

// foreignKeyChanges reports whether a column that references a table loses its reference
// or references another table, or on other terms.
func (w *sqlWriter) foreignKeyChanges(cc schema.ColumnChange) bool {
	from := w.c.Referencing(cc.From)
	return cc.To.References != from.References || cc.To.OnDelete != from.OnDelete
}

// renameConstraints gives the UNIQUE and REFERENCES constraints of a renamed table or
// column the names PostgreSQL would give them now, which later migrations rely on: those
// of the renamed columns (renamed), or of the others (when the table is renamed).
func (w *sqlWriter) renameConstraints(tc *schema.TableChange, renamed bool) {
	t := quote(tc.To.Name)
	for _, kc := range tc.Kept {
		if kc.Renamed != renamed {
			continue
		}
		for _, c := range []struct {
			on    bool
			label string
		}{{kc.From.Unique, "key"}, {kc.From.References != "", "fkey"}} {
			from, to := pgName(tc.From.Name, kc.From.Name, c.label), pgName(tc.To.Name, kc.To.Name, c.label)
			if c.on && from != to {
				w.printf("ALTER TABLE %s RENAME CONSTRAINT %s TO %s;", t, quote(from), quote(to))
			}
		}
	}
}
