package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/password"
)

// definition is a small app: the built-in tables and one model's permissions, in both
// dialects, as a generated package would describe it.
func definition(t *testing.T) app.Definition {
	t.Helper()
	files := fstest.MapFS{}
	for _, d := range dbtest.Dialects {
		ddl, err := dbtest.AuthSchema(d, "")
		require.NoError(t, err)
		ddl += `INSERT INTO "django_content_type" ("app_label", "model") VALUES ('shop', 'item');` + "\n"
		for _, p := range []string{"add_item", "change_item", "delete_item", "view_item"} {
			ddl += fmt.Sprintf(`INSERT INTO "auth_permission" ("content_type_id", "codename", "name") SELECT "id", '%s', 'Can %s' FROM "django_content_type" WHERE "app_label" = 'shop';`+"\n", p, p)
		}
		dir := "migrations/" + string(d) + "/"
		files[dir+"0001_initial.up.sql"] = &fstest.MapFile{Data: []byte(ddl)}
		files[dir+"0001_initial.down.sql"] = &fstest.MapFile{Data: []byte(`DROP TABLE "authgen_object_permission";`)}
	}
	return app.Definition{
		Name:       "shop",
		Migrations: files,
		AuthMount:  "/auth/",
		Accounts:   accounts.Settings{HideUsers: true},
		JWT:        jwtauth.Config{Algorithm: "HS256", AccessLifetime: time.Minute, RefreshLifetime: time.Hour},
		Hashers:    []password.Hasher{password.PBKDF2{Iterations: 1000}},
		Mount: func(mux *http.ServeMux, s *app.Services) {
			mux.HandleFunc("GET /shop/ping/{$}", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "pong") })
		},
	}
}

type run struct {
	t   *testing.T
	def app.Definition
	env map[string]string
}

func newRun(t *testing.T, dialect db.Dialect) *run {
	return &run{t: t, def: definition(t), env: map[string]string{
		"DATABASE_URL": dbtest.URL(t, dialect), "SECRET_KEY": "app-test-secret-key-long-enough-for-serve", "EMAIL_URL": "console://",
	}}
}

// cmd runs one command and returns its exit code, stdout and stderr.
func (r *run) cmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	env := app.Env{Getenv: func(k string) string { return r.env[k] }, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}
	code := app.Run(context.Background(), r.def, args, env)
	return code, out.String(), errOut.String()
}

// item makes a row of the shop's Item (the test definition has its content type, not its
// table), so that per-object grants find their object.
func (r *run) item(id int64) {
	r.t.Helper()
	d, err := db.Open(r.env["DATABASE_URL"])
	require.NoError(r.t, err)
	defer d.Close()
	_, err = d.Exec(`CREATE TABLE IF NOT EXISTS "shop_item" ("id" integer PRIMARY KEY)`)
	require.NoError(r.t, err)
	_, err = d.Exec(`INSERT INTO "shop_item" ("id") VALUES ($1)`, id)
	require.NoError(r.t, err)
}

