package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/db"
)

// The end-to-end test builds the example into a binary and drives it as an operator and its
// clients would: the CLI for migrations, users, groups and permissions; `serve` over real HTTP
// (account e-mails printed by EMAIL_URL=console:// and followed from its output); SIGTERM to
// stop. It runs on SQLite and on PostgreSQL.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// storeBinary builds ./examples/store once per test process.
func storeBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "authgen-store-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "store")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return binPath
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitFor polls the buffer until re matches, and returns the submatches.
func (l *lockedBuffer) waitFor(t *testing.T, re *regexp.Regexp, what string) []string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(l.String()); m != nil {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s; output so far:\n%s", what, l.String())
	return nil
}

// operator runs the binary's commands against one database.
type operator struct {
	bin string
	env []string
}

func (o operator) command(args ...string) *exec.Cmd {
	cmd := exec.Command(o.bin, args...)
	cmd.Env = append(os.Environ(), o.env...)
	return cmd
}

// run runs one CLI command to completion and requires it to succeed.
func (o operator) run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := o.command(args...).CombinedOutput()
	require.NoError(t, err, "store %s:\n%s", strings.Join(args, " "), out)
	return string(out)
}

// server is a running `store serve`.
type server struct {
	cmd    *exec.Cmd
	base   string
	stdout *lockedBuffer // mails (EMAIL_URL=console://)
	stderr *lockedBuffer // logs
	exited chan error
}

var servingRe = regexp.MustCompile(`msg=serving addr=(http://\S+)`)

// serve starts the server on a port the kernel picks (ADDR=127.0.0.1:0) and waits until it
// logs its address; the server is stopped when the test ends if the test did not stop it.
func (o operator) serve(t *testing.T) *server {
	t.Helper()
	s := &server{stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, exited: make(chan error, 1)}
	s.cmd = o.command("serve")
	s.cmd.Env = append(s.cmd.Env, "ADDR=127.0.0.1:0")
	s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
	require.NoError(t, s.cmd.Start())
	go func() { s.exited <- s.cmd.Wait() }()
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			_ = s.cmd.Process.Kill()
			<-s.exited
		}
	})
	s.base = s.stderr.waitFor(t, servingRe, "the server to listen")[1]
	return s
}

// stop sends SIGTERM and requires a clean exit: status 0, within the shutdown timeout.
func (s *server) stop(t *testing.T) {
	t.Helper()
	require.NoError(t, s.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-s.exited:
		require.NoError(t, err, "store serve after SIGTERM; logs:\n%s", s.stderr.String())
	case <-time.After(15 * time.Second):
		t.Fatalf("store serve did not exit within 15s of SIGTERM; logs:\n%s", s.stderr.String())
	}
	require.True(t, s.cmd.ProcessState.Success())
	require.NotContains(t, s.stderr.String(), "level=ERROR", "the server logged errors")
}

// response is one HTTP answer, its body decoded.
type response struct {
	status int
	header http.Header
	body   any
	raw    string
}

func (r response) object(t *testing.T) map[string]any {
	t.Helper()
	m, ok := r.body.(map[string]any)
	require.True(t, ok, "expected a JSON object, got %s", r.raw)
	return m
}

// call makes one request with an optional bearer token and JSON body.
func (s *server) call(t *testing.T, method, path, token string, body any) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.base+path, rd)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	out := response{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if len(raw) > 0 {
		require.NoError(t, json.Unmarshal(raw, &out.body), "%s %s answered %d with non-JSON: %s", method, path, resp.StatusCode, raw)
	}
	return out
}

// expect requires the status, showing the body when it differs.
func expect(t *testing.T, want int, r response) response {
	t.Helper()
	require.Equal(t, want, r.status, "body: %s", r.raw)
	return r
}

