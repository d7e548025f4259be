package plan

import (
	"fmt"

	"github.com/authgen/authgen/generator/schema"
)

// SQLite's ALTER TABLE renames tables and columns, adds a column without constraints and
// drops a plain one; anything else needs the table rebuilt (emit writes how).

// sqliteRebuilds returns the tables of c that SQLite must rebuild, by their name after c,
// with why.
func sqliteRebuilds(c *schema.Changes) map[string]string {
	out := map[string]string{}
	for _, tc := range c.Tables {
		if reason := rebuildReason(c, tc); reason != "" {
			out[tc.To.Name] = reason
		}
	}
	return out
}

// rebuildReason says why a table must be rebuilt on SQLite; "" when ALTER TABLE does.
func rebuildReason(c *schema.Changes, tc *schema.TableChange) string {
	for _, cc := range tc.Columns {
		if cc.Altered && sqliteAltered(c.Referencing(cc.From), cc.To) {
			return fmt.Sprintf("SQLite cannot alter column %s in place", quote(cc.To.Name))
		}
	}
	for _, col := range tc.Added {
		if what := constraint(col); what != "" || !col.Null {
			if what == "" {
				what = "NOT NULL"
			}
			return fmt.Sprintf("SQLite cannot add column %s (%s) in place", quote(col.Name), what)
		}
	}
	for _, col := range tc.Dropped {
		if what := constraint(col); what != "" {
			return fmt.Sprintf("SQLite cannot drop column %s (%s) in place", quote(col.Name), what)
		}
	}
	return ""
}

// constraint names what keeps ALTER TABLE from adding or dropping a column on SQLite.
func constraint(col *schema.Column) string {
	switch {
	case col.PrimaryKey:
		return "PRIMARY KEY"
	case col.Unique:
		return "UNIQUE"
	case col.References != "":
		return "REFERENCES"
	case col.Check != "":
		return "CHECK"
	}
	return ""
}

// sqliteAltered reports a change that shows on SQLite (a decimal's precision does not).
func sqliteAltered(from, to *schema.Column) bool {
	return from.SQLite != to.SQLite || from.Null != to.Null || from.Unique != to.Unique ||
		from.PrimaryKey != to.PrimaryKey || from.References != to.References || from.OnDelete != to.OnDelete ||
		from.Deferrable != to.Deferrable || from.Check != to.Check
}

// quote quotes an SQL identifier, as the reasons name columns.
func quote(ident string) string { return `"` + ident + `"` }
