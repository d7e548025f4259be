package model

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/authgen/authgen/generator/spec"
)

// defaultActions are Django's default permissions of every model, in Django's order.
var defaultActions = []string{"add", "change", "delete", "view"}

func (b *builder) buildModels() {
	byLower := map[string]*Model{}
	valid := map[*Model]bool{}
	var built []*Model
	var asts []*spec.Model
	for _, sm := range b.f.Models {
		name := sm.Name.Value
		lower := strings.ToLower(name)
		m := &Model{
			Name: name, GoName: name, Table: b.app.Name + "_" + lower, ContentType: lower,
			VerboseName: verboseName(name), Description: str(sm.Description, ""), Pos: sm.Name.Pos,
		}
		m.ID = &Field{Name: "id", GoName: "ID", Column: "id", Type: ID, Model: m, ReadOnly: true, Pos: m.Pos}
		m.AllowDataLoss = boolean(sm.AllowDataLoss, false)
		switch {
		case !typeName.MatchString(name):
			b.errorf(m.Pos, "model %q: model names are Go type names in CamelCase, like \"OrderItem\"", name)
		case lower == "user":
			b.errorf(m.Pos, "model %q: the name is reserved; relations to the account user say to: user", name)
		case byLower[lower] != nil:
			b.errorf(m.Pos, "model %q has the same table %q as model %q", name, m.Table, byLower[lower].Name)
		case len(m.Table) > maxIdentLen:
			b.errorf(m.Pos, "model %q: the table name %q is longer than %d characters", name, m.Table, maxIdentLen)
		}
		if sm.Description != nil {
			b.checkDescription(*sm.Description)
		}
		if byLower[lower] == nil {
			byLower[lower] = m
			valid[m] = true
		}
		b.models[name] = m
		built = append(built, m)
		asts = append(asts, sm)
	}
	b.app.Models = built
	b.app.ModelsPos = b.f.ModelsPos
	if b.app.ModelsPos.Line == 0 {
		b.app.ModelsPos = b.f.Pos
	}
	for i, m := range built {
		m.Fields = b.buildFields(m, asts[i].Fields)
		m.Indexes = b.modelIndexes(m, asts[i].Indexes)
	}
	b.ownerVia(built)
	b.modelRenames(asts)
	for i, m := range built {
		if valid[m] { // a model sharing another's table would also share its permissions
			b.modelPermissions(m, asts[i])
		}
		b.app.Permissions = append(b.app.Permissions, m.Permissions...)
	}
	sortPermissions(b.app.Permissions)
}

// modelPermissions declares the four default permissions and the custom ones.
func (b *builder) modelPermissions(m *Model, sm *spec.Model) {
	for _, action := range defaultActions {
		codename := action + "_" + m.ContentType
		p := &Permission{
			Model: m, Codename: codename, Name: fmt.Sprintf("Can %s %s", action, m.VerboseName),
			GoName: "Perm" + goName(action) + m.Name, Default: true,
		}
		b.addPermission(m, p)
	}
	for _, sp := range sm.Permissions {
		codename := sp.Codename.Value
		p := &Permission{Model: m, Codename: codename, Name: sp.Name.Value, GoName: "Perm" + goName(codename), Pos: sp.Codename.Pos}
		switch {
		case !snakeName.MatchString(codename):
			b.errorf(p.Pos, "permission %q: codenames are lower snake_case, like \"can_publish_product\"", codename)
			continue
		case utf8.RuneCountInString(codename) > 100:
			b.errorf(p.Pos, "permission %q: codenames are at most 100 characters", codename)
			continue
		case strings.TrimSpace(p.Name) == "":
			b.errorf(sp.Name.Pos, "permission %q needs a human-readable name, like \"Can publish product\"", codename)
			continue
		case utf8.RuneCountInString(p.Name) > 255:
			b.errorf(sp.Name.Pos, "permission %q: the name is longer than 255 characters", codename)
			continue
		}
		b.addPermission(m, p)
	}
}