// login obtains an access token through jwt/create.
func (s *server) login(t *testing.T, username, password string) string {
	t.Helper()
	r := expect(t, http.StatusOK, s.call(t, "POST", "/auth/jwt/create/", "", map[string]string{"username": username, "password": password}))
	access, ok := r.object(t)["access"].(string)
	require.True(t, ok, r.raw)
	return access
}

// register signs a user up through djoser's registration, then follows the activation link
// of the e-mail the server printed, as the user would.
func (s *server) register(t *testing.T, username, password string) {
	t.Helper()
	email := username + "@example.com"
	expect(t, http.StatusCreated, s.call(t, "POST", "/auth/users/", "", map[string]string{
		"username": username, "email": email, "password": password, "first_name": "First", "last_name": "Last",
	}))
	// Inactive until activated: djoser's login refusal.
	r := expect(t, http.StatusUnauthorized, s.call(t, "POST", "/auth/jwt/create/", "", map[string]string{"username": username, "password": password}))
	require.Equal(t, "No active account found with the given credentials", r.object(t)["detail"])

	link := regexp.MustCompile(`(?s)To: ` + regexp.QuoteMeta(email) + `\n.*?http://store\.local/#/activate/([^/\s]+)/([^/\s]+)`)
	m := s.stdout.waitFor(t, link, "the activation e-mail to "+email)
	expect(t, http.StatusNoContent, s.call(t, "POST", "/auth/users/activation/", "", map[string]string{"uid": m[1], "token": m[2]}))
}

const (
	rootPassword = "root-Passw0rd-long"
	userPassword = "correct-Horse-battery-9"
)

func TestEndToEnd(t *testing.T) {
	bin := storeBinary(t)
	for _, dialect := range dialects {
		t.Run(string(dialect), func(t *testing.T) {
			endToEnd(t, operator{bin: bin, env: []string{
				"DATABASE_URL=" + databaseURL(t, dialect),
				"SECRET_KEY=end-to-end-test-secret-key-long-enough-for-serve",
				"EMAIL_URL=console://",
				"SUPERUSER_PASSWORD=" + rootPassword,
			}}, dialect)
		})
	}
}

