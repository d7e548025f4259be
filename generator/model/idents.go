package model

import (
	"fmt"
	"go/token"
	"strconv"
	"strings"
	"unicode"
)

// Every Go identifier of a generated package is decided here, in one pass after the spec is
// resolved, and declared in the scope Go puts it in. A scope already holds what the
// generator declares itself, the generated files' imports, Go's keywords and its predeclared
// identifiers, so a spec whose names would make Go that does not compile (two declarations
// of OwnerUsername, a model called API) is refused at the spec's line instead.
//
// Go has three kinds of scope in a generated package that the spec's names reach:
//   - the package block: types, functions, variables and constants of every file, the
//     permission-matrix test included (it is in the same package);
//   - the members of API (its fields, its methods and what it promotes from view.Base);
//   - the members of each struct type: a model's row type, an endpoint's JSON shape.
//
// Function parameters and locals are the emitters' own lower-case single words (v, r, req,
// err...), which no decided name can equal: every name below is exported or starts with a
// lower-case word followed by an upper-case one.

// ModelNames are the package-level Go names generated for a model besides its type (GoName).
type ModelNames struct {
	New    string // "newProduct": a row holding the spec's defaults
	Select string // "productSelect": the SELECT whose columns Scan reads
	Scan   string // "scanProduct": reads a row of Select from a *sql.Row
	// ScanValues is "scanProductValues": reads a row of Select from its columns' driver
	// values (db.AllValues hands a list's rows over so).
	ScanValues string
	Insert     string // "insertProduct"
	Update     string // "updateProduct"
	Delete     string // "deleteProduct"
	LoadLinks  string // "loadRecipeLinks": runs every many_to_many loader (models with one)
	// LoadOwners is "loadAppointmentOwners": reads the users the OwnerPaths reach (models
	// with some).
	LoadOwners string
	Fixture    string // "fixtureProduct": inserts a row in the permission-matrix test
}

// FieldNames are the Go names generated for a field besides its row member (GoName).
type FieldNames struct {
	// Display is the row member holding the related row's display column ("OwnerUsername"
	// for owner with display: username), "" when the field displays no other column.
	Display string
	// JSON is the member of an endpoint's JSON shape: GoName, or for a displayed relation
	// the relation's own name ("Owner").
	JSON string
	// Load and Set read and replace a many_to_many field's links: "loadRecipeTags",
	// "setRecipeTags"; Link is its join table's db.Link, "recipeTagsLink"; "" for other
	// fields.
	Load, Set, Link string
	// FindBy and FilterBy are the application toolkit's (Call's) reads by the field's value:
	// "FindPatientByUser" (a unique field: one row, Django's objects.get(user=…)) and
	// "FilterAppointmentByPatient" (a foreign key or db_index field: the rows,
	// objects.filter(patient=…)); "" for the fields that have neither.
	FindBy, FilterBy string
}

// EndpointNames are the Go names generated for an endpoint.
type EndpointNames struct {
	// Package block.
	JSON           string // "productsJSON": the serializer's shape
	View           string // "productsView": renders a row as JSON
	Permissions    string // "productsPermissions": the checker list
	PermissionsFor string // "productsPermissionsFor": the method switch (method_permissions only)
	WriteLinks     string // "writeProductsLinks": stores the many_to_many fields a body gave
	// Hooks is "ProductsHooks": the interface of the application's code for the endpoint
	// (its hooks and handler actions), if any; HooksField "Products" is its member of the
	// package's Hooks struct.
	Hooks       string
	HooksField  string
	MatrixHooks string // "matrixProductsHooks": the matrix test's stand-in for Hooks
	// Where is "ProductsWhere" (get_queryset only): the columns a queryset filter names.
	Where string

	// Members of API.
	Route       string // "productsRoute": the list route's method table
	DetailRoute string // "productsDetailRoute": the detail route's method table
	List        string // "listProducts"
	Create      string // "createProducts"
	Retrieve    string // "retrieveProducts"
	Update      string // "updateProducts"
	Destroy     string // "destroyProducts"
	Read        string // "readProducts": reads a body into a row
	Get         string // "getProducts": get_object's query
	Fields      string // "productsFields": the OPTIONS description of the serializer
	// ScopeExcept is "productsScopeExcept" (package block): the checker list of the scope's
	// exception (endpoints with one).
	ScopeExcept string
	Validate    string // "validateProducts": runs the validate hooks (validate or validate_<field> only)
}

// ActionNames are the Go names generated for an action.
type ActionNames struct {
	Route       string // "productsPublishRoute" (API member): the route's method table
	Func        string // "productsPublish" (API member): the body of a set or singleton action
	Permissions string // "productsPublishPermissions" (package block): its own checker list
}

