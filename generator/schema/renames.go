package schema

import (
	"strings"

	"github.com/authgen/authgen/generator/model"
)

// Renames are renames from a former name to the current one. RenamesOf reads those a spec
// declares; Compare keeps only those the states bear out (the former name exists before,
// the current one does not, and the former one is not in use any more), and the inverse of
// those is what the down migration undoes.
type Renames struct {
	Tables       map[string]string            // former table → table
	Columns      map[string]map[string]string // table (current name) → former column → column
	ContentTypes map[ContentType]ContentType  // former → current
}

func newRenames() Renames {
	return Renames{Tables: map[string]string{}, Columns: map[string]map[string]string{}, ContentTypes: map[ContentType]ContentType{}}
}

func (r Renames) column(table, from, to string) {
	if from == to {
		return
	}
	if r.Columns[table] == nil {
		r.Columns[table] = map[string]string{}
	}
	r.Columns[table][from] = to
}

// RenamesOf returns the renames app declares with renamed_from: a model's table, content
// type and join tables (whose columns are named after the models), a field's column or
// join table.
func RenamesOf(app *model.App) Renames {
	r := newRenames()
	formerCT := func(m *model.Model) string {
		if m.RenamedFrom == "" {
			return m.ContentType
		}
		return strings.ToLower(m.RenamedFrom)
	}
	for _, m := range app.Models {
		oldCT := formerCT(m)
		oldTable := app.Name + "_" + oldCT
		if oldTable != m.Table {
			r.Tables[oldTable] = m.Table
			r.ContentTypes[ContentType{app.Name, oldCT}] = ContentType{app.Name, m.ContentType}
		}
		for _, f := range m.Fields {
			oldName := f.Name
			if f.RenamedFrom != "" {
				oldName = f.RenamedFrom
			}
			if f.Type != model.ManyToMany {
				if f.RenamedFrom != "" {
					// An fk's column is its name and "_id"; a plain field's is its name.
					r.column(m.Table, oldName+strings.TrimPrefix(f.Column, f.Name), f.Column)
				}
				continue
			}
			if through := oldTable + "_" + oldName; through != f.Through {
				r.Tables[through] = f.Through
			}
			var source, target string
			switch {
			case f.ToUser:
				source, target = oldCT+"_id", "user_id"
			case f.To == m:
				source, target = "from_"+oldCT+"_id", "to_"+oldCT+"_id"
			case f.To != nil:
				source, target = oldCT+"_id", formerCT(f.To)+"_id"
			}
			r.column(f.Through, source, f.ThroughSource)
			r.column(f.Through, target, f.ThroughTarget)
		}
	}
	for _, f := range app.Auth.UserFields {
		if f.RenamedFrom != "" {
			r.column(UserTable, f.RenamedFrom, f.Column)
		}
	}
	return r
}

// inverse returns the renames from current names back to former ones.
func (r Renames) inverse() Renames {
	inv := newRenames()
	for from, to := range r.Tables {
		inv.Tables[to] = from
	}
	for table, cols := range r.Columns {
		former := table
		for from, to := range r.Tables {
			if to == table {
				former = from
			}
		}
		for from, to := range cols {
			inv.column(former, to, from)
		}
	}
	for from, to := range r.ContentTypes {
		inv.ContentTypes[to] = from
	}
	return inv
}