func endToEnd(t *testing.T, op operator, dialect db.Dialect) {
	require.Contains(t, op.run(t, "migrate"), "applied 0001_initial")
	require.Contains(t, op.run(t, "migrate"), "no migrations to apply")
	op.run(t, "createsuperuser", "--username", "root", "--email", "root@example.com", "--noinput")
	op.run(t, "groups", "create", "viewers", "--perm", "store.view_product")
	op.run(t, "groups", "create", "managers", "--perm", "store.view_product", "--perm", "store.add_product",
		"--perm", "store.change_product", "--perm", "store.delete_product")

	s := op.serve(t)
	require.Contains(t, s.stderr.String(), "database="+string(dialect))

	// Anonymous: 401 with the JWT challenge.
	r := expect(t, http.StatusUnauthorized, s.call(t, "GET", "/store/products/", "", nil))
	require.Equal(t, `Bearer realm="api"`, r.header.Get("WWW-Authenticate"))
	require.Equal(t, map[string]any{"detail": "Authentication credentials were not provided."}, r.body)

	// A bad token is refused with simplejwt's body, also a 401.
	r = expect(t, http.StatusUnauthorized, s.call(t, "GET", "/store/products/", "not-a-jwt", nil))
	require.Equal(t, "token_not_valid", r.object(t)["code"])

	// The superuser holds every permission without any group.
	root := s.login(t, "root", rootPassword)
	expect(t, http.StatusOK, s.call(t, "GET", "/store/products/", root, nil))

	// Alice, authenticated without the permission: 403; then through the viewers group: 200.
	s.register(t, "alice", userPassword)
	alice := s.login(t, "alice", userPassword)
	r = expect(t, http.StatusForbidden, s.call(t, "GET", "/store/products/", alice, nil))
	require.Equal(t, map[string]any{"detail": "You do not have permission to perform this action."}, r.body)
	op.run(t, "groups", "add-user", "viewers", "alice")
	r = expect(t, http.StatusOK, s.call(t, "GET", "/store/products/", alice, nil))
	require.Equal(t, []any{}, r.body)
	// Viewing is not adding.
	expect(t, http.StatusForbidden, s.call(t, "POST", "/store/products/", alice, map[string]any{"name": "Pen", "description": "", "price": "1.00"}))

	// Bob manages products: a create/read/update/delete round trip.
	s.register(t, "bob", userPassword)
	op.run(t, "groups", "add-user", "managers", "bob")
	bob := s.login(t, "bob", userPassword)

	r = expect(t, http.StatusBadRequest, s.call(t, "POST", "/store/products/", bob, map[string]any{"price": "abc"}))
	require.Equal(t, map[string]any{
		"name":        []any{"This field is required."},
		"description": []any{"This field is required."},
		"price":       []any{"A valid number is required."},
	}, r.body)

	r = expect(t, http.StatusCreated, s.call(t, "POST", "/store/products/", bob, map[string]any{"name": "Pen", "description": "Blue ink", "price": "1.5"}))
	created := r.object(t)
	id, ok := created["id"].(float64)
	require.True(t, ok, r.raw)
	detail := fmt.Sprintf("/store/products/%d/", int64(id))
	want := map[string]any{"id": id, "name": "Pen", "description": "Blue ink", "price": "1.50", "published": false}
	require.Equal(t, want, created)

	require.Equal(t, want, expect(t, http.StatusOK, s.call(t, "GET", detail, bob, nil)).body)
	require.Equal(t, want, expect(t, http.StatusOK, s.call(t, "GET", detail, alice, nil)).body)
	require.Equal(t, []any{want}, expect(t, http.StatusOK, s.call(t, "GET", "/store/products/", alice, nil)).body)

	want["description"], want["price"] = "Red ink", "2.00"
	require.Equal(t, want, expect(t, http.StatusOK, s.call(t, "PUT", detail, bob, map[string]any{"name": "Pen", "description": "Red ink", "price": "2"})).body)
	want["price"] = "2.25"
	require.Equal(t, want, expect(t, http.StatusOK, s.call(t, "PATCH", detail, bob, map[string]any{"price": 2.25})).body)
	// The request log names a generated route with the method it served, as a ServeMux
	// pattern with one.
	s.stderr.waitFor(t, regexp.MustCompile(`method=PATCH route="PATCH /store/products/\{id\}/\{\$\}" path=/store/products/\d+/ status=200`),
		"the PATCH's log line")
	require.Equal(t, want, expect(t, http.StatusOK, s.call(t, "GET", detail, alice, nil)).body)
	expect(t, http.StatusForbidden, s.call(t, "PATCH", detail, alice, map[string]any{"price": "0.01"}))
	expect(t, http.StatusForbidden, s.call(t, "DELETE", detail, alice, nil))

	// Publishing takes its own permission, with the spec's message; granted directly.
	r = expect(t, http.StatusForbidden, s.call(t, "POST", detail+"publish/", bob, nil))
	require.Equal(t, map[string]any{"detail": "You do not have permission to publish products."}, r.body)
	op.run(t, "perms", "grant", "bob", "store.can_publish_product")
	want["published"] = true
	require.Equal(t, want, expect(t, http.StatusOK, s.call(t, "POST", detail+"publish/", bob, nil)).body)

	expect(t, http.StatusNoContent, s.call(t, "DELETE", detail, bob, nil))
	r = expect(t, http.StatusNotFound, s.call(t, "GET", detail, bob, nil))
	require.Equal(t, map[string]any{"detail": "Not found."}, r.body)

	// Leaving the group takes the permission away on the next request.
	op.run(t, "groups", "remove-user", "viewers", "alice")
	expect(t, http.StatusForbidden, s.call(t, "GET", "/store/products/", alice, nil))

	s.stop(t)
}
