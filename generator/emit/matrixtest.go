package emit

import (
	"slices"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// Import paths the generated matrix test uses beyond the handlers' own.
const (
	pkgAppTest = "github.com/authgen/authgen/runtime/apptest"
	pkgRequire = "github.com/stretchr/testify/require"
)

// matrixTestFile is permissionmatrix_test.go: PERMISSIONS.md as a table, and a test that
// serves the generated API on a fresh SQLite database and sends every cell's request as its
// persona, so the matrix a reviewer reads is the behaviour that ships. `go test` in the
// generated package runs it; it needs nothing but the package and the runtime.
func matrixTestFile(app *model.App) *File {
	f := newFile(app)
	f.ImportName(pkgAppTest, "apptest")
	f.ImportName(pkgRequire, "require")
	rows := matrixRows(app)

	f.Comment("permissionMatrix is PERMISSIONS.md, row by row: per persona (apptest.Personas), ✓ or")
	f.Comment("the denial's status, and the statuses an allowed request may get (400: allowed, then")
	f.Comment("refused by validation of the test's empty body).")
	f.Var().Id("permissionMatrix").Op("=").Index().Qual(pkgAppTest, "Cell").ValuesFunc(func(g *Group) {
		for _, r := range rows {
			g.Line().Add(matrixRowValue(app, r))
		}
		g.Line()
	})

	f.Comment("TestPermissionMatrix sends every cell's request, each to a fresh object, as a fresh user")
	f.Comment("of the cell's persona and as a holder of each of its permissions alone, on SQLite and")
	f.Comment("PostgreSQL, and compares the answers with the matrix.")
	f.Func().Id("TestPermissionMatrix").Params(Id("t").Op("*").Qual("testing", "T")).BlockFunc(func(g *Group) {
		if app.HasCode() {
			g.Comment("The application's code is stood in for: the matrix is the spec's checks alone.")
			g.Id("saved").Op(":=").Id("implemented")
			g.Id("implemented").Op("=").Id("matrixHooks").Call()
			g.Id("t").Dot("Cleanup").Call(Func().Params().Block(Id("implemented").Op("=").Id("saved")))
		}
		g.Qual(pkgAppTest, "CheckMatrix").Call(Id("t"), Id("Definition").Call(), Id("permissionMatrix"))
	})

	matrixFixtures(f, app, rows)
	matrixActions(f, app)
	return f
}

// matrixRowValue renders one row of the table.
func matrixRowValue(app *model.App, r matrixRow) *Statement {
	// A row over three lines: the request, the permissions, what it gets.
	d := []Code{
		Line().Id("Method").Op(":").Lit(r.method),
		Id("Path").Op(":").Lit(r.path),
	}
	if r.detail() {
		d = append(d, Id("Object").Op(":").Qual(pkgAppTest, "ObjectOf").Call(Id(r.endpoint.Model.Names.Fixture)))
	}
	if len(r.perms) > 0 {
		d = append(d, Line().Id("Perms").Op(":").Index().String().ValuesFunc(func(g *Group) {
			for _, p := range r.perms {
				g.Id(permGoName(app, p))
			}
		}))
	}
	d = append(d, Line().Id("OK").Op(":").Index().Int().ValuesFunc(func(g *Group) {
		for _, s := range allowedStatuses(r) {
			g.Qual("net/http", s)
		}
	}))
	d = append(d, Id("Want").Op(":").Lit(strings.Join(r.cells, " ")))
	if len(r.alone) > 0 {
		d = append(d, Id("Alone").Op(":").Lit(strings.Join(r.alone, " ")))
	}
	return Values(append(d, Line())...)
}

// permGoName is the Go constant of a permission ("store.view_product": PermViewProduct).
// app.Permissions is sorted by Full: a search, since every row of a large app asks.
func permGoName(app *model.App, full string) string {
	if i, ok := slices.BinarySearchFunc(app.Permissions, full, func(p *model.Permission, full string) int {
		return strings.Compare(p.Full, full)
	}); ok {
		return app.Permissions[i].GoName
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
	case kindSingleton:
		if !r.action.CreateMissing {
			return []string{"StatusOK", "StatusNotFound"} // the persona may have no row
		}
	}
	return []string{"StatusOK"}
}

// matrixFixtures writes fixture<Model> for the models of detail routes and those they refer
// to: a valid row, its user fields set to the owner, its relations to fresh rows.
func matrixFixtures(f *File, app *model.App, rows []matrixRow) {
	steps := pathSteps(app)
	need := map[*model.Model]bool{}
	var require func(m *model.Model)
	require = func(m *model.Model) {
		if need[m] {
			return
		}
		need[m] = true
		for _, fd := range m.Fields {
			if (fd.Type == model.ForeignKey || fd.Type == model.OneToOne) && fd.To != nil && (!fd.Null || steps[fd] && fd.To != m) {
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
		f.Commentf("%s inserts a %s owned by owner.", m.Names.Fixture, m.GoName)
		f.Func().Id(m.Names.Fixture).Params(
			Id("t").Op("*").Qual("testing", "T"), Id("s").Op("*").Qual(pkgAppTest, "Server"), Id("owner").Int64(),
		).Op("*").Id(m.GoName).BlockFunc(func(g *Group) {
			g.Id("v").Op(":=").Id(m.Names.New).Call()
			for _, fd := range m.Fields {
				if val := fixtureValue(m, fd, steps[fd]); val != nil {
					g.Id("v").Dot(fd.GoName).Op("=").Add(val)
				}
			}
			g.Qual(pkgRequire, "NoError").Call(Id("t"), Id(m.Names.Insert).Call(Qual("context", "Background").Call(), Id("s").Dot("DB"), Id("v")))
			g.Return(Id("v"))
		})
	}
}

// pathSteps are the relations on the way of a scope's or an object class's path: a fixture
// fills them even when they may be null, so that the owner reaches its rows through them.
func pathSteps(app *model.App) map[*model.Field]bool {
	out := map[*model.Field]bool{}
	add := func(paths []*model.OwnerPath) {
		for _, p := range paths {
			for _, f := range p.Steps {
				out[f] = true
			}
		}
	}
	for _, m := range app.Models {
		add(m.OwnerPaths)
	}
	for _, e := range app.Endpoints {
		if e.Scope != nil {
			add(e.Scope.Paths)
		}
	}
	return out
}

// fixtureValue is the value a fixture gives a field, or nil to keep newModel's. onPath: the
// field is a step of an owner path, filled even when it may be null.
func fixtureValue(m *model.Model, fd *model.Field, onPath bool) *Statement {
	unique := func() *Statement { return Id("s").Dot("Next").Call() }
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
		if (fd.Null && !onPath) || fd.To == m {
			return nil
		}
		return ptr(Id(fd.To.Names.Fixture).Call(Id("t"), Id("s"), Id("owner")).Dot("ID"))
	case fd.Unique && fd.Default == nil:
		switch fd.Type {
		case model.String, model.Text:
			return ptr(Parens(Qual("strconv", "FormatInt").Call(unique(), Lit(10))))
		case model.Email:
			return ptr(Parens(Qual("fmt", "Sprintf").Call(Lit("%d@example.com"), unique())))
		case model.Int, model.BigInt, model.SmallInt, model.PositiveInt, model.PositiveSmallInt, model.PositiveBigInt:
			if fd.Null {
				return New(unique())
			}
			return unique()
		case model.UUID:
			return ptr(Parens(Qual(pkgFields, "MustUUID").Call(Qual("fmt", "Sprintf").Call(Lit("00000000-0000-4000-8000-%012d"), unique()))))
		}
	case fd.Null || fd.Default != nil || fd.TimeDefault != nil || fd.AutoNow || fd.AutoNowAdd:
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

// matrixActions writes the test's stand-ins for the application's code: the generated
// behaviour for hooks (all rows, saving as is), 204 for hand-written actions (which proves the
// checks before them passed), and allowing for permission classes written in Go.
func matrixActions(f *File, app *model.App) {
	if !app.HasCode() {
		return
	}
	eps, classes := codeParts(app)
	f.Comment("matrixHooks stands in for the application's code in the matrix test.")
	f.Func().Id("matrixHooks").Params().Id("Hooks").Block(
		Return(Id("Hooks").ValuesFunc(func(g *Group) {
			for _, e := range eps {
				g.Line().Id(e.Names.HooksField).Op(":").Id(e.Names.MatrixHooks).Values()
			}
			for _, c := range classes {
				g.Line().Id(c.GoName).Op(":").Qual(pkgAuthz, "AllowAny").Values()
			}
			g.Line()
		})),
	)
	for _, e := range eps {
		name := e.Names.MatrixHooks
		f.Commentf("%s does what %s does without hooks, and answers every", name, e.Path)
		f.Comment("hand-written action with 204.")
		f.Type().Id(name).Struct()
		for _, hm := range hookMethods(e) {
			f.Func().Params(Id(name)).Id(hm.name).Params(hm.params...).Add(hm.results).Block(hm.stub...)
		}
	}
}
