package httpx_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/httpx"
)

// htmlServer serves routes whose JSON answers carry what the caller sent, errors among them,
// under DRF's default renderers.
func htmlServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	httpx.Handle(mux, "/api/notes/{$}", httpx.Route[struct{}]{
		Name: "Note List",
		Begin: func(w http.ResponseWriter, r *http.Request) (struct{}, bool) {
			if r.Header.Get("Authorization") == "" && r.Method != http.MethodOptions {
				httpx.NotAuthenticated(w, `Bearer realm="api"`, "")
				return struct{}{}, false
			}
			return struct{}{}, true
		},
		Get: func(w http.ResponseWriter, r *http.Request, _ struct{}) {
			httpx.JSON(w, http.StatusOK, []map[string]any{{"id": 1, "text": r.URL.Query().Get("text"), "n": 1.5}})
		},
		Post: func(w http.ResponseWriter, r *http.Request, _ struct{}) {
			httpx.JSON(w, http.StatusBadRequest, map[string][]string{"text": {"This field is required."}})
		},
		Delete: func(w http.ResponseWriter, r *http.Request, _ struct{}) { httpx.NoContent(w) },
	})
	mux.HandleFunc("/api/plain/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("<b>plain</b>"))
	})
	mux.HandleFunc("/api/missing/{$}", func(w http.ResponseWriter, r *http.Request) { httpx.NotFound(w) })
	srv := httptest.NewServer(httpx.Routes(mux))
	t.Cleanup(srv.Close)
	return srv
}

// browse asks as a browser does: its Accept header prefers text/html.
func browse(t *testing.T, srv *httptest.Server, method, path string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	require.NoError(t, err)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(raw)
}

func sha256Base64(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// pre is the text of the page's <pre>, unescaped.
func pre(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<pre>(.*)</pre>`).FindStringSubmatch(page)
	require.NotNil(t, m, page)
	return html.UnescapeString(m[1])
}

func TestHTMLPage(t *testing.T) {
	srv := htmlServer(t)
	auth := map[string]string{"Authorization": "Bearer x"}

	res, page := browse(t, srv, "GET", "/api/notes/?text=hi", auth)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	require.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
	require.Equal(t, "Accept", res.Header.Get("Vary"))
	csp := res.Header.Get("Content-Security-Policy")
	require.Contains(t, csp, "default-src 'none'")
	require.Contains(t, csp, "frame-ancestors 'none'")
	require.NotContains(t, csp, "script")
	require.NotContains(t, csp, "unsafe")
	require.Contains(t, page, "<h1>GET /api/notes/?text=hi</h1>")
	require.Equal(t, "HTTP 200 OK\nAllow: GET, POST, DELETE, HEAD, OPTIONS\nContent-Type: application/json\nVary: Accept\n\n"+
		"[\n    {\n        \"id\": 1,\n        \"n\": 1.5,\n        \"text\": \"hi\"\n    }\n]", pre(t, page))

	// The page's one style is the one its policy allows by hash.
	style := regexp.MustCompile(`<style>(.*)</style>`).FindStringSubmatch(page)
	require.NotNil(t, style)
	require.Contains(t, csp, "style-src 'sha256-"+sha256Base64(style[1])+"'")
	require.NotRegexp(t, `(?i)<script|<form|<link|<img|<iframe|\son\w+=`, page)
}

func TestHTMLPageEscapes(t *testing.T) {
	srv := htmlServer(t)
	auth := map[string]string{"Authorization": "Bearer x"}
	evil := `</pre><script>alert("x&y")</script><img src=x onerror='1'>`
	_, page := browse(t, srv, "GET", "/api/notes/?text="+url.QueryEscape(evil)+"&%3Cscript%3E=1", auth)
	require.NotContains(t, page, "<script")
	require.NotContains(t, page, "</pre><")
	require.Equal(t, 1, strings.Count(page, "</pre>"))
	require.Contains(t, page, `&lt;/pre&gt;&lt;script&gt;alert(\&#34;x&amp;y\&#34;)&lt;/script&gt;`,
		"the value is shown as its characters, escaped for HTML (not as JSON's \\u003c)")
	var shown []map[string]any
	_, body, _ := strings.Cut(pre(t, page), "\n\n")
	require.NoError(t, json.Unmarshal([]byte(body), &shown))
	require.Equal(t, evil, shown[0]["text"], "the page's JSON reads back as the answer's")
}

func TestHTMLPageErrors(t *testing.T) {
	srv := htmlServer(t)
	// DRF renders errors with the negotiated renderer too, with their status.
	res, page := browse(t, srv, "GET", "/api/notes/", nil)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode)
	require.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	require.Equal(t, `Bearer realm="api"`, res.Header.Get("WWW-Authenticate"))
	require.Contains(t, pre(t, page), "HTTP 401 Unauthorized\n")
	require.Contains(t, pre(t, page), "WWW-Authenticate: Bearer realm=\"api\"\n")
	require.Contains(t, pre(t, page), `"detail": "Authentication credentials were not provided."`)

	res, page = browse(t, srv, "POST", "/api/notes/", map[string]string{"Authorization": "Bearer x"})
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	require.Contains(t, pre(t, page), "HTTP 400 Bad Request\n")
	require.Contains(t, pre(t, page), `"This field is required."`)

	res, page = browse(t, srv, "GET", "/api/missing/", nil)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Contains(t, pre(t, page), `"detail": "Not found."`)

	res, page = browse(t, srv, "PUT", "/api/notes/", map[string]string{"Authorization": "Bearer x"})
	require.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
	require.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	require.Contains(t, pre(t, page), "Allow: GET, POST, DELETE, HEAD, OPTIONS\n")

	// OPTIONS is its metadata, as a page.
	res, page = browse(t, srv, "OPTIONS", "/api/notes/", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, pre(t, page), `"name": "Note List"`)
	require.Contains(t, pre(t, page), "\"renders\": [\n        \"application/json\",\n        \"text/html\"\n    ]")

	// What has no JSON body goes out as written: 204, HEAD, another media type.
	res, page = browse(t, srv, "DELETE", "/api/notes/", map[string]string{"Authorization": "Bearer x"})
	require.Equal(t, http.StatusNoContent, res.StatusCode)
	require.Empty(t, page)
	res, page = browse(t, srv, "HEAD", "/api/notes/", map[string]string{"Authorization": "Bearer x"})
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	require.Empty(t, page)
	res, page = browse(t, srv, "GET", "/api/plain/", nil)
	require.Equal(t, "text/plain; charset=utf-8", res.Header.Get("Content-Type"))
	require.Equal(t, "<b>plain</b>", page)

	// A path no route serves is Django's page, not negotiated.
	res, _ = browse(t, srv, "GET", "/nothing/", nil)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Equal(t, "text/html", res.Header.Get("Content-Type"))
	require.Empty(t, res.Header.Get("Content-Security-Policy"))
}

// TestHTMLPagePanic: a route that panics after writing leaves nothing written, so the
// recoverer around the routes can answer 500.
func TestHTMLPagePanic(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/boom/{$}", func(w http.ResponseWriter, r *http.Request) {
		httpx.JSON(w, http.StatusOK, map[string]int{"half": 1})
		panic("boom")
	})
	h := httpx.Routes(mux)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/boom/", nil)
	req.Header.Set("Accept", "text/html")
	func() {
		defer func() { require.Equal(t, "boom", recover()) }()
		h.ServeHTTP(rec, req)
	}()
	require.False(t, rec.Flushed)
	require.Empty(t, rec.Body.String())
	require.Equal(t, http.StatusOK, rec.Code, "the recorder's default: no status written")
}
