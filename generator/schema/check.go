package schema

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/model"
)

// Check returns the spec errors that stop a migration, each at the spec's position of what
// it is about:
//
//   - data loss the spec does not declare as intended: a dropped table or column (a removed
//     model or field; allow_data_loss: true on the model allows dropping its fields) and a
//     column whose type narrows or changes (allow_data_loss: true on the field or its model).
//     allowAll (authgen generate --allow-data-loss) allows all of them. A declaration covers
//     the migration that first uses it and no later one (Table.LossAllowedBy);
//   - a column that becomes required (not null) in a table that has rows already, without
//     a default to fill them with; no flag allows that;
//   - a many_to_many field whose join table would change columns (it points elsewhere now).
//
// It returns, with no errors, the declarations the changes use, for Allowances.Spend.
func Check(c *Changes, app *model.App, allowAll bool) (*Allowances, diag.List) {
	ck := checker{app: app, changes: c, allowAll: allowAll, used: &Allowances{}}
	for _, t := range c.Dropped {
		ck.droppedTable(t)
	}
	for _, tc := range c.Tables {
		ck.table(tc)
	}
	ck.errs.Sort()
	return ck.used, ck.errs
}

// Allowances are the allow_data_loss declarations a migration uses: the tables of the
// models and the columns of the fields that declare them, in the changes' To state.
type Allowances struct {
	tables  []*Table
	columns []*Column
}

// Spend records that the migration called name used the declarations, so that they cover
// no later migration.
func (a *Allowances) Spend(name string) {
	for _, t := range a.tables {
		t.LossAllowedBy = name
	}
	for _, c := range a.columns {
		c.LossAllowedBy = name
	}
}

// Renew forgets the spent declarations that the spec no longer makes: declared again
// later, they cover the next change.
func Renew(s *State, app *model.App) {
	for _, t := range s.Tables {
		var m *model.Model
		fields := app.Auth.UserFields
		if t.Name != UserTable {
			if m = modelNamed(app, t.Model); m == nil || t.Field != "" {
				continue
			}
			fields = m.Fields
		}
		if m == nil || !m.AllowDataLoss {
			t.LossAllowedBy = ""
		}
		for _, c := range t.Columns {
			if c.LossAllowedBy == "" {
				continue
			}
			if f := fieldOfColumn(fields, c.Name); f == nil || !f.AllowDataLoss {
				c.LossAllowedBy = ""
			}
		}
	}
}

func fieldOfColumn(fields []*model.Field, column string) *model.Field {
	for _, f := range fields {
		if f.Column == column {
			return f
		}
	}
	return nil
}

type checker struct {
	app      *model.App
	changes  *Changes
	allowAll bool
	errs     diag.List
	used     *Allowances
}

func (ck *checker) errorf(p diag.Pos, format string, args ...any) {
	if p.File == "" {
		p = diag.Pos{File: ck.app.SpecFile, Line: 1, Col: 1}
	}
	ck.errs.Add(p, format, args...)
}

// model finds the spec's model that a table of the state belongs to (by its current name).
func (ck *checker) model(name string) *model.Model { return modelNamed(ck.app, name) }