// GeneratedNames are the package-level names the generator declares whatever the spec says,
// with what they are, as errors name them.
var GeneratedNames = map[string]string{
	"API":                  "the generated type serving the endpoints",
	"NewAPI":               "the generated constructor of API",
	"Definition":           "the generated function describing the app to runtime/app",
	"Migrations":           "the generated variable holding the migrations",
	"accountSettings":      "the generated function returning djoser's settings",
	"userFields":           "the generated variable listing the extra user fields",
	"relations":            "the generated variable listing the foreign keys",
	"collector":            "the generated deleter following the foreign keys",
	"passwordValidators":   "the generated function returning the password validators",
	"openAPIDocument":      "the generated variable holding openapi.json",
	"rootPermissions":      "the generated checker list of the API root",
	"permissionMatrix":     "the generated permission matrix of the test",
	"TestPermissionMatrix": "the generated permission-matrix test",
}

// APIMembers are API's members the generator declares whatever the spec says: its own and
// those it promotes from the embedded view.Base (a test holds the list to view.Base).
var APIMembers = map[string]string{
	"Base":     "API's embedded view.Base",
	"Register": "API's generated Register method",
}

// PromotedMembers are the exported fields and methods of view.Base, which API promotes.
var PromotedMembers = []string{
	"Authn", "Begin", "ColumnBound", "ColumnLimit", "DB", "DeleteFailed", "Deny", "Fail", "Handle", "Log",
	"Valid", "WriteFailed",
}

// imports are the package names the generated files import; a package-level declaration
// of the same name does not compile.
var imports = []string{
	"accounts", "app", "apptest", "authn", "authz", "context", "db", "embed", "errors", "fields",
	"http", "jwtauth", "password", "require", "runtime", "slog", "sql", "strconv", "strings",
	"testing", "time", "users", "view",
}

// predeclared are Go's predeclared identifiers (the universe block).
var predeclared = strings.Fields(`any append bool byte cap clear close comparable complex
	complex128 complex64 copy delete error false float32 float64 imag int int16 int32 int64 int8
	iota len make max min new nil panic print println real recover rune string true uint uint16
	uint32 uint64 uint8 uintptr`)

// namespace is one Go scope of the generated package.
type namespace struct {
	what  string // "the package", "API", "the row type Product"
	taken map[string]decl
}

// decl is one name declared in a namespace: by the spec (subject and role, at pos) or by the
// generator or Go (fixed, pos zero).
type decl struct {
	subject string // `model "Product"`
	role    string // "Go type", "scan function"
	fixed   string // for a name the spec did not give: what it is
	pos     Pos
}

func newNamespace(what string, fixed map[string]string) *namespace {
	ns := &namespace{what: what, taken: map[string]decl{}}
	for name, desc := range fixed {
		ns.taken[name] = decl{fixed: desc}
	}
	return ns
}

// packageNamespace is the package block before the spec declares anything in it.
func packageNamespace() *namespace {
	ns := newNamespace("the package", GeneratedNames)
	for _, name := range imports {
		ns.taken[name] = decl{fixed: fmt.Sprintf("the name of the imported package %s", name)}
	}
	for _, name := range predeclared {
		ns.taken[name] = decl{fixed: "a predeclared Go identifier"}
	}
	return ns
}

// declare declares name for subject's role at pos, reporting a clash with what holds the
// name already: at the later of the two positions, naming the other.
func (b *builder) declare(ns *namespace, name, subject, role string, pos Pos) {
	if name == "" {
		return
	}
	if b.clashed[pos] {
		return // one clash is enough to name: renaming the subject mends the others
	}
	d := decl{subject: subject, role: role, pos: pos}
	if token.IsKeyword(name) {
		b.clashed[pos] = true
		b.errorf(pos, "%s: its %s %s is a Go keyword", subject, role, name)
		return
	}
	prev, taken := ns.taken[name]
	if !taken {
		ns.taken[name] = d
		return
	}
	b.clashed[pos] = true
	if prev.fixed != "" {
		b.errorf(pos, "%s: its %s %s is already %s", subject, role, name, prev.fixed)
		return
	}
	if pos.Line < prev.pos.Line || pos.Line == prev.pos.Line && pos.Col < prev.pos.Col {
		d, prev = prev, d
	}
	b.errorf(d.pos, "%s: its %s %s is already the %s of %s (line %d)", d.subject, d.role, name, prev.role, prev.subject, prev.pos.Line)
}

