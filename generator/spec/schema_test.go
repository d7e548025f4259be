package spec_test

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/generator/spec"
	"github.com/authgen/authgen/runtime/djoser"
)

// schemaPath is the JSON Schema of the spec, the path editors are pointed at.
const schemaPath = "authgen.schema.json"

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	src, err := os.ReadFile(schemaPath)
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(src, &s))
	return s
}

// yamlValue is the value a YAML node stands for, as an editor's YAML language server sees it:
// keys are their text, timestamps are strings, integers stay integers.
func yamlValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return yamlValue(n.Content[0])
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = yamlValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, yamlValue(c))
		}
		return l
	case yaml.AliasNode:
		return yamlValue(n.Alias)
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		_ = n.Decode(&b)
		return b
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return i
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	}
	return n.Value
}

// validator checks values against the draft 2020-12 keywords the spec's schema uses; an
// unknown keyword fails the test, so the schema cannot use one this checker ignores.
type validator struct {
	t    *testing.T
	root map[string]any
	errs []string
}

var known = map[string]bool{
	"$schema": true, "$id": true, "title": true, "description": true, "$defs": true, "$ref": true,
	"type": true, "enum": true, "const": true, "pattern": true, "minLength": true, "maxLength": true,
	"minimum": true, "maximum": true, "properties": true, "additionalProperties": true,
	"required": true, "propertyNames": true, "items": true, "minItems": true, "anyOf": true,
	"allOf": true, "minProperties": true, "maxProperties": true, "default": true,
}

func (v *validator) check(s any, x any, at string) bool {
	schema, ok := s.(map[string]any)
	if !ok {
		if b, isBool := s.(bool); isBool {
			if !b {
				v.errs = append(v.errs, at+": not allowed")
			}
			return b
		}
		v.t.Fatalf("schema at %s is %T", at, s)
	}
	before := len(v.errs)
	fail := func(format string, args ...any) { v.errs = append(v.errs, at+": "+fmt.Sprintf(format, args...)) }
	for k := range schema {
		if !known[k] {
			v.t.Fatalf("the schema uses %q, which this checker does not implement", k)
		}
	}
	if r, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(r, "#/$defs/")
		def, found := v.root["$defs"].(map[string]any)[name]
		require.True(v.t, found, "dangling $ref %s", r)
		v.check(def, x, at)
	}
	if ts, ok := schema["type"]; ok {
		var types []any
		if s, isStr := ts.(string); isStr {
			types = []any{s}
		} else {
			types = ts.([]any)
		}
		if !slices.ContainsFunc(types, func(t any) bool { return hasType(x, t.(string)) }) {
			fail("expected %v, found %s", ts, describe(x))
			return false
		}
	}
	if e, ok := schema["enum"].([]any); ok && !slices.ContainsFunc(e, func(c any) bool { return equal(c, x) }) {
		fail("%s is not one of %v", describe(x), e)
	}
	if c, ok := schema["const"]; ok && !equal(c, x) {
		fail("%s is not %v", describe(x), c)
	}
	if s, isStr := x.(string); isStr {
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(s) {
			fail("%q does not match %s", s, p)
		}
		if n, ok := schema["minLength"].(float64); ok && float64(len([]rune(s))) < n {
			fail("%q is shorter than %v", s, n)
		}
		if n, ok := schema["maxLength"].(float64); ok && float64(len([]rune(s))) > n {
			fail("%q is longer than %v", s, n)
		}
	}
	if f, isNum := number(x); isNum {
		if n, ok := schema["minimum"].(float64); ok && f < n {
			fail("%v is less than %v", f, n)
		}
		if n, ok := schema["maximum"].(float64); ok && f > n {
			fail("%v is more than %v", f, n)
		}
	}
	if m, isMap := x.(map[string]any); isMap {
		props, _ := schema["properties"].(map[string]any)
		for _, r := range asList(schema["required"]) {
			if _, ok := m[r.(string)]; !ok {
				fail("missing required key %q", r)
			}
		}
		if n, ok := schema["minProperties"].(float64); ok && float64(len(m)) < n {
			fail("fewer than %v keys", n)
		}
		if n, ok := schema["maxProperties"].(float64); ok && float64(len(m)) > n {
			fail("more than %v keys", n)
		}
		for _, k := range sortedKeys(m) {
			if pn, ok := schema["propertyNames"]; ok {
				v.check(pn, k, at+"."+k+" (name)")
			}
			if ps, ok := props[k]; ok {
				v.check(ps, m[k], at+"."+k)
			} else if ap, ok := schema["additionalProperties"]; ok {
				if !v.check(ap, m[k], at+"."+k) && ap == false {
					v.errs[len(v.errs)-1] = at + ": unknown key " + strconv.Quote(k)
				}
			}
		}
	}
	if l, isList := x.([]any); isList {
		if n, ok := schema["minItems"].(float64); ok && float64(len(l)) < n {
			fail("fewer than %v items", n)
		}
		if items, ok := schema["items"]; ok {
			for i, e := range l {
				v.check(items, e, fmt.Sprintf("%s[%d]", at, i))
			}
		}
	}
	for _, sub := range asList(schema["allOf"]) {
		v.check(sub, x, at)
	}
	if anyOf := asList(schema["anyOf"]); len(anyOf) > 0 {
		var all []string
		matched := false
		for _, sub := range anyOf {
			inner := &validator{t: v.t, root: v.root}
			if inner.check(sub, x, at); len(inner.errs) == 0 {
				matched = true
				break
			}
			all = append(all, inner.errs...)
		}
		if !matched {
			fail("matches none of the alternatives: %s", strings.Join(all, "; "))
		}
	}
	return len(v.errs) == before
}