func TestOperatorCommands(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		r := newRun(t, dialect)
		r.env["SUPERUSER_PASSWORD"] = "pw"

		code, _, stderr := r.cmd("createsuperuser", "--username", "root", "--email", "root@example.com", "--noinput")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "1 unapplied migration(s): run `shop migrate`")

		code, out, _ := r.cmd("showmigrations")
		require.Equal(t, 0, code)
		require.Equal(t, "[ ] 0001_initial\n", out)
		code, out, _ = r.cmd("migrate")
		require.Equal(t, 0, code)
		require.Equal(t, "applied 0001_initial\n", out)
		code, out, _ = r.cmd("migrate")
		require.Equal(t, 0, code)
		require.Equal(t, "no migrations to apply\n", out)
		code, out, _ = r.cmd("showmigrations")
		require.Equal(t, 0, code)
		require.Equal(t, "[X] 0001_initial\n", out)
		code, out, _ = r.cmd("sqlmigrate", "0001_initial", "--down")
		require.Equal(t, 0, code)
		require.Contains(t, out, `DROP TABLE "authgen_object_permission"`)

		delete(r.env, "SUPERUSER_PASSWORD")
		code, _, stderr = r.cmd("createsuperuser", "--username", "root", "--email", "root@example.com", "--noinput")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "SUPERUSER_PASSWORD")
		r.env["SUPERUSER_PASSWORD"] = "pw"
		code, out, stderr = r.cmd("createsuperuser", "--username", "root", "--email", "root@example.com", "--noinput")
		require.Equal(t, 0, code, stderr)
		require.Contains(t, out, "superuser root created")
		code, _, stderr = r.cmd("createsuperuser", "--username", "root", "--email", "x@example.com", "--noinput")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, `a user named "root" already exists`)

		code, _, stderr = r.cmd("groups", "create", "Stock", "--perm", "shop.view_item", "--perm", "shop.view_itme")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "shop.view_itme")
		code, out, stderr = r.cmd("groups", "create", "Stock", "--perm", "shop.view_item")
		require.Equal(t, 0, code, stderr)
		require.Equal(t, "group Stock: 1 permission(s)\n", out)
		code, _, stderr = r.cmd("groups", "add-user", "Nope", "root")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "unknown group: Nope")
		code, _, stderr = r.cmd("groups", "add-user", "Stock", "ghost")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "unknown user: ghost")
		code, _, _ = r.cmd("groups", "add-user", "Stock", "root")
		require.Equal(t, 0, code)

		code, _, _ = r.cmd("perms", "grant", "root", "shop.add_item")
		require.Equal(t, 0, code)
		code, out, _ = r.cmd("perms", "list", "root")
		require.Equal(t, 0, code)
		require.Equal(t, "shop.add_item\nshop.view_item\n", out)
		code, _, _ = r.cmd("perms", "revoke", "root", "shop.add_item")
		require.Equal(t, 0, code)
		code, out, _ = r.cmd("perms", "list", "root")
		require.Equal(t, 0, code)
		require.Equal(t, "shop.view_item\n", out)

		code, _, stderr = r.cmd("perms", "grant-object", "root", "shop.change_item", "order", "7")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "is not a permission of model order")
		// As guardian's assign_perm, which takes the object itself: none with that id, no grant.
		r.item(8)
		code, _, stderr = r.cmd("perms", "grant-object", "root", "shop.change_item", "Item", "7")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "no Item with id 7")
		r.item(7)
		code, out, stderr = r.cmd("perms", "grant-object", "root", "shop.change_item", "Item", "7")
		require.Equal(t, 0, code, stderr)
		require.Contains(t, out, "grant-object shop.change_item on Item 7")

		code, out, stderr = r.cmd("flushexpiredtokens")
		require.Equal(t, 0, code, stderr)
		require.Equal(t, "0 expired token(s) removed\n", out)

		code, out, _ = r.cmd("migrate", "zero")
		require.Equal(t, 0, code)
		require.Equal(t, "reverted 0001_initial\n", out)
	})
}

func TestUsageErrors(t *testing.T) {
	r := newRun(t, db.SQLite)
	for _, args := range [][]string{{"bogus"}, {"serve", "extra"}, {"groups"}, {"groups", "create"}, {"perms", "root"}, {"sqlmigrate"}} {
		code, _, stderr := r.cmd(args...)
		require.Equal(t, 2, code, "%v", args)
		require.Contains(t, stderr, "usage: shop", "%v", args)
	}
	code, out, _ := r.cmd("help")
	require.Equal(t, 0, code)
	require.Contains(t, out, "createsuperuser")
}

// TestServe starts the server, checks that it migrated and answers, and that cancelling its
// context (SIGTERM in Main) shuts it down cleanly.
func TestServe(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	addr, stop := r.serveAt(t)
	resp, err := http.Get("http://" + addr + "/shop/ping/")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, "pong", string(body))

	resp, err = http.Get("http://" + addr + "/nothing/here/")
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	require.Equal(t, "text/html", resp.Header.Get("Content-Type"))
	require.Contains(t, string(body), "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>")

	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noFollow.Get("http://" + addr + "/shop/ping?x=1")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusMovedPermanently, resp.StatusCode, "Django's APPEND_SLASH")
	require.Equal(t, "/shop/ping/?x=1", resp.Header.Get("Location"))

	resp, err = http.Get("http://" + addr + "/auth/users/me/")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	require.Equal(t, `Bearer realm="api"`, resp.Header.Get("WWW-Authenticate"))

	stderr := stop()
	require.Contains(t, stderr, "migration applied")
}

