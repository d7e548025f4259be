// Package secure adds to every response the headers Django's SecurityMiddleware and
// XFrameOptionsMiddleware send by default, and the opt-in ones (HSTS, a Content Security
// Policy).
//
// # Defaults
//
// The zero Headers is Django 3.2's defaults, so an app cannot forget them:
//
//	X-Content-Type-Options: nosniff   (SECURE_CONTENT_TYPE_NOSNIFF)
//	Referrer-Policy: same-origin      (SECURE_REFERRER_POLICY)
//	X-Frame-Options: DENY             (X_FRAME_OPTIONS)
//
// A header the handler set itself is left alone, as Django's setdefault does.
//
// # HTTPS
//
// Strict-Transport-Security is sent only on a request that came over HTTPS, as Django's: the
// connection is TLS, or ProxySSLHeader names a header that the proxy in front sets to
// ProxySSLValue (Django's SECURE_PROXY_SSL_HEADER). Only trust that header behind a proxy
// that always sets or strips it.
package secure

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Headers configures the security headers. The zero value sends Django's defaults.
type Headers struct {
	// AllowSniffing leaves out X-Content-Type-Options: nosniff.
	AllowSniffing bool
	// ReferrerPolicy is the Referrer-Policy, default "same-origin"; NoReferrerPolicy leaves
	// the header out.
	ReferrerPolicy   string
	NoReferrerPolicy bool
	// FrameOptions is X-Frame-Options, "DENY" (default) or "SAMEORIGIN"; AllowFraming leaves
	// the header out.
	FrameOptions string
	AllowFraming bool
	// HSTSMaxAge turns on Strict-Transport-Security for HTTPS requests (SECURE_HSTS_SECONDS),
	// with includeSubDomains and preload when asked.
	HSTSMaxAge            time.Duration
	HSTSIncludeSubdomains bool
	HSTSPreload           bool
	// ContentSecurityPolicy is sent as Content-Security-Policy when not empty.
	ContentSecurityPolicy string
	// ProxySSLHeader and ProxySSLValue mark a request as HTTPS when the proxy in front says so.
	ProxySSLHeader, ProxySSLValue string
}

// Wrap returns next with the headers added to every response.
func (h Headers) Wrap(next http.Handler) http.Handler {
	var always []header
	if !h.AllowSniffing {
		always = append(always, newHeader("X-Content-Type-Options", "nosniff"))
	}
	if !h.NoReferrerPolicy {
		always = append(always, newHeader("Referrer-Policy", cmp.Or(h.ReferrerPolicy, "same-origin")))
	}
	if !h.AllowFraming {
		always = append(always, newHeader("X-Frame-Options", strings.ToUpper(cmp.Or(h.FrameOptions, "DENY"))))
	}
	if h.ContentSecurityPolicy != "" {
		always = append(always, newHeader("Content-Security-Policy", h.ContentSecurityPolicy))
	}
	var hsts header
	if v := h.hsts(); v != "" {
		hsts = newHeader("Strict-Transport-Security", v)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out := w.Header()
		for _, kv := range always {
			out[kv.name] = kv.values
		}
		if hsts.values != nil && h.IsSecure(r) {
			out[hsts.name] = hsts.values
		}
		next.ServeHTTP(w, r)
	})
}

// header is one header, its value slice made once and shared by every response: it holds
// one value with no room for a second, so a handler's Header().Add appends to a copy and
// never changes what the next response is sent.
type header struct {
	name   string
	values []string
}

func newHeader(name, value string) header {
	return header{name: name, values: []string{value}[:1:1]}
}

// IsSecure reports whether r came over HTTPS: Django's request.is_secure().
func (h Headers) IsSecure(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	return h.ProxySSLHeader != "" && r.Header.Get(h.ProxySSLHeader) == h.ProxySSLValue
}

// hsts is the Strict-Transport-Security value, "" when off.
func (h Headers) hsts() string {
	if h.HSTSMaxAge <= 0 {
		return ""
	}
	v := "max-age=" + strconv.FormatInt(int64(h.HSTSMaxAge/time.Second), 10)
	if h.HSTSIncludeSubdomains {
		v += "; includeSubDomains"
	}
	if h.HSTSPreload {
		v += "; preload"
	}
	return v
}
