package httpx_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/httpx"
)

// routesServer serves a few DRF-style routes that answer with the path they saw, the
// format suffix and an API-root style link.
func routesServer(t *testing.T, media httpx.Media) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	show := func(w http.ResponseWriter, r *http.Request) {
		httpx.JSON(w, http.StatusOK, map[string]string{
			"path": r.URL.Path, "id": r.PathValue("id"), "format": httpx.Format(r),
			"link": httpx.Link(r, "/api/items/"),
		})
	}
	mux.HandleFunc("/api/{$}", show)
	mux.HandleFunc("/api/items/{$}", show)
	mux.HandleFunc("/api/items/{id}/{$}", show)
	mux.HandleFunc("/api/exact", show)           // a route that takes its path without a slash
	mux.HandleFunc("/api/exact/{rest...}", show) // and everything below it
	srv := httptest.NewServer(httpx.WithMedia(httpx.Routes(mux), media))
	t.Cleanup(srv.Close)
	return srv
}

type reply struct {
	status      int
	location    string
	body        string
	contentType string
}

func get(t *testing.T, srv *httptest.Server, method, path string, header map[string]string) reply {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return reply{res.StatusCode, res.Header.Get("Location"), string(raw), res.Header.Get("Content-Type")}
}

func TestRoutesPaths(t *testing.T) {
	srv := routesServer(t, httpx.Media{})
	base := srv.URL
	r := get(t, srv, "GET", "/api/items/7/", nil)
	require.Equal(t, http.StatusOK, r.status)
	require.JSONEq(t, `{"path": "/api/items/7/", "id": "7", "format": "", "link": "`+base+`/api/items/"}`, r.body)

	// APPEND_SLASH for every method, the query kept.
	for _, m := range []string{"GET", "POST", "DELETE"} {
		r = get(t, srv, m, "/api/items/7?x=1", nil)
		require.Equal(t, http.StatusMovedPermanently, r.status, m)
		require.Equal(t, "/api/items/7/?x=1", r.location)
		require.Equal(t, "text/html; charset=utf-8", r.contentType, "as Django's HttpResponsePermanentRedirect")
		require.Empty(t, r.body)
	}
	// A route written without the slash takes its path as it is, and its subtree.
	r = get(t, srv, "POST", "/api/exact", nil)
	require.Equal(t, http.StatusOK, r.status)
	r = get(t, srv, "POST", "/api/exact/a/b", nil)
	require.Equal(t, http.StatusOK, r.status)

	// Unknown and non-canonical paths are Django's HTML 404 page (DEBUG off), never the
	// mux's redirect; with JSONNotFound, DRF's JSON 404.
	jsonNotFound := routesServer(t, httpx.Media{JSONNotFound: true})
	for _, p := range []string{"/nothing/", "/api//items/", "/api/items//", "/api/items/./", "/api/items/7/x/", "/API/items/"} {
		r = get(t, srv, "GET", p, nil)
		require.Equal(t, http.StatusNotFound, r.status, p)
		require.Equal(t, "text/html", r.contentType, p)
		require.Equal(t, djangoNotFound, r.body, p)
		r = get(t, jsonNotFound, "GET", p, nil)
		require.Equal(t, http.StatusNotFound, r.status, p)
		require.Equal(t, "application/json", r.contentType, p)
		require.JSONEq(t, `{"detail": "Not found."}`, r.body, p)
	}
}

// djangoNotFound is the body of Django 3.2's page_not_found without a 404.html template
// (DEBUG off), as the twins' Django originals send it.
const djangoNotFound = "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n" +
	"  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n"

