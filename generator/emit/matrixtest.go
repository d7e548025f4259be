package emit

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

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

	f.Comment("permissionMatrix is PERMISSIONS.md, a row a line (apptest.ParseMatrix) under a")
	f.Comment("header naming the columns: the request, with the fixture of its object for a detail")
	f.Comment("route; the statuses an allowed request may get (400: allowed, then refused by")
	f.Comment("validation of the test's empty body); per persona, ✓ or the denial's status; and each")
	f.Comment("permission the route asks for, with the answer to a caller holding it alone.")
	f.Const().Id("permissionMatrix").Op("=").Add(rawLit(matrixTable(rows)))
	f.Line()
	f.Comment("matrixObjects are the fixtures of the matrix's detail routes, by the names its rows give.")
	objects := map[string]*model.Model{}
	for _, r := range rows {
		if r.detail() {
			objects[r.endpoint.Model.GoName] = r.endpoint.Model
		}
	}
	f.Var().Id("matrixObjects").Op("=").Qual(pkgAppTest, "Objects").ValuesFunc(func(g *Group) {
		for _, name := range sortedKeys(objects) {
			g.Line().Lit(name).Op(":").Qual(pkgAppTest, "ObjectOf").Call(Id(objects[name].Names.Fixture))
		}
		if len(objects) > 0 {
			g.Line()
		}
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
		g.Qual(pkgAppTest, "CheckMatrix").Call(Id("t"), Id("Definition").Call(), Id("permissionMatrix"), Id("matrixObjects"))
	})

	matrixFixtures(f, app, rows)
	matrixActions(f, app)
	return f
}

// matrixHeader is apptest.MatrixHeader, the table's first line naming its columns. The
// generated test checks the two are the same, so a change of apptest.Personas fails every
// generated matrix until it is generated again.
const matrixHeader = "# request | ok | anonymous authenticated owner permission-holder staff superuser | permission=alone"

// matrixTable is the matrix in apptest.ParseMatrix's format, a header and a row a line, with a line break
// before the first row and after the last so that every row starts a line of its own. It is
// data rather than a Go literal per cell: as readable in a diff, and a large app's thousands
// of cells cost go/format nothing (as literals over several lines, they were a tenth of the
// rendering of a thousand models).
func matrixTable(rows []matrixRow) string {
	var b strings.Builder
	b.WriteString("\n" + matrixHeader + "\n")
	for _, r := range rows {
		b.WriteString(r.method + " " + r.path)
		if r.detail() {
			b.WriteString(" " + r.endpoint.Model.GoName)
		}
		b.WriteString(" |")
		for _, s := range allowedStatuses(r) {
			b.WriteString(" " + strconv.Itoa(s))
		}
		b.WriteString(" | " + strings.Join(r.cells, " "))
		if len(r.perms) > 0 {
			b.WriteString(" |")
			// Wrapped as the rest of the file is, at 100 columns: permissions that do not all
			// fit on the row's line go on lines of their own, indented, which continue it.
			// Widths count characters: ✓ is one column and three bytes.
			held := make([]string, len(r.perms))
			total := 0
			for i, p := range r.perms {
				held[i] = p + "=" + r.alone[i]
				total += 1 + utf8.RuneCountInString(held[i])
			}
			width := utf8.RuneCountInString(b.String()[strings.LastIndexByte(b.String(), '\n')+1:])
			wrap := width+total > 100
			for _, h := range held {
				if wrap || width+1+utf8.RuneCountInString(h) > 100 {
					b.WriteString("\n\t")
					width, wrap = 4, false
				} else {
					b.WriteString(" ")
					width++
				}
				b.WriteString(h)
				width += utf8.RuneCountInString(h)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// rawLit is the string literal of s, raw where it can be (a table reads as one), else
// interpreted.
func rawLit(s string) *Statement {
	if rawable(s) {
		return Op("`" + s + "`")
	}
	return Lit(s)
}

// allowedStatuses are the answers of an allowed request with the test's body `{}`.
func allowedStatuses(r matrixRow) []int {
	switch r.kind {
	case kindList:
		if r.method == "POST" {
			return []int{http.StatusCreated, http.StatusBadRequest}
		}
	case kindDetail:
		switch r.method {
		case "PUT":
			return []int{http.StatusOK, http.StatusBadRequest}
		case "DELETE":
			return []int{http.StatusNoContent}
		}
	case kindHandler:
		return []int{http.StatusNoContent} // the test's stand-in for the application's code
	case kindSingleton:
		if !r.action.CreateMissing {
			return []int{http.StatusOK, http.StatusNotFound} // the persona may have no row
		}
	}
	return []int{http.StatusOK}
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