// TestServeRefusesWeakSecretKeys: a key anyone could guess stops serve before it listens,
// with a message that says why and how to make a good one.
func TestServeRefusesWeakSecretKeys(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["ADDR"] = "127.0.0.1:1" // never reached: the key is checked first
	for key, why := range map[string]string{
		"a":                      "it is 1 bytes long; at least 32 are needed",
		"test-secret":            "it is 11 bytes long",
		strings.Repeat("ab", 20): "fewer than 5 distinct characters",
		"django-insecure-" + strings.Repeat("x1y2z3", 8):  "Django's insecure development keys",
		"authgen-insecure-development-key-change-me":      "published default key",
		"REFERENCE-insecure-default-secret-key-change-me": "published default key",
	} {
		r.env["SECRET_KEY"] = key
		code, _, stderr := r.cmd("serve")
		require.Equal(t, 1, code, key)
		require.Contains(t, stderr, "SECRET_KEY: weak secret key: it ", key)
		require.Contains(t, stderr, why, key)
		require.Contains(t, stderr, "/dev/urandom", key)
	}
}

// TestServeWithWeakSecretKeyAllowed: an app whose spec restores Django's acceptance of any
// key (security.legacy.weak_secret_key) serves on a short key, warning that it is guessable;
// a published key is refused all the same.
func TestServeWithWeakSecretKeyAllowed(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.def.WeakSecretKey = true

	r.env["SECRET_KEY"] = "vs-floor-secret"
	_, stop := r.serveAt(t)
	stderr := stop()
	require.Contains(t, stderr, "warning: SECRET_KEY: weak secret key: it is 15 bytes long; at least 32 are needed; serving anyway")

	r.env["ADDR"] = "127.0.0.1:1" // never reached: the key is checked first
	for _, key := range []string{"authgen-insecure-development-key-change-me", "django-insecure-" + strings.Repeat("x1y2z3", 8)} {
		r.env["SECRET_KEY"] = key
		code, _, stderr := r.cmd("serve")
		require.Equal(t, 1, code, key)
		require.Contains(t, stderr, "SECRET_KEY: weak secret key: it is ", key)
	}
}

// TestSecretKeyWarnings: unset, serve warns that it signs with a key of its own that dies
// with the process; the operator's commands sign nothing and say nothing about it.
func TestSecretKeyWarnings(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	delete(r.env, "SECRET_KEY")
	r.env["SUPERUSER_PASSWORD"] = "pw"
	for _, args := range [][]string{
		{"migrate"}, {"showmigrations"}, {"sqlmigrate", "0001_initial"},
		{"createsuperuser", "--username", "root", "--email", "root@example.com", "--noinput"},
		{"changepassword", "root"}, {"groups", "list"}, {"perms", "list"}, {"flushexpiredtokens"},
	} {
		code, _, stderr := r.cmd(args...)
		require.Equal(t, 0, code, "%v: %s", args, stderr)
		require.NotContains(t, stderr, "SECRET_KEY", "%v", args)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	r.env["ADDR"] = ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		env := app.Env{Getenv: func(k string) string { return r.env[k] }, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr}
		done <- app.Run(ctx, r.def, []string{"serve"}, env)
	}()
	require.Eventually(t, func() bool { return strings.Contains(stderr.String(), "serving") }, 10*time.Second, 20*time.Millisecond)
	cancel()
	require.Equal(t, 0, <-done, stderr.String())
	require.Contains(t, stderr.String(), "warning: SECRET_KEY is not set; signing with a random key for this process only")
}

// syncBuffer is a bytes.Buffer that a server goroutine writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveAt starts serve on a free port and returns its address and a stop that waits for
// it to exit cleanly (as on SIGTERM) and returns what it wrote to stderr.
func (r *run) serveAt(t *testing.T) (string, func() string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	r.env["ADDR"] = addr
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stderr syncBuffer
	go func() {
		env := app.Env{Getenv: func(k string) string { return r.env[k] }, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr}
		done <- app.Run(ctx, r.def, []string{"serve"}, env)
	}()
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/shop/ping/")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil
	}, 10*time.Second, 20*time.Millisecond, "serve: %s", &stderr)
	return addr, func() string {
		cancel()
		select {
		case code := <-done:
			require.Equal(t, 0, code, stderr.String())
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop")
		}
		return stderr.String()
	}
}