func TestRoutesFormatSuffix(t *testing.T) {
	srv := routesServer(t, httpx.Media{})
	base := srv.URL
	for path, want := range map[string]string{
		"/api/items.json":    `{"path": "/api/items/", "id": "", "format": "json", "link": "` + base + `/api/items.json"}`,
		"/api/items.json/":   `{"path": "/api/items/", "id": "", "format": "json", "link": "` + base + `/api/items.json"}`,
		"/api/items/7.json":  `{"path": "/api/items/7/", "id": "7", "format": "json", "link": "` + base + `/api/items.json"}`,
		"/api/items/7.json/": `{"path": "/api/items/7/", "id": "7", "format": "json", "link": "` + base + `/api/items.json"}`,
		"/api/.json":         `{"path": "/api/", "id": "", "format": "json", "link": "` + base + `/api/items.json"}`,
	} {
		r := get(t, srv, "GET", path, nil)
		require.Equal(t, http.StatusOK, r.status, path)
		require.JSONEq(t, want, r.body, path)
	}
	// Another format is a 404 from the route (DRF has no renderer for it), in JSON, the
	// first renderer's.
	jsonOnly := routesServer(t, httpx.Media{Renderers: []string{httpx.MediaJSON}})
	for _, p := range []string{"/api/items.xml", "/api/items/1.0/", "/api/items/?format=xml", "/api/items/?format=json&format=html", "/api/items/?format=API"} {
		for _, s := range []*httptest.Server{srv, jsonOnly} {
			r := get(t, s, "GET", p, nil)
			require.Equal(t, http.StatusNotFound, r.status, p)
			require.Equal(t, "application/json", r.contentType, p)
			require.JSONEq(t, `{"detail": "Not found."}`, r.body, p)
		}
	}
	// "api" is the HTML page's format (the BrowsableAPIRenderer's), where it is a renderer.
	for _, p := range []string{"/api/items/7.api", "/api/items/7.api/", "/api/items/?format=api", "/api/items/?format=json&format=api"} {
		r := get(t, srv, "GET", p, nil)
		require.Equal(t, http.StatusOK, r.status, p)
		require.Equal(t, "text/html; charset=utf-8", r.contentType, p)
		r = get(t, jsonOnly, "GET", p, nil)
		require.Equal(t, http.StatusNotFound, r.status, p)
		require.JSONEq(t, `{"detail": "Not found."}`, r.body, p)
	}
	r := get(t, srv, "GET", "/api/items/?format=json", map[string]string{"Accept": "text/html,*/*;q=0.8"})
	require.Equal(t, http.StatusOK, r.status)
	require.Equal(t, "application/json", r.contentType, "?format=json leaves the JSON renderer, which */* takes")
	r = get(t, srv, "GET", "/api/items/?format=api", map[string]string{"Accept": "application/json"})
	require.Equal(t, http.StatusNotAcceptable, r.status, "?format=api leaves the HTML renderer, which the Accept header refuses")
	r = get(t, srv, "GET", "/api/items/?format=", nil)
	require.Equal(t, http.StatusOK, r.status)
	require.Equal(t, "application/json", r.contentType)
}

func TestRoutesAccept(t *testing.T) {
	// DRF's default renderers, JSON then the HTML page: the most specific entries first,
	// then the renderers' order; q is ignored.
	srv := routesServer(t, httpx.Media{})
	for accept, want := range map[string]string{
		"*/*":                                 "application/json",
		"application/*":                       "application/json",
		"application/json":                    "application/json",
		"application/json; indent=4":          "application/json",
		"application/json;q=0":                "application/json",
		"*/json":                              "application/json",
		"text/html":                           "text/html; charset=utf-8",
		"text/*":                              "text/html; charset=utf-8",
		"text/html;q=0":                       "text/html; charset=utf-8",
		"text/html, application/json":         "application/json",
		"application/json;q=0.1, text/html":   "application/json",
		"application/json, text/html;level=1": "text/html; charset=utf-8",
		"*/*, text/html":                      "text/html; charset=utf-8",
		"text/*, application/*":               "application/json",
		"application/*, text/*":               "application/json",
		"application/xml, */*;q=0.1":          "application/json",
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8": "text/html; charset=utf-8",
		"application/xml,application/json;q=0.9,*/*;q=0.8":                "application/json",
	} {
		r := get(t, srv, "GET", "/api/items/", map[string]string{"Accept": accept})
		require.Equal(t, http.StatusOK, r.status, accept)
		require.Equal(t, want, r.contentType, accept)
	}
	// A renderer list of the app's, in its order.
	htmlFirst := routesServer(t, httpx.Media{Renderers: []string{httpx.MediaHTML, httpx.MediaJSON}})
	for accept, want := range map[string]string{
		"":                            "text/html; charset=utf-8",
		"*/*":                         "text/html; charset=utf-8",
		"text/html, application/json": "text/html; charset=utf-8",
		"application/json":            "application/json",
	} {
		var h map[string]string
		if accept != "" {
			h = map[string]string{"Accept": accept}
		}
		r := get(t, htmlFirst, "GET", "/api/items/", h)
		require.Equal(t, http.StatusOK, r.status, accept)
		require.Equal(t, want, r.contentType, accept)
	}

	// What no renderer satisfies is 406, answered by the first renderer.
	jsonOnly := routesServer(t, httpx.Media{Renderers: []string{httpx.MediaJSON}})
	notAcceptable := func(srv *httptest.Server, accept string) reply {
		t.Helper()
		req, err := http.NewRequest("GET", srv.URL+"/api/items/", nil)
		require.NoError(t, err)
		req.Header["Accept"] = []string{accept}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		raw, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusNotAcceptable, res.StatusCode, accept)
		return reply{status: res.StatusCode, body: string(raw), contentType: res.Header.Get("Content-Type")}
	}
	for _, accept := range []string{"text/html", "application/xml", "text/*", "garbage", "*", "", "text/html, image/*"} {
		r := notAcceptable(jsonOnly, accept)
		require.JSONEq(t, `{"detail": "Could not satisfy the request Accept header."}`, r.body, accept)
	}
	for _, accept := range []string{"application/xml", "image/*", "garbage", "*", ""} {
		r := notAcceptable(srv, accept)
		require.JSONEq(t, `{"detail": "Could not satisfy the request Accept header."}`, r.body, accept)
		r = notAcceptable(htmlFirst, accept)
		require.Equal(t, "text/html; charset=utf-8", r.contentType, accept)
		require.Contains(t, r.body, "HTTP 406 Not Acceptable", accept)
	}
	// Unknown paths are Django's 404 and redirects its 301: no negotiation there.
	require.Equal(t, http.StatusNotFound, get(t, jsonOnly, "GET", "/nothing/", map[string]string{"Accept": "text/html"}).status)
	require.Equal(t, http.StatusMovedPermanently, get(t, jsonOnly, "GET", "/api/items", map[string]string{"Accept": "text/html"}).status)
}

