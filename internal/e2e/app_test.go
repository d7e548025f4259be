package e2e

import (
	"bufio"
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
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
)

// modulePath is the module the temporary packages are built in.
const modulePath = "github.com/authgen/authgen"

// moduleRoot is the directory of go.mod, found upwards from the test's directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above the test")
		dir = parent
	}
}

// buildApp generates testdata/specs/<spec> into a temporary package of the module (a
// directory starting with "_", which ./... patterns skip), vets it and builds its binary.
func buildApp(t *testing.T, spec string) string {
	t.Helper()
	root := moduleRoot(t)
	out, err := generator.Generate(filepath.Join(root, "testdata", "specs", spec, generator.SpecName))
	require.NoError(t, err)
	app, err := generator.Load(filepath.Join(root, "testdata", "specs", spec, generator.SpecName))
	require.NoError(t, err)

	dir, err := os.MkdirTemp(root, "_e2e_"+spec+"_")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	pkgDir := filepath.Join(dir, app.Name)
	for rel, src := range out.Files {
		path := filepath.Join(pkgDir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, src, 0o644))
	}
	rel := filepath.ToSlash(strings.TrimPrefix(dir, root+string(filepath.Separator)))
	main := fmt.Sprintf("package main\n\nimport (\n\t%q\n\t%q\n)\n\nfunc main() { app.Main(%s.Definition()) }\n",
		modulePath+"/"+rel+"/"+app.Name, modulePath+"/runtime/app", app.Name)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(main), 0o644))

	bin := filepath.Join(t.TempDir(), app.Name)
	goCmd(t, root, "vet", "./"+rel, "./"+rel+"/"+app.Name)
	// The generated permission-matrix test must pass for every app, not only the store.
	goCmd(t, root, "test", "./"+rel+"/"+app.Name)
	goCmd(t, root, "build", "-o", bin, "./"+rel)
	return bin
}

func goCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go %s:\n%s", strings.Join(args, " "), out)
}

// server is a running app.
type server struct {
	bin  string
	env  []string
	base string // http://127.0.0.1:PORT
}

const password = "correct-horse-battery"

// startApp migrates a fresh database, creates the given superusers (e-mail addresses) and
// serves the app on a free port until the test ends.
func startApp(t *testing.T, bin, databaseURL string, superusers ...string) *server {
	t.Helper()
	s := &server{bin: bin, env: append(os.Environ(),
		"DATABASE_URL="+databaseURL, "SECRET_KEY=e2e-secret-key-long-enough-for-serve-0123456789", "EMAIL_URL=console://",
		"SUPERUSER_PASSWORD="+password, "ADDR=127.0.0.1:0")}
	s.run(t, "migrate")
	for _, email := range superusers {
		s.run(t, "createsuperuser", "--email", email, "--noinput")
	}

	cmd := exec.Command(bin, "serve")
	cmd.Env = s.env
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	var logs bytes.Buffer
	var mu sync.Mutex
	addr := make(chan string, 1)
	served := regexp.MustCompile(`msg=serving addr=(http://\S+)`)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			mu.Lock()
			logs.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if m := served.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			mu.Lock()
			t.Logf("server log:\n%s", logs.String())
			mu.Unlock()
		}
	})
	select {
	case s.base = <-addr:
	case <-time.After(60 * time.Second):
		mu.Lock()
		defer mu.Unlock()
		t.Fatalf("the app did not start serving:\n%s", logs.String())
	}
	return s
}

// run runs one command of the app's binary.
func (s *server) run(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command(s.bin, args...)
	cmd.Env = s.env
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %s:\n%s", filepath.Base(s.bin), strings.Join(args, " "), out)
}

// client calls the app as one user.
type client struct {
	s     *server
	token string
}

// login returns a client holding a JWT access token of the user.
func (s *server) login(t *testing.T, email string) *client {
	t.Helper()
	c := &client{s: s}
	status, body := c.do(t, "POST", "/auth/jwt/create/", fmt.Sprintf(`{"email": %q, "password": %q}`, email, password))
	require.Equal(t, http.StatusOK, status, "%s", body)
	var tokens struct{ Access string }
	require.NoError(t, json.Unmarshal(body, &tokens))
	c.token = tokens.Access
	return c
}

// do sends body (JSON text, "" for none) and returns the status and the response body.
func (c *client) do(t *testing.T, method, path, body string) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.s.base+path, r)
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, out
}

// expect sends a request and requires the status and, unless want is "", the JSON body
// (compared as JSON values: key order and spacing do not matter).
func (c *client) expect(t *testing.T, method, path, body string, status int, want string) []byte {
	t.Helper()
	got, out := c.do(t, method, path, body)
	require.Equal(t, status, got, "%s %s %s\n→ %s", method, path, body, out)
	if want != "" {
		require.JSONEq(t, want, string(out), "%s %s %s", method, path, body)
	}
	return out
}

// field returns one top-level member of a JSON object, as JSON text.
func field(t *testing.T, body []byte, name string) string {
	t.Helper()
	var obj map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &obj), "%s", body)
	v, ok := obj[name]
	require.True(t, ok, "no %q in %s", name, body)
	return string(v)
}