func asList(v any) []any { l, _ := v.([]any); return l }

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func number(x any) (float64, bool) {
	switch n := x.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func hasType(x any, t string) bool {
	switch t {
	case "null":
		return x == nil
	case "boolean":
		_, ok := x.(bool)
		return ok
	case "string":
		_, ok := x.(string)
		return ok
	case "integer":
		_, ok := x.(int64)
		if f, isFloat := x.(float64); isFloat {
			ok = f == float64(int64(f))
		}
		return ok
	case "number":
		_, ok := number(x)
		return ok
	case "object":
		_, ok := x.(map[string]any)
		return ok
	case "array":
		_, ok := x.([]any)
		return ok
	}
	panic("unknown type " + t)
}

func equal(schemaValue, x any) bool {
	if f, ok := schemaValue.(float64); ok {
		n, isNum := number(x)
		return isNum && n == f
	}
	return schemaValue == x
}

func describe(x any) string {
	if x == nil {
		return "null"
	}
	b, _ := json.Marshal(x)
	return string(b)
}

// validateFile returns the schema's complaints about the spec at path.
func validateFile(t *testing.T, schema map[string]any, path string) []string {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return []string{err.Error()}
	}
	v := &validator{t: t, root: schema}
	v.check(schema, yamlValue(&doc), "spec")
	return v.errs
}

// TestSchemaAcceptsEveryValidSpec: every spec of the examples and testdata that the
// generator accepts, the schema accepts, so an editor never underlines a good spec.
func TestSchemaAcceptsEveryValidSpec(t *testing.T) {
	schema := loadSchema(t)
	checked := 0
	for _, root := range []string{"../../examples", "../../testdata"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "badspecs" {
				return filepath.SkipDir
			}
			if d.IsDir() || filepath.Ext(path) != ".yaml" {
				return nil
			}
			src, err := os.ReadFile(path)
			require.NoError(t, err)
			if _, errs := model.Load(path, src); len(errs) > 0 {
				return nil // not a spec the generator accepts (or not a spec)
			}
			checked++
			require.Empty(t, validateFile(t, schema, path), path)
			return nil
		})
		require.NoError(t, err)
	}
	require.Greater(t, checked, 30, "specs checked")
}

// schemaErrors are the bad specs whose mistakes are of the schema's kind (an unknown key,
// a wrong type, a value outside a fixed set, a malformed name); the others are mistakes only
// the generator sees (references, clashes, migrations, YAML itself).
var schemaErrors = []string{
	"accounts", "app_invalid", "auth", "classes", "empty", "endpoints", "every_error_at_once",
	"field_names", "field_options", "hashers_empty", "jwt_hs", "jwt_user_id_field",
	"method_permissions", "model_names", "model_permissions", "probe_paths", "renames",
	"serializers", "top_level", "version_and_app",
}

func TestSchemaRejectsSchemaErrors(t *testing.T) {
	schema := loadSchema(t)
	for _, name := range schemaErrors {
		errs := validateFile(t, schema, filepath.Join("../../testdata/badspecs", name, "authgen.yaml"))
		require.NotEmpty(t, errs, name)
	}
}

