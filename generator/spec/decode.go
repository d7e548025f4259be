package spec

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/authgen/authgen/generator/diag"
)

// decoder walks yaml.Node trees, reporting every problem into errs and returning what it could
// read. Helpers return nil (or the zero value) for a value they reported.
type decoder struct {
	file string
	errs diag.List
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs.Add(d.pos(n), format, args...)
}

// entry is one key/value pair of a mapping.
type entry struct {
	key      string
	keyNode  *yaml.Node
	val      *yaml.Node
	keyValue Str
}

// isNull reports a value that was left empty (`key:`) or written as null.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// resolve rejects aliases (they would make positions ambiguous and allow expansion bombs) and
// returns the node to read, or nil after reporting.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		d.errorf(n, "YAML aliases are not supported")
		return nil
	}
	return n
}

// entries returns the pairs of a mapping in document order, reporting a non-mapping value,
// non-string keys and duplicate keys (the later one is dropped). A null value is an empty
// mapping. what names the value in messages ("auth", "field \"price\"").
func (d *decoder) entries(n *yaml.Node, what string) []entry {
	if n = d.resolve(n); n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: expected a mapping, found %s", what, describe(n))
		return nil
	}
	seen := map[string]*yaml.Node{}
	var out []entry
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k = d.resolve(k); k == nil {
			continue
		}
		// Keys are names whatever YAML would make of them: `null: true` is the null option.
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			d.errorf(k, "%s: expected a name as key, found %s", what, describe(k))
			continue
		}
		if k.ShortTag() == "!!merge" {
			d.errorf(k, "YAML merge keys (<<) are not supported")
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errorf(k, "duplicate key %q (first at line %d)", k.Value, first.Line)
			continue
		}
		seen[k.Value] = k
		out = append(out, entry{key: k.Value, keyNode: k, val: v, keyValue: d.strOf(k)})
	}
	return out
}

// object reads a mapping with a fixed set of keys, calling fn for each allowed key in document
// order and reporting the others with a suggestion.
func (d *decoder) object(n *yaml.Node, what string, allowed []string, fn func(e entry)) {
	for _, e := range d.entries(n, what) {
		if !contains(allowed, e.key) {
			d.errorf(e.keyNode, "unknown key %q in %s%s", e.key, what, diag.Suggest(e.key, allowed))
			continue
		}
		fn(e)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// strOf converts a scalar node known to be a string.
func (d *decoder) strOf(n *yaml.Node) Str {
	s := Str{Value: n.Value, Pos: d.pos(n)}
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		s.Offset = 1
	}
	return s
}

func (d *decoder) str(key string, n *yaml.Node) *Str {
	if n = d.resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		d.errorf(n, "%s: expected a string, found %s", key, describe(n))
		return nil
	}
	s := d.strOf(n)
	return &s
}

func (d *decoder) integer(key string, n *yaml.Node) *Int {
	if n = d.resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
		d.errorf(n, "%s: expected an integer, found %s", key, describe(n))
		return nil
	}
	var v int64
	if err := n.Decode(&v); err != nil {
		d.errorf(n, "%s: integer %s out of range", key, n.Value)
		return nil
	}
	return &Int{Value: v, Pos: d.pos(n)}
}

func (d *decoder) boolean(key string, n *yaml.Node) *Bool {
	if n = d.resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		d.errorf(n, "%s: expected true or false, found %s", key, describe(n))
		return nil
	}
	var v bool
	if err := n.Decode(&v); err != nil {
		d.errorf(n, "%s: expected true or false, found %s", key, describe(n))
		return nil
	}
	return &Bool{Value: v, Pos: d.pos(n)}
}

// scalar reads any scalar, for literals interpreted later.
func (d *decoder) scalar(key string, n *yaml.Node) *Scalar {
	if n = d.resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s: expected a single value, found %s", key, describe(n))
		return nil
	}
	return &Scalar{Tag: n.ShortTag(), Value: n.Value, Pos: d.pos(n)}
}

// seq returns the items of a list; null is an empty list. The returned position is the list's.
func (d *decoder) seq(key string, n *yaml.Node) ([]*yaml.Node, *diag.Pos) {
	if n = d.resolve(n); n == nil {
		return nil, nil
	}
	p := d.pos(n)
	if isNull(n) {
		return nil, &p
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s: expected a list, found %s", key, describe(n))
		return nil, nil
	}
	return n.Content, &p
}

// strList reads a list of strings.
func (d *decoder) strList(key string, n *yaml.Node) ([]Str, *diag.Pos) {
	items, p := d.seq(key, n)
	out := []Str{}
	for _, it := range items {
		if s := d.str(key+" item", it); s != nil {
			out = append(out, *s)
		}
	}
	return out, p
}

// expr reads a permission expression: a string or a list of strings.
func (d *decoder) expr(key string, n *yaml.Node) *Expr {
	if n = d.resolve(n); n == nil {
		return nil
	}
	if n.Kind == yaml.SequenceNode {
		items, _ := d.strList(key, n)
		return &Expr{Items: items, List: true, Pos: d.pos(n)}
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		d.errorf(n, "%s: expected a permission expression (a string or a list of class names), found %s", key, describe(n))
		return nil
	}
	return &Expr{Items: []Str{d.strOf(n)}, Pos: d.pos(n)}
}

// describe names what a node is, for "expected X, found Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	switch n.ShortTag() {
	case "!!null":
		return "nothing"
	case "!!str":
		return "string " + strconv.Quote(n.Value)
	case "!!int":
		return "integer " + n.Value
	case "!!float":
		return "number " + n.Value
	case "!!bool":
		return "boolean " + n.Value
	case "!!timestamp":
		return "timestamp " + n.Value
	}
	return fmt.Sprintf("%s %q", n.ShortTag(), n.Value)
}
