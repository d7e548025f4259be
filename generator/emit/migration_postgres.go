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
		if cc.From.Unique && (!cc.To.Unique || cc.From.UniqueName != cc.To.UniqueName) {
			w.printf("ALTER TABLE %s DROP CONSTRAINT %s;", t, quote(uniqueName(tc.To.Name, cc.To.Name, cc.From)))
		}
		if cc.From.References != "" && w.foreignKeyChanges(cc) {
			w.printf("ALTER TABLE %s DROP CONSTRAINT %s;", t, quote(foreignKeyName(tc.To.Name, cc.To.Name, cc.From)))
		}
		if checkSQL(cc.From, postgres) != "" && checkSQL(cc.To, postgres) == "" {
			w.printf("ALTER TABLE %s DROP CONSTRAINT %s;", t, quote(pgName(tc.To.Name, cc.To.Name, "check")))
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
		case cc.To.Type == schema.TypeAuto:
			w.alterAutoID(tc.To.Name, cc.From, cc.To)
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
		if col.Unique && col.UniqueName != "" {
			w.b.WriteString(uniqueConstraintSQL(tc.To.Name, col))
		}
		if col.References != "" && col.ForeignKey != "" {
			w.b.WriteString(foreignKeySQL(tc.To.Name, col))
		}
	}
	for _, cc := range tc.Columns {
		if !cc.Altered {
			continue
		}
		col := quote(cc.To.Name)
		if cc.To.Unique && (!cc.From.Unique || cc.From.UniqueName != cc.To.UniqueName) {
			w.printf("ALTER TABLE %s ADD CONSTRAINT %s UNIQUE (%s);", t, quote(uniqueName(tc.To.Name, cc.To.Name, cc.To)), col)
		}
		// A CHECK added to a column has PostgreSQL's name, as one written inline would. A
		// database Django made, adopted with --fake-initial, has it already (Django's model
		// had the positive type from the start): it is replaced, not added twice.
		if check := checkSQL(cc.To, postgres); check != "" && checkSQL(cc.From, postgres) == "" {
			name := quote(pgName(tc.To.Name, cc.To.Name, "check"))
			w.printf("ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s;", t, name)
			w.printf("ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s);", t, name, check)
		}
		if cc.To.References != "" && (cc.From.References == "" || w.foreignKeyChanges(cc)) {
			w.printf("ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (\"id\")%s;",
				t, quote(foreignKeyName(tc.To.Name, cc.To.Name, cc.To)), col, quote(cc.To.References), referenceTerms(cc.To))
		}
	}
}

// foreignKeyChanges reports whether a column that references a table loses its reference
// or references another table, or on other terms, or under another name.
func (w *sqlWriter) foreignKeyChanges(cc schema.ColumnChange) bool {
	from := w.c.Referencing(cc.From)
	return cc.To.References != from.References || cc.To.OnDelete != from.OnDelete ||
		cc.To.Deferrable != from.Deferrable || cc.To.ForeignKey != from.ForeignKey
}

// foreignKeyName is the name of the FOREIGN KEY constraint of col (as a column of table,
// called column now): Django's, or PostgreSQL's own for an inline REFERENCES.
func foreignKeyName(table, column string, col *schema.Column) string {
	if col.ForeignKey != "" {
		return col.ForeignKey
	}
	return pgName(table, column, "fkey")
}

// uniqueName is the name of the UNIQUE constraint of col: its own, or PostgreSQL's.
func uniqueName(table, column string, col *schema.Column) string {
	if col.UniqueName != "" {
		return col.UniqueName
	}
	return pgName(table, column, "key")
}

// alterAutoID changes how an auto-increment id counts: from the identity column of schemas
// written before Django parity to Django's serial (a sequence owned by the column, its
// default) or back, keeping the count, and the column's type with it.
func (w *sqlWriter) alterAutoID(table string, from, to *schema.Column) {
	t, seq := quote(table), pgName(table, "id", "seq")
	identity := func(c *schema.Column) bool { return c.Postgres == "bigint" }
	intType := map[string]string{"serial": "integer", "bigserial": "bigint", "bigint": "bigint"}
	switch {
	case identity(from) && !identity(to):
		w.printf(`ALTER TABLE %s ALTER COLUMN "id" DROP IDENTITY;`, t)
		w.printf(`ALTER TABLE %s ALTER COLUMN "id" TYPE %s;`, t, intType[to.Postgres])
		w.printf(`CREATE SEQUENCE %s AS %s OWNED BY %s."id";`, quote(seq), intType[to.Postgres], t)
		w.printf(`SELECT setval(%s, coalesce(max("id"), 0) + 1, false) FROM %s;`, sqlString(seq), t)
		w.printf(`ALTER TABLE %s ALTER COLUMN "id" SET DEFAULT nextval(%s);`, t, sqlString(seq))
	case !identity(from) && identity(to):
		w.printf(`ALTER TABLE %s ALTER COLUMN "id" DROP DEFAULT;`, t)
		w.printf(`DROP SEQUENCE %s;`, quote(seq))
		w.printf(`ALTER TABLE %s ALTER COLUMN "id" TYPE bigint;`, t)
		w.printf(`ALTER TABLE %s ALTER COLUMN "id" ADD GENERATED BY DEFAULT AS IDENTITY;`, t)
		w.printf(`SELECT setval(pg_get_serial_sequence(%s, 'id'), coalesce(max("id"), 0) + 1, false) FROM %s;`, sqlString(table), t)
	default: // serial and bigserial: the sequence stays, counting in the new type
		w.printf(`ALTER TABLE %s ALTER COLUMN "id" TYPE %s;`, t, intType[to.Postgres])
		w.printf(`ALTER SEQUENCE %s AS %s;`, quote(seq), intType[to.Postgres])
	}
}

// renameConstraints gives the UNIQUE, REFERENCES and CHECK constraints of a renamed table or
// column the names PostgreSQL would give them now, which later migrations rely on: those
// of the renamed columns (renamed), or of the others (when the table is renamed).
func (w *sqlWriter) renameConstraints(tc *schema.TableChange, renamed bool) {
	t := quote(tc.To.Name)
	for _, kc := range tc.Kept {
		if kc.Renamed != renamed {
			continue
		}
		// Constraints with names of their own (Django's) keep them; a new name is a change
		// of the column (alterPostgres drops and adds the constraint).
		for _, c := range []struct {
			on    bool
			label string
		}{{kc.From.Unique && kc.From.UniqueName == "", "key"}, {kc.From.References != "" && kc.From.ForeignKey == "", "fkey"},
			{checkSQL(kc.From, postgres) != "", "check"}} {
			from, to := pgName(tc.From.Name, kc.From.Name, c.label), pgName(tc.To.Name, kc.To.Name, c.label)
			if c.on && from != to {
				w.printf("ALTER TABLE %s RENAME CONSTRAINT %s TO %s;", t, quote(from), quote(to))
			}
		}
	}
}
