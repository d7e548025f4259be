package emit

import (
	"fmt"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// actionRoute writes the method table of one DRF @action: its own permission (which replaces
// the endpoint's), its methods, and their handlers.
func actionRoute(f *File, e *model.Endpoint, a *model.Action, ep model.EndpointNames) {
	perms := routePerms(e)
	if a.Permission != e.Permission {
		perms = fieldPair{"Perms", Id(actionPermissions(e, a))}
	}
	handlers := map[string]Code{}
	for _, method := range a.Methods {
		handlers[method] = actionHandler(e, a, ep)
	}
	// DRF names an @action's view after its function (pretty_name).
	routeTable(f, e, route{fn: a.Names.Route, path: a.Path, name: prettyName(a.Name), perms: perms, detail: a.Detail,
		action: true, description: a.Description}, a.Methods, handlers)
}

// actionHandler is the handler of an action's methods.
func actionHandler(e *model.Endpoint, a *model.Action, ep model.EndpointNames) Code {
	switch a.Kind {
	case model.SetAction, model.SingletonAction:
		return Id("a").Dot(a.Names.Func)
	}
	// Hand-written: load the object for detail actions, then call the application.
	args := []Code{Id("a").Dot("call").Call(Id("w"), Id("r"), Id("req"))}
	if a.Detail {
		args = append(args, Id("v"))
	}
	return Func().Params(handlerParams()...).BlockFunc(func(g *Group) {
		if a.Detail {
			g.List(Id("v"), Id("ok")).Op(":=").Qual(pkgView, "GetObject").Call(Op("&").Id("a").Dot("Base"), Id("w"), Id("r"), Id("req"), actionChecks(e, a), Id("a").Dot(ep.Get))
			g.If(Op("!").Id("ok")).Block(Return())
		}
		g.If(Id("err").Op(":=").Id("a").Dot("code").Dot(ep.HooksField).Dot(a.GoName).Call(args...),
			Id("err").Op("!=").Nil().Op("&&").Op("!").Qual(pkgView, "Answered").Call(Id("w"), Id("err"))).Block(
			Id("a").Dot("Fail").Call(Id("w"), Id("r"), Id("err")),
		)
	})
}

// actionBody writes the behaviour of declarative actions, once per action.
func actionBodies(f *File, e *model.Endpoint, ep model.EndpointNames) {
	for _, a := range e.Actions {
		switch a.Kind {
		case model.SetAction:
			setAction(f, e, a, ep)
		case model.SingletonAction:
			singletonAction(f, e, a, ep)
		}
	}
}

// setAction loads the object (with the object-level checks of the action's permission),
// assigns the spec's values, saves and answers the object.
func setAction(f *File, e *model.Endpoint, a *model.Action, ep model.EndpointNames) {
	m := e.Model
	f.Commentf("%s sets %s on one %s.", a.Names.Func, assignmentsDoc(a), m.GoName)
	f.Func().Params(Id("a").Op("*").Id("API")).Id(a.Names.Func).Params(handlerParams()...).BlockFunc(func(g *Group) {
		g.List(Id("v"), Id("ok")).Op(":=").Qual(pkgView, "GetObject").Call(Op("&").Id("a").Dot("Base"), Id("w"), Id("r"), Id("req"), actionChecks(e, a), Id("a").Dot(ep.Get))
		g.If(Op("!").Id("ok")).Block(Return())
		for _, as := range a.Set {
			g.Id("v").Dot(as.Field.GoName).Op("=").Add(literalValue(as.Field, as.Value))
		}
		writeAndRespond(g, e, ep, m.Names.Update, "", "StatusOK", nil)
	})
}

func assignmentsDoc(a *model.Action) string {
	s := ""
	for i, as := range a.Set {
		if i > 0 {
			s += ", "
		}
		s += as.Field.Name
	}
	return s
}

// singletonAction is the owned singleton (`me`): the caller's row found by the user field,
// created on first use; GET answers it, PUT/PATCH update it partially.
func singletonAction(f *File, e *model.Endpoint, a *model.Action, ep model.EndpointNames) {
	m := e.Model
	fd := a.Singleton
	if a.CreateMissing {
		f.Commentf("%s answers the caller's %s, creating it on first use.", a.Names.Func, m.GoName)
	} else {
		f.Commentf("%s answers the caller's %s; a caller without one gets 404.", a.Names.Func, m.GoName)
	}
	f.Func().Params(Id("a").Op("*").Id("API")).Id(a.Names.Func).Params(handlerParams()...).BlockFunc(func(g *Group) {
		g.Id("query").Op(":=").Id(m.Names.Select).Op("+").Lit(fmt.Sprintf(` WHERE %s.%s = $1`, quote(m.Table), quote(fd.Column)))
		g.List(Id("v"), Id("err")).Op(":=").Id(m.Names.Scan).Call(Id("a").Dot("DB").Dot("QueryRowContext").Call(Id("r").Dot("Context").Call(), Id("query"), Id("req").Dot("Subject").Dot("UserID")))
		g.If(Qual("errors", "Is").Call(Id("err"), Qual("database/sql", "ErrNoRows"))).BlockFunc(func(b *Group) {
			if !a.CreateMissing {
				b.Qual(pkgHTTPX, "NotFound").Call(Id("w"))
				b.Return()
				return
			}
			b.Id("v").Op("=").Id(m.Names.New).Call()
			if fd.Null {
				b.Id("v").Dot(fd.GoName).Op("=").Op("&").Id("req").Dot("Subject").Dot("UserID")
			} else {
				b.Id("v").Dot(fd.GoName).Op("=").Id("req").Dot("Subject").Dot("UserID")
			}
			b.Id("err").Op("=").Id(m.Names.Insert).Call(Id("r").Dot("Context").Call(), Id("a").Dot("DB"), Id("v"))
			b.Comment("Two first requests may race: the loser reads the winner's row.")
			b.If(Qual(pkgDB, "IsUniqueViolation").Call(Id("err"))).Block(
				List(Id("v"), Id("err")).Op("=").Id(m.Names.Scan).Call(Id("a").Dot("DB").Dot("QueryRowContext").Call(Id("r").Dot("Context").Call(), Id("query"), Id("req").Dot("Subject").Dot("UserID"))),
			)
			if hasDisplay(m) {
				b.If(Id("err").Op("==").Nil()).Block(
					List(Id("v"), Id("err")).Op("=").Id(m.Names.Scan).Call(Id("a").Dot("DB").Dot("QueryRowContext").Call(Id("r").Dot("Context").Call(), Id("query"), Id("req").Dot("Subject").Dot("UserID"))),
				)
			}
		})
		g.If(Id("err").Op("!=").Nil()).Block(Id("a").Dot("Fail").Call(Id("w"), Id("r"), Id("err")), Return())
		g.Add(loadLinks(m, Return()))
		if has(a.Methods, "PUT") || has(a.Methods, "PATCH") {
			g.If(Id("req").Dot("Safe").Call()).Block(
				Qual(pkgHTTPX, "JSON").Call(Id("w"), Qual("net/http", "StatusOK"), Id(ep.View).Call(Id("v"))),
				Return(),
			)
			readBody(g, ep, True())
			writeAndRespond(g, e, ep, m.Names.Update, "", "StatusOK", True())
			return
		}
		g.Qual(pkgHTTPX, "JSON").Call(Id("w"), Qual("net/http", "StatusOK"), Id(ep.View).Call(Id("v")))
	})
}

func methodsDoc(methods []string) string {
	s := ""
	for i, m := range methods {
		if i > 0 {
			s += "/"
		}
		s += m
	}
	return s
}
