package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/httpx"
)

// A route's method table answers as DRF's APIView.dispatch: Begin before any method (a
// refused caller learns nothing of the methods), HEAD by GET's handler, OPTIONS with the
// metadata and the Allow header the table derives, other methods 405 with it. The request
// log sees the route with the method the table serves.
func TestRouteDispatch(t *testing.T) {
	let := true
	rt := httpx.Route[string]{
		Name: "Item Instance",
		Begin: func(w http.ResponseWriter, r *http.Request) (string, bool) {
			if !let {
				httpx.Detail(w, http.StatusForbidden, "no")
				return "", false
			}
			return "alice", true
		},
		Get: func(w http.ResponseWriter, r *http.Request, who string) {
			httpx.JSON(w, http.StatusOK, map[string]string{"get": who})
		},
		Patch: func(w http.ResponseWriter, r *http.Request, who string) {
			httpx.JSON(w, http.StatusOK, map[string]string{"patch": who})
		},
		Delete: func(w http.ResponseWriter, r *http.Request, who string) { httpx.NoContent(w) },
	}
	mux := http.NewServeMux()
	httpx.Handle(mux, "/items/{id}/{$}", rt)
	serve := func(method string) (*httptest.ResponseRecorder, string) {
		r, trace := httpx.WithTrace(httptest.NewRequest(method, "/items/1/", nil))
		w := httptest.NewRecorder()
		httpx.Routes(mux).ServeHTTP(w, r)
		return w, trace.Route
	}
	const allow = "GET, PATCH, DELETE, HEAD, OPTIONS"

	for _, c := range []struct {
		method, route string
		status        int
		body, allow   string
	}{
		{"GET", "GET /items/{id}/{$}", 200, `{"get":"alice"}`, allow},
		{"HEAD", "GET /items/{id}/{$}", 200, `{"get":"alice"}`, allow},
		{"PATCH", "PATCH /items/{id}/{$}", 200, `{"patch":"alice"}`, allow},
		{"DELETE", "DELETE /items/{id}/{$}", 204, "", allow},
		{"OPTIONS", "OPTIONS /items/{id}/{$}", 200, `{"name":"Item Instance","description":"","renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]}`, allow},
		{"PUT", "/items/{id}/{$}", 405, `{"detail":"Method \"PUT\" not allowed."}`, allow},
		{"BREW", "/items/{id}/{$}", 405, `{"detail":"Method \"BREW\" not allowed."}`, allow},
	} {
		w, route := serve(c.method)
		require.Equal(t, c.status, w.Code, c.method)
		require.Equal(t, c.route, route, c.method)
		require.Equal(t, c.allow, w.Header().Get("Allow"), c.method)
		if c.body != "" && c.method != "HEAD" {
			require.JSONEq(t, c.body, w.Body.String(), c.method)
		}
	}

	let = false
	for _, method := range []string{"GET", "PUT", "OPTIONS"} {
		w, _ := serve(method)
		require.Equal(t, http.StatusForbidden, w.Code, "Begin answers before the method is looked at: %s", method)
		require.Equal(t, allow, w.Header().Get("Allow"), "on every answer, as DRF's default_response_headers")
	}
}

// OPTIONS lists the actions the route describes, or answers 405 when DRF's OPTIONS fails on
// the view; a route without GET serves no HEAD.
func TestRouteOptions(t *testing.T) {
	fail := false
	rt := httpx.Route[int]{
		Name:        "Publish",
		Description: "Publishes.",
		Begin:       func(http.ResponseWriter, *http.Request) (int, bool) { return 1, true },
		Post:        func(w http.ResponseWriter, r *http.Request, _ int) { httpx.NoContent(w) },
		Actions: func(r *http.Request, _ int) ([]httpx.Action, bool) {
			return []httpx.Action{{Method: http.MethodPost, Fields: httpx.Fields{{Name: "x", Info: httpx.FieldInfo{Type: "string"}}}}}, !fail
		},
	}
	h := rt.Handler("/p/{$}")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodOptions, "/p/", nil))
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, "POST, OPTIONS", w.Header().Get("Allow"))
	require.JSONEq(t, `{"name":"Publish","description":"Publishes.","renders":["application/json","text/html"],
		"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"],
		"actions":{"POST":{"x":{"type":"string","required":false,"read_only":false}}}}`, w.Body.String())

	fail = true
	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodOptions, "/p/", nil))
	require.Equal(t, http.StatusMethodNotAllowed, w.Code)
	require.Equal(t, "POST, OPTIONS", w.Header().Get("Allow"))

	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodHead, "/p/", nil))
	require.Equal(t, http.StatusMethodNotAllowed, w.Code)
}
