package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/authgen/authgen/generator/spec"
)

// classMethods are the methods a `methods` class may map.
var classMethods = []string{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}

// buildClasses declares every custom class first, so that expressions may refer to classes
// declared later, then resolves their bodies.
func (b *builder) buildClasses() {
	var order []*PermClass
	for _, sc := range b.f.Permissions {
		name := sc.Name.Value
		c := &PermClass{Name: name, GoName: name, Pos: sc.Name.Pos}
		switch {
		case !typeName.MatchString(name):
			b.errorf(c.Pos, "permission class %q: class names are Go type names in CamelCase, like \"IsOwnerOrReadOnly\"", name)
			continue
		case b.classes[name] != nil:
			b.errorf(c.Pos, "permission class %q is built in; choose another name", name)
			continue
		case b.models[name] != nil:
			b.errorf(c.Pos, "permission class %q has the name of a model", name)
			continue
		}
		b.classes[name] = c
		b.classAST[c] = sc
		order = append(order, c)
	}
	for _, c := range order {
		b.classBody(c, b.classAST[c])
	}
	b.checkClassCycles(order)
	slices.SortFunc(order, func(x, y *PermClass) int { return strings.Compare(x.Name, y.Name) })
	b.app.Classes = order
}

func (b *builder) classBody(c *PermClass, sc *spec.Class) {
	var kinds []string
	if sc.Requires != nil {
		kinds = append(kinds, "requires")
		c.Kind = Requires
		c.Requires = b.permission(*sc.Requires)
	}
	if sc.MethodsPos != nil {
		kinds = append(kinds, "methods")
		c.Kind = Methods
		c.Methods = b.methodPerms(sc)
	}
	if sc.Object != nil {
		kinds = append(kinds, "object")
		c.Kind = Object
		b.objectClass(c, sc.Object)
	}
	if sc.Expr != nil {
		kinds = append(kinds, "expr")
		c.Kind = ExprClass
		c.Expr = b.expr(sc.Expr, false)
	}
	if sc.Go != nil {
		if sc.Go.Value {
			kinds = append(kinds, "go")
			c.Kind = GoClass
		} else {
			b.errorf(sc.Go.Pos, "go: false is the default; leave it out")
		}
	}
	switch len(kinds) {
	case 0:
		if sc.Go == nil { // go: false is reported above
			b.errorf(c.Pos, "permission class %q needs one of requires, methods, object, expr or go", c.Name)
		}
	case 1:
	default:
		b.errorf(c.Pos, "permission class %q has %s: a class is exactly one of requires, methods, object, expr or go", c.Name, strings.Join(kinds, " and "))
	}
	c.Message = str(sc.Message, "")
	c.Code = str(sc.Code, "")
	if sc.Message != nil && strings.TrimSpace(c.Message) == "" {
		b.errorf(sc.Message.Pos, "message must not be empty (leave it out for DRF's default)")
	}
	if sc.Code != nil && !snakeName.MatchString(c.Code) {
		b.errorf(sc.Code.Pos, "code %q must be lower snake_case, like \"permission_denied\"", c.Code)
	}
}

// methodPerms resolves a method map; HEAD and OPTIONS follow GET unless given, as in the
// perms_map of DRF's DjangoModelPermissions.
func (b *builder) methodPerms(sc *spec.Class) []MethodPerm {
	byMethod := map[string]*Permission{}
	for _, mp := range sc.Methods {
		m := mp.Method.Value
		if !contains(classMethods, m) {
			upper := strings.ToUpper(m)
			hint := suggest(m, classMethods)
			if contains(classMethods, upper) {
				hint = fmt.Sprintf("; write %q", upper)
			}
			b.errorf(mp.Method.Pos, "unknown HTTP method %q%s", m, hint)
			continue
		}
		if p := b.permission(mp.Perm); p != nil {
			byMethod[m] = p
		}
	}
	if len(sc.Methods) == 0 {
		b.errorf(*sc.MethodsPos, "methods must map at least one HTTP method to a permission")
	}
	if get := byMethod["GET"]; get != nil {
		for _, m := range []string{"HEAD", "OPTIONS"} {
			if byMethod[m] == nil {
				byMethod[m] = get
			}
		}
	}
	var out []MethodPerm
	for _, m := range classMethods { // sorted
		if p := byMethod[m]; p != nil {
			out = append(out, MethodPerm{Method: m, Perm: p})
		}
	}
	return out
}

