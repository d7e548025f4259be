package emit

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// endpointFile is <endpoint>_endpoint.go: the JSON shape of the endpoint's serializer, its
// input validation and its handlers, in the order DRF runs them: authenticate, view-level
// permission, method, load the object, object-level permission, validate, write.
func endpointFile(app *model.App, e *model.Endpoint) *File {
	f := newFile(app)
	ep := e.Names
	m := e.Model

	f.Commentf("%s is a %s as %s shows it.", ep.JSON, m.GoName, e.Path)
	f.Type().Id(ep.JSON).StructFunc(func(g *Group) {
		for _, fd := range e.Fields {
			g.Id(jsonGoName(fd)).Add(jsonType(fd)).Tag(map[string]string{"json": fd.Name})
		}
	})
	f.Commentf("%s renders v as %s.", ep.View, e.Path)
	f.Func().Id(ep.View).Params(Id("v").Op("*").Id(m.GoName)).Id(ep.JSON).Block(Return(viewValue(e)))

	appendJSONFunc(f, e, ep)
	inputFunc(f, app, e, ep)
	writeLinksFunc(f, e)
	listRoute(f, e, ep)
	if hasDetail(e) {
		detailRoute(f, e, ep)
	}
	getFunc(f, e, ep)
	metadataFuncs(f, e, ep)
	for _, a := range e.Actions {
		actionRoute(f, e, a, ep)
	}
	actionBodies(f, e, ep)
	validateFunc(f, e)
	return f
}

// viewValue is the JSON shape of the row v: a conversion when the shape has the row's
// fields (sameShape), a literal otherwise.
func viewValue(e *model.Endpoint) *Statement {
	ep := e.Names
	if sameShape(e) {
		return Id(ep.JSON).Call(Op("*").Id("v"))
	}
	var items []Code
	width := len("\treturn ") + len(ep.JSON) + 2
	for _, fd := range e.Fields {
		items = append(items, Id(jsonGoName(fd)).Op(":").Add(jsonValue(fd)))
		width += len(jsonGoName(fd))*2 + len(": v.") + 2 // the member and, mostly, the row's of the same name
	}
	if width > lineWidth {
		for i := range items { // a member per line, as gofmt then aligns them
			items[i] = Line().Add(items[i])
		}
		items = append(items, Line())
	}
	return Id(ep.JSON).Values(items...)
}

// sameShape reports whether e's JSON shape has the fields of its model's struct, in their
// order, of the same names and types, so that the view is a conversion.
func sameShape(e *model.Endpoint) bool {
	m := e.Model
	if len(m.OwnerPaths) > 0 || len(e.Fields) != len(m.Fields)+1 || e.Fields[0].Type != model.ID || jsonGoName(e.Fields[0]) != "ID" {
		return false
	}
	for i, fd := range m.Fields {
		if e.Fields[i+1] != fd || displayColumn(fd) || floatDecimal(fd) || jsonGoName(fd) != fd.GoName || jsonTypeName(fd) != goTypeName(fd) {
			return false
		}
	}
	return true
}

// appendJSONFunc is the JSON shape's AppendJSON, which writes the bytes json.Marshal would,
// without reflection, when every field's type is one whose encoding it writes directly
// (appendJSONField); a shape with any other field is left to encoding/json.
func appendJSONFunc(f *File, e *model.Endpoint, ep model.EndpointNames) {
	var body []Code
	for i, fd := range e.Fields {
		key, _ := json.Marshal(fd.Name) // as encoding/json writes the key: a string always marshals
		sep := ","
		if i == 0 {
			sep = "{"
		}
		value := appendJSONField(jsonTypeName(fd), Id("v").Dot(jsonGoName(fd)))
		if value == nil || jsonGoName(fd) == "AppendJSON" { // a field of that name would clash with the method
			return
		}
		body = append(body,
			Id("b").Op("=").Append(Id("b"), Lit(sep+string(key)+":").Op("...")),
			Id("b").Op("=").Add(value),
		)
	}
	if len(body) == 0 {
		return
	}
	body = append(body, Return(Append(Id("b"), LitRune('}'))))
	f.Commentf("AppendJSON appends v as json.Marshal writes it, for httpx.JSON.")
	f.Func().Params(Id("v").Id(ep.JSON)).Id("AppendJSON").Params(Id("b").Index().Byte()).Index().Byte().Block(body...)
}

