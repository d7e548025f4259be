package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/internal/smtptest"
	"github.com/authgen/authgen/runtime/db"
)

// The Django proof: the real reference app (../shared/reference/djoser_store, Debian's
// Django 3.2, DRF, djoser, simplejwt) makes the database and fills it; the store adopts it
// with `migrate --fake-initial`; then both serve it at once, and each accepts what the other
// wrote: logins, JWTs both ways, the blacklist, groups, DRF tokens, activation and reset
// links, rows with equal values, deletes that cascade as Django's, and writes from both at
// once with a clean integrity check. On SQLite and on PostgreSQL.

const (
	djangoPassword = "Django-Passw0rd-long"
	// sharedSecret is SECRET_KEY on both sides: the HS256 key of the JWTs and the key of
	// the activation and reset links.
	sharedSecret = "django-and-go-share-this-secret-key-0123456789"
)

// referenceDir is the reference app, beside the repository as the brief lays it out.
func referenceDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "reference", "djoser_store"))
	require.NoError(t, err)
	return dir
}

// requireReference skips when the reference cannot run here, and fails instead where CI
// runs (it installs the Debian packages).
func requireReference(t *testing.T) {
	t.Helper()
	dir := referenceDir(t)
	out, err := exec.Command("/usr/bin/python3", "-c", "import django, rest_framework, djoser, rest_framework_simplejwt, gunicorn, psycopg2, argon2, bcrypt").CombinedOutput()
	_, statErr := os.Stat(filepath.Join(dir, "run.sh"))
	if err == nil && statErr == nil {
		return
	}
	why := fmt.Sprintf("the Django reference cannot run here (%s: %v %v %s); .ci/run installs its Debian packages", dir, statErr, err, bytes.TrimSpace(out))
	if os.Getenv("CI") == "true" || os.Getenv("AUTHGEN_REQUIRE_POSTGRES") == "1" {
		t.Fatal(why)
	}
	t.Skip(why)
}

func TestDjangoDatabaseAdopted(t *testing.T) {
	if testing.Short() {
		t.Skip("the Django proof runs the reference app: not in -short")
	}
	requireReference(t)
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			withDjango(t, dialect)
		})
	}
}

// django runs the reference app's commands and server against one database.
type django struct {
	dir string
	env []string
}

func (d django) manage(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(d.dir, "run.sh"), append([]string{"manage"}, args...)...)
	cmd.Env = append(os.Environ(), d.env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "manage.py %s:\n%s", args[0], out)
	return string(out)
}

// python runs code in Django's shell and decodes the JSON it prints after "RESULT ".
func (d django) python(t *testing.T, code string, v any) {
	t.Helper()
	out := d.manage(t, "shell", "-c", code)
	_, js, ok := strings.Cut(out, "RESULT ")
	require.True(t, ok, "no RESULT in:\n%s", out)
	require.NoError(t, json.Unmarshal([]byte(strings.TrimSpace(js)), v), js)
}