// TestRoutesServeAsMux: a routed request reaches the handler the mux would serve it with,
// with the pattern and the path values mux.ServeHTTP gives it, whether Routes serves a
// pattern without wildcards itself or leaves the match to the mux; nested under another
// mux too.
func TestRoutesServeAsMux(t *testing.T) {
	type seen struct{ handler, pattern, id, rest, outer, set string }
	var got seen
	record := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			got = seen{name, r.Pattern, r.PathValue("id"), r.PathValue("rest"), r.PathValue("o"), r.PathValue("set")}
		}
	}
	inner := http.NewServeMux()
	for _, p := range []string{"/a/{$}", "GET /a/m/{$}", "POST /a/m/{$}", "/a/{id}/{$}", "/b/{id}/x/", "/e/exact",
		"/e/exact/{rest...}", "/tree/", "/tree/{id}/{rest...}", "example.com/a/host/{$}", "/a/%7Bq%7D/{$}",
		"/o/{o}/{rest...}", "/o/plain/{$}"} {
		inner.Handle(p, record(p))
	}
	outer := http.NewServeMux()
	outer.Handle("/o/{o}/", httpx.Routes(inner))
	outerMux := http.NewServeMux() // the same, the inner mux serving for itself
	outerMux.Handle("/o/{o}/", inner)
	routes := httpx.Routes(inner)
	setting := func(next http.Handler) http.Handler { // a middleware's path value, kept by the mux
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.SetPathValue("set", "by middleware")
			next.ServeHTTP(w, r)
		})
	}
	paths := []string{"/a/", "/a/m/", "/a/7/", "/a/%37/", "/b/7/x/", "/b/7/x/y/z/", "/e/exact", "/e/exact/p/q", "/tree/",
		"/tree/x/", "/tree/7/r/s/", "/a/host/", "/a/{q}/", "/a/%7Bq%7D/", "/a/caf%C3%A9/", "/a/a%2Fb/", "/o/plain/", "/o/9/r/"}
	for _, method := range []string{"GET", "POST", "DELETE"} {
		for _, host := range []string{"example.com", "other.org:8080"} {
			for _, p := range paths {
				for _, h := range []struct {
					name      string
					via, want http.Handler
				}{{"top", routes, inner}, {"nested", outer, outerMux}, {"middleware", setting(routes), setting(inner)}} {
					req := func() *http.Request {
						r := httptest.NewRequest(method, "http://"+host+p, nil)
						r.Host = host
						return r
					}
					got = seen{}
					h.want.ServeHTTP(httptest.NewRecorder(), req())
					want := got
					got = seen{}
					h.via.ServeHTTP(httptest.NewRecorder(), req())
					if got.handler != "" {
						require.Equal(t, want, got, "%s %s%s %s", method, host, p, h.name)
					}
				}
			}
		}
	}
}
