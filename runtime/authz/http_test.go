package authz_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/migrate"
	"github.com/authgen/authgen/runtime/users"
	"github.com/authgen/authgen/testdata/specs/perms/permsapp"
)

// The checkers over real HTTP, on SQLite and PostgreSQL: the API generated from
// testdata/specs/perms/authgen.yaml, which uses every built-in class, object rules, owner
// scoping, composition, per-method overrides and actions. Grants are made the operator's
// way, through the app's commands.

const httpSecret = "authz http test key, long enough to serve with"

// permsServer is the generated API on a fresh database of one dialect.
type permsServer struct {
	t      *testing.T
	url    string
	dbURL  string
	store  *users.Store
	tokens *jwtauth.Tokens
}

func newPermsServer(t *testing.T, dialect db.Dialect) *permsServer {
	ctx := context.Background()
	dbURL := dbtest.URL(t, dialect)
	d, err := db.Open(dbURL)
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	sub, err := fs.Sub(perms.Migrations, "migrations")
	require.NoError(t, err)
	dialectFS, err := migrate.ForDialect(sub, d.Dialect)
	require.NoError(t, err)
	m, err := migrate.New(d, dialectFS)
	require.NoError(t, err)
	_, err = m.Up(ctx)
	require.NoError(t, err)

	def := perms.Definition()
	store, err := users.NewStore(d, def.UserFields)
	require.NoError(t, err)
	cfg := def.JWT
	cfg.SigningKey = []byte(httpSecret)
	tokens, err := jwtauth.New(cfg, d)
	require.NoError(t, err)
	auth := &authn.Authenticator{Tokens: tokens, TokenAuth: true, Users: store}
	mux := http.NewServeMux()
	perms.NewAPI(d, auth, slog.New(slog.DiscardHandler)).Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &permsServer{t: t, url: srv.URL, dbURL: dbURL, store: store, tokens: tokens}
}

// user creates an active user and returns a bearer token of it.
func (s *permsServer) user(name string, staff, superuser bool) string {
	u := &users.User{Username: name, Password: "!", IsActive: true, IsStaff: staff, IsSuperuser: superuser}
	require.NoError(s.t, s.store.Create(context.Background(), u))
	access, _, err := s.tokens.ObtainPair(context.Background(), u.ID)
	require.NoError(s.t, err)
	return access
}

// cli runs one of the app's commands against the server's database and returns its output.
func (s *permsServer) cli(args ...string) string {
	var out, errs bytes.Buffer
	env := app.Env{
		Getenv: func(k string) string {
			return map[string]string{"DATABASE_URL": s.dbURL, "SECRET_KEY": httpSecret}[k]
		},
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs,
	}
	code := app.Run(context.Background(), perms.Definition(), args, env)
	require.Zero(s.t, code, "%s: %s", strings.Join(args, " "), errs.String())
	return out.String()
}

// answer is one response.
type answer struct {
	status int
	body   any
	header http.Header
}

func (a answer) json() string { raw, _ := json.Marshal(a.body); return string(raw) }

// ids returns the ids of a list answer, in order.
func (a answer) ids() []float64 {
	out := []float64{}
	for _, it := range a.body.([]any) {
		out = append(out, it.(map[string]any)["id"].(float64))
	}
	return out
}

func (s *permsServer) do(method, path, token, body string) answer {
	s.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.url+path, rd)
	require.NoError(s.t, err)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(s.t, err)
	var v any
	if len(raw) > 0 {
		require.NoError(s.t, json.Unmarshal(raw, &v), "%s", raw)
	}
	return answer{status: resp.StatusCode, body: v, header: resp.Header}
}

// status sends a request and checks its status.
func (s *permsServer) status(method, path, token, body string, want int) answer {
	s.t.Helper()
	a := s.do(method, path, token, body)
	require.Equal(s.t, want, a.status, "%s %s: %s", method, path, a.json())
	return a
}

// create posts body and returns the new object's id.
func (s *permsServer) create(path, token, body string) int64 {
	s.t.Helper()
	a := s.status("POST", path, token, body, http.StatusCreated)
	return int64(a.body.(map[string]any)["id"].(float64))
}

func TestPermissionsOverHTTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		s := newPermsServer(t, dialect)
		root := s.user("root", true, true)
		staff := s.user("staff", true, false)
		alice := s.user("alice", false, false)
		bob := s.user("bob", false, false)

		t.Run("401 versus 403", func(t *testing.T) {
			a := s.status("GET", "/api/items/", "", "", http.StatusUnauthorized)
			require.Equal(t, `Bearer realm="api"`, a.header.Get("WWW-Authenticate"))
			require.Equal(t, `{"detail":"Authentication credentials were not provided."}`, a.json())
			a = s.status("POST", "/api/catalogue/", root, `{}`, http.StatusForbidden)
			require.Equal(t, `{"detail":"You do not have permission to perform this action."}`, a.json())
			s.status("GET", "/api/items/", "garbage", "", http.StatusUnauthorized)
		})

		t.Run("AllowAny and ReadOnly", func(t *testing.T) {
			s.status("GET", "/api/open_feedback/", "", "", http.StatusOK)
			s.status("GET", "/api/catalogue/", "", "", http.StatusOK)
			s.status("POST", "/api/catalogue/", "", `{"name":"x"}`, http.StatusUnauthorized)
		})

		t.Run("DjangoModelPermissions does not guard GET", func(t *testing.T) {
			s.status("GET", "/api/items/", bob, "", http.StatusOK)
			s.status("POST", "/api/items/", bob, `{"name":"pen"}`, http.StatusForbidden)
			s.status("POST", "/api/items/", staff, `{"name":"pen"}`, http.StatusForbidden) // staff is no permission
			// Through a group, the operator's way.
			s.cli("groups", "create", "stockists", "--perm", "perms.add_item")
			s.cli("groups", "add-user", "stockists", "bob")
			require.Contains(t, s.cli("groups", "list"), "stockists: perms.add_item")
			require.Contains(t, s.cli("perms", "list", "bob"), "perms.add_item")
			require.Contains(t, s.cli("perms", "list"), "perms.pin_board")
			id := s.create("/api/items/", bob, `{"name":"pen"}`)
			s.status("GET", fmt.Sprintf("/api/items/%d/", id), alice, "", http.StatusOK)
			s.status("PATCH", fmt.Sprintf("/api/items/%d/", id), bob, `{"name":"ink"}`, http.StatusForbidden)
			s.status("DELETE", fmt.Sprintf("/api/items/%d/", id), root, "", http.StatusNoContent)
		})

		t.Run("DjangoModelPermissionsOrAnonReadOnly", func(t *testing.T) {
			s.status("GET", "/api/tags/", "", "", http.StatusOK)
			s.status("POST", "/api/tags/", "", `{"name":"red"}`, http.StatusUnauthorized)
			s.status("POST", "/api/tags/", bob, `{"name":"red"}`, http.StatusForbidden)
			id := s.create("/api/tags/", root, `{"name":"red"}`)
			s.status("GET", fmt.Sprintf("/api/tags/%d/", id), "", "", http.StatusOK)
		})

		t.Run("object rules are not asked on lists", func(t *testing.T) {
			note := s.create("/api/notes/", alice, `{"body":"alice's", "owner": 999}`)
			// The owner comes from the request, never from the body.
			a := s.status("GET", fmt.Sprintf("/api/notes/%d/", note), "", "", http.StatusOK)
			require.NotEqual(t, float64(999), a.body.(map[string]any)["owner"])
			// IsOwnerOrReadOnly: everyone reads, only the owner writes.
			s.status("PUT", fmt.Sprintf("/api/notes/%d/", note), bob, `{"body":"mine"}`, http.StatusForbidden)
			s.status("PUT", fmt.Sprintf("/api/notes/%d/", note), "", `{"body":"mine"}`, http.StatusUnauthorized)
			s.status("PUT", fmt.Sprintf("/api/notes/%d/", note), root, `{"body":"mine"}`, http.StatusForbidden) // not even a superuser owns it
			s.status("PATCH", fmt.Sprintf("/api/notes/%d/", note), alice, `{"body":"edited"}`, http.StatusOK)
			// [IsAuthenticated, IsOwner]: bob lists alice's note, yet cannot open it.
			a = s.status("GET", "/api/private_notes/", bob, "", http.StatusOK)
			require.Contains(t, a.ids(), float64(note))
			s.status("GET", fmt.Sprintf("/api/private_notes/%d/", note), bob, "", http.StatusForbidden)
			s.status("GET", fmt.Sprintf("/api/private_notes/%d/", note), alice, "", http.StatusOK)
		})

		t.Run("composition", func(t *testing.T) {
			note := s.create("/api/posts/", alice, `{"body":"post"}`)
			path := fmt.Sprintf("/api/posts/%d/", note)
			// (IsAuthenticatedOrReadOnly & IsOwnerOrReadOnly) | IsAdminUser
			s.status("GET", path, "", "", http.StatusOK)
			s.status("PATCH", path, "", `{"body":"x"}`, http.StatusUnauthorized)
			s.status("PATCH", path, bob, `{"body":"x"}`, http.StatusForbidden)
			s.status("PATCH", path, alice, `{"body":"x"}`, http.StatusOK)
			s.status("PATCH", path, staff, `{"body":"x"}`, http.StatusOK)
			// IsAuthenticated & ~IsAdminUser: staff are refused the view; and ~ on the object
			// level negates IsAdminUser's "allow everything", so no detail is ever allowed.
			s.status("GET", "/api/feedback/", staff, "", http.StatusForbidden)
			s.status("GET", "/api/feedback/", bob, "", http.StatusOK)
			id := s.create("/api/feedback/", bob, `{"text":"hi"}`)
			s.status("GET", fmt.Sprintf("/api/feedback/%d/", id), bob, "", http.StatusForbidden)
		})

		t.Run("owner scoping", func(t *testing.T) {
			mine := s.create("/api/diaries/", alice, `{"entry":"dear diary"}`)
			theirs := s.create("/api/diaries/", bob, `{"entry":"bob's"}`)
			a := s.status("GET", "/api/diaries/", alice, "", http.StatusOK)
			require.Equal(t, []float64{float64(mine)}, a.ids())
			s.status("GET", fmt.Sprintf("/api/diaries/%d/", theirs), alice, "", http.StatusNotFound)
			s.status("DELETE", fmt.Sprintf("/api/diaries/%d/", theirs), alice, "", http.StatusNotFound)
			s.status("GET", fmt.Sprintf("/api/diaries/%d/", theirs), root, "", http.StatusNotFound)
			s.status("GET", fmt.Sprintf("/api/diaries/%d/", mine), alice, "", http.StatusOK)
		})

		t.Run("per-method overrides and actions", func(t *testing.T) {
			board := s.create("/api/boards/", alice, `{"name":"b"}`)
			path := fmt.Sprintf("/api/boards/%d/", board)
			s.status("GET", "/api/boards/", "", "", http.StatusOK) // GET: AllowAny
			s.status("GET", path, "", "", http.StatusOK)
			s.status("POST", "/api/boards/", "", `{"name":"c"}`, http.StatusUnauthorized) // else IsAuthenticated
			s.status("DELETE", path, alice, "", http.StatusForbidden)                     // DELETE: IsAdminUser
			// An action's permission replaces the endpoint's: alice passes IsAuthenticated, not CanPin.
			a := s.status("POST", path+"pin/", alice, "", http.StatusForbidden)
			require.Equal(t, `{"detail":"You may not pin boards."}`, a.json())
			s.cli("perms", "grant", "alice", "perms.pin_board")
			a = s.status("POST", path+"pin/", alice, "", http.StatusOK)
			require.Equal(t, true, a.body.(map[string]any)["pinned"])
			s.cli("perms", "revoke", "alice", "perms.pin_board")
			s.status("POST", path+"pin/", alice, "", http.StatusForbidden)
			// An action without its own permission keeps the endpoint's, per method.
			s.status("POST", path+"lock/", "", "", http.StatusUnauthorized)
			s.status("POST", path+"lock/", bob, "", http.StatusOK)
			s.status("DELETE", path, staff, "", http.StatusNoContent)
		})

		t.Run("DjangoObjectPermissions with per-object grants", func(t *testing.T) {
			carol := s.user("carol", false, false)
			dave := s.user("dave", false, false)
			s.status("POST", "/api/docs/", alice, `{"title":"plan"}`, http.StatusForbidden) // add_doc is global
			s.cli("perms", "grant", "alice", "perms.add_doc")
			doc := s.create("/api/docs/", alice, `{"title":"plan"}`)
			other := s.create("/api/docs/", alice, `{"title":"other"}`)
			path := fmt.Sprintf("/api/docs/%d/", doc)
			// No grant on the object, so not even its creator sees it (guardian does not grant
			// creators anything): the list is filtered, the detail is 404.
			require.Empty(t, s.status("GET", "/api/docs/", alice, "", http.StatusOK).ids())
			s.status("GET", path, alice, "", http.StatusNotFound)
			s.status("GET", path, "", "", http.StatusUnauthorized)

			s.cli("perms", "grant-object", "bob", "perms.view_doc", "Doc", fmt.Sprint(doc))
			require.Equal(t, []float64{float64(doc)}, s.status("GET", "/api/docs/", bob, "", http.StatusOK).ids())
			s.status("GET", path, bob, "", http.StatusOK)
			s.status("GET", fmt.Sprintf("/api/docs/%d/", other), bob, "", http.StatusNotFound)
			// Writes need the model permission globally (view level) and on the object.
			s.status("PATCH", path, bob, `{"title":"x"}`, http.StatusForbidden)
			s.cli("perms", "grant", "bob", "perms.change_doc")
			s.status("PATCH", path, bob, `{"title":"x"}`, http.StatusForbidden) // readable: 403, not 404
			s.cli("perms", "grant-object", "bob", "perms.change_doc", "doc", fmt.Sprint(doc))
			s.status("PATCH", path, bob, `{"title":"x"}`, http.StatusOK)
			// Holding change_doc globally without any grant on the object: hidden.
			s.cli("perms", "grant", "carol", "perms.change_doc")
			s.status("PATCH", path, carol, `{"title":"y"}`, http.StatusNotFound)
			// Grants to a group reach its members.
			s.cli("groups", "create", "readers")
			s.cli("groups", "add-user", "readers", "dave")
			require.NoError(t, s.store.GrantGroupObjectPerm(context.Background(), "readers", "perms.view_doc", fmt.Sprint(other)))
			require.Equal(t, []float64{float64(other)}, s.status("GET", "/api/docs/", dave, "", http.StatusOK).ids())
			// Superusers see and do everything.
			require.Equal(t, []float64{float64(doc), float64(other)}, s.status("GET", "/api/docs/", root, "", http.StatusOK).ids())
			s.cli("perms", "revoke-object", "bob", "perms.view_doc", "Doc", fmt.Sprint(doc))
			s.status("GET", path, bob, "", http.StatusNotFound)
			s.status("DELETE", path, root, "", http.StatusNoContent)
		})
	})
}
