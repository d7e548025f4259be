package model

import (
	"path"
	"slices"
	"strings"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/spec"
)

// Load parses and builds the spec in src (name is the file name used in positions). It
// returns the App only when there are no errors; the errors of both stages come together.
func Load(name string, src []byte) (*App, diag.List) {
	f, errs := spec.Parse(name, src)
	app, more := Build(f)
	errs.Append(more)
	errs.Sort()
	if len(errs) > 0 {
		return nil, errs
	}
	return app, nil
}

// Build validates and resolves a parsed spec. Every problem is reported, sorted by position;
// the App is returned only when there is none. Build never panics, whatever the AST holds
// (it is safe on the partial AST that spec.Parse returns with errors).
func Build(f *spec.File) (*App, diag.List) {
	if f == nil {
		return nil, diag.List{{Msg: "no spec"}}
	}
	b := &builder{
		f:        f,
		app:      &App{SpecFile: path.Base(strings.ReplaceAll(f.Name, "\\", "/"))},
		models:   map[string]*Model{},
		perms:    map[string]*Permission{},
		classes:  map[string]*PermClass{},
		classAST: map[*PermClass]*spec.Class{},
		clashed:  map[Pos]bool{},
		unbuilt:  map[fieldKey]bool{},
	}
	for _, c := range Builtins {
		b.classes[c.Name] = c
	}
	b.top()
	b.buildModels()
	b.buildAuth()
	b.buildClasses()
	b.buildDefaults()
	b.buildAccounts()
	b.buildSerializers()
	b.buildEndpoints()
	b.checkUnfillable()
	b.buildSecurity()
	b.checkRoutes()
	b.decideNames()
	b.errs.Sort()
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	return b.app, nil
}

// builder holds the state of one Build.
type builder struct {
	f    *spec.File
	app  *App
	errs diag.List

	models   map[string]*Model      // by Name
	perms    map[string]*Permission // by Full
	permsGo  map[string]*Permission // by GoName, to refuse two that would collide in Go
	classes  map[string]*PermClass  // by Name, builtins included
	classAST map[*PermClass]*spec.Class
	displays []pendingDisplay
	routes   []route
	clashed  map[Pos]bool // subjects (by position) with a Go name clash reported (decideNames)
	// unbuilt are the fields whose definition was refused (an unknown type...): a reference
	// to one is not reported again as an unknown field.
	unbuilt map[fieldKey]bool
}

func (b *builder) errorf(p Pos, format string, args ...any) {
	if p.File == "" {
		p.File = b.f.Name
	}
	b.errs.Add(p, format, args...)
}

// sortedKeys returns the keys of m in order, for deterministic suggestions.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// str returns the value of an optional string, or def.
func str(s *spec.Str, def string) string {
	if s == nil {
		return def
	}
	return s.Value
}

// boolean returns the value of an optional boolean, or def.
func boolean(v *spec.Bool, def bool) bool {
	if v == nil {
		return def
	}
	return v.Value
}
