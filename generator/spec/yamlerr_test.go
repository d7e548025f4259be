package spec_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/spec"
)

// TestYAMLSyntaxErrorPositions: yaml.v3 reports a line only, and for its parser's errors the
// line before the mistake; the spec's errors point at the line and column a reader fixes.
func TestYAMLSyntaxErrorPositions(t *testing.T) {
	const head = "version: 1\napp: shop\n"
	for src, want := range map[string]string{
		head + "models:\n  Product:\n    fields: {name: {type: string}\n":   `s.yaml:5:13: invalid YAML: did not find expected ',' or '}' (the { here is never closed)`,
		head + "models: [a, b\nendpoints: {}\n":                             `s.yaml:3:9: invalid YAML: did not find expected ',' or ']' (the [ here is never closed)`,
		head + "models:\n\tProduct: {}\n":                                   `s.yaml:4:1: invalid YAML: a tab indents this line; YAML indents with spaces only`,
		head + "models:\n  Product:\n  \tfields: {}\n":                      `s.yaml:5:3: invalid YAML: a tab indents this line; YAML indents with spaces only`,
		head + "models:\n  Product: a: b\n":                                 `s.yaml:4:13: invalid YAML: mapping values are not allowed in this context (quote the value if the colon belongs to it)`,
		"version: 1\n app: shop\n":                                          `s.yaml:2:2: invalid YAML: mapping values are not allowed in this context (is this line indented too far?)`,
		"version: 1\napp: 'shop\nmodels: {}\n":                              `s.yaml:2:6: invalid YAML: found unexpected end of stream (the quote here is never closed)`,
		"version: 1\napp: @shop\n":                                          `s.yaml:2:6: invalid YAML: found character that cannot start any token (quote a value that starts with @)`,
		head + "models:\n  A: {}\n   B: {}\n":                               `s.yaml:5:4: invalid YAML: did not find expected key (this line is indented unlike the keys above it)`,
		head + "models:\n  A:\n    fields:\n      x: string\n     y: int\n": `s.yaml:7:6: invalid YAML: did not find expected key (this line is indented unlike the keys above it)`,
	} {
		_, errs := spec.Parse("s.yaml", []byte(src))
		require.Equal(t, want, errs.Error(), "%q", src)
	}
	// A tab inside a line separates as a space does: no error.
	_, errs := spec.Parse("s.yaml", []byte("version: 1\napp:\tshop\n"))
	require.Empty(t, errs)
}
