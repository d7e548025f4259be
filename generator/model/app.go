package model

import (
	"cmp"
	"path"
	"regexp"
	"strings"

	"github.com/authgen/authgen/generator/spec"
	"github.com/authgen/authgen/runtime/apidoc"
)

// mountSegment is one segment of a URL prefix: unreserved URL characters only, so a prefix
// can never carry a wildcard or a pattern's special syntax into the ServeMux.
var mountSegment = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)

func (b *builder) top() {
	f := b.f
	if f.Version != nil && f.Version.Value != 1 {
		b.errorf(f.Version.Pos, "unsupported version %d; this authgen reads version 1", f.Version.Value)
	}
	b.app.Name = "app"
	if f.App != nil {
		name := f.App.Value
		switch {
		case !appName.MatchString(name):
			b.errorf(f.App.Pos, "app %q must be a lower-case Go package name (letters, digits, underscores), like \"store\"", name)
		case isGoKeyword(name):
			b.errorf(f.App.Pos, "app %q is a Go keyword and cannot name a package", name)
		case reservedApps[name]:
			b.errorf(f.App.Pos, "app %q is reserved: it is the label of a Django app whose tables authgen already uses", name)
		case len(name) > 50:
			b.errorf(f.App.Pos, "app %q is longer than 50 characters", name)
		default:
			b.app.Name = name
		}
	}
	b.app.OutputDir = "."
	if f.Output != nil {
		out := strings.ReplaceAll(f.Output.Value, "\\", "/")
		clean := path.Clean(out)
		switch {
		case out == "":
			b.errorf(f.Output.Pos, "output must not be empty (use \".\" for the spec's directory)")
		case path.IsAbs(out) || strings.HasPrefix(out, "/") || (len(out) > 1 && out[1] == ':'):
			b.errorf(f.Output.Pos, "output %q must be relative to the spec's directory", f.Output.Value)
		default:
			b.app.OutputDir = clean
		}
	}
	b.app.AuthMount = "/auth/"
	b.app.APIMount = "/" + b.app.Name + "/"
	if m := f.Mount; m != nil {
		if m.Auth != nil {
			b.app.AuthMount = b.mount(m.Auth)
		}
		if m.API != nil {
			b.app.APIMount = b.mount(m.API)
		}
		b.app.HealthPath = b.probePath(m.Health, nil)
		b.app.ReadyPath = b.probePath(m.Ready, map[string]string{b.app.HealthPath: "mount.health"})
		b.app.OpenAPIPath = b.probePath(m.OpenAPI, map[string]string{
			cmp.Or(b.app.HealthPath, apidoc.DefaultHealthPath): "mount.health",
			cmp.Or(b.app.ReadyPath, apidoc.DefaultReadyPath):   "mount.ready",
		})
		b.app.JWTBlacklistPath = b.blacklistPath(m.JWTBlacklist, map[string]string{
			cmp.Or(b.app.HealthPath, apidoc.DefaultHealthPath): "mount.health",
			cmp.Or(b.app.ReadyPath, apidoc.DefaultReadyPath):   "mount.ready",
			b.app.OpenAPIPath: "mount.openapi",
		})
	}
}

// blacklistPath checks mount.jwt_blacklist, the path of simplejwt's TokenBlacklistView,
// which an app's urls.py places where it likes, usually beside djoser's jwt/ routes under
// the auth mount; checkRoutes then holds it to the account routes. It may not lie under
// the API mount, whose routes are the endpoints', nor be a path taken.
func (b *builder) blacklistPath(v *spec.Str, taken map[string]string) string {
	if v == nil {
		return ""
	}
	s, p := v.Value, v.Pos
	if !strings.HasPrefix(s, "/") || s == "/" {
		b.errorf(p, "path %q must start with \"/\" and name a route, like \"%sjwt/blacklist/\"", s, b.app.AuthMount)
		return ""
	}
	for _, seg := range strings.Split(strings.TrimSuffix(s[1:], "/"), "/") {
		if !mountSegment.MatchString(seg) || seg == "." || seg == ".." {
			b.errorf(p, "path %q: segment %q may only hold letters, digits and . _ ~ -", s, seg)
			return ""
		}
	}
	switch {
	case s == b.app.AuthMount:
		b.errorf(p, "path %q is the account routes' API root (did you mean %q?)", s, b.app.AuthMount+"jwt/blacklist/")
		return ""
	case strings.HasPrefix(s, b.app.APIMount) || s+"/" == b.app.APIMount:
		b.errorf(p, "path %q lies under the mount %q, whose routes it would shadow", s, b.app.APIMount)
		return ""
	}
	if other, ok := taken[s]; ok && s != "" {
		b.errorf(p, "path %q is %s's already", s, other)
		return ""
	}
	b.addRoute(s, p, "mount.jwt_blacklist")
	return s
}

// probePath checks the path of a route of the runtime the spec places (mount.health,
// mount.ready, mount.openapi): a path of its own, outside the account and API routes, and
// not one of taken's (path → the key that has it).
func (b *builder) probePath(v *spec.Str, taken map[string]string) string {
	if v == nil {
		return ""
	}
	s, p := v.Value, v.Pos
	if !strings.HasPrefix(s, "/") || s == "/" {
		b.errorf(p, "path %q must start with \"/\" and name a route, like \"/healthz\"", s)
		return ""
	}
	for _, seg := range strings.Split(strings.TrimSuffix(s[1:], "/"), "/") {
		if !mountSegment.MatchString(seg) || seg == "." || seg == ".." {
			b.errorf(p, "path %q: segment %q may only hold letters, digits and . _ ~ -", s, seg)
			return ""
		}
	}
	for _, m := range []string{b.app.AuthMount, b.app.APIMount} {
		if strings.HasPrefix(s, m) || s+"/" == m {
			b.errorf(p, "path %q lies under the mount %q, whose routes it would shadow", s, m)
			return ""
		}
	}
	if other, ok := taken[s]; ok {
		b.errorf(p, "path %q is %s's already", s, other)
		return ""
	}
	return s
}

// mount validates a URL prefix, which must start and end with a slash.
func (b *builder) mount(v *spec.Str) string {
	s, p := v.Value, v.Pos
	if !strings.HasPrefix(s, "/") || !strings.HasSuffix(s, "/") {
		b.errorf(p, "mount %q must start and end with \"/\", like \"/api/\"", s)
		return s
	}
	if s == "/" {
		return s
	}
	for _, seg := range strings.Split(s[1:len(s)-1], "/") {
		if !mountSegment.MatchString(seg) || seg == "." || seg == ".." {
			b.errorf(p, "mount %q: segment %q may only hold letters, digits and . _ ~ -", s, seg)
			return s
		}
	}
	return s
}

// HasCode reports whether the application writes code the generated package calls: an
// endpoint's hooks or handler actions, or a permission class written in Go.
func (a *App) HasCode() bool {
	for _, e := range a.Endpoints {
		if e.HasCode() {
			return true
		}
	}
	for _, c := range a.Classes {
		if c.Kind == GoClass {
			return true
		}
	}
	return false
}
