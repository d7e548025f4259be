package model

import (
	"slices"
	"strings"
)

// route is a URL pattern the generated package registers, and what declared it.
type route struct {
	path string
	pos  Pos
	what string
}

func (b *builder) addRoute(path string, pos Pos, what string) {
	b.routes = append(b.routes, route{path: path, pos: pos, what: what})
}

// AccountRoutes are the account routes under the auth mount, relative to it, for the login
// field ("username" or "email"; djoser names the username routes after the field) and with or
// without token authentication. The emitters and checkRoutes share this list.
func AccountRoutes(loginField string, tokenAuth bool) []string {
	routes := []string{
		"users/", "users/me/", "users/{id}/", "users/activation/", "users/resend_activation/",
		"users/set_password/", "users/reset_password/", "users/reset_password_confirm/",
		"users/set_" + loginField + "/", "users/reset_" + loginField + "/",
		"users/reset_" + loginField + "_confirm/",
		"jwt/create/", "jwt/refresh/", "jwt/verify/",
		// The operator's API of runtime/admin, mounted beside the accounts.
		"permissions/", "groups/", "groups/{id}/", "users/{id}/permissions/", "users/{id}/groups/",
	}
	if tokenAuth {
		routes = append(routes, "token/login/", "token/logout/")
	}
	return routes
}

// checkRoutes reports routes that Go's ServeMux would reject at start-up: the same pattern
// twice, or two patterns that match a common path without one being more specific. Patterns
// are compared as exact matches (the emitter registers them with {$}); a {name} segment
// matches any one segment.
func (b *builder) checkRoutes() {
	mountPos := b.f.Pos
	if b.f.Mount != nil && b.f.Mount.Auth != nil {
		mountPos = b.f.Mount.Auth.Pos
	}
	var all []route
	for _, r := range AccountRoutes(b.app.Auth.LoginField, b.app.Auth.TokenAuth) {
		all = append(all, route{path: b.app.AuthMount + r, pos: mountPos, what: "the account routes"})
	}
	all = append(all, b.routes...)
	segs := make([][]string, len(all))
	for i, r := range all {
		segs[i] = strings.Split(r.path, "/")
	}
	eachConflict(segs, func(i, j int, msg string) {
		p, q := all[i], all[j]
		b.errorf(p.pos, "route %s of %s %s %s of %s", p.path, p.what, msg, q.path, q.what)
	})
}

// eachConflict calls report for every two patterns (split at "/") that conflict, the later
// one first, in the order of the later one, then of the earlier.
//
// Comparing every pair took 50 ms of the generation of a thousand models, on one CPU, and
// grew with the square of the routes. Each pattern is compared only with the earlier ones it
// can share a path with, found in a trie of their segments, so that it grows with the
// routes; the pairs and their order are those of comparing all of them.
func eachConflict(segs [][]string, report func(i, j int, msg string)) {
	var earlier routeTrie
	var candidates []int
	for i := range segs {
		candidates = earlier.overlapping(segs[i], candidates[:0])
		slices.Sort(candidates)
		for _, j := range candidates {
			if msg := conflictSegs(segs[i], segs[j]); msg != "" {
				report(i, j, msg)
			}
		}
		earlier.add(segs[i], i)
	}
}

// routeTrie holds patterns split at "/", by segment; every {name} segment is one child.
type routeTrie struct {
	children map[string]*routeTrie
	patterns []int // the indexes of the patterns that end here
}

// wildKey is the child of every {name} segment: all of them match any one segment.
const wildKey = "{"

func (t *routeTrie) add(segs []string, index int) {
	for _, seg := range segs {
		if isWild(seg) {
			seg = wildKey
		}
		next := t.children[seg]
		if next == nil {
			if t.children == nil {
				t.children = map[string]*routeTrie{}
			}
			next = &routeTrie{}
			t.children[seg] = next
		}
		t = next
	}
	t.patterns = append(t.patterns, index)
}

// overlapping appends to out the patterns that match a path in common with segs: as many
// segments, each equal or a wildcard on either side.
func (t *routeTrie) overlapping(segs []string, out []int) []int {
	if len(segs) == 0 {
		return append(out, t.patterns...)
	}
	if isWild(segs[0]) {
		for _, child := range t.children {
			out = child.overlapping(segs[1:], out)
		}
		return out
	}
	if child := t.children[segs[0]]; child != nil {
		out = child.overlapping(segs[1:], out)
	}
	if child := t.children[wildKey]; child != nil {
		out = child.overlapping(segs[1:], out)
	}
	return out
}

// conflict tells how pattern p clashes with q, or "".
func conflict(p, q string) string {
	return conflictSegs(strings.Split(p, "/"), strings.Split(q, "/"))
}

// conflictSegs is conflict over patterns already split at "/".
func conflictSegs(ps, qs []string) string {
	if len(ps) != len(qs) {
		return ""
	}
	same, pIn, qIn := true, true, true // p⊆q, q⊆p
	for i := range ps {
		pw, qw := isWild(ps[i]), isWild(qs[i])
		switch {
		case !pw && !qw && ps[i] != qs[i]:
			return "" // disjoint
		case pw && !qw:
			same, pIn = false, false
		case !pw && qw:
			same, qIn = false, false
		}
	}
	switch {
	case same:
		return "is the same as"
	case pIn || qIn:
		return "" // one is more specific: ServeMux picks it
	}
	return "overlaps without being more specific than"
}

func isWild(seg string) bool { return strings.HasPrefix(seg, "{") }
