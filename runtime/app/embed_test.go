package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/httpx"
)

const embedKey = "an-embedded-app-secret-key-long-enough"

// embedded builds the test app's handler for mounting under /api, over a fresh database.
func embedded(t *testing.T) *app.Handler {
	t.Helper()
	def := definition(t)
	def.Accounts.DefaultPermission = authz.AllowAny{}
	h, err := app.NewHandler(context.Background(), def, app.Options{
		Prefix:      "/api",
		DatabaseURL: "sqlite://" + filepath.Join(t.TempDir(), "shop.db"),
		SecretKey:   []byte(embedKey),
		Migrate:     true,
		MailOutput:  io.Discard,
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, h.Close()) })
	return h
}

// checkMounted drives an app mounted under /api beside the host's own GET /hello.
func checkMounted(t *testing.T, base string) {
	t.Helper()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	call := func(path string) (*http.Response, string) {
		resp, err := noFollow.Get(base + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp, string(body)
	}
	resp, body := call("/hello")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "hello from the host", body)

	resp, body = call("/api/shop/ping/")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "pong", body)
	resp, body = call("/api/healthz")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.JSONEq(t, `{"status": "ok"}`, body)
	resp, _ = call("/api/auth/users/me/")
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	require.Equal(t, `Bearer realm="api"`, resp.Header.Get("WWW-Authenticate"))
	resp, body = call("/api/nowhere/")
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	require.Equal(t, "text/html", resp.Header.Get("Content-Type"), "Django's page, as Django answers a path no URL pattern matches")
	require.Contains(t, body, "<h1>Not Found</h1>")

	// Redirects and links carry the prefix the app is mounted under.
	resp, _ = call("/api/shop/ping?x=1")
	require.Equal(t, http.StatusMovedPermanently, resp.StatusCode)
	require.Equal(t, "/api/shop/ping/?x=1", resp.Header.Get("Location"))
	resp, body = call("/api/auth/")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.JSONEq(t, `{"users": "`+base+`/api/auth/users/"}`, body)
}

func hello(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "hello from the host") }

// TestMountInServeMux: the whole app under /api of a net/http ServeMux, beside a route of the
// host's own.
func TestMountInServeMux(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", hello)
	mux.Handle("/api/", embedded(t))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	checkMounted(t, srv.URL)
}

// TestMountInChi: the same in a chi router, whose Mount hands the sub-router the request's
// path unchanged, as echo's WrapHandler does.
func TestMountInChi(t *testing.T) {
	r := chi.NewRouter()
	r.Use(func(next http.Handler) http.Handler { // a host middleware sees the app's requests too
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Host", "chi")
			next.ServeHTTP(w, r)
		})
	})
	r.Get("/hello", hello)
	r.Mount("/api", embedded(t))
	srv := httptest.NewServer(r)
	defer srv.Close()
	checkMounted(t, srv.URL)
	resp, err := http.Get(srv.URL + "/api/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, "chi", resp.Header.Get("X-Host"))
}

func TestNewHandlerRefusals(t *testing.T) {
	def := definition(t)
	url := "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	for opts, want := range map[*app.Options]string{
		{DatabaseURL: url}: "Options.SecretKey is required",
		{DatabaseURL: url, SecretKey: []byte("short")}:                  "weak secret key",
		{DatabaseURL: url, SecretKey: []byte(embedKey), Prefix: "api/"}: `Prefix "api/" must start with "/"`,
		{DatabaseURL: url, SecretKey: []byte(embedKey)}:                 "1 unapplied migration(s)",
	} {
		_, err := app.NewHandler(context.Background(), def, *opts)
		require.Error(t, err)
		require.True(t, strings.Contains(err.Error(), want), "%v: %v", want, err)
	}
}

// TestDefinitionMedia: the Definition's renderers and not-found answer reach every route,
// the runtime's (djoser's) and the app's.
func TestDefinitionMedia(t *testing.T) {
	def := definition(t)
	def.Renderers, def.JSONNotFound = []string{httpx.MediaJSON}, true
	h, err := app.NewHandler(context.Background(), def, app.Options{
		DatabaseURL: "sqlite://" + filepath.Join(t.TempDir(), "shop.db"),
		SecretKey:   []byte(embedKey),
		Migrate:     true,
		MailOutput:  io.Discard,
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, h.Close()) })
	srv := httptest.NewServer(h)
	defer srv.Close()
	call := func(method, path, accept string) (*http.Response, string) {
		req, err := http.NewRequest(method, srv.URL+path, nil)
		require.NoError(t, err)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp, string(body)
	}
	resp, body := call("GET", "/nowhere/", "text/html")
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	require.JSONEq(t, `{"detail": "Not found."}`, body)
	resp, body = call("GET", "/auth/users/me/", "text/html")
	require.Equal(t, http.StatusNotAcceptable, resp.StatusCode)
	require.JSONEq(t, `{"detail": "Could not satisfy the request Accept header."}`, body)
	resp, _ = call("GET", "/shop/ping/?format=api", "")
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	resp, body = call("OPTIONS", "/auth/jwt/create/", "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, body, `"renders":["application/json"]`)
}