func post(t *testing.T, url, body string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	var m map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&m))
	return resp.StatusCode, m
}

// TestKeyRotation rotates an ES256 key set with the keys command between restarts: the
// JWKS document follows, the previous key verifies during its window, a retired key's
// tokens are refused.
func TestKeyRotation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		r := newRun(t, dialect)
		keyFile := filepath.Join(t.TempDir(), "jwt-keys.json")
		r.def.JWT.Algorithm = "ES256"
		r.def.JWTKeys = app.KeySet{File: keyFile, Env: "JWT_KEYS", RotationWindow: 2 * time.Hour}
		r.env["SUPERUSER_PASSWORD"] = "pw"
		code, _, stderr := r.cmd("migrate")
		require.Equal(t, 0, code, stderr)
		code, _, stderr = r.cmd("createsuperuser", "--username", "root", "--email", "root@example.com", "--noinput")
		require.Equal(t, 0, code, stderr)

		code, _, stderr = r.cmd("keys", "list")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "no such file")
		code, _, stderr = r.cmd("flushexpiredtokens")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "run `shop keys add`")

		code, out, stderr := r.cmd("keys", "add")
		require.Equal(t, 0, code, stderr)
		require.Contains(t, out, "added ES256 key ")
		code, out, _ = r.cmd("keys", "list")
		require.Equal(t, 0, code)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		require.Len(t, lines, 2, out)
		first := strings.Fields(lines[1])[0]
		require.Contains(t, lines[1], "signs")

		jwks := func(addr string) []any {
			resp, err := http.Get("http://" + addr + "/.well-known/jwks.json")
			require.NoError(t, err)
			defer resp.Body.Close()
			require.Equal(t, http.StatusOK, resp.StatusCode)
			var doc map[string][]any
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&doc))
			return doc["keys"]
		}
		addr, stop := r.serveAt(t)
		require.Len(t, jwks(addr), 1)
		status, pair := post(t, "http://"+addr+"/auth/jwt/create/", `{"username": "root", "password": "pw"}`)
		require.Equal(t, http.StatusOK, status, pair)
		oldRefresh := pair["refresh"].(string)
		stop()

		code, _, stderr = r.cmd("keys", "add")
		require.Equal(t, 0, code, stderr)
		code, out, _ = r.cmd("keys", "list")
		require.Equal(t, 0, code)
		require.Contains(t, out, first+"  ES256")
		require.Contains(t, out, "verifies until")
		code, _, stderr = r.cmd("keys", "retire", strings.Fields(strings.Split(out, "\n")[1])[0])
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "add its successor first")

		addr, stop = r.serveAt(t)
		require.Len(t, jwks(addr), 2, "the previous key stays published during its window")
		status, body := post(t, "http://"+addr+"/auth/jwt/verify/", `{"token": "`+oldRefresh+`"}`)
		require.Equal(t, http.StatusOK, status, "the previous key verifies: %v", body)
		stop()

		code, out, stderr = r.cmd("keys", "retire", first)
		require.Equal(t, 0, code, stderr)
		require.Contains(t, out, "retired key "+first)
		addr, stop = r.serveAt(t)
		require.Len(t, jwks(addr), 1)
		status, body = post(t, "http://"+addr+"/auth/jwt/verify/", `{"token": "`+oldRefresh+`"}`)
		require.Equal(t, http.StatusUnauthorized, status)
		require.Equal(t, "token_not_valid", body["code"])
		stop()

		// A staged key verifies but does not sign until promoted.
		code, out, stderr = r.cmd("keys", "add", "--staged")
		require.Equal(t, 0, code, stderr)
		require.Contains(t, out, "shop keys promote ")
		staged := strings.TrimSuffix(strings.Fields(out)[3], ":")
		code, out, _ = r.cmd("keys", "list")
		require.Equal(t, 0, code)
		require.Regexp(t, `(?m)^`+staged+` +ES256 +\S+ +verifies$`, out)
		code, _, stderr = r.cmd("keys", "promote", staged)
		require.Equal(t, 0, code, stderr)
		code, out, _ = r.cmd("keys", "list")
		require.Equal(t, 0, code)
		require.Regexp(t, `(?m)^`+staged+` +ES256 +\S+ +signs$`, out)

		// The same document in JWT_KEYS wins over the file.
		other := filepath.Join(t.TempDir(), "other.json")
		code, _, stderr = r.cmd("keys", "add", "--file", other, "--alg", "EdDSA")
		require.Equal(t, 0, code, stderr)
		doc, err := os.ReadFile(other)
		require.NoError(t, err)
		r.env["JWT_KEYS"] = string(doc)
		code, _, stderr = r.cmd("flushexpiredtokens")
		require.Equal(t, 1, code, "the spec's algorithm is ES256")
		require.Contains(t, stderr, "is EdDSA, not the configured ES256")
		r.def.JWT.Algorithm = "EdDSA"
		addr, stop = r.serveAt(t)
		keys := jwks(addr)
		require.Len(t, keys, 1)
		require.Equal(t, "OKP", keys[0].(map[string]any)["kty"])
		stop()
	})
}

