package admin_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/admin"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/users"
)

// server is the admin API over real HTTP on a database of one dialect.
type server struct {
	t      *testing.T
	url    string
	store  *users.Store
	tokens *jwtauth.Tokens
	n      int64
}

// next returns a number no other call returned, for unique names.
func (s *server) next() int64 {
	s.n++
	return s.n
}

func newServer(t *testing.T, dialect db.Dialect) *server {
	ctx := context.Background()
	d := dbtest.OpenAuth(t, dialect)
	store, err := users.NewStore(d, nil)
	require.NoError(t, err)
	require.NoError(t, store.SyncPermissions(ctx, []users.Permission{
		{App: "store", Model: "product", Codename: "view_product", Name: "Can view product"},
		{App: "store", Model: "product", Codename: "add_product", Name: "Can add product"},
		{App: "store", Model: "product", Codename: "can_publish_product", Name: "Can publish product"},
		{App: "auth", Model: "user", Codename: "view_user", Name: "Can view user"},
		{App: "auth", Model: "user", Codename: "change_user", Name: "Can change user"},
		{App: "auth", Model: "group", Codename: "view_group", Name: "Can view group"},
		{App: "auth", Model: "group", Codename: "add_group", Name: "Can add group"},
		{App: "auth", Model: "group", Codename: "change_group", Name: "Can change group"},
		{App: "auth", Model: "group", Codename: "delete_group", Name: "Can delete group"},
	}))
	tokens, err := jwtauth.New(jwtauth.Config{SigningKey: []byte("admin test key")}, d)
	require.NoError(t, err)
	mux := http.NewServeMux()
	admin.New(store, &authn.Authenticator{Tokens: tokens, Users: store}, nil).Register(mux, "/auth/")
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &server{t: t, url: srv.URL, store: store, tokens: tokens}
}

// user creates an active user and returns it with an access token.
func (s *server) user(name string, staff bool) (*users.User, string) {
	return s.newUser(&users.User{Username: name, Password: "!", IsActive: true, IsStaff: staff})
}

// superuser creates an active superuser, staff as createsuperuser makes them.
func (s *server) superuser(name string) (*users.User, string) {
	return s.newUser(&users.User{Username: name, Password: "!", IsActive: true, IsStaff: true, IsSuperuser: true})
}

func (s *server) newUser(u *users.User) (*users.User, string) {
	require.NoError(s.t, s.store.Create(context.Background(), u))
	access, _, err := s.tokens.ObtainPair(context.Background(), u.ID)
	require.NoError(s.t, err)
	return u, access
}

// do sends a request and returns the status and the decoded JSON body.
func (s *server) do(method, path, token, body string) (int, any) {
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
	return resp.StatusCode, v
}

// expect sends a request and checks its status and JSON body.
func (s *server) expect(method, path, token, body string, status int, want string) {
	s.t.Helper()
	got, v := s.do(method, path, token, body)
	raw, _ := json.Marshal(v)
	require.Equal(s.t, status, got, "%s %s: %s", method, path, raw)
	if want != "" {
		require.JSONEq(s.t, want, string(raw), "%s %s", method, path)
	}
}

func TestAdminOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		s := newServer(t, dialect)
		_, alice := s.user("alice", false)
		for _, path := range []string{"/auth/groups/", "/auth/groups/1/", "/auth/permissions/", "/auth/users/1/permissions/", "/auth/users/1/groups/"} {
			s.expect("GET", path, "", "", http.StatusUnauthorized, `{"detail":"Authentication credentials were not provided."}`)
			s.expect("GET", path, alice, "", http.StatusForbidden, `{"detail":"You do not have permission to perform this action."}`)
			s.expect("POST", path, alice, `{}`, http.StatusForbidden, "")
		}
		s.expect("GET", "/auth/groups/", "not-a-token", "", http.StatusUnauthorized, "")
	})
}

func TestGroupsAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		s := newServer(t, dialect)
		_, root := s.superuser("root")

		s.expect("GET", "/auth/permissions/", root, "", http.StatusOK,
			`["auth.add_group","auth.change_group","auth.change_user","auth.delete_group","auth.view_group","auth.view_user",`+
				`"store.add_product","store.can_publish_product","store.view_product"]`)
		s.expect("GET", "/auth/groups/", root, "", http.StatusOK, `[]`)

		// Create, with DRF's validation.
		s.expect("POST", "/auth/groups/", root, `{}`, http.StatusBadRequest, `{"name":["This field is required."]}`)
		s.expect("POST", "/auth/groups/", root, `{"name":"  "}`, http.StatusBadRequest, `{"name":["This field may not be blank."]}`)
		s.expect("POST", "/auth/groups/", root, `{"name":"`+strings.Repeat("x", 151)+`"}`, http.StatusBadRequest,
			`{"name":["Ensure this field has no more than 150 characters."]}`)
		s.expect("POST", "/auth/groups/", root, `{"name":"editors","permissions":["store.view_product","store.fly_product"]}`,
			http.StatusBadRequest, `{"permissions":["Object with permission=store.fly_product does not exist."]}`)
		s.expect("POST", "/auth/groups/", root, `{"name":"editors","permissions":"store.view_product"}`,
			http.StatusBadRequest, `{"permissions":["Expected a list of items but got type \"str\"."]}`)
		s.expect("POST", "/auth/groups/", root, `{"name":"editors","permissions":[7]}`,
			http.StatusBadRequest, `{"permissions":["Invalid value."]}`)
		s.expect("GET", "/auth/groups/", root, "", http.StatusOK, `[]`) // nothing written
		status, created := s.do("POST", "/auth/groups/", root, `{"name":"editors","permissions":["store.view_product","store.add_product"]}`)
		require.Equal(t, http.StatusCreated, status)
		id := strconv.Itoa(int(created.(map[string]any)["id"].(float64)))
		s.expect("GET", "/auth/groups/"+id+"/", root, "", http.StatusOK,
			`{"id":`+id+`,"name":"editors","permissions":["store.add_product","store.view_product"]}`)
		s.expect("POST", "/auth/groups/", root, `{"name":"editors"}`, http.StatusBadRequest, `{"name":["group with this name already exists."]}`)
		s.expect("POST", "/auth/groups/", root, `{"name":"auditors"}`, http.StatusCreated, "")

		// Update: PATCH keeps what is absent, PUT needs the name, renaming onto another
		// group's name is refused, the same name is fine.
		s.expect("PATCH", "/auth/groups/"+id+"/", root, `{"permissions":["store.can_publish_product"]}`, http.StatusOK,
			`{"id":`+id+`,"name":"editors","permissions":["store.can_publish_product"]}`)
		s.expect("PUT", "/auth/groups/"+id+"/", root, `{"permissions":[]}`, http.StatusBadRequest, `{"name":["This field is required."]}`)
		s.expect("PUT", "/auth/groups/"+id+"/", root, `{"name":"auditors"}`, http.StatusBadRequest, `{"name":["group with this name already exists."]}`)
		s.expect("PUT", "/auth/groups/"+id+"/", root, `{"name":"editors"}`, http.StatusOK,
			`{"id":`+id+`,"name":"editors","permissions":["store.can_publish_product"]}`)
		s.expect("PUT", "/auth/groups/"+id+"/", root, `{"name":"publishers","permissions":[]}`, http.StatusOK,
			`{"id":`+id+`,"name":"publishers","permissions":[]}`)
		s.expect("GET", "/auth/groups/", root, "", http.StatusOK, `[{"id":2,"name":"auditors","permissions":[]},{"id":`+id+`,"name":"publishers","permissions":[]}]`)

		// Unknown groups and methods.
		s.expect("GET", "/auth/groups/999/", root, "", http.StatusNotFound, `{"detail":"Not found."}`)
		s.expect("PATCH", "/auth/groups/999/", root, `{"name":""}`, http.StatusNotFound, `{"detail":"Not found."}`)
		s.expect("GET", "/auth/groups/x/", root, "", http.StatusNotFound, "")
		s.expect("POST", "/auth/groups/"+id+"/", root, `{}`, http.StatusMethodNotAllowed, `{"detail":"Method \"POST\" not allowed."}`)
		s.expect("PUT", "/auth/groups/", root, `{}`, http.StatusMethodNotAllowed, "")

		s.expect("DELETE", "/auth/groups/"+id+"/", root, "", http.StatusNoContent, "")
		s.expect("DELETE", "/auth/groups/"+id+"/", root, "", http.StatusNotFound, "")
	})
}

func TestUserPermissionsAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		s := newServer(t, dialect)
		ctx := context.Background()
		_, root := s.superuser("root")
		alice, aliceToken := s.user("alice", false)
		_, err := s.store.CreateGroup(ctx, "viewers", []string{"store.view_product"})
		require.NoError(t, err)
		perms := "/auth/users/" + strconv.FormatInt(alice.ID, 10) + "/permissions/"
		groups := "/auth/users/" + strconv.FormatInt(alice.ID, 10) + "/groups/"

		s.expect("GET", perms, root, "", http.StatusOK, `{"user_permissions":[],"group_permissions":[]}`)
		s.expect("POST", perms, root, `{}`, http.StatusBadRequest, `{"permissions":["This field is required."]}`)
		s.expect("POST", perms, root, `{"permissions":["store.nope"]}`, http.StatusBadRequest,
			`{"permissions":["Object with permission=store.nope does not exist."]}`)
		s.expect("POST", perms, root, `{"permissions":["store.add_product","store.can_publish_product"]}`, http.StatusOK,
			`{"user_permissions":["store.add_product","store.can_publish_product"],"group_permissions":[]}`)

		s.expect("GET", groups, root, "", http.StatusOK, `{"groups":[]}`)
		s.expect("POST", groups, root, `{"groups":["nobody"]}`, http.StatusBadRequest, `{"groups":["Object with name=nobody does not exist."]}`)
		s.expect("POST", groups, root, `{"groups":["viewers"]}`, http.StatusOK, `{"groups":["viewers"]}`)
		s.expect("GET", perms, root, "", http.StatusOK,
			`{"user_permissions":["store.add_product","store.can_publish_product"],"group_permissions":["store.view_product"]}`)

		// What the API granted is what the checks see.
		held, err := s.store.Perms(ctx, alice.ID)
		require.NoError(t, err)
		require.True(t, held.Has("store.view_product") && held.Has("store.can_publish_product"))
		// And still no admin rights for alice herself.
		s.expect("GET", perms, aliceToken, "", http.StatusForbidden, "")

		s.expect("DELETE", perms, root, `{"permissions":["store.can_publish_product","store.view_product"]}`, http.StatusOK,
			`{"user_permissions":["store.add_product"],"group_permissions":["store.view_product"]}`)
		s.expect("DELETE", groups, root, `{"groups":["viewers"]}`, http.StatusOK, `{"groups":[]}`)
		s.expect("GET", perms, root, "", http.StatusOK, `{"user_permissions":["store.add_product"],"group_permissions":[]}`)

		s.expect("GET", "/auth/users/999/permissions/", root, "", http.StatusNotFound, `{"detail":"Not found."}`)
		s.expect("POST", "/auth/users/999/groups/", root, `{"groups":["viewers"]}`, http.StatusNotFound, "")
		s.expect("PUT", perms, root, `{}`, http.StatusMethodNotAllowed, "")
	})
}
