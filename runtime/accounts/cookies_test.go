package accounts_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

// browser is a client with a cookie jar, as a browser keeps them.
type browser struct {
	t      *testing.T
	client *http.Client
	base   string
}

func (b *browser) send(method, path, body string, header map[string]string) (int, string) {
	b.t.Helper()
	req, err := http.NewRequest(method, b.base+path, strings.NewReader(body))
	require.NoError(b.t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := b.client.Do(req)
	require.NoError(b.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(b.t, err)
	return resp.StatusCode, string(raw)
}

func (b *browser) cookie(name string) string {
	req, _ := http.NewRequest("GET", b.base+"/auth/jwt/", nil)
	for _, c := range b.client.Jar.Cookies(req.URL) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

func TestCookieTransport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{cookies: &jwtauth.Cookies{Access: true, Insecure: true, Path: "/auth/jwt/"}})
		uid, token := e.register("alice", nil)
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
		c := e.creds["alice"]
		jar, err := cookiejar.New(nil)
		require.NoError(t, err)
		b := &browser{t: t, client: &http.Client{Jar: jar}, base: e.srv.URL}

		// Log-in: the tokens go into httpOnly cookies, the refresh token not into the body.
		status, body := b.send("POST", "/auth/jwt/create/", `{"username": "alice", "password": "`+c.password+`"}`, nil)
		require.Equal(t, http.StatusOK, status, body)
		require.NotContains(t, body, "refresh")
		require.NotEmpty(t, b.cookie(jwtauth.RefreshCookie))
		csrf := b.cookie(jwtauth.CSRFCookie)
		require.Len(t, csrf, 64)

		// Cookie log-in works without the Authorization header; a safe method needs no proof.
		status, body = b.send("GET", "/auth/users/me/", "", nil)
		require.Equal(t, http.StatusOK, status, body)
		require.Contains(t, body, `"username":"alice"`)

		// Unsafe requests carried by the cookie: refused without the CSRF token, as a
		// cross-site form would send them, and from another origin even with it.
		patch := `{"first_name": "Al"}`
		status, body = b.send("PATCH", "/auth/users/me/", patch, nil)
		require.Equal(t, http.StatusForbidden, status)
		require.JSONEq(t, `{"detail": "CSRF Failed: CSRF token missing."}`, body)
		status, body = b.send("PATCH", "/auth/users/me/", patch, map[string]string{jwtauth.CSRFHeader: strings.Repeat("0", 64)})
		require.Equal(t, http.StatusForbidden, status)
		require.JSONEq(t, `{"detail": "CSRF Failed: CSRF token incorrect."}`, body)
		status, body = b.send("PATCH", "/auth/users/me/", patch, map[string]string{jwtauth.CSRFHeader: csrf, "Origin": "https://evil.example"})
		require.Equal(t, http.StatusForbidden, status)
		require.JSONEq(t, `{"detail": "CSRF Failed: Origin checking failed - https://evil.example does not match any trusted origins."}`, body)
		status, body = b.send("PATCH", "/auth/users/me/", patch, map[string]string{jwtauth.CSRFHeader: csrf, "Origin": e.srv.URL})
		require.Equal(t, http.StatusOK, status, body)

		// Refresh from the cookie: the same proof, then new cookies.
		status, body = b.send("POST", "/auth/jwt/refresh/", `{}`, nil)
		require.Equal(t, http.StatusForbidden, status, body)
		old := b.cookie(jwtauth.RefreshCookie)
		status, body = b.send("POST", "/auth/jwt/refresh/", `{}`, map[string]string{jwtauth.CSRFHeader: csrf})
		require.Equal(t, http.StatusOK, status, body)
		require.NotContains(t, body, "refresh", "the rotated token goes in the cookie")
		require.NotEqual(t, old, b.cookie(jwtauth.RefreshCookie), "rotated")

		// A client sending the token in the body keeps simplejwt's protocol.
		status, body = b.send("POST", "/auth/jwt/refresh/", `{"refresh": "`+b.cookie(jwtauth.RefreshCookie)+`"}`, nil)
		require.Equal(t, http.StatusOK, status, body)
		require.Contains(t, body, `"refresh"`)

		// Log-out blacklists the cookie's token and clears the cookies.
		status, body = b.send("POST", "/auth/jwt/blacklist/", `{}`, map[string]string{jwtauth.CSRFHeader: csrf})
		require.Equal(t, http.StatusOK, status, body)
		require.Empty(t, b.cookie(jwtauth.RefreshCookie))
		status, _ = b.send("GET", "/auth/users/me/", "", nil)
		require.Equal(t, http.StatusUnauthorized, status, "no cookie, no header: anonymous")
	})
}