func (b *builder) objectClass(c *PermClass, o *spec.Object) {
	switch {
	case o.OwnerFieldPos == nil:
		b.errorf(o.Pos, "permission class %q: object needs owner_field (the user field compared with the caller)", c.Name)
	case len(o.OwnerFields) == 0:
		b.errorf(*o.OwnerFieldPos, "permission class %q: owner_field must name at least one path", c.Name)
	}
	seen := map[string]bool{}
	for _, s := range o.OwnerFields {
		text, msg := canonicalPath(s.Value)
		switch {
		case msg != "":
			b.errorf(s.Pos, "permission class %q: owner_field %q: %s", c.Name, s.Value, msg)
		case seen[text]:
			b.errorf(s.Pos, "permission class %q: owner_field %q is listed twice", c.Name, s.Value)
		default:
			seen[text] = true
			c.OwnerFields = append(c.OwnerFields, text)
		}
	}
	if o.SafeMethods != nil {
		switch o.SafeMethods.Value {
		case "allow":
			c.SafeMethods = true
		case "deny":
		default:
			b.errorf(o.SafeMethods.Pos, "safe_methods must be allow or deny, not %q", o.SafeMethods.Value)
		}
	}
}

// checkClassCycles reports expr classes that refer to themselves, directly or not.
func (b *builder) checkClassCycles(classes []*PermClass) {
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[*PermClass]int{}
	var visit func(c *PermClass, path []string) bool
	visit = func(c *PermClass, path []string) bool {
		switch state[c] {
		case visiting:
			return true
		case done:
			return false
		}
		state[c] = visiting
		defer func() { state[c] = done }()
		if c.Kind != ExprClass || c.Expr == nil {
			return false
		}
		for _, ref := range c.Expr.Classes() {
			if ref == nil {
				continue
			}
			if state[ref] == visiting {
				b.errorf(c.Pos, "permission class %q refers to itself through %s", ref.Name, strings.Join(append(path, c.Name, ref.Name), " → "))
				c.Expr = nil // break the cycle for the later passes
				return true
			}
			if visit(ref, append(path, c.Name)) {
				return true
			}
		}
		return false
	}
	for _, c := range classes {
		visit(c, nil)
	}
}

// expr resolves a permission expression as written. accounts allows djoser's classes.
// It returns nil after reporting an error.
func (b *builder) expr(se *spec.Expr, accounts bool) *Expr {
	if se == nil {
		return nil
	}
	if se.List && len(se.Items) == 0 {
		b.errorf(se.Pos, "empty permission list; write AllowAny to allow everyone")
		return nil
	}
	var out *Expr
	ok := true
	for _, item := range se.Items {
		x, refs, perr := parseExprText(item)
		if perr != nil {
			b.errorf(strPos(item, perr.offset), "%s", perr.msg)
			ok = false
			continue
		}
		for _, r := range refs {
			c := b.classes[r.name]
			if c == nil {
				b.errorf(r.node.Pos, "unknown permission class %q%s", r.name, suggest(r.name, sortedKeys(b.classes)))
				ok = false
				continue
			}
			if c.AccountsOnly && !accounts {
				b.errorf(r.node.Pos, "%s is djoser's class for the user endpoints; it is only allowed in accounts.permissions", c.Name)
				ok = false
			}
			r.node.Class = c
		}
		if out == nil {
			out = x
		} else {
			out = &Expr{Op: And, X: out, Y: x, Pos: x.Pos}
		}
	}
	if !ok {
		return nil
	}
	return out
}

// objectClasses returns the Object classes an expression depends on, through expr classes.
func objectClasses(e *Expr) []*PermClass {
	var out []*PermClass
	seen := map[*PermClass]bool{}
	var walk func(*Expr)
	walk = func(x *Expr) {
		if x == nil {
			return
		}
		for _, c := range x.Classes() {
			if c == nil || seen[c] {
				continue
			}
			seen[c] = true
			switch c.Kind {
			case Object:
				out = append(out, c)
			case ExprClass:
				walk(c.Expr)
			}
		}
	}
	walk(e)
	return out
}

// usesClass reports whether e depends on a class satisfying pred, through expr classes.
func usesClass(e *Expr, pred func(*PermClass) bool) *PermClass {
	seen := map[*PermClass]bool{}
	var walk func(*Expr) *PermClass
	walk = func(x *Expr) *PermClass {
		if x == nil {
			return nil
		}
		for _, c := range x.Classes() {
			if c == nil || seen[c] {
				continue
			}
			seen[c] = true
			if pred(c) {
				return c
			}
			if c.Kind == ExprClass {
				if found := walk(c.Expr); found != nil {
					return found
				}
			}
		}
		return nil
	}
	return walk(e)
}
