package spec

import "gopkg.in/yaml.v3"

// EndpointKeys are the keys of an endpoint.
var EndpointKeys = []string{"model", "permission", "method_permissions", "fields", "methods", "scope", "pagination", "actions", "throttle_scope", "hooks", "description"}

// ActionKeys are the keys of an action.
var ActionKeys = []string{"detail", "methods", "permission", "set", "singleton", "missing", "handler", "throttle_scope", "description"}

// ScopeKeys are the keys of a scope mapping.
var ScopeKeys = []string{"paths", "except"}

func (d *decoder) endpoint(e entry) *Endpoint {
	ep := &Endpoint{Name: e.keyValue}
	what := "endpoint " + quote(e.key)
	present := false
	d.object(e.val, what, EndpointKeys, func(e entry) {
		switch e.key {
		case "model":
			present = true
			ep.Model = d.str("model", e.val)
		case "permission":
			ep.Permission = d.expr("permission", e.val)
		case "method_permissions":
			p := d.pos(e.keyNode)
			ep.MethodPermissionsPos = &p
			ep.MethodPermissions = []*MethodPermission{}
			for _, m := range d.entries(e.val, what+" method_permissions") {
				if x := d.expr(m.key, m.val); x != nil {
					ep.MethodPermissions = append(ep.MethodPermissions, &MethodPermission{Method: m.keyValue, Permission: x})
				}
			}
		case "fields":
			ep.Fields, ep.FieldsPos = d.strList("fields", e.val)
		case "methods":
			ep.Methods, ep.MethodsPos = d.strList("methods", e.val)
		case "scope":
			ep.Scope = d.scope(e.val)
		case "pagination":
			ep.Pagination = d.pagination("pagination", e)
		case "throttle_scope":
			ep.ThrottleScope = d.str("throttle_scope", e.val)
		case "hooks":
			ep.Hooks, ep.HooksPos = d.strList("hooks", e.val)
		case "description":
			ep.Description = d.str("description", e.val)
		case "actions":
			for _, a := range d.entries(e.val, what+" actions") {
				ep.Actions = append(ep.Actions, d.action(a))
			}
		}
	})
	if !present {
		d.errorf(e.keyNode, "endpoint %q: missing required key \"model\"", e.key)
	}
	return ep
}

// scope reads an endpoint's scope: a path, a list of alternative paths, or a mapping with
// paths and except.
func (d *decoder) scope(n *yaml.Node) *Scope {
	if n = d.resolve(n); n == nil {
		return nil
	}
	sc := &Scope{Pos: d.pos(n)}
	if n.Kind != yaml.MappingNode {
		sc.Paths = d.paths("scope", n)
		return sc
	}
	d.object(n, "scope", ScopeKeys, func(e entry) {
		switch e.key {
		case "paths":
			sc.Paths = d.paths("paths", e.val)
		case "except":
			sc.Except = d.expr("except", e.val)
		}
	})
	if sc.Paths == nil {
		d.errorf(n, "scope: missing required key \"paths\"")
	}
	return sc
}

// paths reads relation paths: one string, or a list of alternatives.
func (d *decoder) paths(key string, n *yaml.Node) []Str {
	if n.Kind == yaml.SequenceNode {
		list, _ := d.strList(key, n)
		return list
	}
	if s := d.str(key, n); s != nil {
		return []Str{*s}
	}
	return []Str{}
}

func (d *decoder) action(e entry) *Action {
	a := &Action{Name: e.keyValue}
	d.object(e.val, "action "+quote(e.key), ActionKeys, func(e entry) {
		switch e.key {
		case "detail":
			a.Detail = d.boolean("detail", e.val)
		case "methods":
			a.Methods, a.MethodsPos = d.strList("methods", e.val)
		case "permission":
			a.Permission = d.expr("permission", e.val)
		case "set":
			p := d.pos(e.keyNode)
			a.SetPos = &p
			a.Set = d.assignments(e.val)
		case "singleton":
			a.Singleton = d.str("singleton", e.val)
		case "missing":
			a.Missing = d.str("missing", e.val)
		case "handler":
			a.Handler = d.boolean("handler", e.val)
		case "throttle_scope":
			a.ThrottleScope = d.str("throttle_scope", e.val)
		case "description":
			a.Description = d.str("description", e.val)
		}
	})
	return a
}

func (d *decoder) assignments(n *yaml.Node) []*Assignment {
	out := []*Assignment{}
	for _, e := range d.entries(n, "set") {
		if v := d.scalar(e.key, e.val); v != nil {
			out = append(out, &Assignment{Field: e.keyValue, Value: *v})
		}
	}
	return out
}
