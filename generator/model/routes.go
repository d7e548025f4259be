package model

import "strings"

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
		"jwt/create/", "jwt/refresh/", "jwt/verify/", "jwt/blacklist/",
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
	// Every pair is compared, so each pattern is split once, not once per pair: a spec of a
	// thousand endpoints has millions of pairs.
	segs := make([][]string, len(all))
	for i, r := range all {
		segs[i] = strings.Split(r.path, "/")
	}
	for i := range all {
		for j := 0; j < i; j++ {
			p, q := all[i], all[j]
			if msg := conflictSegs(segs[i], segs[j]); msg != "" {
				b.errorf(p.pos, "route %s of %s %s %s of %s", p.path, p.what, msg, q.path, q.what)
			}
		}
	}
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
