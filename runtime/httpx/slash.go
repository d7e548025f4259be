package httpx

import (
	"context"
	"net/http"
	"regexp"
	"strings"
)

// Routes wraps a mux of DRF-style routes the way Django's URL resolver, CommonMiddleware and
// DRF's APIView answer around them:
//
//   - a path that is not in canonical form ("//", "/./", "/../") matches no route: 404,
//     where the mux would redirect;
//   - a path with a format suffix ("/store/products.json", "/store/products/1.json/")
//     is the route without it, as DRF's format_suffix_patterns make it (Format tells the
//     handler);
//   - a path that lacks only its final slash is redirected with 301 to the path with it
//     (APPEND_SLASH, query kept, for every method), unless a route takes it as it is;
//   - a path no route matches gets a JSON 404 instead of the mux's text;
//   - on a route, content negotiation runs first, as in APIView.initial: a ?format= or
//     suffix other than json is 404, an Accept header that JSON does not satisfy is 406.
func Routes(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if !canonical(path) {
			NotFound(w)
			return
		}
		if m := suffixOf(path); m != nil {
			if base := withPath(r, strings.TrimSuffix(m[1], "/")+"/"); routed(mux, base) {
				serveRoute(mux, w, base.WithContext(context.WithValue(base.Context(), formatKey{}, m[2])), m[2])
				return
			}
		}
		if routed(mux, r) {
			serveRoute(mux, w, r, "")
			return
		}
		if !strings.HasSuffix(path, "/") {
			if slashed := withPath(r, path+"/"); routed(mux, slashed) {
				appendSlash(w, MountPrefix(r)+slashed.URL.RequestURI())
				return
			}
		}
		NotFound(w)
	})
}

// appendSlash answers as CommonMiddleware's HttpResponsePermanentRedirect: 301, the path in
// Location, an empty text/html body, whatever the method (http.Redirect writes a body for GET
// and HEAD and no Content-Type for the others).
func appendSlash(w http.ResponseWriter, location string) {
	w.Header().Set("Location", location)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusMovedPermanently)
}

// formatSuffix is DRF's suffix pattern, `\.(?P<format>[a-z0-9]+)/?$`, after a route's path
// without its final slash ("/store/products.json") or, for an API root, with it
// ("/store/.json").
var formatSuffix = regexp.MustCompile(`^(/.*)\.([a-z0-9]+)/?$`)

// suffixOf matches formatSuffix, after the cheap test that rules out most paths.
func suffixOf(path string) []string {
	if !strings.Contains(path, ".") {
		return nil
	}
	return formatSuffix.FindStringSubmatch(path)
}

type formatKey struct{}

// Format returns the format suffix the path had ("json" for "/store/products.json"), or "".
func Format(r *http.Request) string {
	f, _ := r.Context().Value(formatKey{}).(string)
	return f
}

// canonical reports whether path has no empty, "." or ".." segment (but the last, empty
// after a final slash).
func canonical(path string) bool {
	if !strings.HasPrefix(path, "/") {
		return false
	}
	segs := strings.Split(path[1:], "/")
	for i, s := range segs {
		if (s == "" && i != len(segs)-1) || s == "." || s == ".." {
			return false
		}
	}
	return true
}

// withPath is r for another path.
func withPath(r *http.Request, path string) *http.Request {
	c := r.Clone(r.Context())
	c.URL.Path = path
	c.URL.RawPath = ""
	return c
}

// routed reports whether a route of mux takes r's path as it is: the mux would neither
// redirect it (to add a slash) nor answer 404.
func routed(mux *http.ServeMux, r *http.Request) bool {
	_, pattern := mux.Handler(r)
	if pattern == "" {
		return false
	}
	if strings.HasSuffix(r.URL.Path, "/") {
		return true
	}
	// Without the final slash, the path matches a pattern written without one, or one
	// ending in "{name...}" that it reaches into; a pattern ending in "/" or "{$}", or one
	// ending in "{name...}" that the path stops short of, means the mux would redirect to
	// add the slash.
	switch {
	case strings.HasSuffix(pattern, "...}"):
		return strings.Count(r.URL.Path, "/") >= strings.Count(pattern, "/")
	case strings.HasSuffix(pattern, "/"), strings.HasSuffix(pattern, "{$}"):
		return false
	}
	return true
}

// serveRoute runs content negotiation, then the route.
func serveRoute(mux *http.ServeMux, w http.ResponseWriter, r *http.Request, suffix string) {
	format := suffix
	if format == "" {
		if vs := r.URL.Query()["format"]; len(vs) > 0 {
			format = vs[len(vs)-1] // QueryDict.get: the last value
		}
	}
	if format != "" && format != "json" {
		NotFound(w) // filter_renderers: no renderer for the format
		return
	}
	if !AcceptsJSON(r) {
		Detail(w, http.StatusNotAcceptable, MsgNotAcceptable)
		return
	}
	if t := TraceOf(r.Context()); t != nil {
		// mux.ServeHTTP sets the pattern on the request it was given; deferred, so that a
		// handler's panic is logged with its route too. A Route has written its own, with
		// the method.
		defer func() {
			if t.Route == "" {
				t.Route = r.Pattern
			}
		}()
	}
	mux.ServeHTTP(w, r)
}

// MsgNotAcceptable is DRF's NotAcceptable detail.
const MsgNotAcceptable = "Could not satisfy the request Accept header."

// AcceptsJSON is DRF's DefaultContentNegotiation with the JSON renderer alone: a missing
// Accept header is */*; otherwise one of its comma-separated entries must be satisfied by
// application/json (*/*, application/*, application/json, with any parameters, q=0
// included: DRF ignores q).
func AcceptsJSON(r *http.Request) bool {
	values := r.Header.Values("Accept")
	if len(values) == 0 {
		return true
	}
	for _, entry := range strings.Split(strings.Join(values, ","), ",") {
		if parseMediaType(entry).matches(MediaJSON) {
			return true
		}
	}
	return false
}
