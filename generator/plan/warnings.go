package plan

import (
	"fmt"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/generator/schema"
)

// warnings are the risks that generate can see in a migration it writes, at the spec's
// positions: tables that exist may have rows, and what the migration does to them may stop
// it (a new unique over values that may repeat, values that may not convert) or change them
// (values cut to fit). None stops generate; each says what migrate will do.
func warnings(app *model.App, c *schema.Changes, convs []*Conversion) diag.List {
	var out diag.List
	for _, tc := range c.Tables {
		for _, cc := range tc.Columns {
			if !cc.Altered {
				continue
			}
			pos := schema.FieldPos(app, tc.To, cc.To.Name)
			field := schema.FieldName(cc.To)
			if !cc.From.Unique && cc.To.Unique {
				out.Add(pos, "warning: %s: field %q becomes unique, and its table may hold rows that share a value: migrate stops before changing anything and names them; make them unique first",
					owner(tc.To), field)
			}
			if from := c.Referencing(cc.From); cc.To.References != "" && from.References != "" && from.References != cc.To.References {
				out.Add(pos, "warning: %s: field %q points at %s instead of %s: its values keep their ids, which now name rows of %s",
					owner(tc.To), field, quote(cc.To.References), quote(from.References), quote(cc.To.References))
			}
		}
		for _, col := range tc.Added {
			if col.Unique && col.Default != nil {
				out.Add(schema.FieldPos(app, tc.To, col.Name), "warning: %s: field %q is new and unique with a default: every row the table has gets %q, so migrate fails when it has more than one",
					owner(tc.To), schema.FieldName(col), *col.Default)
			}
		}
	}
	for _, cv := range convs {
		pos := schema.FieldPos(app, cv.Table.To, cv.Column.To.Name)
		what := fmt.Sprintf("%s: field %q changes from %s to %s", owner(cv.Table.To), schema.FieldName(cv.Column.To), cv.From.Name(), cv.To.Name())
		if cv.Refused != "" {
			out.Add(pos, "warning: %s: rows that hold %s stop the migration before it changes anything (migrate names them)", what, cv.Refused)
		}
		if cv.Cut != "" {
			out.Add(pos, "warning: %s: %s (migrate logs how many rows)", what, cv.Cut)
		}
	}
	out.Sort()
	return out
}

// owner names what a table belongs to in the spec, as schema.Check does.
func owner(t *schema.Table) string {
	switch {
	case t.Name == schema.UserTable:
		return "auth.user"
	case t.Model != "":
		return "model " + t.Model
	}
	return "table " + quote(t.Name)
}
