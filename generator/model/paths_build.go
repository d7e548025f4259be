package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/authgen/authgen/generator/spec"
)

// canonicalPath writes a relation path with Django's lookup separator: "patient.user" and
// "patient__user" are both "patient__user". msg says what is wrong with the text, if anything.
func canonicalPath(text string) (canonical, msg string) {
	steps := strings.Split(strings.ReplaceAll(text, ".", "__"), "__")
	for _, s := range steps {
		if !snakeName.MatchString(s) {
			return "", "a path is field names joined by __ (or .), like \"patient__user\""
		}
	}
	return strings.Join(steps, "__"), ""
}

// ownerPath resolves a path from m to a user: fk/one_to_one fields to models, the last one to
// the user. msg says what is wrong, naming the step and its model, with a suggestion.
//
// A path through a field whose definition was refused (unbuilt) returns nil and no message:
// that error is reported already.
func ownerPath(m *Model, text string, unbuilt map[fieldKey]bool) (p *OwnerPath, msg string) {
	canonical, msg := canonicalPath(text)
	if msg != "" {
		return nil, msg
	}
	p = &OwnerPath{Text: canonical}
	steps := strings.Split(canonical, "__")
	cur := m
	for i, name := range steps {
		last := i == len(steps)-1
		f := cur.Field(name)
		if f == nil && unbuilt[fieldKey{cur, name}] {
			return nil, ""
		}
		if f == nil {
			var cands []string
			for _, x := range cur.Fields {
				if x.Type == ForeignKey || x.Type == OneToOne {
					cands = append(cands, x.Name)
				}
			}
			return nil, fmt.Sprintf("model %s has no field %q%s", cur.Name, name, suggest(name, cands))
		}
		single := f.Type == ForeignKey || f.Type == OneToOne
		switch {
		case !single:
			return nil, fmt.Sprintf("field %q of model %s is a %s field, not a fk or one_to_one", name, cur.Name, f.Type)
		case last && !f.ToUser:
			users := userFieldNames(f.To)
			hint := ""
			if len(users) > 0 {
				hint = fmt.Sprintf(" (did you mean %q?)", canonical+"__"+users[0])
			}
			return nil, fmt.Sprintf("the path ends at model %s; it must end at a fk or one_to_one with to: user%s", f.To.Name, hint)
		case !last && f.ToUser:
			return nil, fmt.Sprintf("field %q of model %s already reaches the user; the path ends there", name, cur.Name)
		case !last && f.To == nil:
			return nil, fmt.Sprintf("field %q of model %s has no related model", name, cur.Name)
		}
		p.Steps = append(p.Steps, f)
		cur = f.To
	}
	return p, ""
}

// userFieldNames are the fk/one_to_one fields of m to the user, in spec order.
func userFieldNames(m *Model) []string {
	var out []string
	if m == nil {
		return nil
	}
	for _, f := range m.Fields {
		if f.ToUser && f.Type != ManyToMany {
			out = append(out, f.Name)
		}
	}
	return out
}

// scope resolves an endpoint's scope: its paths from the model to the user, and the exception.
func (b *builder) scope(m *Model, ss *spec.Scope, where string) *Scope {
	sc := &Scope{}
	if ss.Paths != nil && len(ss.Paths) == 0 { // nil: the parser reported a mapping without paths
		b.errorf(ss.Pos, "%s: scope must name at least one path to the user, like \"owner\" or \"patient__user\"", where)
	}
	seen := map[string]bool{}
	for _, s := range ss.Paths {
		p, msg := ownerPath(m, s.Value, b.unbuilt)
		switch {
		case p == nil && msg == "":
		case msg != "":
			b.errorf(s.Pos, "%s: scope %q: %s", where, s.Value, msg)
		case seen[p.Text]:
			b.errorf(s.Pos, "%s: scope %q is listed twice", where, s.Value)
		default:
			seen[p.Text] = true
			sc.Paths = append(sc.Paths, p)
		}
	}
	if ss.Except != nil {
		sc.Except = b.expr(ss.Except, false)
		for _, c := range objectClasses(sc.Except) {
			if c.Kind == Object {
				b.errorf(ss.Except.Pos, "%s: scope except: the class %s decides per object, but except is asked before any row is read (has_permission), where %s allows everyone", where, c.Name, c.Name)
			}
		}
	}
	if len(sc.Paths) == 0 {
		return nil
	}
	return sc
}

// checkObjectClasses resolves the owner_field paths of the object classes in x on m, and
// reports those m cannot follow. at is where the expression was written (or inherited from).
func (b *builder) checkObjectClasses(x *Expr, m *Model, at Pos, where string) {
	for _, c := range objectClasses(x) {
		for _, text := range c.OwnerFields {
			p, msg := ownerPath(m, text, b.unbuilt)
			if p == nil && msg == "" {
				continue
			}
			if msg != "" {
				b.errorf(at, "%s: permission class %s compares owner_field %q: %s", where, c.Name, text, msg)
				continue
			}
			if !p.Direct() && !slices.ContainsFunc(m.OwnerPaths, func(q *OwnerPath) bool { return q.Text == p.Text }) {
				m.OwnerPaths = append(m.OwnerPaths, p)
				slices.SortFunc(m.OwnerPaths, func(a, b *OwnerPath) int { return strings.Compare(a.Text, b.Text) })
			}
		}
	}
}

// ownerVia resolves the owner fields that point at a model: the caller's own row of that
// model, found by its one unique user field.
func (b *builder) ownerVia(models []*Model) {
	for _, m := range models {
		for _, f := range m.Fields {
			if !f.Owner || f.ToUser || f.To == nil {
				continue
			}
			var unique []*Field
			for _, t := range f.To.Fields {
				if t.ToUser && t.Unique && t.Type != ManyToMany {
					unique = append(unique, t)
				}
			}
			switch len(unique) {
			case 0:
				b.errorf(f.Pos, "field %q: owner sets the caller's own %s, but model %s has no unique user field (a one_to_one, or a fk with unique: true, to: user) to find it by", f.Name, f.To.Name, f.To.Name)
			case 1:
				f.OwnerVia = unique[0]
			default:
				b.errorf(f.Pos, "field %q: owner sets the caller's own %s, but model %s has several unique user fields (%s): which row is the caller's is ambiguous", f.Name, f.To.Name, f.To.Name, strings.Join(fieldNames(unique), ", "))
			}
		}
	}
}