func (b *builder) addPermission(m *Model, p *Permission) {
	p.Full = b.app.Name + "." + p.Codename
	if prev := b.perms[p.Full]; prev != nil {
		if prev.Default {
			b.errorf(p.Pos, "permission %q is one of the default permissions of model %s", p.Codename, prev.Model.Name)
		} else {
			b.errorf(p.Pos, "permission %q is already declared by model %s (line %d)", p.Codename, prev.Model.Name, prev.Pos.Line)
		}
		return
	}
	if q := b.permsGo[p.GoName]; q != nil {
		b.errorf(p.Pos, "permission %q has the same Go name %s as %q", p.Codename, p.GoName, q.Codename)
		return
	}
	if b.permsGo == nil {
		b.permsGo = map[string]*Permission{}
	}
	b.permsGo[p.GoName] = p
	b.perms[p.Full] = p
	m.Permissions = append(m.Permissions, p)
}

// permission resolves "app.codename" written at s, reporting an unknown one.
func (b *builder) permission(s spec.Str) *Permission {
	if p := b.perms[s.Value]; p != nil {
		return p
	}
	b.errorf(s.Pos, "unknown permission %q%s", s.Value, suggest(s.Value, sortedKeys(b.perms)))
	return nil
}

// sortPermissions orders permissions by Full.
func sortPermissions(ps []*Permission) {
	slices.SortFunc(ps, func(x, y *Permission) int { return strings.Compare(x.Full, y.Full) })
}

// checkDescription refuses text that would end a generated /* */ comment early.
func (b *builder) checkDescription(s spec.Str) {
	if i := strings.Index(s.Value, "*/"); i >= 0 {
		b.errorf(strPos(s, i), "description must not contain \"*/\"")
	}
}

// indexName is what an index's name may be: a lower-case SQL identifier that needs no quoting.
var indexName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// modelIndexes resolves a model's indexes: their fields (not many_to_many, each once), their
// names (unique in the model, at most 63 characters).
func (b *builder) modelIndexes(m *Model, sixs []*spec.Index) []*Index {
	var out []*Index
	names := map[string]bool{}
	var candidates []string
	for _, f := range m.Fields {
		if f.Type != ManyToMany {
			candidates = append(candidates, f.Name)
		}
	}
	for i, six := range sixs {
		what := fmt.Sprintf("model %s: index %d", m.Name, i+1)
		ix := &Index{Unique: boolean(six.Unique, false), Pos: six.Pos}
		if six.Name != nil {
			ix.Name = six.Name.Value
			switch {
			case !indexName.MatchString(ix.Name):
				b.errorf(six.Name.Pos, "%s: name %q: an index name is lower-case letters, digits and _, starting with a letter", what, ix.Name)
			case len(ix.Name) > maxIdentLen:
				b.errorf(six.Name.Pos, "%s: name %q is longer than %d characters", what, ix.Name, maxIdentLen)
			case names[ix.Name]:
				b.errorf(six.Name.Pos, "%s: another index of the model is called %q", what, ix.Name)
			}
			names[ix.Name] = true
		}
		if six.FieldsPos == nil || len(six.Fields) == 0 {
			b.errorf(six.Pos, "%s: fields: name the fields the index covers, like fields: [%s]", what, strings.Join(candidates[:min(2, len(candidates))], ", "))
			continue
		}
		seen := map[string]bool{}
		for _, sf := range six.Fields {
			f := m.Field(sf.Value)
			switch {
			case f == nil || f.Type == ID:
				if sf.Value == "id" {
					b.errorf(sf.Pos, "%s: id is the primary key, indexed already", what)
				} else {
					b.errorf(sf.Pos, "%s: model %s has no field %q%s", what, m.Name, sf.Value, suggest(sf.Value, candidates))
				}
			case f.Type == ManyToMany:
				b.errorf(sf.Pos, "%s: field %q is a many_to_many: it has no column to index (its join table is indexed)", what, sf.Value)
			case seen[sf.Value]:
				b.errorf(sf.Pos, "%s: field %q is named twice", what, sf.Value)
			default:
				ix.Fields = append(ix.Fields, f)
			}
			seen[sf.Value] = true
		}
		if len(ix.Fields) == len(six.Fields) {
			out = append(out, ix)
		}
	}
	return out
}