// TestKeysArguments: a key id that begins with "-", as a base64url thumbprint may, is an
// argument and not a flag.
func TestKeysArguments(t *testing.T) {
	r := newRun(t, db.SQLite)
	file := filepath.Join(t.TempDir(), "keys.json")
	r.def.JWTKeys = app.KeySet{File: file}
	code, _, stderr := r.cmd("keys", "retire", "-abc", "--file", file)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "no such file")
	code, _, stderr = r.cmd("keys", "add", "--alg=HS256", "--staged")
	require.Equal(t, 0, code, stderr)
	code, _, stderr = r.cmd("keys", "retire", "-abc")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, `no such key: "-abc"`)
	code, _, stderr = r.cmd("keys", "add", "--bogus")
	require.Equal(t, 2, code)
	require.Contains(t, stderr, `keys add takes no arguments, found "--bogus"`)
}

// call sends a JSON request with a bearer token and a user agent, and decodes the answer.
func call(t *testing.T, method, url, access, userAgent, body string) (int, any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if access != "" {
		req.Header.Set("Authorization", "Bearer "+access)
	}
	if userAgent != "" {
		req.Header.Set("User-Agent", userAgent)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var v any
	if resp.StatusCode != http.StatusNoContent {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&v))
	}
	return resp.StatusCode, v
}

