package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/authgen/authgen/generator/spec"
)

// viewsetMethods are the methods of a ModelViewSet, in canonical order.
var viewsetMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// viewsetActions are DRF's ModelViewSet actions; a custom action of one of these names would
// replace the standard one, so they are reserved.
var viewsetActions = []string{"list", "create", "retrieve", "update", "partial_update", "destroy"}

func (b *builder) buildEndpoints() {
	for _, se := range b.f.Endpoints {
		e := b.endpoint(se)
		if e == nil {
			continue
		}
		b.app.Endpoints = append(b.app.Endpoints, e)
	}
}

func (b *builder) endpoint(se *spec.Endpoint) *Endpoint {
	name := se.Name.Value
	e := &Endpoint{Name: name, GoName: goName(name), Path: b.app.APIMount + name + "/", Pos: se.Name.Pos}
	if se.Description != nil {
		e.Description = docstring(se.Description.Value)
	}
	if !snakeName.MatchString(name) {
		b.errorf(e.Pos, "endpoint %q: endpoint names are lower snake_case URL segments, like \"order_items\"", name)
		return nil
	}
	if se.Model == nil {
		return nil // reported by the parser
	}
	e.Model = b.models[se.Model.Value]
	if e.Model == nil {
		b.errorf(se.Model.Pos, "endpoint %q: unknown model %q%s", name, se.Model.Value, suggest(se.Model.Value, sortedKeys(b.models)))
		if se.Permission != nil {
			b.expr(se.Permission, false) // its own errors are reported too: every error at once
		}
		return nil
	}
	m := e.Model
	b.addRoute(e.Path, e.Pos, fmt.Sprintf("endpoint %q", name))
	b.addRoute(e.DetailPath(), e.Pos, fmt.Sprintf("endpoint %q", name))

	e.Fields = b.serializerFields(m, se)
	e.UniqueRequired, e.UniqueDefaulted = uniquenessRules(m, e.Fields)
	e.Methods = b.methods(se.Methods, se.MethodsPos, viewsetMethods, viewsetMethods)
	if se.Scope != nil {
		e.Scope = b.scope(m, se.Scope, fmt.Sprintf("endpoint %q", name))
	}
	e.Pagination = b.app.DefaultPagination
	if se.Pagination != nil {
		e.Pagination = b.pagination(se.Pagination)
	}
	e.Permission = b.app.DefaultPermission
	permPos := b.f.Pos
	if b.f.Defaults != nil && b.f.Defaults.Permission != nil {
		permPos = b.f.Defaults.Permission.Pos
	}
	if se.Permission != nil {
		e.Permission = b.expr(se.Permission, false)
		permPos = se.Permission.Pos
	}
	b.checkObjectClasses(e.Permission, m, permPos, fmt.Sprintf("endpoint %q", name))
	e.MethodPermissions = b.methodPermissions(e, se)

	actionNames := map[string]*Action{}
	for _, sa := range se.Actions {
		a := b.action(e, sa)
		if a == nil {
			continue
		}
		if prev := actionNames[a.GoName]; prev != nil {
			b.errorf(a.Pos, "action %q has the same Go name %s as action %q", a.Name, a.GoName, prev.Name)
			b.clashed[a.Pos] = true // decideNames need not say it again
		}
		actionNames[a.GoName] = a
		e.Actions = append(e.Actions, a)
	}
	e.Hooks = b.hooks(e, se)
	return e
}

// hookNames are the hooks an endpoint may declare besides validate_<field>.
var hookNames = []string{"get_queryset", "perform_create", "perform_update", "perform_destroy", "validate"}

