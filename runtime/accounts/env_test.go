package accounts_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/internal/smtptest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/password"
	"github.com/authgen/authgen/runtime/users"
)

var secretKey = []byte("accounts-test-secret-key-0123456789")

// storeSettings are the reference project's DJOSER settings (docs: the store example).
func storeSettings() accounts.Settings {
	return accounts.Settings{
		LoginField:                       "username",
		SendActivationEmail:              true,
		SendConfirmationEmail:            true,
		PasswordChangedEmailConfirmation: true,
		UsernameChangedEmailConfirmation: true,
		HideUsers:                        true,
		ActivationURL:                    "#/activate/{uid}/{token}",
		PasswordResetConfirmURL:          "#/password/reset/confirm/{uid}/{token}",
		UsernameResetConfirmURL:          "#/username/reset/confirm/{uid}/{token}",
		Domain:                           "store.local",
		SiteName:                         "Store",
		FromEmail:                        "noreply@store.local",
		UpdateLastLogin:                  true,
		JWTBlacklistPath:                 "/auth/jwt/blacklist/",
		Permissions:                      map[string]authz.Checker{accounts.PermUserList: authz.IsAdminUser{}},
		Serializers: accounts.Serializers{
			UserCreate:  []string{"first_name", "last_name"},
			CurrentUser: []string{"first_name", "last_name"},
		},
	}
}

// countingHasher is a real (fast) PBKDF2 hasher that counts its work, so tests can tell a
// dummy check (an Encode with no user) from a real one without measuring time.
type countingHasher struct {
	password.PBKDF2
	encodes, verifies atomic.Int64
}

func (h *countingHasher) Encode(pw string) (string, error) {
	h.encodes.Add(1)
	return h.PBKDF2.Encode(pw)
}

func (h *countingHasher) Verify(pw, encoded string) (bool, error) {
	h.verifies.Add(1)
	return h.PBKDF2.Verify(pw, encoded)
}

// clock is a settable time for the link tokens and last_login.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

type env struct {
	t      *testing.T
	srv    *httptest.Server
	acc    *accounts.Accounts
	store  *users.Store
	tokens *jwtauth.Tokens
	smtp   *smtptest.Server
	hasher *countingHasher
	clock  *clock
	seen   map[string]int // messages already read, per address
	// creds holds what the tests know of each user by name.
	creds map[string]*creds
}

type creds struct {
	username, email, password string
	id                        int64
	access, refresh           string
}

// options change an env before it starts.
type options struct {
	settings  func(*accounts.Settings)
	extra     []users.Field
	extraDDL  map[db.Dialect]string
	tokenAuth *bool
	// userIDField is the tokens' USER_ID_FIELD; "" is "id".
	userIDField string
	// hashers are listed after the counting PBKDF2 one, which makes the hashes.
	hashers []password.Hasher
	// revoke turns on the revocation of tokens on a credential change.
	revoke bool
	// cookies turns on the browser transport.
	cookies *jwtauth.Cookies
}

func newEnv(t *testing.T, dialect db.Dialect, o options) *env {
	t.Helper()
	var d *db.DB
	if o.extraDDL != nil {
		d = dbtest.Open(t, dialect)
		ddl, err := dbtest.AuthSchema(dialect, o.extraDDL[dialect])
		require.NoError(t, err)
		for _, stmt := range dbtest.SplitStatements(ddl) {
			_, err := d.Exec(stmt)
			require.NoError(t, err, stmt)
		}
	} else {
		d = dbtest.OpenAuth(t, dialect)
	}
	if o.settings == nil {
		o.settings = func(*accounts.Settings) {}
	}
	store, err := users.NewStore(d, o.extra)
	require.NoError(t, err)
	cfg := jwtauth.Config{SigningKey: secretKey, HeaderTypes: []string{"Bearer", "JWT"},
		RotateRefreshTokens: true, BlacklistAfterRotation: true, UserIDField: o.userIDField}
	if o.revoke {
		cfg.CredentialKey = secretKey
	}
	cfg.Cookies = o.cookies
	tokens, err := jwtauth.New(cfg, d)
	require.NoError(t, err)
	tokenAuth := true
	if o.tokenAuth != nil {
		tokenAuth = *o.tokenAuth
	}
	srv := smtptest.Start(t)
	mailer, err := mail.FromURL(srv.URL(), io.Discard)
	require.NoError(t, err)
	h := &countingHasher{PBKDF2: password.PBKDF2{Iterations: 1000}}
	clk := &clock{}
	s := storeSettings()
	s.RevokeOnCredentialChange = o.revoke
	o.settings(&s)
	acc, err := accounts.New(s, accounts.Deps{
		Authn:      &authn.Authenticator{Tokens: tokens, TokenAuth: tokenAuth, Users: store},
		Hashers:    password.NewHashers(h, o.hashers...),
		Validators: password.DefaultValidators(),
		Mailer:     mailer,
		SecretKey:  secretKey,
		Now:        clk.Now,
	})
	require.NoError(t, err)
	mux := http.NewServeMux()
	require.NoError(t, acc.Register(mux, "/auth/"))
	hs := httptest.NewServer(httpx.Routes(mux))
	t.Cleanup(hs.Close)
	t.Cleanup(acc.Wait)
	return &env{t: t, srv: hs, acc: acc, store: store, tokens: tokens, smtp: srv, hasher: h, clock: clk,
		seen: map[string]int{}, creds: map[string]*creds{}}
}

// response is one answer as the client saw it.
type response struct {
	status int
	header http.Header
	raw    []byte
	body   any // decoded JSON; nil without a body
}

