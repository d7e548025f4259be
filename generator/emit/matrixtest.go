package emit

import (
	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// Import paths the generated matrix test uses beyond the handlers' own.
const (
	pkgMigrate = "github.com/authgen/authgen/runtime/migrate"
	pkgRequire = "github.com/stretchr/testify/require"
)

// matrixTestFile is permissionmatrix_test.go: PERMISSIONS.md as a table, and a test that
// serves the generated API on a fresh SQLite database and sends every cell's request as its
// persona, so the matrix a reviewer reads is the behaviour that ships. `go test` in the
// generated package runs it; it needs nothing but the package and the runtime.
func matrixTestFile(app *model.App) *File {
	f := newFile(app)
	f.ImportName(pkgMigrate, "migrate")
	f.ImportName(pkgRequire, "require")
	rows := matrixRows(app)

	f.Comment("matrixRow is one route and method of PERMISSIONS.md.")
	f.Type().Id("matrixRow").Struct(
		Id("method").String().Comment("the request's method"),
		Id("path").String().Comment("the route; {id} is the object's primary key"),
		Id("object").Func().Params(Op("*").Qual("testing", "T"), Op("*").Id("matrixServer"), Int64()).String().
			Comment("inserts the object of a detail route, owned by the given user; nil for other routes"),
		Id("perms").Index().String().Comment("what the permission holder holds, globally and on the object"),
		Id("ok").Index().Int().Comment("the statuses of an allowed request (400: allowed, then refused by validation)"),
		Id("want").Index(Lit(len(personas))).String().Comment("per persona, in the order of matrixPersonas: ✓ or the denial's status"),
	)
	f.Comment("matrixPersonas are the columns of PERMISSIONS.md.")
	f.Var().Id("matrixPersonas").Op("=").Index(Lit(len(personas))).String().ValuesFunc(func(g *Group) {
		for _, p := range personas {
			g.Lit(p.name)
		}
	})

	f.Comment("permissionMatrix is PERMISSIONS.md, row by row.")
	f.Var().Id("permissionMatrix").Op("=").Index().Id("matrixRow").ValuesFunc(func(g *Group) {
		for _, r := range rows {
			g.Line().Add(matrixRowValue(app, r))
		}
		g.Line()
	})

	f.Comment("TestPermissionMatrix sends every cell's request, each to a fresh object, as a fresh user")
	f.Comment("of the cell's persona, and compares the answer with the matrix.")
	f.Func().Id("TestPermissionMatrix").Params(Id("t").Op("*").Qual("testing", "T")).Block(
		Id("s").Op(":=").Id("newMatrixServer").Call(Id("t")),
		For(List(Id("_"), Id("row")).Op(":=").Range().Id("permissionMatrix")).Block(
			For(List(Id("i"), Id("persona")).Op(":=").Range().Id("matrixPersonas")).Block(
				Id("t").Dot("Run").Call(Id("row").Dot("method").Op("+").Lit(" ").Op("+").Id("row").Dot("path").Op("+").Lit(" as ").Op("+").Id("persona"),
					Func().Params(Id("t").Op("*").Qual("testing", "T")).Block(
						Id("status").Op(":=").Id("s").Dot("send").Call(Id("t"), Id("row"), Id("persona")),
						If(Id("row").Dot("want").Index(Id("i")).Op("==").Lit(allowed)).Block(
							Qual(pkgRequire, "Contains").Call(Id("t"), Id("row").Dot("ok"), Id("status"), Lit("allowed, so one of the route's answers")),
							Return(),
						),
						Qual(pkgRequire, "Equal").Call(Id("t"), Id("row").Dot("want").Index(Id("i")), Qual("strconv", "Itoa").Call(Id("status"))),
					),
				),
			),
		),
	)

	matrixServer(f, app)
	matrixFixtures(f, app, rows)
	matrixActions(f, app)
	return f
}

// matrixRowValue renders one row of the table.
func matrixRowValue(app *model.App, r matrixRow) *Statement {
	d := []Code{
		Id("method").Op(":").Lit(r.method),
		Id("path").Op(":").Lit(r.path),
	}
	if r.detail() {
		d = append(d, Id("object").Op(":").Id("objectOf").Call(Id("fixture"+r.endpoint.Model.GoName)))
	}
	if len(r.perms) > 0 {
		d = append(d, Id("perms").Op(":").Index().String().ValuesFunc(func(g *Group) {
			for _, p := range r.perms {
				g.Id(permGoName(app, p))
			}
		}))
	}
	d = append(d, Id("ok").Op(":").Index().Int().ValuesFunc(func(g *Group) {
		for _, s := range allowedStatuses(r) {
			g.Qual("net/http", s)
		}
	}))
	d = append(d, Id("want").Op(":").Index(Lit(len(personas))).String().ValuesFunc(func(g *Group) {
		for _, c := range r.cells {
			g.Lit(c)
		}
	}))
	return Values(d...)
}

// permGoName is the Go constant of a permission ("store.view_product": PermViewProduct).
func permGoName(app *model.App, full string) string {
	for _, p := range app.Permissions {
		if p.Full == full {
			return p.GoName
		}
	}
	panic("emit: unknown permission " + full) // permsOf only names resolved permissions
}

// allowedStatuses are the answers of an allowed request with the test's body `{}`.
func allowedStatuses(r matrixRow) []string {
	switch r.kind {
	case kindList:
		if r.method == "POST" {
			return []string{"StatusCreated", "StatusBadRequest"}
		}
	case kindDetail:
		switch r.method {
		case "PUT":
			return []string{"StatusOK", "StatusBadRequest"}
		case "DELETE":
			return []string{"StatusNoContent"}
		}
	case kindHandler:
		return []string{"StatusNoContent"} // the test's stand-in for the application's code
	}
	return []string{"StatusOK"}
}

// matrixServer writes the server the test talks to: migrations applied to a fresh SQLite
// database, the users and tokens of the runtime, the generated API.
func matrixServer(f *File, app *model.App) {
	ctx := Qual("context", "Background").Call()
	f.Comment("matrixServer serves the API on a fresh SQLite database for the matrix test.")
	f.Type().Id("matrixServer").Struct(
		Id("url").String(),
		Id("db").Op("*").Qual(pkgDB, "DB"),
		Id("users").Op("*").Qual(pkgUsers, "Store"),
		Id("tokens").Op("*").Qual(pkgJWTAuth, "Tokens"),
		Id("scheme").String(),
		Id("n").Int64(),
	)
	f.Func().Id("newMatrixServer").Params(Id("t").Op("*").Qual("testing", "T")).Op("*").Id("matrixServer").Block(
		List(Id("d"), Id("err")).Op(":=").Qual(pkgDB, "Open").Call(Lit("sqlite://").Op("+").Qual("path/filepath", "Join").Call(Id("t").Dot("TempDir").Call(), Lit("matrix.db"))),
		Qual(pkgRequire, "NoError").Call(Id("t"), Id("err")),
		Id("t").Dot("Cleanup").Call(Func().Params().Block(Id("d").Dot("Close").Call())),
		List(Id("sub"), Id("err")).Op(":=").Qual("io/fs", "Sub").Call(Id("Migrations"), Lit("migrations")),
		Qual(pkgRequire, "NoError").Call(Id("t"), Id("err")),
		List(Id("dialect"), Id("err")).Op(":=").Qual(pkgMigrate, "ForDialect").Call(Id("sub"), Id("d").Dot("Dialect")),
		Qual(pkgRequire, "NoError").Call(Id("t"), Id("err")),
		List(Id("m"), Id("err")).Op(":=").Qual(pkgMigrate, "New").Call(Id("d"), Id("dialect")),
		Qual(pkgRequire, "NoError").Call(Id("t"), Id("err")),
		List(Id("_"), Id("err")).Op("=").Id("m").Dot("Up").Call(ctx),
		Qual(pkgRequire, "NoError").Call(Id("t"), Id("err")),
		Line(),
		Id("def").Op(":=").Id("Definition").CallFunc(func(g *Group) {
			for _, e := range handlerActions(app) {
				g.Func().Params(Op("*").Qual(pkgApp, "Services")).Id(e.GoName + "Actions").Block(
					Return(Id("matrix" + e.GoName + "Actions").Values()))
			}
		}),
		List(Id("store"), Id("err")).Op(":=").Qual(pkgUsers, "NewStore").Call(Id("d"), Id("def").Dot("UserFields")),
		Qual(pkgRequire, "NoError").Call(Id("t"), Id("err")),
		Id("cfg").Op(":=").Id("def").Dot("JWT"),
		Id("cfg").Dot("SigningKey").Op("=").Index().Byte().Call(Lit("permission matrix test key")),
		Id("cfg").Dot("Algorithm").Op("=").Lit("HS256").Comment("the spec's keys are not at hand; the algorithm does not decide a permission"),
		List(Id("tokens"), Id("err")).Op(":=").Qual(pkgJWTAuth, "New").Call(Id("cfg"), Id("d")),
		Qual(pkgRequire, "NoError").Call(Id("t"), Id("err")),
		Id("auth").Op(":=").Op("&").Qual(pkgAuthn, "Authenticator").Values(Dict{
			Id("Tokens"): Id("tokens"), Id("Users"): Id("store"),
		}),
		Id("mux").Op(":=").Qual("net/http", "NewServeMux").Call(),
		Id("NewAPI").CallFunc(func(g *Group) {
			g.Id("d")
			g.Id("auth")
			g.Qual("log/slog", "New").Call(Qual("log/slog", "DiscardHandler"))
			for _, e := range handlerActions(app) {
				g.Id("matrix" + e.GoName + "Actions").Values()
			}
		}).Dot("Register").Call(Id("mux")),
		Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(Id("mux")),
		Id("t").Dot("Cleanup").Call(Id("srv").Dot("Close")),
		Id("scheme").Op(":=").Lit("Bearer"),
		If(Len(Id("cfg").Dot("HeaderTypes")).Op(">").Lit(0)).Block(Id("scheme").Op("=").Id("cfg").Dot("HeaderTypes").Index(Lit(0))),
		Return(Op("&").Id("matrixServer").Values(Dict{
			Id("url"): Id("srv").Dot("URL"), Id("db"): Id("d"), Id("users"): Id("store"),
			Id("tokens"): Id("tokens"), Id("scheme"): Id("scheme"),
		})),
	)

	f.Comment("next returns a number no other call returned, for unique names and values.")
	f.Func().Params(Id("s").Op("*").Id("matrixServer")).Id("next").Params().Int64().Block(
		Id("s").Dot("n").Op("++"),
		Return(Id("s").Dot("n")),
	)

	f.Comment("user creates an active user without a usable password.")
	f.Func().Params(Id("s").Op("*").Id("matrixServer")).Id("user").Params(
		Id("t").Op("*").Qual("testing", "T"), Id("staff"), Id("superuser").Bool(),
	).Op("*").Qual(pkgUsers, "User").Block(
		Id("n").Op(":=").Id("s").Dot("next").Call(),
		Id("u").Op(":=").Op("&").Qual(pkgUsers, "User").Values(Dict{
			Id("Username"): Qual("fmt", "Sprintf").Call(Lit("user%d"), Id("n")),
			Id("Email"):    Qual("fmt", "Sprintf").Call(Lit("user%d@example.com"), Id("n")),
			Id("Password"): Lit("!"), Id("IsActive"): True(), Id("IsStaff"): Id("staff"), Id("IsSuperuser"): Id("superuser"),
		}),
		Qual(pkgRequire, "NoError").Call(Id("t"), Id("s").Dot("users").Dot("Create").Call(ctx, Id("u"))),
		Return(Id("u")),
	)

	f.Comment("send makes the row's request as a fresh caller of the persona and returns the status.")
	f.Func().Params(Id("s").Op("*").Id("matrixServer")).Id("send").Params(
		Id("t").Op("*").Qual("testing", "T"), Id("row").Id("matrixRow"), Id("persona").String(),
	).Int().Block(
		Id("owner").Op(":=").Id("s").Dot("user").Call(Id("t"), False(), False()),
		List(Id("path"), Id("pk")).Op(":=").List(Id("row").Dot("path"), Lit("")),
		If(Id("row").Dot("object").Op("!=").Nil()).Block(
			Id("pk").Op("=").Id("row").Dot("object").Call(Id("t"), Id("s"), Id("owner").Dot("ID")),
			Id("path").Op("=").Qual("strings", "Replace").Call(Id("path"), Lit("{id}"), Id("pk"), Lit(1)),
		),
		Var().Id("caller").Op("*").Qual(pkgUsers, "User"),
		Switch(Id("persona")).Block(
			Case(Lit("anonymous")),
			Case(Lit("owner")).Block(Id("caller").Op("=").Id("owner")),
			Case(Lit("staff")).Block(Id("caller").Op("=").Id("s").Dot("user").Call(Id("t"), True(), False())),
			Case(Lit("superuser")).Block(Id("caller").Op("=").Id("s").Dot("user").Call(Id("t"), True(), True())),
			Default().Block(Id("caller").Op("=").Id("s").Dot("user").Call(Id("t"), False(), False())),
		),
		If(Id("persona").Op("==").Lit("permission holder")).Block(
			For(List(Id("_"), Id("perm")).Op(":=").Range().Id("row").Dot("perms")).Block(
				Qual(pkgRequire, "NoError").Call(Id("t"), Id("s").Dot("users").Dot("GrantPerm").Call(ctx, Id("caller").Dot("ID"), Id("perm"))),
				If(Id("pk").Op("!=").Lit("")).Block(
					Qual(pkgRequire, "NoError").Call(Id("t"), Id("s").Dot("users").Dot("GrantObjectPerm").Call(ctx, Id("caller").Dot("ID"), Id("perm"), Id("pk"))),
				),
			),
		),
		Var().Id("body").Qual("io", "Reader"),
		If(Op("!").Id("safeMethod").Call(Id("row").Dot("method"))).Block(
			Id("body").Op("=").Qual("strings", "NewReader").Call(Lit("{}")),
		),
		List(Id("req"), Id("err")).Op(":=").Qual("net/http", "NewRequest").Call(Id("row").Dot("method"), Id("s").Dot("url").Op("+").Id("path"), Id("body")),
		Qual(pkgRequire, "NoError").Call(Id("t"), Id("err")),
		Id("req").Dot("Header").Dot("Set").Call(Lit("Content-Type"), Lit("application/json")),
		If(Id("caller").Op("!=").Nil()).Block(
			List(Id("access"), Id("_"), Id("err")).Op(":=").Id("s").Dot("tokens").Dot("ObtainPair").Call(ctx, Id("caller").Dot("ID")),
			Qual(pkgRequire, "NoError").Call(Id("t"), Id("err")),
			Id("req").Dot("Header").Dot("Set").Call(Lit("Authorization"), Id("s").Dot("scheme").Op("+").Lit(" ").Op("+").Id("access")),
		),
		List(Id("resp"), Id("err")).Op(":=").Qual("net/http", "DefaultClient").Dot("Do").Call(Id("req")),
		Qual(pkgRequire, "NoError").Call(Id("t"), Id("err")),
		Id("resp").Dot("Body").Dot("Close").Call(),
		Return(Id("resp").Dot("StatusCode")),
	)

	f.Comment("objectOf adapts a fixture to the table: it inserts the object and returns its primary key.")
	f.Func().Id("objectOf").Types(Id("M").Qual(pkgAuthz, "Object")).Params(
		Id("fixture").Func().Params(Op("*").Qual("testing", "T"), Op("*").Id("matrixServer"), Int64()).Id("M"),
	).Func().Params(Op("*").Qual("testing", "T"), Op("*").Id("matrixServer"), Int64()).String().Block(
		Return(Func().Params(Id("t").Op("*").Qual("testing", "T"), Id("s").Op("*").Id("matrixServer"), Id("owner").Int64()).String().Block(
			Return(Id("fixture").Call(Id("t"), Id("s"), Id("owner")).Dot("ObjectPK").Call()),
		)),
	)
}

// matrixFixtures writes fixture<Model> for the models of detail routes and those they refer
// to: a valid row, its user fields set to the owner, its relations to fresh rows.
func matrixFixtures(f *File, app *model.App, rows []matrixRow) {
	need := map[*model.Model]bool{}
	var require func(m *model.Model)
	require = func(m *model.Model) {
		if need[m] {
			return
		}
		need[m] = true
		for _, fd := range m.Fields {
			if (fd.Type == model.ForeignKey || fd.Type == model.OneToOne) && fd.To != nil && !fd.Null {
				require(fd.To)
			}
		}
	}
	for _, r := range rows {
		if r.detail() {
			require(r.endpoint.Model)
		}
	}
	for _, m := range app.Models {
		if !need[m] {
			continue
		}
		f.Commentf("fixture%s inserts a %s owned by owner.", m.GoName, m.GoName)
		f.Func().Id("fixture"+m.GoName).Params(
			Id("t").Op("*").Qual("testing", "T"), Id("s").Op("*").Id("matrixServer"), Id("owner").Int64(),
		).Op("*").Id(m.GoName).BlockFunc(func(g *Group) {
			g.Id("v").Op(":=").Id("new" + m.GoName).Call()
			for _, fd := range m.Fields {
				if val := fixtureValue(m, fd); val != nil {
					g.Id("v").Dot(fd.GoName).Op("=").Add(val)
				}
			}
			g.Qual(pkgRequire, "NoError").Call(Id("t"), Id("insert"+m.GoName).Call(Qual("context", "Background").Call(), Id("s").Dot("db"), Id("v")))
			g.Return(Id("v"))
		})
	}
}

// fixtureValue is the value a fixture gives a field, or nil to keep newModel's.
func fixtureValue(m *model.Model, fd *model.Field) *Statement {
	unique := func() *Statement { return Id("s").Dot("next").Call() }
	ptr := func(s *Statement) *Statement {
		if fd.Null {
			return New(s) // new(expr): a call's result has no address to take
		}
		return s
	}
	switch {
	case fd.Type == model.ManyToMany:
		return nil
	case fd.Type.IsRelation() && fd.ToUser:
		return ptr(Id("owner"))
	case fd.Type.IsRelation():
		if fd.Null || fd.To == m {
			return nil
		}
		return Id("fixture"+fd.To.GoName).Call(Id("t"), Id("s"), Id("owner")).Dot("ID")
	case fd.Unique && fd.Default == nil:
		switch fd.Type {
		case model.String, model.Text:
			return ptr(Parens(Qual("strconv", "FormatInt").Call(unique(), Lit(10))))
		case model.Email:
			return ptr(Parens(Qual("fmt", "Sprintf").Call(Lit("%d@example.com"), unique())))
		case model.Int, model.BigInt:
			if fd.Null {
				return New(unique())
			}
			return unique()
		case model.UUID:
			return ptr(Parens(Qual(pkgFields, "MustUUID").Call(Qual("fmt", "Sprintf").Call(Lit("00000000-0000-4000-8000-%012d"), unique()))))
		}
	case fd.Null || fd.Default != nil:
		return nil
	case len(fd.Choices) > 0:
		return literalValue(fd, fd.Choices[0])
	case fd.Min != nil:
		return literalValue(fd, *fd.Min)
	case fd.Type == model.JSON:
		return Qual(pkgFields, "Document").Call(Lit("{}")) // nil would be SQL NULL
	case fd.Type == model.Date:
		return Qual(pkgFields, "MustDate").Call(Lit("2000-01-01")) // the zero Date is no date
	}
	return nil
}

// matrixActions writes the test's stand-ins for the application's hand-written actions: they
// answer 204, which proves the checks before them passed.
func matrixActions(f *File, app *model.App) {
	for _, e := range handlerActions(app) {
		name := "matrix" + e.GoName + "Actions"
		f.Commentf("%s answers every hand-written action of %s with 204.", name, e.Path)
		f.Type().Id(name).Struct()
		for _, a := range e.Actions {
			if a.Kind != model.HandlerAction {
				continue
			}
			params := handlerParams()
			if a.Detail {
				params = append(params, Id("_").Op("*").Id(e.Model.GoName))
			}
			f.Func().Params(Id(name)).Id(a.GoName).Params(params...).Block(
				Id("w").Dot("WriteHeader").Call(Qual("net/http", "StatusNoContent")),
			)
		}
	}
}