// hooks resolves an endpoint's `hooks`: DRF's overrides, each once, each for a route the
// endpoint has; validate_<field> for a field its serializer writes.
func (b *builder) hooks(e *Endpoint, se *spec.Endpoint) Hooks {
	var h Hooks
	if se.HooksPos == nil {
		return h
	}
	if len(se.Hooks) == 0 {
		b.errorf(*se.HooksPos, "hooks must list at least one hook (%s or validate_<field>)", strings.Join(hookNames, ", "))
	}
	writes := contains(e.Methods, "POST") || contains(e.Methods, "PUT") || contains(e.Methods, "PATCH")
	var writable []string
	for _, f := range e.Fields {
		if f.Type != ID && !f.ReadOnly && f.Type != ManyToMany {
			writable = append(writable, "validate_"+f.Name)
		}
	}
	seen := map[string]bool{}
	for _, s := range se.Hooks {
		name := s.Value
		where := fmt.Sprintf("endpoint %q hooks", e.Name)
		if seen[name] {
			b.errorf(s.Pos, "%s: %s is listed twice", where, name)
			continue
		}
		seen[name] = true
		needs := func(what string, ok bool) bool {
			if !ok {
				b.errorf(s.Pos, "%s: %s, but the endpoint has no %s", where, name, what)
			}
			return ok
		}
		switch name {
		case "get_queryset":
			h.GetQueryset = true
		case "perform_create":
			h.PerformCreate = needs("POST", contains(e.Methods, "POST"))
		case "perform_update":
			h.PerformUpdate = needs("PUT or PATCH", contains(e.Methods, "PUT") || contains(e.Methods, "PATCH"))
		case "perform_destroy":
			h.PerformDestroy = needs("DELETE", contains(e.Methods, "DELETE"))
		case "validate":
			h.Validate = needs("POST, PUT or PATCH", writes)
		default:
			field, ok := strings.CutPrefix(name, "validate_")
			if !ok {
				b.errorf(s.Pos, "%s: unknown hook %q%s", where, name, suggest(name, append(append([]string(nil), hookNames...), writable...)))
				continue
			}
			f := e.Model.Field(field)
			switch {
			case f == nil || !slices.Contains(e.Fields, f):
				b.errorf(s.Pos, "%s: %s: %q is not a field of the endpoint's serializer%s", where, name, field, suggest(name, writable))
			case f.Type == ID || f.ReadOnly:
				b.errorf(s.Pos, "%s: %s: field %q is read-only, so nothing validates it", where, name, field)
			case f.Type == ManyToMany:
				b.errorf(s.Pos, "%s: %s: many_to_many fields have no validate_<field> hook; check them in validate", where, name)
			case needs("POST, PUT or PATCH", writes):
				h.ValidateFields = append(h.ValidateFields, f)
			}
		}
	}
	slices.SortStableFunc(h.ValidateFields, func(x, y *Field) int {
		return slices.Index(e.Fields, x) - slices.Index(e.Fields, y)
	})
	return h
}

// methodPermissions resolves method_permissions: methods of the endpoint, upper case, once
// each, with expressions valid for its model.
func (b *builder) methodPermissions(e *Endpoint, se *spec.Endpoint) []MethodPermission {
	if se.MethodPermissionsPos == nil {
		return nil
	}
	if len(se.MethodPermissions) == 0 {
		b.errorf(*se.MethodPermissionsPos, "method_permissions must map at least one HTTP method to a permission")
	}
	byMethod := map[string]MethodPermission{}
	for _, smp := range se.MethodPermissions {
		m := smp.Method.Value
		where := fmt.Sprintf("endpoint %q method_permissions %s", e.Name, m)
		switch {
		case !contains(viewsetMethods, m):
			hint := suggest(m, viewsetMethods)
			if contains(viewsetMethods, strings.ToUpper(m)) {
				hint = fmt.Sprintf("; write %q", strings.ToUpper(m))
			} else if m == "HEAD" || m == "OPTIONS" {
				hint = "; HEAD follows GET and OPTIONS keeps the endpoint's permission"
			}
			b.errorf(smp.Method.Pos, "method_permissions: unknown HTTP method %q%s", m, hint)
			continue
		case !contains(e.Methods, m):
			b.errorf(smp.Method.Pos, "method_permissions: %s is not one of the endpoint's methods (%s)", m, strings.Join(e.Methods, ", "))
			continue
		}
		if _, dup := byMethod[m]; dup {
			b.errorf(smp.Method.Pos, "method_permissions: %s is given twice", m)
			continue
		}
		x := b.expr(smp.Permission, false)
		if x == nil {
			continue
		}
		b.checkObjectClasses(x, e.Model, smp.Permission.Pos, where)
		byMethod[m] = MethodPermission{Method: m, Permission: x, Pos: smp.Method.Pos}
	}
	var out []MethodPermission
	for _, m := range viewsetMethods {
		if mp, ok := byMethod[m]; ok {
			out = append(out, mp)
		}
	}
	return out
}

// serializerFields resolves the endpoint's fields: its list, or id and every model field.
func (b *builder) serializerFields(m *Model, se *spec.Endpoint) []*Field {
	if se.FieldsPos == nil {
		return append([]*Field{m.ID}, m.Fields...)
	}
	if len(se.Fields) == 0 {
		b.errorf(*se.FieldsPos, "fields must list at least one field")
	}
	var out []*Field
	seen := map[string]bool{}
	for _, s := range se.Fields {
		f := m.Field(s.Value)
		switch {
		case f == nil && b.unbuilt[fieldKey{m, s.Value}]:
		case f == nil:
			b.errorf(s.Pos, "unknown field %q of model %s%s", s.Value, m.Name, suggest(s.Value, append([]string{"id"}, fieldNames(m.Fields)...)))
		case seen[s.Value]:
			b.errorf(s.Pos, "field %q is listed twice", s.Value)
		default:
			seen[s.Value] = true
			out = append(out, f)
		}
	}
	return out
}

