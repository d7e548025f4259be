package emit

import (
	"fmt"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// permissionsFile is permissions.go: a typed constant per permission, the spec's permission
// classes, and the checkers of every route.
func permissionsFile(app *model.App) *File {
	f := newFile(app)
	f.Comment("Permissions of the app, as `app_label.codename`: what groups and users are granted")
	f.Comment("(`groups create NAME --perm …`) and what the checkers below require.")
	f.Const().DefsFunc(func(g *Group) {
		for _, p := range app.Permissions {
			g.Comment(p.GoName + ": " + p.Name + ".")
			g.Id(p.GoName).Op("=").Lit(p.Full)
		}
	})

	for _, c := range app.Classes {
		if modelDependent(c) {
			continue // expanded where it is used, since it names the endpoint's model
		}
		comment(f, classDoc(c))
		f.Var().Id(c.GoName).Qual(pkgAuthz, "Checker").Op("=").Add(classValue(app, c, nil))
	}

	f.Comment("rootPermissions guard the API root: the default permission.")
	f.Var().Id("rootPermissions").Op("=").Add(checkerList(app, app.DefaultPermission, nil))
	for _, e := range app.Endpoints {
		comment(f, fmt.Sprintf("%s guard %s: %s.", e.Names.Permissions, e.Path, e.Permission.String()))
		f.Var().Id(e.Names.Permissions).Op("=").Add(checkerList(app, e.Permission, e.Model))
		methodSwitch(f, app, e)
		if e.Names.ScopeExcept != "" {
			comment(f, fmt.Sprintf("%s let a caller see every row of %s, not only the scope's: %s.", e.Names.ScopeExcept, e.Path, e.Scope.Except.String()))
			f.Var().Id(e.Names.ScopeExcept).Op("=").Add(checkerList(app, e.Scope.Except, e.Model))
		}
		for _, a := range e.Actions {
			if a.Permission == e.Permission {
				continue
			}
			comment(f, fmt.Sprintf("%s guard %s: %s.", a.Names.Permissions, a.Path, a.Permission.String()))
			f.Var().Id(a.Names.Permissions).Op("=").Add(checkerList(app, a.Permission, e.Model))
		}
	}
	return f
}

// actionPermissions names the checker list of an action (its own, or its endpoint's).
func actionPermissions(e *model.Endpoint, a *model.Action) string {
	if a.Permission == e.Permission {
		return e.Names.Permissions
	}
	return a.Names.Permissions
}

// methodSwitch writes the checker lists of an endpoint's method_permissions and the function
// choosing among them by the request's method: DRF's get_permissions overridden per method.
func methodSwitch(f *File, app *model.App, e *model.Endpoint) {
	if len(e.MethodPermissions) == 0 {
		return
	}
	for _, mp := range e.MethodPermissions {
		comment(f, fmt.Sprintf("%s guard %s on %s: %s.", mp.GoName, mp.Method, e.Path, mp.Permission.String()))
		f.Var().Id(mp.GoName).Op("=").Add(checkerList(app, mp.Permission, e.Model))
	}
	f.Commentf("%s returns the checks of a request to %s by its method: method_permissions,", e.Names.PermissionsFor, e.Path)
	f.Commentf("else %s.", e.Names.Permissions)
	f.Func().Id(e.Names.PermissionsFor).Params(Id("method").String()).Op("*").Qual(pkgAuthz, "List").Block(
		Switch(Id("method")).BlockFunc(func(g *Group) {
			for _, mp := range e.MethodPermissions {
				cases := []Code{Qual("net/http", "Method"+methodGoName(mp.Method))}
				if mp.Method == "GET" {
					cases = append(cases, Qual("net/http", "MethodHead"))
				}
				g.Case(cases...).Block(Return(Id(mp.GoName)))
			}
		}),
		Return(Id(e.Names.Permissions)),
	)
}

// routeChecks is the checker list guarding a request to the endpoint's list and detail
// routes: its variable, or the method switch called with the request's method.
func routeChecks(e *model.Endpoint) *Statement {
	if len(e.MethodPermissions) == 0 {
		return Id(e.Names.Permissions)
	}
	return Id(e.Names.PermissionsFor).Call(Id("r").Dot("Method"))
}

// actionChecks is the checker list guarding a request to an action: its own permission's,
// or, when it has none, the endpoint's for the request's method.
func actionChecks(e *model.Endpoint, a *model.Action) *Statement {
	if a.Permission == e.Permission {
		return routeChecks(e)
	}
	return Id(actionPermissions(e, a))
}

func classDoc(c *model.PermClass) string {
	switch c.Kind {
	case model.Requires:
		return c.GoName + " requires " + c.Requires.Full + "."
	case model.Methods:
		var parts []string
		for _, mp := range c.Methods {
			parts = append(parts, mp.Method+" → "+mp.Perm.Full)
		}
		return c.GoName + " requires, per method: " + strings.Join(parts, ", ") + "."
	case model.Object:
		s := c.GoName + " allows the object's " + strings.Join(c.OwnerFields, " or ") + " only"
		if c.SafeMethods {
			s += ", and everyone to read"
		}
		return s + "."
	case model.ExprClass:
		return c.GoName + " is " + c.Expr.String() + "."
	case model.GoClass:
		return c.GoName + " is written in Go by the application (Hooks." + c.GoName + ")."
	}
	return c.GoName + "."
}

// classValue renders a custom class as a checker.
func classValue(app *model.App, c *model.PermClass, m *model.Model) *Statement {
	var v *Statement
	switch c.Kind {
	case model.Requires:
		v = Qual(pkgAuthz, "Requires").Call(Id(c.Requires.GoName))
	case model.Methods:
		v = Qual(pkgAuthz, "MethodPerms").Call(Map(String()).String().Values(DictFunc(func(d Dict) {
			for _, mp := range c.Methods {
				d[Qual("net/http", "Method"+methodGoName(mp.Method))] = Id(mp.Perm.GoName)
			}
		})))
	case model.Object:
		d := Dict{Id("Field"): Lit(c.OwnerFields[0]), Id("SafeMethods"): Lit(c.SafeMethods)}
		if len(c.OwnerFields) > 1 {
			d[Id("Or")] = Index().String().ValuesFunc(func(g *Group) {
				for _, o := range c.OwnerFields[1:] {
					g.Lit(o)
				}
			})
		}
		v = Qual(pkgAuthz, "Owner").Values(d)
	case model.ExprClass:
		v = checkerExpr(app, c.Expr, m)
	case model.GoClass:
		// Registered by Implement after this variable is built: asked at each check.
		v = Qual(pkgAuthz, "Indirect").Call(Op("&").Id("implemented").Dot(c.GoName))
	default:
		v = builtinChecker(app, c, m)
	}
	// A class of the spec keeps its name, so that a denial names it.
	fields := []Code{Line().Id("Name").Op(":").Lit(c.GoName), Line().Id("Checker").Op(":").Add(v)}
	if c.Message != "" {
		fields = append(fields, Line().Id("Message").Op(":").Lit(c.Message))
	}
	if c.Code != "" {
		fields = append(fields, Line().Id("Code").Op(":").Lit(c.Code))
	}
	return Qual(pkgAuthz, "Class").Values(append(fields, Line())...)
}

// checkerList renders a permission as DRF's permission_classes list, compiled once
// (authz.NewList): the top-level chain of & becomes separate entries, so the first failing
// one's message is the answer, as in DRF.
func checkerList(app *model.App, e *model.Expr, m *model.Model) *Statement {
	var items []*model.Expr
	var flatten func(*model.Expr)
	flatten = func(x *model.Expr) {
		if x.Op == model.And {
			flatten(x.X)
			flatten(x.Y)
			return
		}
		items = append(items, x)
	}
	flatten(e)
	return Qual(pkgAuthz, "NewList").CallFunc(func(g *Group) {
		for _, it := range items {
			g.Add(checkerExpr(app, it, m))
		}
	})
}

func checkerExpr(app *model.App, e *model.Expr, m *model.Model) *Statement {
	switch e.Op {
	case model.And:
		return Qual(pkgAuthz, "And").Call(checkerExpr(app, e.X, m), checkerExpr(app, e.Y, m))
	case model.Or:
		return Qual(pkgAuthz, "Or").Call(checkerExpr(app, e.X, m), checkerExpr(app, e.Y, m))
	case model.Not:
		return Qual(pkgAuthz, "Not").Call(checkerExpr(app, e.X, m))
	}
	c := e.Class
	if c.Kind == model.Builtin {
		return builtinChecker(app, c, m)
	}
	if modelDependent(c) {
		return classValue(app, c, m)
	}
	return Id(c.GoName)
}

// builtinChecker maps DRF's classes to the runtime's. The model permission classes need the
// model; where there is none (the API root) DRF ignores them (_ignore_model_permissions).
func builtinChecker(app *model.App, c *model.PermClass, m *model.Model) *Statement {
	switch c {
	case model.DjangoModelPermissions, model.DjangoModelPermissionsOrAnonReadOnly, model.DjangoObjectPermissions:
		if m == nil {
			return Qual(pkgAuthz, "AllowAny").Values()
		}
		return Qual(pkgAuthz, c.GoName).Call(Lit(app.Name), Lit(m.ContentType))
	}
	return Qual(pkgAuthz, c.GoName).Values()
}

// modelDependent reports whether a class needs the endpoint's model to decide.
func modelDependent(c *model.PermClass) bool {
	switch c {
	case model.DjangoModelPermissions, model.DjangoModelPermissionsOrAnonReadOnly, model.DjangoObjectPermissions:
		return true
	}
	if c.Kind != model.ExprClass {
		return false
	}
	for _, sub := range c.Expr.Classes() {
		if modelDependent(sub) {
			return true
		}
	}
	return false
}

// methodGoName turns "PATCH" into "Patch", as net/http's MethodPatch.
func methodGoName(method string) string {
	return method[:1] + strings.ToLower(method[1:])
}