// TestSessions: each log-in is a session; a user lists them and revokes one and the others
// from a second session; an admin with auth.change_user and the operator revoke them all.
func TestSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		r := newRun(t, dialect)
		r.def.JWT.RotateRefreshTokens, r.def.JWT.BlacklistAfterRotation, r.def.JWT.Sessions = true, true, true
		r.env["SUPERUSER_PASSWORD"] = "pw"
		code, _, stderr := r.cmd("migrate")
		require.Equal(t, 0, code, stderr)
		for _, name := range []string{"root", "alice"} {
			code, _, stderr = r.cmd("createsuperuser", "--username", name, "--email", name+"@example.com", "--noinput")
			require.Equal(t, 0, code, stderr)
		}
		addr, stop := r.serveAt(t)
		defer stop()
		base := "http://" + addr + "/auth/"
		login := func(user, agent string) (access, refresh string) {
			status, v := call(t, "POST", base+"jwt/create/", "", agent, `{"username": "`+user+`", "password": "pw"}`)
			require.Equal(t, http.StatusOK, status, v)
			m := v.(map[string]any)
			return m["access"].(string), m["refresh"].(string)
		}
		laptopAccess, laptopRefresh := login("alice", "Laptop/1.0")
		phoneAccess, phoneRefresh := login("alice", "Phone/2.0")
		_, tabletRefresh := login("alice", "Tablet/3.0")

		status, v := call(t, "GET", base+"sessions/", phoneAccess, "", "")
		require.Equal(t, http.StatusOK, status, v)
		list := v.([]any)
		require.Len(t, list, 3)
		var laptopID string
		current := 0
		for _, s := range list {
			m := s.(map[string]any)
			require.Equal(t, "127.0.0.1", m["client_addr"])
			if m["current"] == true {
				current++
				require.Equal(t, "Phone/2.0", m["user_agent"])
			}
			if m["user_agent"] == "Laptop/1.0" {
				laptopID = m["id"].(string)
			}
		}
		require.Equal(t, 1, current, "the phone's session is the current one")

		// From the phone, revoke the laptop: its refresh token no longer works.
		status, _ = call(t, "DELETE", base+"sessions/"+laptopID+"/", phoneAccess, "", "")
		require.Equal(t, http.StatusNoContent, status)
		status, _ = call(t, "POST", base+"jwt/refresh/", "", "", `{"refresh": "`+laptopRefresh+`"}`)
		require.Equal(t, http.StatusUnauthorized, status)
		status, _ = call(t, "DELETE", base+"sessions/"+laptopID+"/", phoneAccess, "", "")
		require.Equal(t, http.StatusNotFound, status, "already revoked")
		rootAccess, _ := login("root", "Admin/1.0")
		status, _ = call(t, "DELETE", base+"sessions/"+laptopID+"/", rootAccess, "", "")
		require.Equal(t, http.StatusNotFound, status, "another user's session is not found")

		// Revoke all but the current: the tablet goes, the phone stays.
		status, v = call(t, "POST", base+"sessions/revoke_others/", phoneAccess, "", "")
		require.Equal(t, http.StatusOK, status, v)
		require.Equal(t, map[string]any{"revoked": float64(1)}, v)
		status, _ = call(t, "POST", base+"jwt/refresh/", "", "", `{"refresh": "`+tabletRefresh+`"}`)
		require.Equal(t, http.StatusUnauthorized, status)
		status, v = call(t, "POST", base+"jwt/refresh/", "", "", `{"refresh": "`+phoneRefresh+`"}`)
		require.Equal(t, http.StatusOK, status, v)
		phoneRefresh = v.(map[string]any)["refresh"].(string)
		status, _ = call(t, "GET", base+"sessions/", "", "", "")
		require.Equal(t, http.StatusUnauthorized, status)

		// The operator lists and revokes.
		code, out, stderr := r.cmd("sessions", "list", "alice")
		require.Equal(t, 0, code, stderr)
		require.Contains(t, out, "Phone/2.0")
		require.NotContains(t, out, "Laptop/1.0")

		// An admin needs staff status and auth.change_user: alice is a superuser too, so a
		// plain user is made for the refusal.
		status, v = call(t, "POST", base+"users/", "", "", `{"username": "bob", "email": "bob@example.com", "password": "Sufficiently-Str0ng"}`)
		require.Equal(t, http.StatusCreated, status, v)
		status, v = call(t, "POST", base+"jwt/create/", "", "", `{"username": "bob", "password": "Sufficiently-Str0ng"}`)
		require.Equal(t, http.StatusOK, status, v)
		bobAccess := v.(map[string]any)["access"].(string)
		status, v = call(t, "GET", base+"users/me/", laptopAccess, "", "")
		require.Equal(t, http.StatusOK, status, "an access token outlives its revoked session: %v", v)
		aliceID := fmt.Sprint(v.(map[string]any)["id"])
		status, _ = call(t, "DELETE", base+"users/"+aliceID+"/sessions/", bobAccess, "", "")
		require.Equal(t, http.StatusForbidden, status, "not staff")
		status, v = call(t, "GET", base+"users/"+aliceID+"/sessions/", rootAccess, "", "")
		require.Equal(t, http.StatusOK, status, v)
		require.Len(t, v.([]any), 1)
		status, v = call(t, "DELETE", base+"users/"+aliceID+"/sessions/", rootAccess, "", "")
		require.Equal(t, http.StatusOK, status, v)
		require.Equal(t, map[string]any{"revoked": float64(1)}, v)
		status, _ = call(t, "POST", base+"jwt/refresh/", "", "", `{"refresh": "`+phoneRefresh+`"}`)
		require.Equal(t, http.StatusUnauthorized, status)

		_, rootRefresh := login("root", "Admin/2.0")
		code, out, stderr = r.cmd("sessions", "revoke", "root")
		require.Equal(t, 0, code, stderr)
		require.Contains(t, out, "2 session(s) of root revoked")
		status, _ = call(t, "POST", base+"jwt/refresh/", "", "", `{"refresh": "`+rootRefresh+`"}`)
		require.Equal(t, http.StatusUnauthorized, status)
	})
}