// methods resolves a method list into canonical order; def when not given.
func (b *builder) methods(list []spec.Str, at *Pos, allowed, def []string) []string {
	if at == nil {
		return append([]string(nil), def...)
	}
	if len(list) == 0 {
		b.errorf(*at, "methods must list at least one HTTP method")
		return nil
	}
	given := map[string]bool{}
	for _, s := range list {
		m := strings.ToUpper(s.Value)
		switch {
		case !contains(allowed, m):
			hint := suggest(m, allowed)
			if m == "HEAD" || m == "OPTIONS" {
				hint = "; HEAD follows GET and OPTIONS is always answered"
			}
			b.errorf(s.Pos, "method %q is not allowed here (%s)%s", s.Value, strings.Join(allowed, ", "), hint)
		case given[m]:
			b.errorf(s.Pos, "method %q is listed twice", s.Value)
		default:
			given[m] = true
		}
	}
	var out []string
	for _, m := range viewsetMethods {
		if given[m] {
			out = append(out, m)
		}
	}
	return out
}

// userField resolves a field of m that must be a fk or one_to_one to the user.
func (b *builder) userField(m *Model, s spec.Str, option string) *Field {
	f := m.Field(s.Value)
	if f == nil && b.unbuilt[fieldKey{m, s.Value}] {
		return nil
	}
	if f == nil {
		var cands []string
		for _, x := range m.Fields {
			if x.ToUser && x.Type != ManyToMany {
				cands = append(cands, x.Name)
			}
		}
		b.errorf(s.Pos, "%s: unknown field %q of model %s%s", option, s.Value, m.Name, suggest(s.Value, cands))
		return nil
	}
	if !f.ToUser || f.Type == ManyToMany {
		b.errorf(s.Pos, "%s: field %q of model %s must be a fk or one_to_one with to: user", option, s.Value, m.Name)
		return nil
	}
	return f
}

func (b *builder) action(e *Endpoint, sa *spec.Action) *Action {
	name := sa.Name.Value
	a := &Action{Name: name, GoName: goName(name), Pos: sa.Name.Pos, Description: e.Description}
	if sa.Description != nil {
		a.Description = docstring(sa.Description.Value)
	}
	where := fmt.Sprintf("action %q", name)
	switch {
	case !snakeName.MatchString(name):
		b.errorf(a.Pos, "%s: action names are lower snake_case URL segments, like \"set_password\"", where)
		return nil
	case contains(viewsetActions, name):
		b.errorf(a.Pos, "%s: the name is one of the viewset's own actions (%s)", where, strings.Join(viewsetActions, ", "))
		return nil
	}
	var kinds []string
	if sa.SetPos != nil {
		kinds = append(kinds, "set")
		a.Kind = SetAction
	}
	if sa.Singleton != nil {
		kinds = append(kinds, "singleton")
		a.Kind = SingletonAction
	}
	if sa.Handler != nil {
		if !sa.Handler.Value {
			b.errorf(sa.Handler.Pos, "%s: handler: false means nothing; leave it out", where)
		}
		kinds = append(kinds, "handler")
		a.Kind = HandlerAction
	}
	switch len(kinds) {
	case 0:
		b.errorf(a.Pos, "%s needs one of set, singleton or handler: true", where)
		return nil
	case 1:
	default:
		b.errorf(a.Pos, "%s has %s: an action is exactly one of set, singleton or handler", where, strings.Join(kinds, " and "))
		return nil
	}

	switch a.Kind {
	case SetAction:
		a.Detail = boolean(sa.Detail, true)
		if !a.Detail {
			b.errorf(sa.Detail.Pos, "%s: a set action changes one object, so it is detail: true", where)
		}
		a.Methods = b.methods(sa.Methods, sa.MethodsPos, []string{"POST", "PUT", "PATCH"}, []string{"POST"})
		a.Set = b.assignments(e.Model, sa, where)
	case SingletonAction:
		a.Detail = boolean(sa.Detail, false)
		if a.Detail {
			b.errorf(sa.Detail.Pos, "%s: a singleton action is the caller's own row, so it is detail: false", where)
		}
		a.Methods = b.methods(sa.Methods, sa.MethodsPos, []string{"GET", "PUT", "PATCH"}, []string{"GET"})
		if f := b.userField(e.Model, *sa.Singleton, "singleton"); f != nil {
			if !f.Unique {
				b.errorf(sa.Singleton.Pos, "singleton: field %q must be unique (a one_to_one, or unique: true) so that each user has one row", f.Name)
			}
			a.Singleton = f
		}
		a.CreateMissing = true
		if sa.Missing != nil {
			switch sa.Missing.Value {
			case "create":
			case "not_found":
				a.CreateMissing = false
			default:
				b.errorf(sa.Missing.Pos, "%s: missing must be create or not_found, not %q%s", where, sa.Missing.Value, suggest(sa.Missing.Value, []string{"create", "not_found"}))
			}
		}
	case HandlerAction:
		if sa.Detail == nil {
			b.errorf(a.Pos, "%s: say detail: true (the route takes an {id}) or detail: false", where)
		}
		a.Detail = boolean(sa.Detail, false)
		a.Methods = b.methods(sa.Methods, sa.MethodsPos, viewsetMethods, []string{"GET"})
	}
	if sa.Missing != nil && a.Kind != SingletonAction {
		b.errorf(sa.Missing.Pos, "%s: missing is a singleton's option (what a caller without a row gets)", where)
	}
	if a.Detail {
		a.Path = e.DetailPath() + name + "/"
	} else {
		a.Path = e.Path + name + "/"
	}
	b.addRoute(a.Path, a.Pos, fmt.Sprintf("action %q of endpoint %q", name, e.Name))

	a.Permission = e.Permission
	if sa.Permission != nil {
		a.Permission = b.expr(sa.Permission, false)
		b.checkObjectClasses(a.Permission, e.Model, sa.Permission.Pos, where)
	}
	return a
}

