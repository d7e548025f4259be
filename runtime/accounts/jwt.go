package accounts

import (
	"errors"
	"net"
	"net/http"

	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/jwtauth"
)

// jwtCreate is jwt/create/ POST: simplejwt's TokenObtainPairView.
func (a *Accounts) jwtCreate(c *call) {
	body, ok := a.body(c)
	if !ok {
		return
	}
	f := newForm(body, false)
	login, _ := f.char(a.s.LoginField, charOpts{required: true})
	pw, _ := f.password("password")
	if a.invalid(c, f) {
		return
	}
	u, ok := a.logIn(c, login, pw)
	if !ok {
		return
	}
	if u == nil {
		a.jwtError(c, jwtauth.NoActiveAccount())
		return
	}
	ctx := c.r.Context()
	// The token names the user by USER_ID_FIELD, read from the row in hand; the log-in
	// starts a session recording its client (jwtauth.Config.Sessions).
	claim, _ := u.Get(a.tokens.UserIDField())
	ctx = jwtauth.WithClient(ctx, jwtauth.Client{Addr: remoteAddr(c.r), UserAgent: c.r.UserAgent()})
	access, refresh, err := a.tokens.ObtainPairFor(ctx, u.ID, claim, jwtauth.Credentials{Password: u.Password, Username: u.Username, Email: u.Email})
	if err != nil {
		a.fail(c, err)
		return
	}
	if a.s.UpdateLastLogin {
		if err := a.users.SetLastLogin(ctx, u.ID, a.now()); err != nil {
			a.fail(c, err)
			return
		}
	}
	sendingToken(c)
	if a.tokens.CookieTransport() {
		// The refresh token goes in its httpOnly cookie only: in the body, a script could
		// read it.
		a.tokens.SetCookies(c.w, c.r, access, refresh)
		writeObject(c.w, http.StatusOK, object{{"access", access}})
		return
	}
	writeObject(c.w, http.StatusOK, object{{"refresh", refresh}, {"access", access}})
}

// jwtRefresh is jwt/refresh/ POST: TokenRefreshView, refusing an inactive or deleted user
// as simplejwt does since 5.3 (Settings.RefreshInactiveUsers keeps 5.2's answer).
func (a *Accounts) jwtRefresh(c *call) {
	token, fromCookie, ok := a.refreshToken(c)
	if !ok {
		return
	}
	rule := a.auth.RefreshRule
	if a.s.RefreshInactiveUsers {
		rule = nil
	}
	access, refresh, err := a.tokens.RefreshChecked(c.r.Context(), token, rule)
	if err != nil {
		a.jwtError(c, err)
		return
	}
	sendingToken(c)
	out := object{{"access", access}}
	if a.tokens.CookieTransport() {
		a.tokens.SetCookies(c.w, c.r, access, refresh)
	}
	if refresh != "" && !fromCookie {
		out = append(out, member{"refresh", refresh})
	}
	httpx.JSON(c.w, http.StatusOK, out)
}

// refreshToken reads the refresh token of jwt/refresh/ and jwt/blacklist/: the body's
// "refresh", or under the cookie transport, when the body names none, the refresh cookie,
// whose request must pass the CSRF check.
func (a *Accounts) refreshToken(c *call) (token string, fromCookie, ok bool) {
	body, ok := a.body(c)
	if !ok {
		return "", false, false
	}
	if _, given := body["refresh"]; !given && a.tokens.CookieTransport() {
		token, err := a.tokens.RefreshFromCookie(c.r)
		if err != nil {
			a.jwtError(c, err)
			return "", false, false
		}
		if token != "" {
			return token, true, true
		}
	}
	token, ok = a.tokenFieldOf(c, body, "refresh")
	return token, false, ok
}

// jwtVerify is jwt/verify/ POST: TokenVerifyView.
func (a *Accounts) jwtVerify(c *call) {
	token, ok := a.tokenField(c, "token")
	if !ok {
		return
	}
	if err := a.tokens.Verify(c.r.Context(), token); err != nil {
		a.jwtError(c, err)
		return
	}
	writeObject(c.w, http.StatusOK, object{})
}

// jwtBlacklist is jwt/blacklist/ POST: TokenBlacklistView, the JWT logout.
func (a *Accounts) jwtBlacklist(c *call) {
	token, _, ok := a.refreshToken(c)
	if !ok {
		return
	}
	if err := a.tokens.Blacklist(c.r.Context(), token); err != nil {
		a.jwtError(c, err)
		return
	}
	if a.tokens.CookieTransport() {
		a.tokens.ClearCookies(c.w)
	}
	writeObject(c.w, http.StatusOK, object{})
}

// sendingToken marks an answer that carries a credential: no cache, shared or private,
// may keep it (RFC 6749 5.1).
func sendingToken(c *call) {
	c.w.Header().Set("Cache-Control", "no-store")
}

// tokenField reads the one required CharField of the token views.
func (a *Accounts) tokenField(c *call, name string) (string, bool) {
	body, ok := a.body(c)
	if !ok {
		return "", false
	}
	return a.tokenFieldOf(c, body, name)
}

// tokenFieldOf is tokenField over a body already read.
func (a *Accounts) tokenFieldOf(c *call, body httpx.Body, name string) (string, bool) {
	f := newForm(body, false)
	token, _ := f.char(name, charOpts{required: true})
	return token, !a.invalid(c, f)
}

// jwtError answers a refusal of package jwtauth with simplejwt's body, and the challenge
// simplejwt's views give on 401 (get_authenticate_header); other errors are 500.
func (a *Accounts) jwtError(c *call, err error) {
	var refusal *jwtauth.Error
	if !errors.As(err, &refusal) {
		a.fail(c, err)
		return
	}
	if refusal.Status == http.StatusUnauthorized {
		c.w.Header().Set("WWW-Authenticate", a.tokens.AuthenticateHeader())
	}
	httpx.JSON(c.w, refusal.Status, refusal.Body())
}

// remoteAddr is the address of the connection, without its port. Headers set by proxies
// are not trusted: anyone can send them.
func remoteAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