func modelNamed(app *model.App, name string) *model.Model {
	for _, m := range app.Models {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// modelTable is the model's own table in the changes' To state.
func (ck *checker) modelTable(m *model.Model) *Table {
	for _, t := range ck.changes.To.Tables {
		if t.Model == m.Name && t.Field == "" {
			return t
		}
	}
	return nil
}

const (
	fieldIntent = "set allow_data_loss: true on the field (or run authgen generate --allow-data-loss)"
	modelIntent = "set allow_data_loss: true on the model (or run authgen generate --allow-data-loss)"
)

// spentIntent says why a declaration that is there does not count, and what to do.
func spentIntent(on, migration string) string {
	return fmt.Sprintf("run authgen generate --allow-data-loss, or remove the %s's allow_data_loss: true (it was for migration %s and covers no later change), run authgen generate, and set it again",
		on, migration)
}

// modelAllows reports whether m's allow_data_loss covers this migration: declared, and not
// used by an earlier one. It returns the intent to print when it does not.
func (ck *checker) modelAllows(m *model.Model, t *Table) (bool, string) {
	switch {
	case !m.AllowDataLoss || t == nil:
		return false, modelIntent
	case t.LossAllowedBy != "":
		return false, spentIntent("model", t.LossAllowedBy)
	}
	return true, ""
}

func (ck *checker) droppedTable(t *Table) {
	if ck.allowAll {
		return
	}
	if t.Field != "" {
		m := ck.model(t.Model)
		if m == nil {
			return // the model is gone: its own table is reported
		}
		own := ck.modelTable(m)
		if ok, intent := ck.modelAllows(m, own); !ok {
			ck.errorf(m.Pos, "model %s: many_to_many field %q was removed: dropping its join table %q loses its rows; if it was renamed, say so with renamed_from: %s on the new field; to drop it, %s",
				m.Name, t.Field, t.Name, t.Field, intent)
			return
		}
		ck.used.tables = append(ck.used.tables, own)
		return
	}
	if t.Model == "" {
		ck.errorf(ck.app.ModelsPos, "table %q was removed: dropping it loses its rows; to drop it, run authgen generate --allow-data-loss", t.Name)
		return
	}
	ck.errorf(ck.app.ModelsPos, "model %s was removed: dropping table %q loses its rows; if it was renamed, say so with renamed_from: %s on the new model; to drop it, run authgen generate --allow-data-loss",
		t.Model, t.Name, t.Model)
}

func (ck *checker) table(tc *TableChange) {
	m := ck.model(tc.To.Model)
	var fields []*model.Field
	pos := ck.app.ModelsPos
	owner := "table " + strconv.Quote(tc.To.Name)
	modelAllows := false // the model's allow_data_loss covers this migration
	dropIntent := "run authgen generate --allow-data-loss"
	switch {
	case tc.To.Name == UserTable:
		fields, owner = ck.app.Auth.UserFields, "auth.user"
		if ck.app.Auth.Pos.Line > 0 {
			pos = ck.app.Auth.Pos
		}
	case m != nil && tc.To.Field == "":
		fields, pos, owner = m.Fields, m.Pos, "model "+m.Name
		modelAllows, dropIntent = ck.modelAllows(m, tc.To)
	case m != nil:
		fields, pos, owner, dropIntent = m.Fields, m.Pos, "model "+m.Name, modelIntent
	}
	// useModel records that the model's declaration allowed a loss, unless the flag did.
	useModel := func() {
		if !ck.allowAll && !slices.Contains(ck.used.tables, tc.To) {
			ck.used.tables = append(ck.used.tables, tc.To)
		}
	}
	byColumn := map[string]*model.Field{}
	for _, f := range fields {
		byColumn[f.Column] = f
	}
	at := func(col string) diag.Pos {
		if f := byColumn[col]; f != nil {
			return f.Pos
		}
		return pos
	}
	if tc.To.Field != "" && len(tc.Added) > 0 {
		ck.errorf(pos, "%s: many_to_many field %q points at another model now; its join table %q cannot keep its rows: remove the field in one migration and add it back in the next",
			owner, tc.To.Field, tc.To.Name)
		return
	}
	for _, col := range tc.Dropped {
		switch {
		case ck.allowAll:
		case modelAllows:
			useModel()
		default:
			f := fieldName(col)
			ck.errorf(pos, "%s: field %q was removed: dropping its column %q loses its values; if it was renamed, say so with renamed_from: %s on the new field; to drop it, %s",
				owner, f, col.Name, f, dropIntent)
		}
	}
	for _, col := range tc.Added {
		if !col.Null && col.Default == nil {
			ck.errorf(at(col.Name), "%s: field %q is new and required (not null), and the table may have rows already: %s",
				owner, fieldName(col), fillHint(col))
		}
	}
	for _, cc := range tc.Columns {
		if !cc.Altered {
			continue
		}
		f := byColumn[cc.To.Name]
		if ChangesData(ck.changes.Referencing(cc.From), cc.To) {
			switch fieldDeclares := f != nil && f.AllowDataLoss; {
			case ck.allowAll:
			case fieldDeclares && cc.To.LossAllowedBy == "":
				ck.used.columns = append(ck.used.columns, cc.To)
			case modelAllows:
				useModel()
			default:
				intent := fieldIntent
				if fieldDeclares {
					intent = spentIntent("field", cc.To.LossAllowedBy)
				} else if m != nil && m.AllowDataLoss && tc.To.LossAllowedBy != "" {
					intent = spentIntent("model", tc.To.LossAllowedBy)
				}
				ck.errorf(at(cc.To.Name), "%s: field %q: its column changes from %s to %s, which may cut or lose stored values; to accept that, %s",
					owner, fieldName(cc.To), describe(cc.From), describe(cc.To), intent)
			}
		}
		if cc.From.Null && !cc.To.Null && cc.To.Default == nil {
			ck.errorf(at(cc.To.Name), "%s: field %q is no longer null, and the rows where it is null need a value: %s",
				owner, fieldName(cc.To), fillHint(cc.To))
		}
	}
}

// fieldName is the field a column holds: "product" for "product_id".
func fieldName(c *Column) string {
	if c.References != "" {
		return strings.TrimSuffix(c.Name, "_id")
	}
	return c.Name
}

func fillHint(c *Column) string {
	if c.References != "" {
		return "a relation has no default, so add it with null: true"
	}
	return "give it a default (which fills them), or null: true"
}

func describe(c *Column) string {
	s := c.Postgres
	if c.Check == CheckPositive {
		s = "positive " + s
	}
	if c.References != "" {
		s += " referencing " + c.References
	}
	return s
}

// IntegerRange is the range of an integer column's values: its PostgreSQL type's (smallint,
// integer, bigint), from 0 when it has a Positive*IntegerField's CHECK; ok is false for a
// column of another type.
func IntegerRange(c *Column) (lo, hi int64, ok bool) {
	switch c.Postgres {
	case "smallint":
		lo, hi = math.MinInt16, math.MaxInt16
	case "integer":
		lo, hi = math.MinInt32, math.MaxInt32
	case "bigint":
		lo, hi = math.MinInt64, math.MaxInt64
	default:
		return 0, 0, false
	}
	if c.Check == CheckPositive {
		lo = 0
	}
	return lo, hi, true
}

// SameType reports whether two columns hold the same values: the same PostgreSQL type, and
// for integers the same range.
func SameType(a, b *Column) bool {
	return a.Postgres == b.Postgres && (a.Check == CheckPositive) == (b.Check == CheckPositive)
}

var (
	varcharType = regexp.MustCompile(`^varchar\((\d+)\)$`)
	numericType = regexp.MustCompile(`^numeric\((\d+), (\d+)\)$`)
)

// ChangesData reports whether converting a column from one type to another may cut or lose
// values: anything but keeping the type, or widening it (a longer varchar, varchar to text,
// integer to bigint, a numeric with no fewer digits on either side of the point, an integer
// to a numeric with room for its every value before the point). Pointing a column at another
// table changes what every value means.
func ChangesData(from, to *Column) bool {
	if to.References != "" && from.References != to.References {
		return true
	}
	a, b := from.Postgres, to.Postgres
	if SameType(from, to) {
		return false // a JSONField's CHECK on SQLite is no change of its values
	}
	// Django parity: the ids of schemas written before it (bigint identities) become
	// Django's serial, and the keys referencing them integer. Every id a counter handed out
	// below 2^31 converts exactly; above, PostgreSQL stops the migration (integer out of
	// range) before it changes anything. SQLite's integers are one type.
	if from.Type == TypeAuto && to.Type == TypeAuto {
		return false
	}
	if from.References != "" && from.References == to.References && a == "bigint" && b == "integer" {
		return false
	}
	if lo, hi, ok := IntegerRange(from); ok {
		// An integer type holding every value of the other loses none: smallint to
		// integer, a positive type to the signed one of its size or more.
		if tlo, thi, ok := IntegerRange(to); ok {
			return tlo > lo || thi < hi
		}
	}
	if b == "text" && varcharType.MatchString(a) {
		return false
	}
	if m, n := varcharType.FindStringSubmatch(a), varcharType.FindStringSubmatch(b); m != nil && n != nil {
		return atoi(n[1]) < atoi(m[1])
	}
	if m, n := numericType.FindStringSubmatch(a), numericType.FindStringSubmatch(b); m != nil && n != nil {
		p1, s1, p2, s2 := atoi(m[1]), atoi(m[2]), atoi(n[1]), atoi(n[2])
		return s2 < s1 || p2-s2 < p1-s1
	}
	if digits, ok := integerDigits[a]; ok {
		if n := numericType.FindStringSubmatch(b); n != nil {
			return atoi(n[1])-atoi(n[2]) < digits
		}
	}
	return true
}

// integerDigits is how many decimal digits the integer types' extremes have: 32767,
// 2147483647 and 9223372036854775807.
var integerDigits = map[string]int{"smallint": 5, "integer": 10, "bigint": 19}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// FieldPos is the spec position of what a column of the table t (of a changes' To state)
// comes from: its field, else its model, else the spec's models (or the auth user).
func FieldPos(app *model.App, t *Table, column string) diag.Pos {
	fields, pos := []*model.Field(nil), app.ModelsPos
	if t.Name == UserTable {
		fields = app.Auth.UserFields
		if app.Auth.Pos.Line > 0 {
			pos = app.Auth.Pos
		}
	} else if m := modelNamed(app, t.Model); m != nil {
		fields, pos = m.Fields, m.Pos
	}
	if f := fieldOfColumn(fields, column); f != nil {
		return f.Pos
	}
	if pos.File == "" {
		pos = diag.Pos{File: app.SpecFile, Line: 1, Col: 1}
	}
	return pos
}

// FieldName is the field a column holds: "product" for "product_id".
func FieldName(c *Column) string { return fieldName(c) }