// obj returns the body as a JSON object.
func (r response) obj() map[string]any {
	m, _ := r.body.(map[string]any)
	return m
}

// do sends a request with a JSON body (nil: none; a string: sent as is) and the
// Authorization header auth (none when empty).
func (e *env) do(method, path, auth string, body any) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(e.t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	require.NoError(e.t, err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	r := response{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		require.NoError(e.t, json.Unmarshal(raw, &r.body), string(raw))
	}
	return r
}

// expect checks status and body (compared as JSON; nil: no body at all); why explains
// the step.
func (e *env) expect(r response, status int, body any, why ...string) {
	e.t.Helper()
	require.Equal(e.t, status, r.status, "%v body: %s", why, r.raw)
	if body == nil {
		require.Empty(e.t, r.raw)
		return
	}
	want, err := json.Marshal(body)
	require.NoError(e.t, err)
	require.JSONEq(e.t, string(want), string(r.raw))
}

// expect401 checks a 401 with the JWT challenge.
func (e *env) expect401(r response, body any) {
	e.t.Helper()
	e.expect(r, http.StatusUnauthorized, body)
	require.Equal(e.t, `Bearer realm="api"`, r.header.Get("WWW-Authenticate"))
}

// mails returns the messages delivered to addr since the last call, after every pending
// send finished.
func (e *env) mails(addr string) []smtptest.Received {
	e.t.Helper()
	e.acc.Wait()
	var all []smtptest.Received
	for _, m := range e.smtp.Messages() {
		for _, to := range m.To {
			if strings.EqualFold(to, addr) {
				all = append(all, m)
			}
		}
	}
	out := all[e.seen[addr]:]
	e.seen[addr] = len(all)
	return out
}

var linkRE = regexp.MustCompile(`http://store\.local/#/(activate|password/reset/confirm|username/reset/confirm)/([A-Za-z0-9_-]+)/([0-9a-z]+-[0-9a-f]+)`)

// link returns kind, uid and token of the one link in a mail.
func (e *env) link(m smtptest.Received) (kind, uid, token string) {
	e.t.Helper()
	found := linkRE.FindAllStringSubmatch(m.Text, -1)
	require.Len(e.t, found, 1, m.Text)
	require.Contains(e.t, m.HTML, found[0][0], "the HTML part carries the same link")
	return found[0][1], found[0][2], found[0][3]
}

// oneMail returns the single new mail to addr, checking its subject.
func (e *env) oneMail(addr, subject string) smtptest.Received {
	e.t.Helper()
	got := e.mails(addr)
	require.Len(e.t, got, 1, "mails to %s", addr)
	require.Equal(e.t, subject, got[0].Subject)
	require.Equal(e.t, "noreply@store.local", got[0].From)
	return got[0]
}

func (e *env) noMail(addr string) {
	e.t.Helper()
	require.Empty(e.t, e.mails(addr), "mails to %s", addr)
}

const (
	subjActivation = "Account activation on Store"
	subjConfirm    = "Store - Your account has been successfully created and activated!"
	subjPwChanged  = "Store - Your password has been successfully changed!"
	subjNameChange = "Store - Your username has been successfully changed!"
	subjPwReset    = "Password reset on Store"
)

// register signs a user up and returns the activation link's uid and token.
func (e *env) register(name string, extra map[string]any) (uid, token string) {
	e.t.Helper()
	c := &creds{username: name, email: name + "@example.com", password: "Pass-" + name + "-2024!"}
	e.creds[name] = c
	body := map[string]any{"username": c.username, "email": c.email, "password": c.password}
	for k, v := range extra {
		body[k] = v
	}
	r := e.do("POST", "/auth/users/", "", body)
	require.Equal(e.t, http.StatusCreated, r.status, string(r.raw))
	c.id = int64(r.obj()["id"].(float64))
	kind, uid, token := e.link(e.oneMail(c.email, subjActivation))
	require.Equal(e.t, "activate", kind)
	return uid, token
}

// user registers, activates and logs in a user (the harness's user macro).
func (e *env) user(name string, extra map[string]any) *creds {
	e.t.Helper()
	uid, token := e.register(name, extra)
	e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
	e.oneMail(e.creds[name].email, subjConfirm)
	e.login(name)
	return e.creds[name]
}

// login gets a JWT pair for a known user.
func (e *env) login(name string) {
	e.t.Helper()
	c := e.creds[name]
	r := e.do("POST", "/auth/jwt/create/", "", map[string]any{"username": c.username, "password": c.password})
	require.Equal(e.t, http.StatusOK, r.status, string(r.raw))
	c.access, c.refresh = r.obj()["access"].(string), r.obj()["refresh"].(string)
}

// admin creates a superuser as the CLI does and logs it in.
func (e *env) admin(name string) *creds {
	e.t.Helper()
	c := &creds{username: name, email: name + "@example.com", password: "Root-pass-2024!"}
	hash, err := (&password.PBKDF2{Iterations: 1000}).Encode(c.password)
	require.NoError(e.t, err)
	u, err := e.store.CreateSuperuser(context.Background(), name, c.email, hash)
	require.NoError(e.t, err)
	c.id = u.ID
	e.creds[name] = c
	e.login(name)
	return c
}

func bearer(c *creds) string { return "Bearer " + c.access }

// dbUser reads a user from the store.
func (e *env) dbUser(id int64) *users.User {
	e.t.Helper()
	u, err := e.store.Get(context.Background(), id)
	require.NoError(e.t, err)
	return u
}