// appendJSONField appends the value x of Go type typ as encoding/json writes it; nil for a
// type it leaves to encoding/json.
func appendJSONField(typ string, x *Statement) *Statement {
	switch typ {
	case "int64":
		return Qual("strconv", "AppendInt").Call(Id("b"), x, Lit(10))
	case "bool":
		return Qual("strconv", "AppendBool").Call(Id("b"), x)
	case "string":
		return Qual(pkgHTTPX, "AppendString").Call(Id("b"), x)
	case "fields.Decimal":
		return x.Dot("AppendJSON").Call(Id("b"))
	}
	return nil
}

// jsonGoName names a serializer field in the JSON shape: a displayed relation is named after
// the relation ("Owner"), not its id column.
func jsonGoName(fd *model.Field) string { return fd.Names.JSON }

// jsonType is the Go type of a serializer field in the JSON shape: the row's type, except
// where DRF renders a decimal as a float (see floatDecimal).
func jsonType(fd *model.Field) *Statement { return typeCode(jsonTypeName(fd)) }

// jsonTypeName is jsonType as written in Go (see goTypeName).
func jsonTypeName(fd *model.Field) string {
	if fd.Type == model.ID {
		return "int64"
	}
	if floatDecimal(fd) {
		if fd.Null || (fd.DisplayField != nil && fd.DisplayField.Null) {
			return "*fields.FloatDecimal"
		}
		return "fields.FloatDecimal"
	}
	if displayColumn(fd) {
		return displayTypeName(fd)
	}
	return goTypeName(fd)
}

// jsonValue is the value of a serializer field in the view of the row v.
func jsonValue(fd *model.Field) *Statement {
	src := Id("v").Dot(fd.GoName)
	if displayColumn(fd) {
		src = Id("v").Dot(fd.Names.Display)
	}
	switch {
	case !floatDecimal(fd):
		return src
	case fd.Null || fd.DisplayField != nil && fd.DisplayField.Null:
		return Parens(jsonType(fd)).Call(src)
	}
	return jsonType(fd).Call(src)
}

// floatDecimal reports whether DRF renders the field's decimal as a JSON float rather than
// a DecimalField's string: a decimal field with choices (a ChoiceField hands the Decimal to
// the encoder), and a relation displaying a decimal (a read-only field does the same).
func floatDecimal(fd *model.Field) bool {
	if fd.DisplayField != nil {
		return fd.DisplayField.Type == model.Decimal
	}
	return fd.Type == model.Decimal && len(fd.Choices) > 0
}

func has(methods []string, m string) bool {
	for _, x := range methods {
		if x == m {
			return true
		}
	}
	return false
}

func listMethods(e *model.Endpoint) []string {
	var out []string
	for _, m := range e.Methods {
		if m == "GET" || m == "POST" {
			out = append(out, m)
		}
	}
	return out
}

func detailMethods(e *model.Endpoint) []string {
	var out []string
	for _, m := range e.Methods {
		if m != "POST" {
			out = append(out, m)
		}
	}
	return out
}

// handlerParams are the parameters of a method handler.
func handlerParams() []Code {
	return []Code{
		Id("w").Qual("net/http", "ResponseWriter"),
		Id("r").Op("*").Qual("net/http", "Request"),
		Id("req").Op("*").Qual(pkgAuthz, "Request"),
	}
}

// route is what a route's method table declares besides its handlers.
type route struct {
	fn          string    // the API method returning the table
	path        string    // the route's path, for the doc comment
	name        string    // DRF's view name, for OPTIONS
	description string    // the view's docstring, for OPTIONS ("": none)
	perms       fieldPair // Perms or PermsFor: the view's permission checks
	detail      bool      // the path holds the object's id
	action      bool      // a DRF @action
}

// fieldPair is one field of a composite literal.
type fieldPair struct {
	name  string
	value Code
}

// routePerms is the checks field of an endpoint's route table: its checker list, or the
// function choosing one by method (method_permissions).
func routePerms(e *model.Endpoint) fieldPair {
	if len(e.MethodPermissions) == 0 {
		return fieldPair{"Perms", Id(e.Names.Permissions)}
	}
	return fieldPair{"PermsFor", Id(e.Names.PermissionsFor)}
}

