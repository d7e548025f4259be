package model

import (
	"strings"

	"github.com/authgen/authgen/generator/spec"
)

// fieldRename checks a field's renamed_from: the name the field had in the previous spec,
// which the next migration renames rather than dropping it.
func (b *builder) fieldRename(f *Field, sf *spec.Field, what string) {
	r := sf.RenamedFrom
	if r == nil {
		return
	}
	switch {
	case !snakeName.MatchString(r.Value):
		b.errorf(r.Pos, "%s: renamed_from %q is not a field name (lower snake_case)", what, r.Value)
	case r.Value == f.Name:
		b.errorf(r.Pos, "%s: renamed_from names the field itself", what)
	case f.Model == nil && contains(userColumns, r.Value):
		b.errorf(r.Pos, "%s: renamed_from %q is a column auth_user always has", what, r.Value)
	default:
		f.RenamedFrom = r.Value
	}
}

// fieldRenamesUnique checks that no field is renamed from a name the spec still uses, and
// that two fields do not claim the same former name.
func (b *builder) fieldRenamesUnique(fields []*Field) {
	current := map[string]bool{}
	for _, f := range fields {
		current[f.Name] = true
	}
	claimed := map[string]*Field{}
	for _, f := range fields {
		if f.RenamedFrom == "" {
			continue
		}
		if current[f.RenamedFrom] {
			b.errorf(f.Pos, "field %q: renamed_from %q names a field that is still in the spec", f.Name, f.RenamedFrom)
			continue
		}
		if prev := claimed[f.RenamedFrom]; prev != nil {
			b.errorf(f.Pos, "fields %q and %q are both renamed from %q", prev.Name, f.Name, f.RenamedFrom)
			continue
		}
		claimed[f.RenamedFrom] = f
	}
}

// modelRenames checks every model's renamed_from and its fields' ones.
func (b *builder) modelRenames(asts []*spec.Model) {
	byLower := map[string]*Model{}
	for _, m := range b.app.Models {
		byLower[strings.ToLower(m.Name)] = m
	}
	claimed := map[string]*Model{}
	for i, m := range b.app.Models {
		b.fieldRenamesUnique(m.Fields)
		r := asts[i].RenamedFrom
		if r == nil {
			continue
		}
		lower := strings.ToLower(r.Value)
		switch {
		case !typeName.MatchString(r.Value):
			b.errorf(r.Pos, "model %q: renamed_from %q is not a model name (CamelCase)", m.Name, r.Value)
		case r.Value == m.Name:
			b.errorf(r.Pos, "model %q: renamed_from names the model itself", m.Name)
		case byLower[lower] != nil && byLower[lower] != m:
			b.errorf(r.Pos, "model %q: renamed_from %q names a model that is still in the spec", m.Name, r.Value)
		case claimed[lower] != nil:
			b.errorf(r.Pos, "models %q and %q are both renamed from %q", claimed[lower].Name, m.Name, r.Value)
		default:
			claimed[lower] = m
			m.RenamedFrom = r.Value
		}
	}
}