// TestSchemaKnowsEveryKey: every key the parser reads (its d.object calls) is a property
// somewhere in the schema, so a new key cannot be added without it.
func TestSchemaKnowsEveryKey(t *testing.T) {
	schema := loadSchema(t)
	props := map[string]bool{}
	var walk func(any)
	walk = func(s any) {
		switch s := s.(type) {
		case map[string]any:
			if p, ok := s["properties"].(map[string]any); ok {
				for k := range p {
					props[k] = true
				}
			}
			for _, v := range s {
				walk(v)
			}
		case []any:
			for _, v := range s {
				walk(v)
			}
		}
	}
	walk(schema)

	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var parsed []*ast.File
	// Package-level []string variables; the accounts' keys are computed from runtime/djoser's
	// tables, so they are taken from there.
	lists := map[string][]string{
		"accountBoolKeys":        keysOf(djoser.Flags, func(f djoser.Flag) string { return f.Key }),
		"accountStringKeys":      keysOf(djoser.Texts, func(t djoser.Text) string { return t.Key }),
		"accountPermissionKeys":  keysOf(djoser.Permissions, func(p djoser.Permission) string { return p.Key }),
		"djoser.TokenTimeoutKey": {djoser.TokenTimeoutKey},
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		require.NoError(t, err)
		parsed = append(parsed, file)
		for _, d := range file.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, spec := range g.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if _, given := lists[name.Name]; !given && i < len(vs.Values) {
							lists[name.Name] = stringsOf(vs.Values[i], lists)
						}
					}
				}
			}
		}
	}
	type call struct {
		keys []string
		at   token.Pos
	}
	var calls []call
	for _, file := range parsed {
		local := map[string][]string{} // the latest `keys := …` before each call, in source order
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
					if id, ok := n.Lhs[0].(*ast.Ident); ok {
						local[id.Name] = stringsOf(n.Rhs[0], lists)
					}
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "object" && len(n.Args) == 4 {
					keys := stringsOf(n.Args[2], local)
					if keys == nil {
						keys = stringsOf(n.Args[2], lists)
					}
					calls = append(calls, call{keys, n.Pos()})
				}
			}
			return true
		})
	}
	require.Greater(t, len(calls), 15, "d.object calls found")
	for _, c := range calls {
		require.NotEmpty(t, c.keys, "keys of the d.object call at %s", fset.Position(c.at))
		for _, k := range c.keys {
			require.True(t, props[k], "the parser reads key %q (%s), which the schema does not know: add it to generator/spec/authgen.schema.json", k, fset.Position(c.at))
		}
	}
}

func keysOf[T any](settings []T, key func(T) string) []string {
	out := make([]string, len(settings))
	for i, s := range settings {
		out[i] = key(s)
	}
	return out
}

// stringsOf is the strings of a []string literal, a variable of lists, or slices.Concat of them.
func stringsOf(e ast.Expr, lists map[string][]string) []string {
	switch e := e.(type) {
	case *ast.CompositeLit:
		var out []string
		for _, el := range e.Elts {
			switch el := el.(type) {
			case *ast.BasicLit:
				if el.Kind == token.STRING {
					s, _ := strconv.Unquote(el.Value)
					out = append(out, s)
				}
			case *ast.SelectorExpr: // a constant of another package, given in lists
				if pkg, ok := el.X.(*ast.Ident); ok {
					out = append(out, lists[pkg.Name+"."+el.Sel.Name]...)
				}
			}
		}
		return out
	case *ast.Ident:
		return lists[e.Name]
	case *ast.CallExpr: // slices.Concat(a, b, []string{…})
		var out []string
		for _, a := range e.Args {
			out = append(out, stringsOf(a, lists)...)
		}
		return out
	}
	return nil
}

// TestExamplesPointEditorsAtTheSchema: the examples' specs start with the comment that gives
// editors the schema (authgen init writes it too), and the URL names this file.
func TestExamplesPointEditorsAtTheSchema(t *testing.T) {
	require.True(t, strings.HasSuffix(spec.SchemaURL, "/generator/spec/"+schemaPath))
	require.Equal(t, spec.SchemaURL, loadSchema(t)["$id"])
	paths, err := filepath.Glob("../../examples/*/authgen.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(string(src), spec.SchemaComment+"\n"), p)
	}
}