// routeTable writes the method table of a route (view.Route): its name and checks, a
// handler per method (in DRF's order), and what OPTIONS describes: the serializer's fields
// for PUT and POST (the endpoint's), for PUT behind get_object's checks on the object.
func routeTable(f *File, e *model.Endpoint, rt route, methods []string, handlers map[string]Code) {
	fields := []fieldPair{{"Name", Lit(rt.name)}}
	if rt.description != "" {
		fields = append(fields, fieldPair{"Description", Lit(rt.description)})
	}
	fields = append(fields, rt.perms)
	for _, m := range methods {
		fields = append(fields, fieldPair{methodGoName(m), handlers[m]})
	}
	put, post := has(methods, "PUT"), has(methods, "POST")
	if post || put && rt.detail {
		fields = append(fields, fieldPair{"Fields", Id("a").Dot(e.Names.Fields)})
	}
	if put && rt.detail {
		fields = append(fields, fieldPair{"Object", Qual(pkgView, "Object").Call(Id("a").Dot(e.Names.Get))})
	}
	if rt.action {
		fields = append(fields, fieldPair{"Action", True()})
	}
	f.Commentf("%s is the method table of %s.", rt.fn, rt.path)
	if put && !rt.detail {
		f.Comment("It serves PUT without an object's id in its path: DRF's OPTIONS fails there, it answers 405.")
	}
	f.Func().Params(Id("a").Op("*").Id("API")).Id(rt.fn).Params().Qual(pkgView, "Route").Block(
		Return(Qual(pkgView, "Route").ValuesFunc(func(g *Group) {
			for _, fd := range fields {
				g.Line().Id(fd.name).Op(":").Add(fd.value)
			}
			g.Line()
		})),
	)
}

func listRoute(f *File, e *model.Endpoint, ep model.EndpointNames) {
	methods := listMethods(e)
	routeTable(f, e, route{fn: ep.Route, path: e.Path, name: viewName(e.Model) + " List", perms: routePerms(e),
		description: e.Description}, methods, map[string]Code{
		"GET":  Id("a").Dot(ep.List),
		"POST": Id("a").Dot(ep.Create),
	})
	if has(methods, "GET") {
		listFunc(f, e, ep)
	}
	if has(methods, "POST") {
		createFunc(f, e, ep)
	}
}