// decideNames gives every model, field, endpoint and action its Go names and declares them,
// with the names of classes and permissions, in their scopes.
func (b *builder) decideNames() {
	pkg := packageNamespace()
	api := newNamespace("API", APIMembers)
	for _, name := range PromotedMembers {
		api.taken[name] = decl{fixed: "a member API promotes from view.Base"}
	}
	for _, m := range b.app.Models {
		b.modelNames(pkg, m)
	}
	for _, p := range b.app.Permissions {
		pos := p.Pos
		if p.Default {
			pos = p.Model.Pos
		}
		b.declare(pkg, p.GoName, fmt.Sprintf("permission %q", p.Codename), "Go constant", pos)
	}
	for _, c := range b.app.Classes {
		b.declare(pkg, c.GoName, fmt.Sprintf("permission class %q", c.Name), "Go variable", c.Pos)
	}
	if b.app.HasCode() {
		for name, what := range CodeNames {
			if prev, taken := pkg.taken[name]; taken {
				b.errorf(prev.pos, "%s: its %s %s is already %s, declared for the spec's hooks", prev.subject, prev.role, name, what)
				continue
			}
			pkg.taken[name] = decl{fixed: what}
		}
	}
	for _, e := range b.app.Endpoints {
		b.endpointNames(pkg, api, e)
	}
}

// CodeNames are the package-level names the generator declares when the application writes
// code for the spec (hooks, handler actions, go permission classes).
var CodeNames = map[string]string{
	"Hooks":       "the generated struct of the application's code",
	"Implement":   "the generated function registering the application's code",
	"Call":        "the generated toolkit of the application's code",
	"implemented": "the generated variable holding the application's code",
}

func (b *builder) modelNames(pkg *namespace, m *Model) {
	subject := fmt.Sprintf("model %q", m.Name)
	lower := lowerFirst(m.GoName)
	m.Names = ModelNames{
		New: "new" + m.GoName, Select: lower + "Select", Scan: "scan" + m.GoName, ScanValues: "scan" + m.GoName + "Values",
		Insert: "insert" + m.GoName, Update: "update" + m.GoName, Delete: "delete" + m.GoName,
		Fixture: "fixture" + m.GoName,
	}
	b.declare(pkg, m.GoName, subject, "Go type", m.Pos)
	for _, n := range []struct{ name, role string }{
		{m.Names.New, "constructor"}, {m.Names.Select, "SELECT constant"}, {m.Names.Scan, "scan function"},
		{m.Names.ScanValues, "scan function"},
		{m.Names.Insert, "insert function"}, {m.Names.Update, "update function"},
		{m.Names.Delete, "delete function"}, {m.Names.Fixture, "test fixture"},
	} {
		b.declare(pkg, n.name, subject, n.role, m.Pos)
	}
	if len(m.OwnerPaths) > 0 {
		m.Names.LoadOwners = "load" + m.GoName + "Owners"
		b.declare(pkg, m.Names.LoadOwners, subject, "owner loader", m.Pos)
	}
	row := newNamespace("the row type "+m.GoName, map[string]string{
		"OwnerOf":  "the generated method OwnerOf of the row type",
		"ObjectPK": "the generated method ObjectPK of the row type",
	})
	b.declare(row, m.ID.GoName, subject, "primary key", m.Pos)
	m.ID.Names.JSON = m.ID.GoName
	for _, f := range m.Fields {
		subject := fmt.Sprintf("field %q", f.Name)
		b.declare(row, f.GoName, subject, "Go name", f.Pos)
		f.Names.JSON = f.GoName
		if f.Display != "" {
			f.Names.JSON = goName(f.Name)
		}
		if f.Display != "" && (f.DisplayField == nil || f.DisplayField.Type != ID) {
			f.Names.Display = goName(f.Name) + goName(f.Display)
			b.declare(row, f.Names.Display, subject, "display member", f.Pos)
		}
		switch {
		case f.Type == ManyToMany || f.Type == JSON:
		case f.Unique:
			f.Names.FindBy = "Find" + m.GoName + "By" + goName(f.Name)
		case f.Type == ForeignKey || f.DBIndex:
			f.Names.FilterBy = "Filter" + m.GoName + "By" + goName(f.Name)
		}
		if f.Type == ManyToMany {
			if m.Names.LoadLinks == "" {
				m.Names.LoadLinks = "load" + m.GoName + "Links"
				b.declare(pkg, m.Names.LoadLinks, fmt.Sprintf("model %q", m.Name), "loader of all links", m.Pos)
			}
			f.Names.Load, f.Names.Set = "load"+m.GoName+f.GoName, "set"+m.GoName+f.GoName
			b.declare(pkg, f.Names.Load, subject, "link loader", f.Pos)
			b.declare(pkg, f.Names.Set, subject, "link setter", f.Pos)
			f.Names.Link = lowerFirst(m.GoName) + f.GoName + "Link"
			b.declare(pkg, f.Names.Link, subject, "join table", f.Pos)
		}
	}
}

