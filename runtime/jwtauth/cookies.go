package jwtauth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Cookies is the browser transport (Config.Cookies): the refresh token, and optionally the
// access token, travel in httpOnly cookies that JavaScript, and so an XSS payload, cannot
// read; a request that a cookie authenticates must prove it comes from the app's own pages
// with Django's CSRF double submit: the "csrftoken" cookie, readable by the page, echoed in
// the X-CSRFToken header, which another site can neither read nor set.
type Cookies struct {
	// Access also carries the access token in a cookie, so the page sends no
	// Authorization header at all.
	Access bool
	// Insecure leaves out the Secure attribute: for plain-http development only.
	Insecure bool
	// SameSite is "Lax" (default), "Strict" or "None" (which needs Secure).
	SameSite string
	// Domain, when set, shares the cookies with the domain's subdomains.
	Domain string
	// Path is where the refresh cookie is sent: the token routes' prefix ("/auth/jwt/").
	// The access and CSRF cookies go everywhere ("/").
	Path string
	// TrustedOrigins are the other origins ("https://app.example.com") whose pages may
	// send unsafe requests with the cookies (CSRF_TRUSTED_ORIGINS); the request's own
	// origin always may.
	TrustedOrigins []string
}

// Cookie names: Django's for the CSRF token, so a front end written for Django finds it.
const (
	RefreshCookie = "refresh_token"
	AccessCookie  = "access_token"
	CSRFCookie    = "csrftoken"
	CSRFHeader    = "X-CSRFToken"
)

// ErrCSRF: a request authenticated by a cookie without the proof that it comes from the
// app's pages.
var ErrCSRF = errors.New("jwtauth: CSRF check failed")

// DRF's answers to a failed CSRF check (SessionAuthentication.enforce_csrf).
const (
	msgCSRFMissing   = "CSRF Failed: CSRF token missing."
	msgCSRFIncorrect = "CSRF Failed: CSRF token incorrect."
	msgCSRFOrigin    = "CSRF Failed: Origin checking failed - %s does not match any trusted origins."
)

func csrfError(msg string) *Error {
	return &Error{Status: http.StatusForbidden, Detail: msg, sentinel: ErrCSRF}
}

func (c *Cookies) fill() error {
	switch c.SameSite {
	case "":
		c.SameSite = "Lax"
	case "Lax", "Strict":
	case "None":
		if c.Insecure {
			return errors.New("jwtauth: SameSite=None cookies must be Secure")
		}
	default:
		return errors.New("jwtauth: SameSite must be Lax, Strict or None")
	}
	if c.Path == "" {
		c.Path = "/"
	}
	return nil
}

func (c *Cookies) sameSite() http.SameSite {
	switch c.SameSite {
	case "Strict":
		return http.SameSiteStrictMode
	case "None":
		return http.SameSiteNoneMode
	}
	return http.SameSiteLaxMode
}

func (c *Cookies) cookie(name, value, path string, maxAge time.Duration, httpOnly bool) *http.Cookie {
	age := int(maxAge / time.Second)
	if age <= 0 {
		age = -1 // deleted: Max-Age=0
	}
	return &http.Cookie{Name: name, Value: value, Path: path, Domain: c.Domain, MaxAge: age,
		Secure: !c.Insecure, HttpOnly: httpOnly, SameSite: c.sameSite()}
}

// CookieTransport reports whether tokens travel in cookies (Config.Cookies).
func (t *Tokens) CookieTransport() bool { return t.cfg.Cookies != nil }

// SetCookies sets the cookies of a log-in or a refresh: the refresh token (when not ""),
// the access token under Cookies.Access, and a new CSRF token when the request has none.
func (t *Tokens) SetCookies(w http.ResponseWriter, r *http.Request, access, refresh string) {
	c := t.cfg.Cookies
	if refresh != "" {
		http.SetCookie(w, c.cookie(RefreshCookie, refresh, c.Path, t.cfg.RefreshLifetime, true))
	}
	if c.Access {
		http.SetCookie(w, c.cookie(AccessCookie, access, "/", t.cfg.AccessLifetime, true))
	}
	if old, err := r.Cookie(CSRFCookie); err != nil || !validCSRF(old.Value) {
		var b [32]byte
		rand.Read(b[:]) // never fails: crypto/rand crashes the program instead (Go 1.24+)
		// Readable by the page (not httpOnly): it echoes the value in X-CSRFToken.
		http.SetCookie(w, c.cookie(CSRFCookie, hex.EncodeToString(b[:]), "/", 365*24*time.Hour, false))
	}
}

// ClearCookies deletes the token cookies (logout). The CSRF cookie stays, as Django's does.
func (t *Tokens) ClearCookies(w http.ResponseWriter) {
	c := t.cfg.Cookies
	http.SetCookie(w, c.cookie(RefreshCookie, "", c.Path, 0, true))
	if c.Access {
		http.SetCookie(w, c.cookie(AccessCookie, "", "/", 0, true))
	}
}

// RefreshFromCookie is the refresh token of the request's cookie, for the token routes
// when the body names none; a request that sends it must pass the CSRF check.
func (t *Tokens) RefreshFromCookie(r *http.Request) (string, error) {
	if t.cfg.Cookies == nil {
		return "", nil
	}
	ck, err := r.Cookie(RefreshCookie)
	if err != nil || ck.Value == "" {
		return "", nil
	}
	if e := t.checkCSRF(r); e != nil {
		return "", e
	}
	return ck.Value, nil
}

// validCSRF: 64 hex digits, as SetCookies makes them.
func validCSRF(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// checkCSRF is Django's CsrfViewMiddleware for a request a cookie authenticates: an
// Origin header, when sent, must be the request's own origin or a trusted one; then the
// X-CSRFToken header must equal the csrftoken cookie.
func (t *Tokens) checkCSRF(r *http.Request) *Error {
	if origin := r.Header.Get("Origin"); origin != "" && !t.trustedOrigin(r, origin) {
		return csrfError(strings.Replace(msgCSRFOrigin, "%s", origin, 1))
	}
	ck, err := r.Cookie(CSRFCookie)
	header := r.Header.Get(CSRFHeader)
	if err != nil || !validCSRF(ck.Value) || header == "" {
		return csrfError(msgCSRFMissing)
	}
	if subtle.ConstantTimeCompare([]byte(header), []byte(ck.Value)) != 1 {
		return csrfError(msgCSRFIncorrect)
	}
	return nil
}

func (t *Tokens) trustedOrigin(r *http.Request, origin string) bool {
	if slices.Contains(t.cfg.Cookies.TrustedOrigins, origin) {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == r.Host && (u.Scheme == "https" || (u.Scheme == "http" && r.TLS == nil))
}

// safeMethod: methods that change nothing need no CSRF proof (RFC 9110 §9.2.1).
func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}