// serve starts gunicorn on a free port and waits until it answers.
func (d django) serve(t *testing.T) *client {
	t.Helper()
	addr := freeAddr(t)
	// --preload: the master loads Django once and its two workers are forks of it, rather
	// than each worker loading it again.
	cmd := exec.Command(filepath.Join(d.dir, "run.sh"), "serve-existing", "--preload")
	cmd.Env = append(os.Environ(), append(d.env, "BIND="+addr, "WORKERS=2")...)
	logs := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	require.NoError(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	c := &client{name: "django", base: "http://" + addr}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := httpClient.Get(c.base + "/auth/users/me/")
		if err == nil {
			resp.Body.Close()
			return c
		}
		select {
		case err := <-exited:
			t.Fatalf("gunicorn exited: %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("gunicorn did not answer within 30s:\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// httpClient bounds every request, so that a server that hangs fails the test instead.
var httpClient = &http.Client{Timeout: 30 * time.Second}

// client calls one of the two servers.
type client struct {
	name string
	base string
}

// do makes a request; auth is a whole Authorization header value ("Bearer …", "Token …").
func (c *client) do(method, path, auth string, body any) (int, map[string]any, string, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, "", err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return 0, nil, "", err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, nil, "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, "", err
	}
	var obj map[string]any
	_ = json.Unmarshal(raw, &obj)
	return resp.StatusCode, obj, string(raw), nil
}

// want makes a request and requires the status.
func (c *client) want(t *testing.T, status int, method, path, auth string, body any) map[string]any {
	t.Helper()
	got, obj, raw, err := c.do(method, path, auth, body)
	require.NoError(t, err)
	require.Equal(t, status, got, "%s %s %s: %s", c.name, method, path, raw)
	return obj
}

// list makes a GET that answers a JSON list.
func (c *client) list(t *testing.T, path, auth string) []any {
	t.Helper()
	got, _, raw, err := c.do("GET", path, auth, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, got, "%s GET %s: %s", c.name, path, raw)
	var out []any
	require.NoError(t, json.Unmarshal([]byte(raw), &out), raw)
	return out
}

// login is jwt/create: the access and refresh tokens.
func (c *client) login(t *testing.T, username, password string) (access, refresh string) {
	t.Helper()
	obj := c.want(t, http.StatusOK, "POST", "/auth/jwt/create/", "", map[string]string{"username": username, "password": password})
	return obj["access"].(string), obj["refresh"].(string)
}

// djangoFixture is what the Django shell made, as it prints it.
type djangoFixture struct {
	AuthToken   string            `json:"authtoken"`
	Access      string            `json:"access"`
	Refresh     string            `json:"refresh"`
	Blacklisted string            `json:"blacklisted"`
	Hashes      map[string]string `json:"hashes"`
	Lamp        int64             `json:"lamp"`
}

// fixtureCode migrates the database, as manage.py migrate does, and fills it as a Django
// team's would be: users with every hash that Django's default PASSWORD_HASHERS write
// (pbkdf2_sha256, pbkdf2_sha1, argon2, bcrypt_sha256) and an unusable one, an inactive user,
// a superuser, a group with model permissions, a direct permission, products, reviews, a
// DRF token, an outstanding and a blacklisted JWT.
const fixtureCode = `
import json
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.contrib.auth.models import User, Group, Permission
from django.contrib.auth.hashers import make_password
from rest_framework.authtoken.models import Token
from rest_framework_simplejwt.tokens import RefreshToken
from store.models import Product, Review
PW = "` + djangoPassword + `"
User.objects.create_superuser("root", "root@example.com", PW)
alice = User.objects.create_user("alice", "alice@example.com", PW, first_name="Alice", last_name="Liddell")
for name, hasher in [("bob", "pbkdf2_sha1"), ("fay", "argon2"), ("gus", "bcrypt_sha256")]:
    u = User.objects.create_user(name, name + "@example.com", None)
    u.password = make_password(PW, hasher=hasher)
    u.save()
User.objects.create_user("carol", "carol@example.com", PW, is_active=False)
User.objects.create_user("dave", "dave@example.com", None)
erin = User.objects.create_user("erin", "erin@example.com", PW)
g = Group.objects.create(name="ProductManagers")
g.permissions.add(*Permission.objects.filter(content_type__app_label="store", codename__in=["view_product", "add_product"]))
alice.groups.add(g)
alice.user_permissions.add(Permission.objects.get(codename="can_publish_product"))
lamp = Product.objects.create(name="Lamp", description="A lamp", price="19.99", published=True)
Product.objects.create(name="Desk", description="A desk", price="120.00")
Review.objects.create(product=lamp, owner=alice, rating=4, comment="Bright")
Review.objects.create(product=lamp, owner=erin, rating=2, comment="")
token = Token.objects.create(user=alice)
refresh = RefreshToken.for_user(alice)
blacklisted = RefreshToken.for_user(alice)
blacklisted.blacklist()
print("RESULT " + json.dumps({
    "authtoken": token.key, "refresh": str(refresh), "access": str(refresh.access_token),
    "blacklisted": str(blacklisted), "lamp": lamp.id,
    "hashes": {u.username: u.password.split("$")[0] for u in User.objects.all()},
}))
`

func withDjango(t *testing.T, dialect db.Dialect) {
	mail := smtptest.Start(t)
	_, port, err := net.SplitHostPort(mail.Addr())
	require.NoError(t, err)
	dj := django{dir: referenceDir(t), env: []string{"SECRET_KEY=" + sharedSecret, "EMAIL_HOST=127.0.0.1", "EMAIL_PORT=" + port}}
	var url string
	if dialect == db.SQLite {
		path := filepath.Join(t.TempDir(), "django.sqlite3")
		dj.env = append(dj.env, "REF_DB="+path)
		url = "sqlite://" + path
	} else {
		var schema string
		schema, url = dbtest.PostgresSchema(t)
		dj.env = append(dj.env, "REF_PG=test", "PGOPTIONS=-c search_path="+schema)
	}

	// Django makes the database and fills it, in one start of Django (fixtureCode migrates).
	var fx djangoFixture
	dj.python(t, fixtureCode, &fx)
	require.True(t, strings.HasPrefix(fx.Hashes["dave"], "!"), "an unusable password")
	delete(fx.Hashes, "dave")
	require.Equal(t, map[string]string{"root": "pbkdf2_sha256", "alice": "pbkdf2_sha256", "bob": "pbkdf2_sha1",
		"fay": "argon2", "gus": "bcrypt_sha256", "carol": "pbkdf2_sha256", "erin": "pbkdf2_sha256"}, fx.Hashes)

	// The store refuses the database until it is adopted, then adopts it.
	op := operator{bin: storeBinary(t), env: []string{"DATABASE_URL=" + url, "SECRET_KEY=" + sharedSecret, "EMAIL_URL=" + mail.URL()}}
	out, err := op.command("migrate").CombinedOutput()
	require.Error(t, err)
	require.Contains(t, string(out), "adopt it with `store migrate --fake-initial`")
	require.Contains(t, op.run(t, "migrate", "--fake-initial"), "faked 0001_initial: the tables fit")
	require.Contains(t, op.run(t, "showmigrations"), "[X] 0001_initial")

	goSrv := op.serve(t)
	g := &client{name: "go", base: goSrv.base}
	d := dj.serve(t)

	t.Run("logins", func(t *testing.T) { logins(t, g, d, dj, url) })
	t.Run("tokens", func(t *testing.T) { tokens(t, g, d, fx) })
	t.Run("links", func(t *testing.T) { links(t, g, d, mail) })
	t.Run("values", func(t *testing.T) { values(t, g, d, dj, url) })
	t.Run("deletes", func(t *testing.T) { deletes(t, g, d, dj, fx) })
	t.Run("concurrent writes", func(t *testing.T) { concurrentWrites(t, g, d, url) })
	require.NotContains(t, goSrv.stderr.String(), "level=ERROR", "the Go server logged errors")
}

// logins: Django's users log in on Go with each hash Django wrote; Go keeps pbkdf2_sha256
// first (the store's hashers), so a hash it upgrades still logs in on Django; refused
// log-ins change nothing.
func logins(t *testing.T, g, d *client, dj django, url string) {
	hash := func(username string) string {
		conn, err := db.Open(url)
		require.NoError(t, err)
		defer conn.Close()
		var h string
		require.NoError(t, conn.QueryRowContext(context.Background(), `SELECT "password" FROM "auth_user" WHERE "username" = $1`, username).Scan(&h))
		return h
	}
	aliceHash := hash("alice")
	g.login(t, "alice", djangoPassword)
	require.Equal(t, aliceHash, hash("alice"), "a hash of the first hasher is kept")
	for _, name := range []string{"bob", "fay", "gus"} {
		g.login(t, name, djangoPassword)
		require.True(t, strings.HasPrefix(hash(name), "pbkdf2_sha256$260000$"), "%s's hash upgraded to the first hasher", name)
		d.login(t, name, djangoPassword)
	}

	carolHash := hash("carol")
	for _, c := range []*client{g, d} {
		c.want(t, http.StatusUnauthorized, "POST", "/auth/jwt/create/", "", map[string]string{"username": "carol", "password": djangoPassword})
		c.want(t, http.StatusUnauthorized, "POST", "/auth/jwt/create/", "", map[string]string{"username": "dave", "password": djangoPassword})
	}
	require.Equal(t, carolHash, hash("carol"), "an inactive user's refused log-in changes nothing")

	// Groups and permissions Django granted apply on Go.
	alice, _ := g.login(t, "alice", djangoPassword)
	erin, _ := g.login(t, "erin", djangoPassword)
	g.want(t, http.StatusOK, "GET", "/store/products/", "Bearer "+alice, nil)
	g.want(t, http.StatusForbidden, "GET", "/store/products/", "Bearer "+erin, nil)
	g.want(t, http.StatusForbidden, "DELETE", "/store/products/1/", "Bearer "+alice, nil)
}

// tokens: JWTs and DRF tokens of either side work on the other; a refresh token rotated
// (and so blacklisted) by either is refused by the other.
func tokens(t *testing.T, g, d *client, fx djangoFixture) {
	me := func(c *client, auth string) string {
		return c.want(t, http.StatusOK, "GET", "/auth/users/me/", auth, nil)["username"].(string)
	}
	require.Equal(t, "alice", me(g, "Bearer "+fx.Access), "Django's access token on Go")
	require.Equal(t, "alice", me(g, "Token "+fx.AuthToken), "Django's DRF token on Go")
	for _, c := range []*client{g, d} {
		obj := c.want(t, http.StatusUnauthorized, "POST", "/auth/jwt/refresh/", "", map[string]string{"refresh": fx.Blacklisted})
		require.Equal(t, "token_not_valid", obj["code"], "%s: Django's blacklisted token", c.name)
	}

	goAccess, _ := g.login(t, "erin", djangoPassword)
	require.Equal(t, "erin", me(d, "Bearer "+goAccess), "Go's access token on Django")
	goToken := g.want(t, http.StatusOK, "POST", "/auth/token/login/", "", map[string]string{"username": "erin", "password": djangoPassword})["auth_token"].(string)
	require.Equal(t, "erin", me(d, "Token "+goToken), "Go's DRF token on Django")

	// Rotation blacklists: what one side rotated, the other refuses.
	for _, pair := range [][2]*client{{d, g}, {g, d}} {
		rotator, other := pair[0], pair[1]
		_, refresh := other.login(t, "erin", djangoPassword)
		obj := rotator.want(t, http.StatusOK, "POST", "/auth/jwt/refresh/", "", map[string]string{"refresh": refresh})
		require.NotEmpty(t, obj["refresh"])
		other.want(t, http.StatusUnauthorized, "POST", "/auth/jwt/refresh/", "", map[string]string{"refresh": refresh})
		// And the new one works on the other side.
		other.want(t, http.StatusOK, "POST", "/auth/jwt/verify/", "", map[string]string{"token": obj["refresh"].(string)})
	}
	// Django's refresh token from the djangoFixture rotates on Go.
	g.want(t, http.StatusOK, "POST", "/auth/jwt/refresh/", "", map[string]string{"refresh": fx.Refresh})
	d.want(t, http.StatusUnauthorized, "POST", "/auth/jwt/refresh/", "", map[string]string{"refresh": fx.Refresh})
}

var (
	activateLink = regexp.MustCompile(`#/activate/([^/\s]+)/([^/\s]+)`)
	resetLink    = regexp.MustCompile(`#/password/reset/confirm/([^/\s]+)/([^/\s]+)`)
)

// links: an activation or reset link mailed by one side is accepted by the other.
func links(t *testing.T, g, d *client, mail *smtptest.Server) {
	for i, pair := range [][2]*client{{g, d}, {d, g}} {
		sender, receiver := pair[0], pair[1]
		name := fmt.Sprintf("link%d%s", i, sender.name)
		email := name + "@example.com"
		sender.want(t, http.StatusCreated, "POST", "/auth/users/", "", map[string]string{
			"username": name, "email": email, "password": djangoPassword, "first_name": "Link", "last_name": sender.name,
		})
		m := activateLink.FindStringSubmatch(mail.WaitFor(email, 1, 20*time.Second)[0].Text)
		require.NotNil(t, m, "an activation link from %s", sender.name)
		receiver.want(t, http.StatusNoContent, "POST", "/auth/users/activation/", "", map[string]string{"uid": m[1], "token": m[2]})
		mail.WaitFor(email, 2, 20*time.Second) // the confirmation

		// The user logs in on the sender (last_login changes, which the reset token covers).
		sender.login(t, name, djangoPassword)
		sender.want(t, http.StatusNoContent, "POST", "/auth/users/reset_password/", "", map[string]string{"email": email})
		msgs := mail.WaitFor(email, 3, 20*time.Second)
		m = resetLink.FindStringSubmatch(msgs[2].Text)
		require.NotNil(t, m, "a reset link from %s: %s", sender.name, msgs[2].Text)
		receiver.want(t, http.StatusNoContent, "POST", "/auth/users/reset_password_confirm/", "",
			map[string]string{"uid": m[1], "token": m[2], "new_password": djangoPassword + "-new"})
		sender.login(t, name, djangoPassword+"-new")
		receiver.login(t, name, djangoPassword+"-new")
	}
}

// values: rows Go writes read back on Django with the same values, through its API and its
// models (which a save must accept: the NOT NULL date_joined).
func values(t *testing.T, g, d *client, dj django, url string) {
	alice, _ := g.login(t, "alice", djangoPassword)
	product := g.want(t, http.StatusCreated, "POST", "/store/products/", "Bearer "+alice,
		map[string]any{"name": "Chair ☺", "description": "Oak\nwith a newline", "price": "42.50"})
	review := g.want(t, http.StatusCreated, "POST", "/store/reviews/", "Bearer "+alice,
		map[string]any{"product": product["id"], "rating": 5, "comment": "Sturdy"})
	profile := g.want(t, http.StatusCreated, "POST", "/store/profiles/", "Bearer "+alice,
		map[string]any{"dob": "1990-02-28", "bio": nil})
	for _, c := range []struct{ path, key string }{
		{fmt.Sprintf("/store/products/%v/", product["id"]), "product"},
		{fmt.Sprintf("/store/reviews/%v/", review["id"]), "review"},
		{fmt.Sprintf("/store/profiles/%v/", profile["id"]), "profile"},
		{"/auth/users/me/", "user"},
	} {
		onGo := g.want(t, http.StatusOK, "GET", c.path, "Bearer "+alice, nil)
		onDjango := d.want(t, http.StatusOK, "GET", c.path, "Bearer "+alice, nil)
		require.Equal(t, onGo, onDjango, c.key)
	}

	// Django's models read Go's timestamps, and save them back unchanged.
	var got map[string]map[string]any
	dj.python(t, `
import json
from django.contrib.auth.models import User
from store.models import Product
out = {}
for u in User.objects.filter(username__in=["alice", "link0go", "bob"]):
    before = (u.date_joined, u.last_login)
    u.save()
    u.refresh_from_db()
    assert (u.date_joined, u.last_login) == before, (before, u.date_joined, u.last_login)
    out[u.username] = {"date_joined": u.date_joined.isoformat(), "last_login": u.last_login.isoformat() if u.last_login else None}
p = Product.objects.get(id=`+fmt.Sprint(product["id"])+`)
out["product"] = {"price": str(p.price), "published": p.published, "name": p.name}
print("RESULT " + json.dumps(out))
`, &got)
	require.Equal(t, map[string]any{"price": "42.50", "published": false, "name": "Chair ☺"}, got["product"])
	conn, err := db.Open(url)
	require.NoError(t, err)
	defer conn.Close()
	for _, name := range []string{"alice", "link0go", "bob"} {
		var joined, last db.Time
		require.NoError(t, conn.QueryRowContext(context.Background(), `SELECT "date_joined", "last_login" FROM "auth_user" WHERE "username" = $1`, name).Scan(&joined, &last))
		require.NotNil(t, got[name]["last_login"], name)
		for col, v := range map[string]time.Time{"date_joined": joined.Time, "last_login": last.Time} {
			parsed, err := time.Parse(time.RFC3339Nano, got[name][col].(string))
			require.NoError(t, err)
			require.True(t, v.Equal(parsed), "%s.%s: Go reads %v, Django %v", name, col, v, parsed)
		}
	}
}

// deletes: a product with reviews, and a user with JWTs and a DRF token, deleted on Go
// cascade as Django's Collector would on Django's schema (its foreign keys have no ON DELETE).
func deletes(t *testing.T, g, d *client, dj django, fx djangoFixture) {
	root, _ := g.login(t, "root", djangoPassword)
	before := len(d.list(t, "/store/reviews/", "Bearer "+root))
	g.want(t, http.StatusNoContent, "DELETE", fmt.Sprintf("/store/products/%d/", fx.Lamp), "Bearer "+root, nil)
	d.want(t, http.StatusNotFound, "GET", fmt.Sprintf("/store/products/%d/", fx.Lamp), "Bearer "+root, nil)
	require.Equal(t, before-2, len(d.list(t, "/store/reviews/", "Bearer "+root)), "the lamp's two reviews went with it")

	// Erin has JWTs, a DRF token and a review: deleting her account on Go.
	erin, _ := g.login(t, "erin", djangoPassword)
	g.want(t, http.StatusNoContent, "DELETE", "/auth/users/me/", "Bearer "+erin, map[string]string{"current_password": djangoPassword})
	var left map[string]int
	dj.python(t, `
import json
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
print("RESULT " + json.dumps({
    "users": User.objects.filter(username="erin").count(),
    "tokens": Token.objects.filter(user__username="erin").count(),
    "orphaned": OutstandingToken.objects.filter(user__isnull=True).count(),
}))
`, &left)
	require.Zero(t, left["users"])
	require.Zero(t, left["tokens"], "the DRF token cascades")
	require.Positive(t, left["orphaned"], "outstanding tokens stay, SET_NULL")
	d.want(t, http.StatusUnauthorized, "GET", "/auth/users/me/", "Bearer "+erin, nil)
}

// concurrentWrites: both servers take writes at once, two clients on each, with no error,
// and the database is sound after. Each client logs in (which writes last_login and an
// outstanding token) every loginEvery rounds, and writes a product and a review a round.
// The clients run a number of rounds rather than for a time: a log-in costs a password
// hash on each side, so a time-bound loop of log-ins spent most of its time hashing and
// wrote little at once; the writes now come back to back, on both servers at the same time.
func concurrentWrites(t *testing.T, g, d *client, url string) {
	const loginEvery = 10
	rounds := 50
	if n, err := strconv.Atoi(os.Getenv("AUTHGEN_DJANGO_WRITES")); err == nil && n > 0 {
		rounds = n
	}
	var created, logins atomic.Int64
	var mu sync.Mutex
	var failures []string
	fail := func(f string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 10 {
			failures = append(failures, fmt.Sprintf(f, args...))
		}
	}
	began := time.Now()
	var wg sync.WaitGroup
	for i, c := range []*client{g, d, g, d} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var auth string
			for n := range rounds {
				if n%loginEvery == 0 {
					status, obj, raw, err := c.do("POST", "/auth/jwt/create/", "", map[string]string{"username": "alice", "password": djangoPassword})
					if err != nil || status != http.StatusOK {
						fail("%s login: %d %v %s", c.name, status, err, raw)
						return
					}
					logins.Add(1)
					auth = "Bearer " + obj["access"].(string)
				}
				status, obj, raw, err := c.do("POST", "/store/products/", auth, map[string]any{"name": fmt.Sprintf("p%d-%d", i, n), "description": "written at once", "price": "1.25"})
				if err != nil || status != http.StatusCreated {
					fail("%s product: %d %v %s", c.name, status, err, raw)
					continue
				}
				status, _, raw, err = c.do("POST", "/store/reviews/", auth, map[string]any{"product": obj["id"], "rating": 3, "comment": c.name})
				if err != nil || status != http.StatusCreated {
					fail("%s review: %d %v %s", c.name, status, err, raw)
					continue
				}
				created.Add(1)
			}
		}()
	}
	wg.Wait()
	require.Empty(t, failures)
	require.Equal(t, int64(4*rounds), created.Load(), "every round wrote its product and review")
	t.Logf("%d log-ins, %d products and %d reviews written through both servers at once in %s",
		logins.Load(), created.Load(), created.Load(), time.Since(began).Round(time.Millisecond))

	conn, err := db.Open(url)
	require.NoError(t, err)
	defer conn.Close()
	ctx := context.Background()
	var reviews int64
	require.NoError(t, conn.QueryRowContext(ctx, `SELECT count(*) FROM "store_review" WHERE "comment" IN ('go', 'django')`).Scan(&reviews))
	require.Equal(t, created.Load(), reviews, "every acknowledged write is there")
	if conn.Dialect == db.SQLite {
		var ok string
		require.NoError(t, conn.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok))
		require.Equal(t, "ok", ok)
		rows, err := conn.QueryContext(ctx, `PRAGMA foreign_key_check`)
		require.NoError(t, err)
		defer rows.Close()
		require.False(t, rows.Next(), "no dangling foreign key")
		return
	}
	var orphans int
	require.NoError(t, conn.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM store_review r WHERE NOT EXISTS (SELECT 1 FROM store_product p WHERE p.id = r.product_id)) +
		(SELECT count(*) FROM store_review r WHERE NOT EXISTS (SELECT 1 FROM auth_user u WHERE u.id = r.owner_id)) +
		(SELECT count(*) FROM token_blacklist_outstandingtoken o WHERE o.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM auth_user u WHERE u.id = o.user_id))`).Scan(&orphans))
	require.Zero(t, orphans)
}
