package spec

// ClassKeys are the keys of a custom permission class.
var ClassKeys = []string{"requires", "methods", "object", "expr", "message", "code", "go"}

func (d *decoder) class(e entry) *Class {
	c := &Class{Name: e.keyValue}
	what := "permission class " + quote(e.key)
	d.object(e.val, what, ClassKeys, func(e entry) {
		switch e.key {
		case "requires":
			c.Requires = d.str("requires", e.val)
		case "methods":
			p := d.pos(e.keyNode)
			c.MethodsPos = &p
			c.Methods = []*MethodPerm{}
			for _, m := range d.entries(e.val, what+" methods") {
				if perm := d.str(m.key, m.val); perm != nil {
					c.Methods = append(c.Methods, &MethodPerm{Method: m.keyValue, Perm: *perm})
				}
			}
		case "object":
			o := &Object{Pos: d.pos(e.keyNode)}
			d.object(e.val, what+" object", []string{"owner_field", "safe_methods"}, func(e entry) {
				switch e.key {
				case "owner_field":
					p := d.pos(e.keyNode)
					o.OwnerFieldPos = &p
					o.OwnerFields = d.paths("owner_field", e.val)
				case "safe_methods":
					o.SafeMethods = d.str("safe_methods", e.val)
				}
			})
			c.Object = o
		case "expr":
			c.Expr = d.expr("expr", e.val)
		case "message":
			c.Message = d.str("message", e.val)
		case "code":
			c.Code = d.str("code", e.val)
		case "go":
			c.Go = d.boolean("go", e.val)
		}
	})
	return c
}
