package spec_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/generator/spec"
	"github.com/authgen/authgen/runtime/fieldtype"
)

// TestSpecDocsKnowEverything: docs/spec.md, the language reference, names every key the
// parser reads, every field type and every built-in permission class (as `code`).
func TestSpecDocsKnowEverything(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "spec.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	lists := map[string][]string{
		"top-level key": spec.TopLevelKeys, "defaults key": spec.DefaultsKeys, "model key": spec.ModelKeys,
		"field key": spec.FieldKeys, "index key": spec.IndexKeys, "endpoint key": spec.EndpointKeys,
		"action key": spec.ActionKeys, "scope key": spec.ScopeKeys, "class key": spec.ClassKeys,
		"jwt key": spec.JWTKeys, "legacy key": spec.LegacyKeys, "field type": fieldtype.Names(),
	}
	for _, c := range model.Builtins {
		lists["permission class"] = append(lists["permission class"], c.Name)
	}
	for what, names := range lists {
		for _, n := range names {
			if !strings.Contains(doc, "`"+n+"`") && !strings.Contains(doc, "`"+n+":") && !strings.Contains(doc, " "+n+":") {
				t.Errorf("docs/spec.md does not name the %s %q", what, n)
			}
		}
	}
}