// scopeWhere returns the WHERE condition of the endpoint's scope and its values, numbered
// from param, or "": the rows one of the scope's paths leads from to the caller, unless the
// caller passes the scope's exception (a value of the query, so the SQL is one text).
func scopeWhere(e *model.Endpoint, param int) (string, []Code) {
	if e.Scope == nil {
		return "", nil
	}
	var conds []string
	var args []Code
	if e.Names.ScopeExcept != "" {
		conds = append(conds, fmt.Sprintf("$%d", param))
		args = append(args, Id(e.Names.ScopeExcept).Dot("Check").Call(Id("req")).Dot("Allowed").Call())
		param++
	}
	for _, p := range e.Scope.Paths {
		conds = append(conds, pathWhere(e.Model.Table, p, param))
	}
	args = append(args, Id("req").Dot("Subject").Dot("UserID"))
	if len(conds) == 1 {
		return conds[0], args
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// pathWhere is the condition that the row of table reaches the user $param through p: a
// column compared for one step, nested IN subqueries through the related tables otherwise
// (a null relation on the way matches nothing, as Django's join does).
func pathWhere(table string, p *model.OwnerPath, param int) string {
	var b strings.Builder
	ref := quote(table)
	for i, f := range p.Steps {
		col := ref + "." + quote(f.Column)
		if i == len(p.Steps)-1 {
			fmt.Fprintf(&b, "%s = $%d", col, param)
			break
		}
		alias := fmt.Sprintf("s%d", i+1)
		fmt.Fprintf(&b, `%s IN (SELECT %s."id" FROM %s %s WHERE `, col, alias, quote(f.To.Table), alias)
		ref = alias
	}
	b.WriteString(strings.Repeat(")", len(p.Steps)-1))
	return b.String()
}

func listFunc(f *File, e *model.Endpoint, ep model.EndpointNames) {
	m := e.Model
	where := ""
	cond, scopeArgs := rowFilter(e, 1)
	if cond != "" {
		where = " WHERE " + cond
	}
	order := fmt.Sprintf(` ORDER BY %s."id"`, quote(m.Table))
	n := len(scopeArgs)
	hooked := e.Hooks.GetQueryset

	// The queries: fixed text, or with get_queryset the fixed part and the hook's condition
	// joined at run time (where, args).
	countQuery := func() []Code {
		if hooked {
			return []Code{Id("r").Dot("Context").Call(), Lit(fmt.Sprintf(`SELECT count(*) FROM %s`, quote(m.Table))).Op("+").Id("where"), Id("args").Op("...")}
		}
		count := sqlLines(fmt.Sprintf(`SELECT count(*) FROM %s`, quote(m.Table))+where, 3)
		items := append([]Code{Id("r").Dot("Context").Call(), Lit(count)}, scopeArgs...)
		widths := []int{11, sqlWidth(count)}
		for range scopeArgs {
			widths = append(widths, 20) // a name or a field of the request
		}
		return packed(items, widths, len("\tif err := a.DB.QueryRowContext("))
	}
	allArgs := func(paged bool) []Code {
		if !hooked {
			if paged {
				return listArgs(m, where+order+fmt.Sprintf(" LIMIT $%d OFFSET $%d", n+1, n+2),
					append(scopeArgs, Id("window").Dot("Limit"), Id("window").Dot("Offset")))
			}
			return listArgs(m, where+order, scopeArgs)
		}
		query := Id(m.Names.Select).Op("+").Id("where").Op("+").Lit(order)
		queryWidth := len(m.Names.Select) + len(order) + 12
		args, argsWidth := Id("args").Op("..."), 7
		if paged {
			query = query.Op("+").Qual(pkgDB, "LimitOffset").Call(Len(Id("args")))
			args = Append(Id("args"), Id("window").Dot("Limit"), Id("window").Dot("Offset")).Op("...")
			queryWidth, argsWidth = queryWidth+25, 46
		}
		return packed([]Code{Id("r").Dot("Context").Call(), Id("a").Dot("DB"), Id(m.Names.ScanValues), query, args},
			[]int{11, 4, len(m.Names.ScanValues), queryWidth, argsWidth}, len("\tvs, err := db.AllValues("))
	}

	f.Commentf("%s lists %s.", ep.List, e.Path)
	f.Func().Params(Id("a").Op("*").Id("API")).Id(ep.List).Params(handlerParams()...).BlockFunc(func(g *Group) {
		if hooked {
			g.List(Id("cond"), Id("err")).Op(":=").Id("a").Dot("code").Dot(ep.HooksField).Dot("GetQueryset").Call(
				Op("&").Id("Call").Values(Id("Request").Op(":").Id("req"), Id("api").Op(":").Id("a")))
			g.If(Id("err").Op("!=").Nil()).Block(
				If(Op("!").Qual(pkgView, "Answered").Call(Id("w"), Id("err"))).Block(Id("a").Dot("Fail").Call(Id("w"), Id("r"), Id("err"))),
				Return(),
			)
			g.List(Id("where"), Id("args")).Op(":=").Id("cond").Dot("Where").Call(append([]Code{Lit(cond)}, scopeArgs...)...)
		}
		p := e.Pagination
		if p == nil {
			g.List(Id("vs"), Id("err")).Op(":=").Qual(pkgDB, "AllValues").Call(allArgs(false)...)
		} else {
			if p.Style == model.PageNumber {
				g.List(Id("window"), Id("ok")).Op(":=").Qual(pkgHTTPX, "PageNumber").Call(Id("r"), Lit(p.PageSize), Lit(p.MaxPageSize))
				g.If(Op("!").Id("ok")).Block(
					Qual(pkgHTTPX, "Detail").Call(Id("w"), Qual("net/http", "StatusNotFound"), Qual(pkgHTTPX, "MsgInvalidPage")),
					Return(),
				)
			} else {
				g.Id("window").Op(":=").Qual(pkgHTTPX, "LimitOffset").Call(Id("r"), Lit(p.PageSize), Lit(p.MaxPageSize))
			}
			g.Var().Id("count").Int64()
			g.If(Id("err").Op(":=").Id("a").Dot("DB").Dot("QueryRowContext").Call(countQuery()...).Dot("Scan").Call(Op("&").Id("count")), Id("err").Op("!=").Nil()).Block(
				Id("a").Dot("Fail").Call(Id("w"), Id("r"), Id("err")),
				Return(),
			)
			g.If(Op("!").Id("window").Dot("Resolve").Call(Id("count"))).Block(
				Qual(pkgHTTPX, "Detail").Call(Id("w"), Qual("net/http", "StatusNotFound"), Qual(pkgHTTPX, "MsgInvalidPage")),
				Return(),
			)
			g.List(Id("vs"), Id("err")).Op(":=").Qual(pkgDB, "AllValues").Call(allArgs(true)...)
		}
		g.If(Id("err").Op("!=").Nil()).Block(Id("a").Dot("Fail").Call(Id("w"), Id("r"), Id("err")), Return())
		if showsLinks(e) {
			g.If(Id("err").Op(":=").Id(m.Names.LoadLinks).Call(Id("r").Dot("Context").Call(), Id("a").Dot("DB"), Id("vs").Op("...")), Id("err").Op("!=").Nil()).Block(
				Id("a").Dot("Fail").Call(Id("w"), Id("r"), Id("err")), Return())
		}
		items := Qual(pkgView, "List").Call(Id("vs"), Id(ep.View))
		if p == nil {
			g.Qual(pkgHTTPX, "JSON").Call(Id("w"), Qual("net/http", "StatusOK"), items)
		} else {
			g.Qual(pkgHTTPX, "JSON").Call(Id("w"), Qual("net/http", "StatusOK"),
				Qual(pkgHTTPX, "NewPage").Call(Id("r"), Id("window"), Id("count"), items))
		}
	})
}

// setOwners assigns the request's user to the owner fields, never from the body; an owner
// field pointing at a model gets the caller's own row of it, and a caller without one is
// answered 400 with the field's error (where Django's perform_create would fail with
// DoesNotExist, a server error).
func setOwners(g *Group, e *model.Endpoint) {
	for _, fd := range e.Model.Fields {
		if !fd.Owner {
			continue
		}
		if via := fd.OwnerVia; via != nil {
			target := fd.To
			query := fmt.Sprintf(`SELECT %s."id" FROM %s WHERE %s.%s = $1`, quote(target.Table), quote(target.Table), quote(target.Table), quote(via.Column))
			g.Var().Id("own").Int64()
			g.Switch(Id("err").Op(":=").Id("a").Dot("DB").Dot("QueryRowContext").Call(Id("r").Dot("Context").Call(), Lit(sqlLines(query, 2)), Id("req").Dot("Subject").Dot("UserID")).Dot("Scan").Call(Op("&").Id("own")), Empty()).Block(
				Case(Qual("errors", "Is").Call(Id("err"), Qual("database/sql", "ErrNoRows"))).Block(
					Qual(pkgHTTPX, "BadRequest").Call(Id("w"), Qual(pkgHTTPX, "FieldErrors").Values(Dict{
						Lit(fd.Name): Index().String().Values(Lit(fmt.Sprintf("You have no %s.", target.VerboseName))),
					})),
					Return(),
				),
				Case(Id("err").Op("!=").Nil()).Block(Id("a").Dot("Fail").Call(Id("w"), Id("r"), Id("err")), Return()),
			)
			if fd.Null {
				g.Id("v").Dot(fd.GoName).Op("=").Op("&").Id("own")
			} else {
				g.Id("v").Dot(fd.GoName).Op("=").Id("own")
			}
			continue
		}
		if fd.Null {
			g.Id("v").Dot(fd.GoName).Op("=").Op("&").Id("req").Dot("Subject").Dot("UserID")
		} else {
			g.Id("v").Dot(fd.GoName).Op("=").Id("req").Dot("Subject").Dot("UserID")
		}
	}
}

// writeAndRespond inserts or updates v (write is "insert" or "update") and answers it with
// status. partial is nil unless v was read from the request's body (then it says whether
// the body was partial): the many_to_many fields the body gave are written too, in the
// row's transaction. hook names the application's perform_* that writes instead, if any.
// A model with display columns is read again, since they come from
// other rows.
func writeAndRespond(g *Group, e *model.Endpoint, ep model.EndpointNames, write, hook string, status string, partial *Statement) {
	m := e.Model
	var stmt *Statement
	if hook != "" {
		// The application's perform_* saves v, its links with it (c's Insert and Update
		// write them), in one transaction.
		perform := Id("a").Dot("code").Dot(e.Names.HooksField).Dot(hook).Call(Id("c"), Id("v"))
		body := []Code{Return(perform)}
		g.Id("c").Op(":=").Id("a").Dot("call").Call(Id("w"), Id("r"), Id("req"))
		g.If(Id("err").Op(":=").Id("c").Dot("Atomic").Call(Func().Params().Error().Block(body...)), Id("err").Op("!=").Nil()).Block(
			If(Op("!").Qual(pkgView, "Answered").Call(Id("w"), Id("err"))).Block(
				Id("a").Dot("WriteFailed").Call(Id("w"), Id("r"), Id("err"), Lit(m.VerboseName))),
			Return(),
		)
	} else if partial != nil && writesLinks(e) {
		stmt = Id("a").Dot("DB").Dot("InTx").Call(Id("r").Dot("Context").Call(), Func().Params(Id("tx").Op("*").Qual("database/sql", "Tx")).Error().Block(
			If(Id("err").Op(":=").Id(write).Call(Id("r").Dot("Context").Call(), Id("tx"), Id("v")), Id("err").Op("!=").Nil()).Block(Return(Id("err"))),
			Return(Id(e.Names.WriteLinks).Call(Id("r").Dot("Context").Call(), Id("tx"), Id("v"), Id("body"), partial)),
		))
	} else {
		stmt = Id(write).Call(Id("r").Dot("Context").Call(), Id("a").Dot("DB"), Id("v"))
	}
	if stmt != nil {
		g.If(Id("err").Op(":=").Add(stmt), Id("err").Op("!=").Nil()).Block(
			Id("a").Dot("WriteFailed").Call(Id("w"), Id("r"), Id("err"), Lit(m.VerboseName)),
			Return(),
		)
	}
	if !hasDisplay(m) {
		g.Qual(pkgHTTPX, "JSON").Call(Id("w"), Qual("net/http", status), Id(ep.View).Call(Id("v")))
		return
	}
	g.List(Id("saved"), Id("err")).Op(":=").Id(m.Names.Scan).Call(Id("a").Dot("DB").Dot("QueryRowContext").Call(
		Id("r").Dot("Context").Call(), Id(m.Names.Select).Op("+").Lit(fmt.Sprintf(` WHERE %s."id" = $1`, quote(m.Table))), Id("v").Dot("ID")))
	g.If(Id("err").Op("!=").Nil()).Block(Id("a").Dot("Fail").Call(Id("w"), Id("r"), Id("err")), Return())
	if links := linkFields(m); len(links) > 0 {
		g.Comment("The links are v's, just written or loaded with it.")
		for _, fd := range links {
			g.Id("saved").Dot(fd.GoName).Op("=").Id("v").Dot(fd.GoName)
		}
	}
	g.Qual(pkgHTTPX, "JSON").Call(Id("w"), Qual("net/http", status), Id(ep.View).Call(Id("saved")))
}

func hasDisplay(m *model.Model) bool {
	for _, fd := range m.Fields {
		if displayColumn(fd) {
			return true
		}
	}
	return false
}

// readBody decodes the body and runs the endpoint's input validation into v.
func readBody(g *Group, ep model.EndpointNames, partial *Statement) {
	g.List(Id("body"), Id("err")).Op(":=").Qual(pkgHTTPX, "Decode").Call(Id("w"), Id("r"), Lit(0))
	g.If(Id("err").Op("!=").Nil()).Block(Return())
	g.List(Id("errs"), Id("err")).Op(":=").Id("a").Dot(ep.Read).Call(Id("r").Dot("Context").Call(), Id("body"), Id("v"), partial)
	if ep.Validate != "" {
		g.If(Id("err").Op("==").Nil()).Block(
			Id("err").Op("=").Id("a").Dot(ep.Validate).Call(Id("a").Dot("call").Call(Id("w"), Id("r"), Id("req")), Id("body"), Id("v"), partial, Id("errs")))
	}
	g.If(Op("!").Id("a").Dot("Valid").Call(Id("w"), Id("r"), Id("errs"), Id("err"))).Block(Return())
}

func createFunc(f *File, e *model.Endpoint, ep model.EndpointNames) {
	f.Commentf("%s creates a %s from the body.", ep.Create, e.Model.GoName)
	f.Func().Params(Id("a").Op("*").Id("API")).Id(ep.Create).Params(handlerParams()...).BlockFunc(func(g *Group) {
		g.Id("v").Op(":=").Id(e.Model.Names.New).Call()
		readBody(g, ep, False())
		setOwners(g, e)
		writeAndRespond(g, e, ep, e.Model.Names.Insert, performHook(e.Hooks.PerformCreate, "PerformCreate"), "StatusCreated", False())
	})
}

func detailRoute(f *File, e *model.Endpoint, ep model.EndpointNames) {
	methods := detailMethods(e)
	m := e.Model
	routeTable(f, e, route{fn: ep.DetailRoute, path: e.DetailPath(), name: viewName(m) + " Instance", perms: routePerms(e),
		detail: true, description: e.Description}, methods, map[string]Code{
		"GET":    Id("a").Dot(ep.Retrieve),
		"PUT":    Id("a").Dot(ep.Update),
		"PATCH":  Id("a").Dot(ep.Update),
		"DELETE": Id("a").Dot(ep.Destroy),
	})
	loadCall := func(g *Group) {
		g.List(Id("v"), Id("ok")).Op(":=").Qual(pkgView, "GetObject").Call(Op("&").Id("a").Dot("Base"), Id("w"), Id("r"), Id("req"), routeChecks(e), Id("a").Dot(ep.Get))
		g.If(Op("!").Id("ok")).Block(Return())
	}
	if has(methods, "GET") {
		f.Commentf("%s answers one %s.", ep.Retrieve, m.GoName)
		f.Func().Params(Id("a").Op("*").Id("API")).Id(ep.Retrieve).Params(handlerParams()...).BlockFunc(func(g *Group) {
			loadCall(g)
			g.Qual(pkgHTTPX, "JSON").Call(Id("w"), Qual("net/http", "StatusOK"), Id(ep.View).Call(Id("v")))
		})
	}
	if has(methods, "PUT") || has(methods, "PATCH") {
		f.Commentf("%s updates one %s from the body, partially for PATCH (DRF's partial_update).", ep.Update, m.GoName)
		f.Func().Params(Id("a").Op("*").Id("API")).Id(ep.Update).Params(handlerParams()...).BlockFunc(func(g *Group) {
			loadCall(g)
			g.Id("partial").Op(":=").Id("r").Dot("Method").Op("==").Qual("net/http", "MethodPatch")
			readBody(g, ep, Id("partial"))
			writeAndRespond(g, e, ep, m.Names.Update, performHook(e.Hooks.PerformUpdate, "PerformUpdate"), "StatusOK", Id("partial"))
		})
	}
	if has(methods, "DELETE") {
		f.Commentf("%s deletes one %s.", ep.Destroy, m.GoName)
		f.Func().Params(Id("a").Op("*").Id("API")).Id(ep.Destroy).Params(handlerParams()...).BlockFunc(func(g *Group) {
			loadCall(g)
			if e.Hooks.PerformDestroy {
				g.Id("c").Op(":=").Id("a").Dot("call").Call(Id("w"), Id("r"), Id("req"))
				g.If(Id("err").Op(":=").Id("c").Dot("Atomic").Call(Func().Params().Error().Block(
					Return(Id("a").Dot("code").Dot(ep.HooksField).Dot("PerformDestroy").Call(Id("c"), Id("v"))))), Id("err").Op("!=").Nil()).Block(
					If(Op("!").Qual(pkgView, "Answered").Call(Id("w"), Id("err"))).Block(Id("a").Dot("DeleteFailed").Call(Id("w"), Id("r"), Id("err"))),
					Return(),
				)
			} else {
				g.If(Id("err").Op(":=").Id(m.Names.Delete).Call(Id("r").Dot("Context").Call(), Id("a").Dot("DB"), Id("v").Dot("ID")), Id("err").Op("!=").Nil()).Block(
					Id("a").Dot("DeleteFailed").Call(Id("w"), Id("r"), Id("err")),
					Return(),
				)
			}
			g.Qual(pkgHTTPX, "NoContent").Call(Id("w"))
		})
	}
}

// needsLoad reports whether the endpoint loads single objects: a detail route or a detail action.
func needsLoad(e *model.Endpoint) bool {
	if hasDetail(e) {
		return true
	}
	for _, a := range e.Actions {
		if a.Detail {
			return true
		}
	}
	return false
}

// objectQueryArgs are the arguments of QueryRowContext that select the object of a detail
// route: the row of {id} (the variable id) within the endpoint's scope and row filter.
func objectQueryArgs(e *model.Endpoint) []Code {
	m := e.Model
	cond := fmt.Sprintf(`%s."id" = $1`, quote(m.Table))
	args := []Code{Id("ctx"), nil, Id("id")}
	if w, wargs := rowFilter(e, 2); w != "" {
		cond += " AND " + w
		args = append(args, wargs...)
	}
	args[1] = selectWhere(m, " WHERE "+cond)
	widths := make([]int, len(args))
	for i := range widths {
		widths[i] = 20 // the values: a name or a field of the request
	}
	widths[0], widths[1] = 3, selectWidth(m, " WHERE "+cond)
	return packed(args, widths, len("\treturn ")+len(m.Names.Scan)+len("(a.DB.QueryRowContext("))
}

// getFunc writes get<Endpoint>, the query of DRF's get_object for the endpoint: the row of
// an id within the endpoint's scope (and row filter), with its links. view.GetObject answers
// for it, and view.ObjectAllows asks it for OPTIONS.
func getFunc(f *File, e *model.Endpoint, ep model.EndpointNames) {
	if !needsLoad(e) {
		return
	}
	m := e.Model
	args := objectQueryArgs(e)
	f.Commentf("%s is get_object's query for %s: the %s of id in the route's", ep.Get, e.Path, m.GoName)
	if e.Hooks.GetQueryset {
		f.Comment("scope and the get_queryset hook's, or sql.ErrNoRows.")
	} else {
		f.Comment("scope, or sql.ErrNoRows.")
	}
	var prelude []Code
	if e.Hooks.GetQueryset {
		cond := fmt.Sprintf(`%s."id" = $1`, quote(m.Table))
		var wargs []Code
		if w, args := rowFilter(e, 2); w != "" {
			cond, wargs = cond+" AND "+w, args
		}
		cond = sqlLines(cond, 3)
		condArgs := packed(append([]Code{Lit(cond), Id("id")}, wargs...),
			append([]int{sqlWidth(cond), 2}, slices.Repeat([]int{20}, len(wargs))...), len("\twhere, args := cond.Where("))
		prelude = []Code{
			List(Id("cond"), Id("err")).Op(":=").Id("a").Dot("code").Dot(ep.HooksField).Dot("GetQueryset").Call(
				Op("&").Id("Call").Values(Id("Request").Op(":").Id("req"), Id("api").Op(":").Id("a"))),
			If(Id("err").Op("!=").Nil()).Block(Return(Nil(), Id("err"))),
			List(Id("where"), Id("args")).Op(":=").Id("cond").Dot("Where").Call(condArgs...),
		}
		args = []Code{Id("ctx"), Id(m.Names.Select).Op("+").Id("where"), Id("args").Op("...")}
	}
	scan := Id(m.Names.Scan).Call(Id("a").Dot("DB").Dot("QueryRowContext").Call(args...))
	body := []Code{Return(scan)}
	if len(linkFields(m)) > 0 || m.Names.LoadOwners != "" {
		body = []Code{List(Id("v"), Id("err")).Op(":=").Add(scan)}
		for _, load := range []string{m.Names.LoadLinks, m.Names.LoadOwners} {
			if load != "" {
				body = append(body, If(Id("err").Op("==").Nil()).Block(
					Id("err").Op("=").Id(load).Call(Id("ctx"), Id("a").Dot("DB"), Id("v"))))
			}
		}
		body = append(body, Return(Id("v"), Id("err")))
	}
	f.Func().Params(Id("a").Op("*").Id("API")).Id(ep.Get).Params(
		Id("ctx").Qual("context", "Context"), Id("req").Op("*").Qual(pkgAuthz, "Request"), Id("id").Int64(),
	).Params(Op("*").Id(m.GoName), Error()).Block(append(prelude, body...)...)
}

// listArgs are the arguments of db.AllValues for a list of m: the query (its SELECT and the rest,
// wrapped as SQL) and its values, wrapped at lineWidth.
func listArgs(m *model.Model, rest string, values []Code) []Code {
	items := append([]Code{Id("r").Dot("Context").Call(), Id("a").Dot("DB"), Id(m.Names.ScanValues), selectWhere(m, rest)}, values...)
	widths := []int{11, 4, len(m.Names.ScanValues), selectWidth(m, rest)}
	for range values {
		widths = append(widths, 20) // a name or a field of the request
	}
	return packed(items, widths, len("\tvs, err := db.AllValues("))
}

// selectWhere is m's SELECT followed by rest (a WHERE, an ORDER BY), wrapped as SQL.
func selectWhere(m *model.Model, rest string) *Statement {
	return Id(m.Names.Select).Op("+").Lit(sqlLines(rest, 2))
}

// selectWidth is the width of selectWhere on its line.
func selectWidth(m *model.Model, rest string) int {
	if w := sqlWidth(sqlLines(rest, 2)); w < 0 {
		return w
	}
	return len(m.Names.Select) + 3 + len(rest)
}

// performHook is the name of a perform_* hook when the endpoint declares it, else "".
func performHook(declared bool, name string) string {
	if declared {
		return name
	}
	return ""
}
