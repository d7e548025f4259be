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
func routesServer(t *testing.T) *httptest.Server {
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
	srv := httptest.NewServer(httpx.Routes(mux))
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
	srv := routesServer(t)
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

	// Unknown and non-canonical paths are a JSON 404, never the mux's redirect.
	for _, p := range []string{"/nothing/", "/api//items/", "/api/items//", "/api/items/./", "/api/items/7/x/", "/API/items/"} {
		r = get(t, srv, "GET", p, nil)
		require.Equal(t, http.StatusNotFound, r.status, p)
		require.JSONEq(t, `{"detail": "Not found."}`, r.body, p)
	}
}

func TestRoutesFormatSuffix(t *testing.T) {
	srv := routesServer(t)
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
	// Another format is a 404 from the route (DRF has no renderer for it).
	for _, p := range []string{"/api/items.xml", "/api/items/7.api", "/api/items/1.0/", "/api/items/?format=xml", "/api/items/?format=json&format=api"} {
		r := get(t, srv, "GET", p, nil)
		require.Equal(t, http.StatusNotFound, r.status, p)
		require.JSONEq(t, `{"detail": "Not found."}`, r.body, p)
	}
	r := get(t, srv, "GET", "/api/items/?format=json", nil)
	require.Equal(t, http.StatusOK, r.status)
	r = get(t, srv, "GET", "/api/items/?format=", nil)
	require.Equal(t, http.StatusOK, r.status)
}

func TestRoutesAccept(t *testing.T) {
	srv := routesServer(t)
	for _, accept := range []string{"*/*", "application/*", "application/json", "application/json; indent=4",
		"application/json;q=0", "text/html, application/json", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "*/json"} {
		r := get(t, srv, "GET", "/api/items/", map[string]string{"Accept": accept})
		require.Equal(t, http.StatusOK, r.status, accept)
	}
	for _, accept := range []string{"text/html", "application/xml", "text/*", "garbage", "*", ""} {
		req, err := http.NewRequest("GET", srv.URL+"/api/items/", nil)
		require.NoError(t, err)
		req.Header["Accept"] = []string{accept}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		raw, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusNotAcceptable, res.StatusCode, accept)
		require.JSONEq(t, `{"detail": "Could not satisfy the request Accept header."}`, string(raw), accept)
	}
	// Unknown paths are Django's 404 and redirects its 301: no negotiation there.
	require.Equal(t, http.StatusNotFound, get(t, srv, "GET", "/nothing/", map[string]string{"Accept": "text/html"}).status)
	require.Equal(t, http.StatusMovedPermanently, get(t, srv, "GET", "/api/items", map[string]string{"Accept": "text/html"}).status)
}
