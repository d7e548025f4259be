package secure_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/secure"
)

func serve(h secure.Headers, r *http.Request, handler http.HandlerFunc) http.Header {
	if handler == nil {
		handler = func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) }
	}
	rec := httptest.NewRecorder()
	h.Wrap(handler).ServeHTTP(rec, r)
	return rec.Result().Header
}

func TestZeroValueIsDjangosDefaults(t *testing.T) {
	got := serve(secure.Headers{}, httptest.NewRequest("GET", "/", nil), nil)
	require.Equal(t, http.Header{
		"X-Content-Type-Options": {"nosniff"},
		"Referrer-Policy":        {"same-origin"},
		"X-Frame-Options":        {"DENY"},
	}, got)
}

func TestOptions(t *testing.T) {
	h := secure.Headers{AllowSniffing: true, NoReferrerPolicy: true, AllowFraming: true}
	require.Empty(t, serve(h, httptest.NewRequest("GET", "/", nil), nil))

	h = secure.Headers{ReferrerPolicy: "no-referrer,strict-origin", FrameOptions: "sameorigin", ContentSecurityPolicy: "default-src 'none'"}
	got := serve(h, httptest.NewRequest("GET", "/", nil), nil)
	require.Equal(t, "no-referrer,strict-origin", got.Get("Referrer-Policy"))
	require.Equal(t, "SAMEORIGIN", got.Get("X-Frame-Options"))
	require.Equal(t, "default-src 'none'", got.Get("Content-Security-Policy"))
}

// A handler that sets a header itself wins, as with Django's setdefault.
func TestHandlerHeadersWin(t *testing.T) {
	got := serve(secure.Headers{}, httptest.NewRequest("GET", "/", nil), func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Frame-Options", "SAMEORIGIN")
	})
	require.Equal(t, "SAMEORIGIN", got.Get("X-Frame-Options"))
}

// HSTS goes only on HTTPS: TLS, or the trusted proxy's header with the trusted value.
func TestHSTSOnlyOverHTTPS(t *testing.T) {
	h := secure.Headers{HSTSMaxAge: 365 * 24 * time.Hour, HSTSIncludeSubdomains: true, HSTSPreload: true,
		ProxySSLHeader: "X-Forwarded-Proto", ProxySSLValue: "https"}
	plain := httptest.NewRequest("GET", "/", nil)
	require.Empty(t, serve(h, plain, nil).Get("Strict-Transport-Security"))

	forgedValue := httptest.NewRequest("GET", "/", nil)
	forgedValue.Header.Set("X-Forwarded-Proto", "http")
	require.Empty(t, serve(h, forgedValue, nil).Get("Strict-Transport-Security"))

	proxied := httptest.NewRequest("GET", "/", nil)
	proxied.Header.Set("X-Forwarded-Proto", "https")
	require.Equal(t, "max-age=31536000; includeSubDomains; preload", serve(h, proxied, nil).Get("Strict-Transport-Security"))

	direct := httptest.NewRequest("GET", "/", nil)
	direct.TLS = &tls.ConnectionState{}
	require.Equal(t, "max-age=31536000; includeSubDomains; preload", serve(h, direct, nil).Get("Strict-Transport-Security"))

	h.ProxySSLHeader = ""
	require.Empty(t, serve(h, proxied, nil).Get("Strict-Transport-Security"), "no proxy header trusted unless configured")
	require.Equal(t, "max-age=31536000; includeSubDomains; preload", serve(h, direct, nil).Get("Strict-Transport-Security"))
	require.Empty(t, serve(secure.Headers{}, direct, nil).Get("Strict-Transport-Security"), "HSTS is opt-in")
}

// The values are shared between responses: a handler adding to one changes no other.
func TestAddingToAHeaderChangesNoOtherResponse(t *testing.T) {
	h := secure.Headers{ContentSecurityPolicy: "default-src 'none'"}
	add := func(w http.ResponseWriter, r *http.Request) {
		for _, k := range []string{"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Content-Security-Policy"} {
			w.Header().Add(k, "added")
		}
	}
	first := serve(h, httptest.NewRequest("GET", "/", nil), add)
	require.Equal(t, []string{"DENY", "added"}, first.Values("X-Frame-Options"))
	second := serve(h, httptest.NewRequest("GET", "/", nil), nil)
	require.Equal(t, http.Header{
		"X-Content-Type-Options":  {"nosniff"},
		"Referrer-Policy":         {"same-origin"},
		"X-Frame-Options":         {"DENY"},
		"Content-Security-Policy": {"default-src 'none'"},
	}, second)
}
