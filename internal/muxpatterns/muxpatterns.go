// Package muxpatterns lists the patterns registered on an http.ServeMux, which has no API
// for it, so that tests can hold a route list (openapi.json) to what an app really serves.
//
// It reads the mux's routing tree by reflection. That tree is net/http's private business:
// should a Go release change it, Patterns fails loudly (its own test registers known
// patterns) rather than listing nothing.
package muxpatterns

import (
	"errors"
	"net/http"
	"reflect"
	"sort"
)

// Patterns returns the patterns registered on mux, sorted ("GET /healthz",
// "/store/products/{$}").
func Patterns(mux *http.ServeMux) ([]string, error) {
	tree := reflect.ValueOf(mux).Elem().FieldByName("tree")
	if !tree.IsValid() {
		return nil, errors.New("muxpatterns: http.ServeMux has no routing tree: the Go release changed it")
	}
	seen := map[string]bool{}
	if err := walk(tree, seen); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}

// walk collects the pattern of node (a routingNode) and of the nodes below it.
func walk(node reflect.Value, seen map[string]bool) error {
	if node.Kind() == reflect.Pointer {
		if node.IsNil() {
			return nil
		}
		node = node.Elem()
	}
	if node.Kind() != reflect.Struct {
		return errors.New("muxpatterns: a routing node is not a struct: the Go release changed http.ServeMux")
	}
	if p := node.FieldByName("pattern"); p.IsValid() && !p.IsNil() {
		str := p.Elem().FieldByName("str")
		if !str.IsValid() {
			return errors.New("muxpatterns: a pattern has no text: the Go release changed http.ServeMux")
		}
		seen[str.String()] = true
	}
	for _, name := range []string{"multiChild", "emptyChild"} {
		if err := walk(node.FieldByName(name), seen); err != nil {
			return err
		}
	}
	children := node.FieldByName("children")
	if !children.IsValid() {
		return errors.New("muxpatterns: a routing node has no children: the Go release changed http.ServeMux")
	}
	// children is a mapping: a slice of entries while small, a map once large.
	if s := children.FieldByName("s"); s.IsValid() {
		for i := range s.Len() {
			if err := walk(s.Index(i).FieldByName("value"), seen); err != nil {
				return err
			}
		}
	}
	if m := children.FieldByName("m"); m.IsValid() {
		for it := m.MapRange(); it.Next(); {
			if err := walk(it.Value(), seen); err != nil {
				return err
			}
		}
	}
	return nil
}
