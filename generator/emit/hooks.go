package emit

import (
	"fmt"
	"slices"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// hooksFile is hooks.go, written when the application writes code the generated package
// calls (hooks, handler actions, permission classes in Go): the Hooks struct it fills in its
// own files and hands to Implement, an interface per endpoint, and Call, the toolkit that
// code gets so that it writes no SQL and no JSON shapes for the spec's models.
func hooksFile(app *model.App) *File {
	f := newFile(app)
	codeEndpoints, goClasses := codeParts(app)

	f.Commentf("Hooks is the application's own code, which the spec declares and the generated package")
	f.Comment("calls: fill it in the application's files (never in this package, which is generated)")
	f.Comment("and register it with Implement. A missing method does not compile; a missing member")
	f.Comment("stops the app at start-up (app.Definition.Unimplemented).")
	f.Type().Id("Hooks").StructFunc(func(g *Group) {
		for _, e := range codeEndpoints {
			g.Commentf("%s is the code of %s (endpoints.%s).", e.Names.HooksField, e.Path, e.Name)
			g.Id(e.Names.HooksField).Id(e.Names.Hooks)
		}
		for _, c := range goClasses {
			g.Commentf("%s is the permission class %s (go: true), DRF's has_permission and", c.GoName, c.Name)
			g.Comment("has_object_permission.")
			g.Id(c.GoName).Qual(pkgAuthz, "Checker")
		}
	})

	f.Comment("implemented is the code Implement registered.")
	f.Var().Id("implemented").Id("Hooks")

	f.Comment("Implement registers the application's code. Call it from an init function of the")
	f.Comment("application's own files, so that it is in place before main calls Definition:")
	f.Comment("")
	f.Commentf("\tfunc init() { %s.Implement(%s.Hooks{ ... }) }", app.Name, app.Name)
	f.Func().Id("Implement").Params(Id("h").Id("Hooks")).Block(Id("implemented").Op("=").Id("h"))

	f.Comment("missing lists the members of h that are nil, each at the spec line that declares it.")
	f.Func().Params(Id("h").Id("Hooks")).Id("missing").Params().Index().String().BlockFunc(func(g *Group) {
		g.Var().Id("out").Index().String()
		for _, e := range codeEndpoints {
			g.If(Id("h").Dot(e.Names.HooksField).Op("==").Nil()).Block(
				Id("out").Op("=").Append(Id("out"), Line().Lit(fmt.Sprintf("%s:%d:%d: endpoints.%s: Hooks.%s",
					app.SpecFile, e.Pos.Line, e.Pos.Col, e.Name, e.Names.HooksField)).Op("+").
					Line().Lit(fmt.Sprintf(" (%s) is not implemented", strings.Join(hookMethodNames(e), ", ")))),
			)
		}
		for _, c := range goClasses {
			g.If(Id("h").Dot(c.GoName).Op("==").Nil()).Block(
				Id("out").Op("=").Append(Id("out"), Lit(fmt.Sprintf("%s:%d:%d: permissions.%s: Hooks.%s (go: true) is not implemented",
					app.SpecFile, c.Pos.Line, c.Pos.Col, c.Name, c.GoName))),
			)
		}
		g.Return(Id("out"))
	})

	for _, e := range codeEndpoints {
		hooksInterface(f, e)
	}
	for _, e := range app.Endpoints {
		if e.Hooks.GetQueryset {
			whereColumns(f, e)
		}
	}
	callType(f, app)
	return f
}

// codeParts lists the endpoints with code and the permission classes written in Go.
func codeParts(app *model.App) ([]*model.Endpoint, []*model.PermClass) {
	var eps []*model.Endpoint
	for _, e := range app.Endpoints {
		if e.HasCode() {
			eps = append(eps, e)
		}
	}
	var classes []*model.PermClass
	for _, c := range app.Classes {
		if c.Kind == model.GoClass {
			classes = append(classes, c)
		}
	}
	return eps, classes
}

// hookMethod is one method of an endpoint's Hooks interface.
type hookMethod struct {
	name    string
	doc     []string
	params  []Code
	results *Statement
	// stub is the body of the permission-matrix test's stand-in: what the route does
	// without the application's code (hand-written actions answer 204).
	stub []Code
}

// hookMethods are the methods of an endpoint's interface: its hooks in DRF's order of
// calling them, then its handler actions in spec order.
func hookMethods(e *model.Endpoint) []hookMethod {
	m := e.Model
	row := func() Code { return Id("v").Op("*").Id(m.GoName) }
	call := func() Code { return Id("c").Op("*").Id("Call") }
	var out []hookMethod
	h := e.Hooks
	if h.GetQueryset {
		out = append(out, hookMethod{name: "GetQueryset",
			doc: []string{"GetQueryset is get_queryset: the rows of " + e.Name + " the request may see, as a condition",
				"over " + e.Names.Where + "'s columns (the zero db.Cond for all of them). List and",
				"detail routes and actions ask it; c.W is nil here (the route answers)."},
			params: []Code{call()}, results: Params(Qual(pkgDB, "Cond"), Error()),
			stub: []Code{Return(Qual(pkgDB, "Cond").Values(), Nil())}})
	}
	perform := func(name, drf, what, save string) {
		out = append(out, hookMethod{name: name,
			doc: []string{name + " is " + drf + ": it " + what + " v (c." + save + m.GoName + "), and may",
				"write other rows with c's methods, all in one transaction; an error undoes them."},
			params: []Code{call(), row()}, results: Error(),
			stub: []Code{Return(Id("c").Dot(save + m.GoName).Call(Id("v")))}})
	}
	if h.PerformCreate {
		perform("PerformCreate", "perform_create", "saves the validated new row", "Insert")
	}
	if h.PerformUpdate {
		perform("PerformUpdate", "perform_update", "saves the validated row", "Update")
	}
	if h.PerformDestroy {
		perform("PerformDestroy", "perform_destroy", "deletes the row", "Delete")
	}
	for _, fd := range h.ValidateFields {
		t := goType(fd)
		out = append(out, hookMethod{name: "Validate" + fd.GoName,
			doc: []string{"Validate" + fd.GoName + " is validate_" + fd.Name + ": the value the body gave (JSON or a form), as its",
				"field read and validated it; it returns the value, checked further or changed, or a",
				"view.Invalid error, answered 400 under " + fd.Name + "."},
			params: []Code{call(), Id("value").Add(t)}, results: Params(goType(fd), Error()),
			stub: []Code{Return(Id("value"), Nil())}})
	}
	if h.Validate {
		out = append(out, hookMethod{name: "Validate",
			doc: []string{"Validate is validate: the cross-field check of v, the row with the body's valid",
				"fields applied (partial is PATCH); a view.Invalid error answers 400 under non_field_errors."},
			params: []Code{call(), row(), Id("partial").Bool()}, results: Error(),
			stub: []Code{Return(Nil())}})
	}
	for _, a := range e.Actions {
		if a.Kind != model.HandlerAction {
			continue
		}
		params := []Code{call()}
		doc := []string{fmt.Sprintf("%s serves %s %s, after the action's permission checks; it answers", a.GoName, methodsDoc(a.Methods), a.Path),
			"with c's Render methods or returns the error to answer."}
		if a.Detail {
			params = append(params, Id("obj").Op("*").Id(m.GoName))
			doc[0] = fmt.Sprintf("%s serves %s %s with its object, loaded and checked as get_object", a.GoName, methodsDoc(a.Methods), a.Path)
			doc[1] = "does; it answers with c's Render methods or returns the error to answer."
		}
		out = append(out, hookMethod{name: a.GoName, doc: doc, params: params, results: Error(),
			stub: []Code{Id("c").Dot("W").Dot("WriteHeader").Call(Qual("net/http", "StatusNoContent")), Return(Nil())}})
	}
	return out
}

func hookMethodNames(e *model.Endpoint) []string {
	var out []string
	for _, hm := range hookMethods(e) {
		out = append(out, hm.name)
	}
	return out
}

// hooksInterface declares what the application implements for an endpoint.
func hooksInterface(f *File, e *model.Endpoint) {
	f.Commentf("%s is the application's code of %s: the hooks and the hand-written", e.Names.Hooks, e.Path)
	f.Comment("actions the spec declares for it.")
	f.Type().Id(e.Names.Hooks).InterfaceFunc(func(g *Group) {
		for _, hm := range hookMethods(e) {
			for _, line := range hm.doc {
				g.Comment(line)
			}
			g.Id(hm.name).Params(hm.params...).Add(hm.results)
		}
	})
}

// whereColumns declares the columns a get_queryset hook filters on.
func whereColumns(f *File, e *model.Endpoint) {
	m := e.Model
	fields := append([]*model.Field{m.ID}, m.Fields...)
	var members []*model.Field
	for _, fd := range fields {
		if fd.Type != model.ManyToMany {
			members = append(members, fd)
		}
	}
	f.Commentf("%s are the columns of %s that %s's GetQueryset filters on:", e.Names.Where, m.GoName, e.Names.Hooks)
	f.Commentf("%s.%s.Eq(c.Subject.UserID), db.Or(…), as Django's filter and Q.", e.Names.Where, members[len(members)-1].GoName)
	f.Var().Id(e.Names.Where).Op("=").Struct(
		ListFunc(func(g *Group) {
			for _, fd := range members {
				g.Id(fd.GoName)
			}
		}).Qual(pkgDB, "Column"),
	).ValuesFunc(func(g *Group) {
		for _, fd := range members {
			g.Line().Id(fd.GoName).Op(":").Lit(quote(m.Table) + "." + quote(fd.Column))
		}
		g.Line()
	})
}

// callType writes Call and its toolkit: the request, a transaction, and typed writes,
// reads and renderings of the spec's models and endpoints.
func callType(f *File, app *model.App) {
	f.Comment("Call is what the application's code gets: the request and who makes it (the embedded")
	f.Comment("authz.Request: Subject, Method, HTTP, Ctx), the response writer W, and methods that")
	f.Comment("read, write and render the spec's models as the generated endpoints do.")
	f.Type().Id("Call").Struct(
		Op("*").Qual(pkgAuthz, "Request"),
		Id("W").Qual("net/http", "ResponseWriter").Comment("nil in GetQueryset"),
		Line(),
		Id("api").Op("*").Id("API"),
		Id("tx").Op("*").Qual("database/sql", "Tx").Comment("during Atomic"),
	)

	f.Comment("call is the Call of a request the API serves.")
	f.Func().Params(Id("a").Op("*").Id("API")).Id("call").Params(handlerParams()...).Op("*").Id("Call").Block(
		Return(Op("&").Id("Call").Values(Id("Request").Op(":").Id("req"), Id("W").Op(":").Id("w"), Id("api").Op(":").Id("a"))),
	)

	f.Comment("q is where c's statements run: Atomic's transaction, else the database.")
	f.Func().Params(Id("c").Op("*").Id("Call")).Id("q").Params().Qual(pkgDB, "Querier").Block(
		If(Id("c").Dot("tx").Op("!=").Nil()).Block(Return(Id("c").Dot("tx"))),
		Return(Id("c").Dot("api").Dot("DB")),
	)

	f.Comment("Atomic runs fn in one transaction, as Django's transaction.atomic: the writes of c's")
	f.Comment("methods during fn commit together when it returns nil, and none of them otherwise.")
	f.Comment("Within another Atomic, fn is part of the outer transaction.")
	f.Func().Params(Id("c").Op("*").Id("Call")).Id("Atomic").Params(Id("fn").Func().Params().Error()).Error().Block(
		If(Id("c").Dot("tx").Op("!=").Nil()).Block(Return(Id("fn").Call())),
		Return(Id("c").Dot("api").Dot("DB").Dot("InTx").Call(Id("c").Dot("Ctx"), Func().Params(Id("tx").Op("*").Qual("database/sql", "Tx")).Error().Block(
			Id("c").Dot("tx").Op("=").Id("tx"),
			Defer().Func().Params().Block(Id("c").Dot("tx").Op("=").Nil()).Call(),
			Return(Id("fn").Call()),
		))),
	)

	for _, m := range app.Models {
		f.Commentf("Find%s reads the %s of id, with no permission check (a 404 error when there is none).", m.GoName, m.GoName)
		f.Func().Params(Id("c").Op("*").Id("Call")).Id("Find"+m.GoName).Params(Id("id").Int64()).Params(Op("*").Id(m.GoName), Error()).BlockFunc(func(g *Group) {
			g.List(Id("v"), Id("err")).Op(":=").Id(m.Names.Scan).Call(Id("c").Dot("q").Call().Dot("QueryRowContext").Call(
				Id("c").Dot("Ctx"), Id(m.Names.Select).Op("+").Lit(fmt.Sprintf(` WHERE %s."id" = $1`, quote(m.Table))), Id("id")))
			g.If(Qual("errors", "Is").Call(Id("err"), Qual("database/sql", "ErrNoRows"))).Block(
				Return(Nil(), Qual(pkgView, "Refuse").Call(Qual("net/http", "StatusNotFound"), Qual(pkgHTTPX, "MsgNotFound"))))
			if len(linkFields(m)) > 0 {
				g.If(Id("err").Op("==").Nil()).Block(
					Id("err").Op("=").Id(m.Names.LoadLinks).Call(Id("c").Dot("Ctx"), Id("c").Dot("q").Call(), Id("v")))
			}
			g.Return(Id("v"), Id("err"))
		})
		for _, fd := range m.Fields {
			findByField(f, m, fd)
		}
		if links := linkFields(m); len(links) > 0 {
			var names []string
			for _, fd := range links {
				names = append(names, fd.GoName)
			}
			f.Commentf("Insert%s inserts v and sets its ID, then links it to the rows of %s,", m.GoName, strings.Join(names, " and "))
			f.Comment("in one transaction (a nil list links none).")
			f.Func().Params(Id("c").Op("*").Id("Call")).Id("Insert" + m.GoName).Params(Id("v").Op("*").Id(m.GoName)).Error().Block(
				Return(Id("c").Dot("Atomic").Call(Func().Params().Error().BlockFunc(func(g *Group) {
					g.If(Id("err").Op(":=").Id(m.Names.Insert).Call(Id("c").Dot("Ctx"), Id("c").Dot("tx"), Id("v")), Id("err").Op("!=").Nil()).Block(Return(Id("err")))
					setLinks(g, m)
				}))))
			f.Commentf("Update%s writes every column of v and replaces its links with those of", m.GoName)
			f.Commentf("%s, in one transaction (a nil list leaves that field's links as they are).", strings.Join(names, " and "))
			f.Func().Params(Id("c").Op("*").Id("Call")).Id("Update" + m.GoName).Params(Id("v").Op("*").Id(m.GoName)).Error().Block(
				Return(Id("c").Dot("Atomic").Call(Func().Params().Error().BlockFunc(func(g *Group) {
					g.If(Id("err").Op(":=").Id(m.Names.Update).Call(Id("c").Dot("Ctx"), Id("c").Dot("tx"), Id("v")), Id("err").Op("!=").Nil()).Block(Return(Id("err")))
					setLinks(g, m)
				}))))
		} else {
			f.Commentf("Insert%s inserts v (its columns) and sets its ID.", m.GoName)
			f.Func().Params(Id("c").Op("*").Id("Call")).Id("Insert" + m.GoName).Params(Id("v").Op("*").Id(m.GoName)).Error().Block(
				Return(Id(m.Names.Insert).Call(Id("c").Dot("Ctx"), Id("c").Dot("q").Call(), Id("v"))))
			f.Commentf("Update%s writes every column of v.", m.GoName)
			f.Func().Params(Id("c").Op("*").Id("Call")).Id("Update" + m.GoName).Params(Id("v").Op("*").Id(m.GoName)).Error().Block(
				Return(Id(m.Names.Update).Call(Id("c").Dot("Ctx"), Id("c").Dot("q").Call(), Id("v"))))
		}
		f.Commentf("Delete%s deletes v's row and what its relations' on_delete says, as Django's Collector.", m.GoName)
		f.Func().Params(Id("c").Op("*").Id("Call")).Id("Delete"+m.GoName).Params(Id("v").Op("*").Id(m.GoName)).Error().Block(
			If(Id("c").Dot("tx").Op("==").Nil()).Block(Return(Id(m.Names.Delete).Call(Id("c").Dot("Ctx"), Id("c").Dot("api").Dot("DB"), Id("v").Dot("ID")))),
			List(Id("_"), Id("err")).Op(":=").Id("collector").Dot("DeleteTx").Call(Id("c").Dot("Ctx"), Id("c").Dot("tx"), Lit(m.Table), Id("v").Dot("ID")),
			Return(Id("err")),
		)
	}
	for _, e := range app.Endpoints {
		callEndpointMethods(f, e)
	}
}

// setLinks writes, inside Atomic, the statements that replace v's links of each
// many_to_many field whose list is not nil.
func setLinks(g *Group, m *model.Model) {
	for _, fd := range linkFields(m) {
		g.If(Id("v").Dot(fd.GoName).Op("!=").Nil()).Block(
			If(Id("err").Op(":=").Id(fd.Names.Set).Call(Id("c").Dot("Ctx"), Id("c").Dot("tx"), Id("v")), Id("err").Op("!=").Nil()).Block(Return(Id("err"))),
		)
	}
	g.Return(Nil())
}

// findByField writes Call's reads of m by fd's value: Find<Model>By<Field> for a unique
// field (one row or a 404 error, as objects.get), Filter<Model>By<Field> for a foreign key
// or an indexed field (the rows in id order, as objects.filter). A null never matches.
func findByField(f *File, m *model.Model, fd *model.Field) {
	t := goType(&model.Field{Type: fd.Type})
	where := fmt.Sprintf(` WHERE %s.%s = $1`, quote(m.Table), quote(fd.Column))
	links := len(linkFields(m)) > 0
	switch {
	case fd.Names.FindBy != "":
		f.Commentf("%s reads the %s whose %s is value, with no permission check", fd.Names.FindBy, m.GoName, fd.Name)
		f.Commentf("(a 404 error when there is none), as %s.objects.get(%s=value).", m.GoName, fd.Name)
		f.Func().Params(Id("c").Op("*").Id("Call")).Id(fd.Names.FindBy).Params(Id("value").Add(t)).Params(Op("*").Id(m.GoName), Error()).BlockFunc(func(g *Group) {
			g.List(Id("v"), Id("err")).Op(":=").Id(m.Names.Scan).Call(Id("c").Dot("q").Call().Dot("QueryRowContext").Call(
				Id("c").Dot("Ctx"), Id(m.Names.Select).Op("+").Lit(where), Id("value")))
			g.If(Qual("errors", "Is").Call(Id("err"), Qual("database/sql", "ErrNoRows"))).Block(
				Return(Nil(), Qual(pkgView, "Refuse").Call(Qual("net/http", "StatusNotFound"), Qual(pkgHTTPX, "MsgNotFound"))))
			if links {
				g.If(Id("err").Op("==").Nil()).Block(
					Id("err").Op("=").Id(m.Names.LoadLinks).Call(Id("c").Dot("Ctx"), Id("c").Dot("q").Call(), Id("v")))
			}
			g.Return(Id("v"), Id("err"))
		})
	case fd.Names.FilterBy != "":
		f.Commentf("%s reads the %s rows whose %s is value, in id order,", fd.Names.FilterBy, m.GoName, fd.Name)
		f.Commentf("with no permission check, as %s.objects.filter(%s=value).", m.GoName, fd.Name)
		f.Func().Params(Id("c").Op("*").Id("Call")).Id(fd.Names.FilterBy).Params(Id("value").Add(t)).Params(Index().Op("*").Id(m.GoName), Error()).BlockFunc(func(g *Group) {
			g.List(Id("vs"), Id("err")).Op(":=").Qual(pkgDB, "AllValues").Call(
				Line().Id("c").Dot("Ctx"), Id("c").Dot("q").Call(), Id(m.Names.ScanValues),
				Line().Id(m.Names.Select).Op("+").Lit(where+fmt.Sprintf(` ORDER BY %s."id"`, quote(m.Table))),
				Line().Id("value"),
				Line(),
			)
			if links {
				g.If(Id("err").Op("==").Nil()).Block(
					Id("err").Op("=").Id(m.Names.LoadLinks).Call(Id("c").Dot("Ctx"), Id("c").Dot("q").Call(), Id("vs").Op("...")))
			}
			g.Return(Id("vs"), Id("err"))
		})
	}
}

// callEndpointMethods writes Call's methods of one endpoint: get_object, reading a body
// with its serializer, rendering a row as it shows it.
func callEndpointMethods(f *File, e *model.Endpoint) {
	m := e.Model
	ep := e.Names
	if needsLoad(e) {
		f.Commentf("Get%s is get_object of %s for id: the %s in the endpoint's queryset, after", e.GoName, e.Path, m.GoName)
		f.Comment("its permission checks for the call's method; the error is the 404 or 403 to return.")
		f.Func().Params(Id("c").Op("*").Id("Call")).Id("Get"+e.GoName).Params(Id("id").Int64()).Params(Op("*").Id(m.GoName), Error()).Block(
			Return(Qual(pkgView, "ObjectByID").Call(Op("&").Id("c").Dot("api").Dot("Base"), Id("c").Dot("W"), Id("c").Dot("Request"),
				callChecks(e), Id("c").Dot("api").Dot(ep.Get), Id("id"))),
		)
	}
	if has(e.Methods, "POST") || has(e.Methods, "PUT") || has(e.Methods, "PATCH") {
		f.Commentf("Read%s reads the request's body into v as the serializer of %s validates it", e.GoName, e.Path)
		f.Comment("(partial: PATCH's rules), its validate hooks included; the error is the 400 to return.")
		f.Func().Params(Id("c").Op("*").Id("Call")).Id("Read"+e.GoName).Params(Id("v").Op("*").Id(m.GoName), Id("partial").Bool()).Error().BlockFunc(func(g *Group) {
			g.List(Id("body"), Id("err")).Op(":=").Qual(pkgHTTPX, "Decode").Call(Id("c").Dot("W"), Id("c").Dot("HTTP"), Lit(0))
			g.If(Id("err").Op("!=").Nil()).Block(Return(Qual(pkgView, "ErrAnswered")))
			g.List(Id("errs"), Id("err")).Op(":=").Id("c").Dot("api").Dot(ep.Read).Call(Id("c").Dot("Ctx"), Id("body"), Id("v"), Id("partial"))
			if ep.Validate != "" {
				g.If(Id("err").Op("==").Nil()).Block(
					Id("err").Op("=").Id("c").Dot("api").Dot(ep.Validate).Call(Id("c"), Id("body"), Id("v"), Id("partial"), Id("errs")))
			}
			g.If(Id("err").Op("!=").Nil()).Block(Return(Id("err")))
			g.If(Len(Id("errs")).Op(">").Lit(0)).Block(Return(Qual(pkgView, "InvalidFields").Call(Id("errs"))))
			g.Return(Nil())
		})
	}
	f.Commentf("Render%s answers v as %s shows it, with status.", e.GoName, e.Path)
	f.Func().Params(Id("c").Op("*").Id("Call")).Id("Render"+e.GoName).Params(Id("status").Int(), Id("v").Op("*").Id(m.GoName)).Error().BlockFunc(func(g *Group) {
		if hasDisplay(m) {
			g.Comment("The display columns come from other rows: read them.")
			g.List(Id("saved"), Id("err")).Op(":=").Id(m.Names.Scan).Call(Id("c").Dot("q").Call().Dot("QueryRowContext").Call(
				Id("c").Dot("Ctx"), Id(m.Names.Select).Op("+").Lit(fmt.Sprintf(` WHERE %s."id" = $1`, quote(m.Table))), Id("v").Dot("ID")))
			g.If(Id("err").Op("!=").Nil()).Block(Return(Id("err")))
			for _, fd := range linkFields(m) {
				g.Id("saved").Dot(fd.GoName).Op("=").Id("v").Dot(fd.GoName)
			}
			g.Id("v").Op("=").Id("saved")
		}
		g.Qual(pkgHTTPX, "JSON").Call(Id("c").Dot("W"), Id("status"), Id(ep.View).Call(Id("v")))
		g.Return(Nil())
	})
}

// validateFunc writes the endpoint's validate hooks' runner: validate_<field> for each field
// the body gave that its own validation passed, with the value it read (typed, from a JSON
// body or a form alike), then validate when every field passed.
func validateFunc(f *File, e *model.Endpoint) {
	ep := e.Names
	if ep.Validate == "" {
		return
	}
	m := e.Model
	f.Commentf("%s runs the validate hooks of %s over v, read from body, adding their", ep.Validate, e.Path)
	f.Comment("answers to errs: validate_<field> for each field the body gave and its own validation")
	f.Comment("passed, then validate when every field passed (DRF's to_internal_value, then validate).")
	f.Func().Params(Id("a").Op("*").Id("API")).Id(ep.Validate).Params(
		Id("c").Op("*").Id("Call"), Id("body").Qual(pkgHTTPX, "Body"), Id("v").Op("*").Id(m.GoName), Id("partial").Bool(), Id("errs").Qual(pkgHTTPX, "FieldErrors"),
	).Error().BlockFunc(func(g *Group) {
		for _, fd := range e.Hooks.ValidateFields {
			// Given as the read found it (DRF's get_value): from a form, an unticked checkbox
			// is false and a blank optional field is absent.
			// A field unique_together gave a default has it when a full body leaves it out.
			given := Id("body").Dot("Get").Call(Lit(fd.Name), fieldRules(e, fd), Id("partial"))
			cond := Id("given")
			if slices.Contains(e.UniqueDefaulted, fd) {
				cond = Parens(Id("given").Op("||").Op("!").Id("partial"))
			}
			g.If(List(Id("_"), Id("given")).Op(":=").Add(given), cond.Op("&&").Op("!").Id("errs").Dot("Has").Call(Lit(fd.Name))).Block(
				List(Id("x"), Id("err")).Op(":=").Id("a").Dot("code").Dot(ep.HooksField).Dot("Validate"+fd.GoName).Call(Id("c"), Id("v").Dot(fd.GoName)),
				If(Id("err").Op("==").Nil()).Block(
					Id("v").Dot(fd.GoName).Op("=").Id("x"),
				).Else().If(Id("err").Op(":=").Qual(pkgView, "FieldError").Call(Id("errs"), Lit(fd.Name), Id("err")), Id("err").Op("!=").Nil()).Block(
					Return(Id("err")),
				),
			)
		}
		if ixs := uniqueTogether(e); len(ixs) > 0 && len(e.Hooks.ValidateFields) > 0 {
			// DRF runs the serializer's validators after validate_<field>, before validate.
			g.If(Len(Id("errs")).Op(">").Lit(0)).Block(Return(Nil()))
			for _, ix := range ixs {
				uniqueTogetherCheck(g, m, ix, Id("c").Dot("Ctx"), Return(Id("err")))
			}
		}
		if e.Hooks.Validate {
			g.If(Len(Id("errs")).Op(">").Lit(0)).Block(Return(Nil()))
			g.Return(Qual(pkgView, "FieldError").Call(Id("errs"), Qual(pkgHTTPX, "NonField"),
				Id("a").Dot("code").Dot(ep.HooksField).Dot("Validate").Call(Id("c"), Id("v"), Id("partial"))))
		} else {
			g.Return(Nil())
		}
	})
}

// callChecks is the endpoint's checker list for the call's method.
func callChecks(e *model.Endpoint) *Statement {
	if len(e.MethodPermissions) == 0 {
		return Id(e.Names.Permissions)
	}
	return Id(e.Names.PermissionsFor).Call(Id("c").Dot("Method"))
}
