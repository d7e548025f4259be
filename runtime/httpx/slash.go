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
//   - a path no route matches gets Django's HTML 404 page (DEBUG off), or DRF's JSON one
//     (Media.JSONNotFound), instead of the mux's text;
//   - on a route, content negotiation runs first, as in APIView.initial (Negotiate): a
//     ?format= or suffix no renderer has is 404, an Accept header no renderer satisfies is
//     406, and where HTML is chosen the route's JSON answer is sent as an HTML page.
func Routes(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if !canonical(path) {
			unrouted(w, r)
			return
		}
		if m := suffixOf(path); m != nil {
			if base := withPath(r, strings.TrimSuffix(m[1], "/")+"/"); routed(mux, base) {
				serveRoute(mux, w, base.WithContext(context.WithValue(base.Context(), formatKey{}, m[2])), m[2], matched{})
				return
			}
		}
		if h, ok := routedTo(mux, r); ok {
			serveRoute(mux, w, r, "", h)
			return
		}
		if !strings.HasSuffix(path, "/") {
			if slashed := withPath(r, path+"/"); routed(mux, slashed) {
				appendSlash(w, MountPrefix(r)+slashed.URL.RequestURI())
				return
			}
		}
		unrouted(w, r)
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
	for rest := path[1:]; ; {
		seg, after, more := strings.Cut(rest, "/")
		if (seg == "" && more) || seg == "." || seg == ".." {
			return false
		}
		if !more {
			return true
		}
		rest = after
	}
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
	_, ok := routedTo(mux, r)
	return ok
}

// matched is the handler a route of mux serves a request with, and its pattern; the zero
// value is not known.
type matched struct {
	h       http.Handler
	pattern string
}

// serve serves r as mux.ServeHTTP would, given that mux.Handler(r) is m: a pattern without
// wildcards ("{$}" aside) is served by its handler directly, the pattern set on r as
// ServeMux sets it, since such a pattern has no path value to give; mux.ServeHTTP would
// have matched r a second time to find the handler found already. A pattern with wildcards
// is served by the mux, which alone can set their values, and so is a request another mux
// matched before (Pattern set), whose values this mux's match replaces.
func (m matched) serve(mux *http.ServeMux, w http.ResponseWriter, r *http.Request) {
	if m.h == nil || r.Pattern != "" || strings.Contains(strings.TrimSuffix(m.pattern, "{$}"), "{") {
		mux.ServeHTTP(w, r)
		return
	}
	r.Pattern = m.pattern
	m.h.ServeHTTP(w, r)
}

// routedTo is routed, and what the route serves r with when it does.
func routedTo(mux *http.ServeMux, r *http.Request) (matched, bool) {
	h, pattern := mux.Handler(r)
	if pattern == "" {
		return matched{}, false
	}
	m := matched{h, pattern}
	if strings.HasSuffix(r.URL.Path, "/") {
		return m, true
	}
	// Without the final slash, the path matches a pattern written without one, or one
	// ending in "{name...}" that it reaches into; a pattern ending in "/" or "{$}", or one
	// ending in "{name...}" that the path stops short of, means the mux would redirect to
	// add the slash.
	switch {
	case strings.HasSuffix(pattern, "...}"):
		return m, strings.Count(r.URL.Path, "/") >= strings.Count(pattern, "/")
	case strings.HasSuffix(pattern, "/"), strings.HasSuffix(pattern, "{$}"):
		return matched{}, false
	}
	return m, true
}

// serveRoute runs content negotiation (Negotiate), then the route: as DRF's APIView.initial
// does first, and with the renderer it chose. A format no renderer has (404) and an Accept
// header no renderer satisfies (406) are answered by the first renderer, as DRF's
// finalize_response does. Where the renderer is HTML, the route's JSON answer is sent as
// the HTML page (html.go).
//
// m is what mux.Handler gave for r, or the zero matched to let mux.ServeHTTP find it.
func serveRoute(mux *http.ServeMux, w http.ResponseWriter, r *http.Request, suffix string, m matched) {
	format := suffix
	if format == "" && r.URL.RawQuery != "" {
		if vs := r.URL.Query()["format"]; len(vs) > 0 {
			format = vs[len(vs)-1] // QueryDict.get: the last value
		}
	}
	renderers := RenderersOf(r)
	renderer, status := Negotiate(r, renderers, format)
	if status != 0 {
		if renderers[0] == MediaHTML {
			hw := &htmlWriter{w: w, r: r}
			defer hw.finish()
			w = hw
		}
		if status == http.StatusNotFound {
			NotFound(w)
		} else {
			Detail(w, http.StatusNotAcceptable, MsgNotAcceptable)
		}
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
	if renderer == MediaHTML {
		hw := &htmlWriter{w: w, r: r}
		m.serve(mux, hw, r)
		hw.finish() // not deferred: after a panic, the recoverer answers
		return
	}
	m.serve(mux, w, r)
}

// unrouted answers a path no route serves: Django's HTML 404 page, or with
// Media.JSONNotFound DRF's JSON one.
func unrouted(w http.ResponseWriter, r *http.Request) {
	if m := mediaOf(r); m != nil && m.JSONNotFound {
		NotFound(w)
		return
	}
	DjangoNotFound(w)
}

// djangoNotFound is the page Django's page_not_found view answers with when DEBUG is off
// and the project has no 404.html template (django/views/defaults.py, ERROR_PAGE_TEMPLATE).
const djangoNotFound = `
<!doctype html>
<html lang="en">
<head>
  <title>Not Found</title>
</head>
<body>
  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
</body>
</html>
`

var contentTypeDjangoHTML = []string{"text/html"}[:1:1]

// DjangoNotFound answers 404 with Django's "Not Found" page, as Django does for a path no
// URL pattern matches (Content-Type text/html, as Django sets it, without a charset).
func DjangoNotFound(w http.ResponseWriter) {
	w.Header()["Content-Type"] = contentTypeDjangoHTML
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(djangoNotFound))
}