func (b *builder) endpointNames(pkg, api *namespace, e *Endpoint) {
	subject := fmt.Sprintf("endpoint %q", e.Name)
	lower := lowerFirst(e.GoName)
	n := EndpointNames{
		JSON: lower + "JSON", View: lower + "View", Permissions: lower + "Permissions",
		WriteLinks: "write" + e.GoName + "Links",
		Route:      lower + "Route", DetailRoute: lower + "DetailRoute",
		List: "list" + e.GoName, Create: "create" + e.GoName, Retrieve: "retrieve" + e.GoName,
		Update: "update" + e.GoName, Destroy: "destroy" + e.GoName,
		Read: "read" + e.GoName, Get: "get" + e.GoName, Fields: lower + "Fields",
	}
	if len(e.MethodPermissions) > 0 {
		n.PermissionsFor = n.Permissions + "For"
	}
	if e.Scope != nil && e.Scope.Except != nil {
		n.ScopeExcept = lower + "ScopeExcept"
	}
	if e.HasCode() {
		n.Hooks, n.HooksField, n.MatrixHooks = e.GoName+"Hooks", e.GoName, "matrix"+e.GoName+"Hooks"
	}
	if e.Hooks.Validate || len(e.Hooks.ValidateFields) > 0 {
		n.Validate = "validate" + e.GoName
	}
	if e.Hooks.GetQueryset {
		n.Where = e.GoName + "Where"
	}
	e.Names = n
	for _, d := range []struct{ name, role string }{
		{n.JSON, "JSON type"}, {n.View, "view function"}, {n.Permissions, "checker list"},
		{n.PermissionsFor, "method switch"}, {n.WriteLinks, "link writer"}, {n.ScopeExcept, "scope exception"},
		{n.Hooks, "hooks interface"}, {n.MatrixHooks, "test hooks"}, {n.Where, "queryset columns"},
	} {
		b.declare(pkg, d.name, subject, d.role, e.Pos)
	}
	for _, d := range []struct{ name, role string }{
		{n.Route, "list route"}, {n.DetailRoute, "detail route"}, {n.List, "list handler"},
		{n.Create, "create handler"}, {n.Retrieve, "retrieve handler"}, {n.Update, "update handler"},
		{n.Destroy, "destroy handler"}, {n.Read, "input reader"}, {n.Get, "object query"},
		{n.Fields, "OPTIONS description"}, {n.Validate, "validator"},
	} {
		b.declare(api, d.name, subject, d.role, e.Pos)
	}
	for i := range e.MethodPermissions {
		mp := &e.MethodPermissions[i]
		mp.GoName = n.Permissions + "On" + goName(strings.ToLower(mp.Method))
		b.declare(pkg, mp.GoName, fmt.Sprintf("method_permissions %s of endpoint %q", mp.Method, e.Name), "checker list", mp.Pos)
	}
	var iface *namespace // the methods of the Hooks interface: its hooks', then its actions'
	if n.Hooks != "" {
		iface = newNamespace("the interface "+n.Hooks, nil)
		for _, name := range e.Hooks.MethodNames() {
			iface.taken[name] = decl{fixed: "the method of a hook of endpoint " + strconv.Quote(e.Name)}
		}
	}
	for _, a := range e.Actions {
		subject := fmt.Sprintf("action %q of endpoint %q", a.Name, e.Name)
		if a.Kind == HandlerAction {
			b.declare(iface, a.GoName, subject, "method", a.Pos)
		}
		a.Names = ActionNames{Route: lower + a.GoName + "Route"}
		b.declare(api, a.Names.Route, subject, "route", a.Pos)
		if a.Kind != HandlerAction {
			a.Names.Func = lower + a.GoName
			b.declare(api, a.Names.Func, subject, "handler", a.Pos)
		}
		if a.Permission != e.Permission {
			a.Names.Permissions = lower + a.GoName + "Permissions"
			b.declare(pkg, a.Names.Permissions, subject, "checker list", a.Pos)
		}
	}
	shape := newNamespace("the JSON type "+n.JSON, nil)
	for _, f := range e.Fields {
		b.declare(shape, f.Names.JSON, fmt.Sprintf("field %q", f.Name), "JSON member", f.Pos)
	}
}

// lowerFirst turns an exported Go name into an unexported one, lowering a leading run of
// capitals but the one that starts the next word: "Products" → "products", "URLs" → "urls",
// "HTTPServer" → "httpServer".
func lowerFirst(name string) string {
	runes := []rune(name)
	i := 0
	for i < len(runes) && unicode.IsUpper(runes[i]) {
		i++
	}
	switch {
	case i == 0:
		return name
	case i == 1 || i == len(runes):
	default:
		i-- // keep the capital that starts the next word
	}
	return strings.ToLower(string(runes[:i])) + string(runes[i:])
}