// assignments resolves a set action's `field: value` pairs.
func (b *builder) assignments(m *Model, sa *spec.Action, where string) []Assignment {
	if len(sa.Set) == 0 {
		b.errorf(*sa.SetPos, "%s: set must assign at least one field", where)
	}
	var out []Assignment
	for _, as := range sa.Set {
		f := m.Field(as.Field.Value)
		switch {
		case f == nil && b.unbuilt[fieldKey{m, as.Field.Value}]:
			continue
		case f == nil:
			b.errorf(as.Field.Pos, "%s: unknown field %q of model %s%s", where, as.Field.Value, m.Name, suggest(as.Field.Value, fieldNames(m.Fields)))
			continue
		case f.Type == ID || f.Type.IsRelation() || f.Type == JSON:
			b.errorf(as.Field.Pos, "%s: set cannot assign the %s field %q", where, f.Type, f.Name)
			continue
		}
		v, msg := literal(f, as.Value)
		if msg == "" && v.Kind == Null && !f.Null {
			msg = "field is not null: true"
		}
		if msg == "" && f.Choices != nil && v.Kind != Null && !slicesContainsValue(f.Choices, v) {
			msg = valueText(v) + " is not one of the choices"
		}
		if msg == "" && v.Kind != Null && ((f.Min != nil && compareValues(v, *f.Min) < 0) || (f.Max != nil && compareValues(v, *f.Max) > 0)) {
			msg = valueText(v) + " is outside min/max"
		}
		if msg != "" {
			b.errorf(as.Value.Pos, "%s: set %s: %s", where, f.Name, msg)
			continue
		}
		out = append(out, Assignment{Field: f, Value: v})
	}
	return out
}

// docstring is a description as DRF's get_view_description shows a docstring: without the
// blank lines and spaces around it (formatting.dedent strips it; YAML has removed the
// indentation already).
func docstring(s string) string {
	return strings.TrimSpace(s)
}

// uniquenessRules are DRF's get_uniqueness_extra_kwargs for a serializer of fields: every
// field of a unique_together set whose fields the serializer all lists (read-only ones too)
// gets required=True, or default= its model default when it has one; a read-only field drops
// required (include_extra_kwargs), so only writable fields change.
func uniquenessRules(m *Model, fields []*Field) (required, defaulted []*Field) {
	for _, ix := range m.Indexes {
		if !ix.Unique || ix.Name != "" {
			continue // a named one is a UniqueConstraint, which DRF 3.14 leaves alone
		}
		within := true
		for _, f := range ix.Fields {
			within = within && slices.Contains(fields, f)
		}
		if !within {
			continue
		}
		for _, f := range ix.Fields {
			switch {
			case f.ReadOnly || f.Owner || f.Display != "" || f.AutoNow || f.AutoNowAdd:
			case f.Default != nil || f.TimeDefault != nil:
				if !slices.Contains(defaulted, f) {
					defaulted = append(defaulted, f)
				}
			case !slices.Contains(required, f):
				required = append(required, f)
			}
		}
	}
	return required, defaulted
}