// TestOperatorCommandsByLoginEmail: where users log in with their e-mail, the operator's
// commands name them by it, as Django's take USERNAME_FIELD; an object's content type may be
// given as Django's natural key app_label.model.
func TestOperatorCommandsByLoginEmail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		r := newRun(t, dialect)
		r.def.Accounts.LoginField = accounts.LoginEmail
		r.env["SUPERUSER_PASSWORD"] = "pw"
		code, _, stderr := r.cmd("migrate")
		require.Equal(t, 0, code, stderr)

		code, _, stderr = r.cmd("createsuperuser", "--noinput")
		require.Equal(t, 2, code)
		require.Contains(t, stderr, "createsuperuser needs --email (the login field)")
		code, out, stderr := r.cmd("createsuperuser", "--email", "alice@example.com", "--noinput")
		require.Equal(t, 0, code, stderr)
		require.Contains(t, out, "superuser alice@example.com created")
		code, _, stderr = r.cmd("createsuperuser", "--email", "alice@example.com", "--username", "other", "--noinput")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, `a user with the e-mail "alice@example.com" already exists`)

		r.env["SUPERUSER_PASSWORD"] = "new-pw"
		code, out, stderr = r.cmd("changepassword", "alice@example.com")
		require.Equal(t, 0, code, stderr)
		require.Equal(t, "password of alice@example.com changed\n", out)

		code, _, stderr = r.cmd("groups", "create", "Stock", "--perm", "shop.view_item")
		require.Equal(t, 0, code, stderr)
		code, out, stderr = r.cmd("groups", "add-user", "Stock", "alice@example.com")
		require.Equal(t, 0, code, stderr)
		require.Equal(t, "user alice@example.com added to Stock\n", out)
		code, out, stderr = r.cmd("perms", "grant", "alice@example.com", "shop.add_item")
		require.Equal(t, 0, code, stderr)
		require.Equal(t, "user alice@example.com: granted shop.add_item\n", out)
		code, out, _ = r.cmd("perms", "list", "alice@example.com")
		require.Equal(t, 0, code)
		require.Equal(t, "shop.add_item\nshop.view_item\n", out)
		code, _, _ = r.cmd("perms", "revoke", "alice@example.com", "shop.add_item")
		require.Equal(t, 0, code)
		code, out, _ = r.cmd("groups", "remove-user", "Stock", "alice@example.com")
		require.Equal(t, 0, code)
		require.Equal(t, "user alice@example.com removed from Stock\n", out)
		code, out, _ = r.cmd("perms", "list", "alice@example.com")
		require.Equal(t, 0, code)
		require.Empty(t, out)

		d, err := db.Open(r.env["DATABASE_URL"])
		require.NoError(t, err)
		defer d.Close()
		objectPerms := func() int {
			var n int
			require.NoError(t, d.QueryRowContext(context.Background(), `SELECT count(*) FROM "authgen_object_permission"`).Scan(&n))
			return n
		}
		r.item(7)
		code, out, stderr = r.cmd("perms", "grant-object", "alice@example.com", "shop.change_item", "shop.item", "7")
		require.Equal(t, 0, code, stderr)
		require.Equal(t, "user alice@example.com: grant-object shop.change_item on shop.item 7\n", out)
		require.Equal(t, 1, objectPerms())
		code, _, stderr = r.cmd("perms", "grant-object", "alice@example.com", "shop.change_item", "books.item", "7")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "permission shop.change_item is not a permission of content type books.item: it belongs to app shop")
		code, _, stderr = r.cmd("perms", "grant-object", "alice@example.com", "shop.change_item", "shop.order", "7")
		require.Equal(t, 1, code)
		require.Contains(t, stderr, "permission shop.change_item is not a permission of model shop.order")
		code, _, stderr = r.cmd("perms", "revoke-object", "alice@example.com", "shop.change_item", "Item", "7")
		require.Equal(t, 0, code, stderr)
		require.Equal(t, 0, objectPerms())

		for _, args := range [][]string{
			{"perms", "list", "ghost@example.com"}, {"changepassword", "ghost@example.com"},
			{"groups", "add-user", "Stock", "ghost@example.com"}, {"perms", "grant-object", "ghost@example.com", "shop.change_item", "shop.item", "7"},
		} {
			code, _, stderr = r.cmd(args...)
			require.Equal(t, 1, code, args)
			require.Contains(t, stderr, "unknown user: ghost@example.com", args)
		}
	})
}
