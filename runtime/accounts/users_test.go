package accounts_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
)

var notAuthenticated = map[string]any{"detail": "Authentication credentials were not provided."}

func TestUsersListAndHideUsers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		root := e.admin("root")
		alice := e.user("alice", nil)
		bob := e.user("bob", nil)
		notFound := map[string]any{"detail": "Not found."}

		e.expect401(e.do("GET", "/auth/users/", "", nil), notAuthenticated)
		e.expect(e.do("GET", "/auth/users/", bearer(alice), nil), http.StatusNotFound, notFound)
		e.expect(e.do("GET", "/auth/users/", bearer(root), nil), http.StatusOK, []any{
			map[string]any{"email": "root@example.com", "id": root.id, "username": "root"},
			map[string]any{"email": "alice@example.com", "id": alice.id, "username": "alice"},
			map[string]any{"email": "bob@example.com", "id": bob.id, "username": "bob"},
		})
		e.expect(e.do("GET", "/auth/users/"+itoa(alice.id)+"/", bearer(alice), nil), http.StatusOK,
			map[string]any{"email": "alice@example.com", "id": alice.id, "username": "alice"})
		e.expect(e.do("GET", "/auth/users/"+itoa(bob.id)+"/", bearer(alice), nil), http.StatusNotFound, notFound)
		e.expect(e.do("PATCH", "/auth/users/"+itoa(bob.id)+"/", bearer(alice), map[string]any{"email": "x@example.com"}), http.StatusNotFound, notFound)
		e.expect(e.do("DELETE", "/auth/users/"+itoa(bob.id)+"/", bearer(alice), map[string]any{"current_password": alice.password}),
			http.StatusForbidden, map[string]any{"detail": "You do not have permission to perform this action."})
		e.expect(e.do("GET", "/auth/users/"+itoa(bob.id)+"/", bearer(root), nil), http.StatusOK,
			map[string]any{"email": "bob@example.com", "id": bob.id, "username": "bob"})
		e.expect(e.do("GET", "/auth/users/99999/", bearer(alice), nil), http.StatusNotFound, notFound)
		e.expect(e.do("GET", "/auth/users/abc/", bearer(alice), nil), http.StatusNotFound, notFound)
		e.expect401(e.do("GET", "/auth/users/"+itoa(alice.id)+"/", "", nil), notAuthenticated)
		e.expect401(e.do("GET", "/auth/users/99999/", "", nil), notAuthenticated)

		// Staff may change and delete others, proving their own password.
		e.expect(e.do("PATCH", "/auth/users/"+itoa(bob.id)+"/", bearer(root), map[string]any{"email": "robert@example.com"}),
			http.StatusOK, map[string]any{"email": "robert@example.com", "id": bob.id, "username": "bob"})
		require.False(t, e.dbUser(bob.id).IsActive, "a new address must be activated again")
		_, uid, _ := e.link(e.oneMail("robert@example.com", subjActivation))
		require.Equal(t, accounts.EncodeUID(bob.id), uid)
		e.expect(e.do("DELETE", "/auth/users/"+itoa(bob.id)+"/", bearer(root), map[string]any{"current_password": bob.password}),
			http.StatusBadRequest, map[string]any{"current_password": []string{"Invalid password."}})
		e.expect(e.do("DELETE", "/auth/users/"+itoa(bob.id)+"/", bearer(root), map[string]any{"current_password": root.password}),
			http.StatusNoContent, nil)
		_, err := e.store.Get(context.Background(), bob.id)
		require.Error(t, err)
	})
}

func TestUserListDefaultPermission(t *testing.T) {
	// djoser's default user_list, CurrentUserOrAdmin: plain users list themselves only.
	e := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) { s.Permissions = nil }})
	e.admin("root")
	alice := e.user("alice", nil)
	e.expect(e.do("GET", "/auth/users/", bearer(alice), nil), http.StatusOK, []any{
		map[string]any{"email": "alice@example.com", "id": alice.id, "username": "alice"}})

	// Without HideUsers the same request lists everyone and a denial is a 403.
	e2 := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) { s.HideUsers = false }})
	e2.admin("root")
	a2 := e2.user("alice", nil)
	b2 := e2.user("bob", nil)
	e2.expect(e2.do("GET", "/auth/users/", bearer(a2), nil), http.StatusForbidden,
		map[string]any{"detail": "You do not have permission to perform this action."})
	e2.expect(e2.do("GET", "/auth/users/"+itoa(b2.id)+"/", bearer(a2), nil), http.StatusForbidden,
		map[string]any{"detail": "You do not have permission to perform this action."})
}

func TestPermissionOverrides(t *testing.T) {
	// Registration closed to anonymous users, reads of others open (CurrentUserOrAdminOrReadOnly).
	e := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) {
		s.Permissions = map[string]authz.Checker{accounts.PermUserCreate: authz.IsAdminUser{},
			accounts.PermUser: accounts.CurrentUserOrAdminOrReadOnly{}}
	}})
	root := e.admin("root")
	e.expect401(e.do("POST", "/auth/users/", "", map[string]any{"username": "x", "password": "Str0ng-enough"}), notAuthenticated)
	r := e.do("POST", "/auth/users/", bearer(root), map[string]any{"username": "alice", "email": "alice@example.com", "password": "Alice-pass-2024"})
	require.Equal(t, http.StatusCreated, r.status)
	_, uid, token := e.link(e.oneMail("alice@example.com", subjActivation))
	e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
	e.creds["alice"] = &creds{username: "alice", password: "Alice-pass-2024", id: int64(r.obj()["id"].(float64))}
	e.login("alice")
	alice := e.creds["alice"]
	e.expect(e.do("GET", "/auth/users/"+itoa(root.id)+"/", bearer(alice), nil), http.StatusOK,
		map[string]any{"email": "root@example.com", "id": root.id, "username": "root"})
	e.expect(e.do("PATCH", "/auth/users/"+itoa(root.id)+"/", bearer(alice), map[string]any{"email": "x@example.com"}),
		http.StatusNotFound, map[string]any{"detail": "Not found."})
}

func TestMeReadUpdateDelete(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		alice := e.user("alice", map[string]any{"first_name": "Alice", "last_name": "Liddell"})
		me := func(first, last string) map[string]any {
			return map[string]any{"email": "alice@example.com", "first_name": first, "id": alice.id, "last_name": last, "username": "alice"}
		}
		e.expect(e.do("GET", "/auth/users/me/", bearer(alice), nil), http.StatusOK, me("Alice", "Liddell"))
		e.expect(e.do("PATCH", "/auth/users/me/", bearer(alice), map[string]any{"first_name": "Alicia"}), http.StatusOK, me("Alicia", "Liddell"))
		e.noMail("alice@example.com") // the address did not change: no activation mail
		e.expect(e.do("PUT", "/auth/users/me/", bearer(alice), map[string]any{"first_name": "A", "last_name": "L",
			"email": "alice@example.com"}), http.StatusOK, me("A", "L"))
		e.expect(e.do("PATCH", "/auth/users/me/", bearer(alice), map[string]any{"username": "renamed"}), http.StatusOK, me("A", "L"))
		e.expect(e.do("PATCH", "/auth/users/me/", bearer(alice), map[string]any{"email": "nope"}),
			http.StatusBadRequest, map[string]any{"email": []string{"Enter a valid email address."}})
		e.expect(e.do("PUT", "/auth/users/me/", bearer(alice), map[string]any{}), http.StatusOK, me("A", "L"))
		e.noMail("alice@example.com")
		require.True(t, e.dbUser(alice.id).IsActive)

		e.expect(e.do("DELETE", "/auth/users/me/", bearer(alice), map[string]any{}),
			http.StatusBadRequest, map[string]any{"current_password": []string{"This field is required."}})
		e.expect(e.do("DELETE", "/auth/users/me/", bearer(alice), map[string]any{"current_password": "wrong"}),
			http.StatusBadRequest, map[string]any{"current_password": []string{"Invalid password."}})
		e.expect(e.do("DELETE", "/auth/users/me/", bearer(alice), map[string]any{"current_password": alice.password}), http.StatusNoContent, nil)
		e.expect401(e.do("GET", "/auth/users/me/", bearer(alice), nil), map[string]any{"code": "user_not_found", "detail": "User not found"})
		e.expect401(e.do("POST", "/auth/jwt/create/", "", map[string]any{"username": "alice", "password": alice.password}),
			map[string]any{"detail": noActive})
	})
}

func TestMeEmailChangeDeactivates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		alice := e.user("alice", nil)
		e.expect(e.do("PATCH", "/auth/users/me/", bearer(alice), map[string]any{"email": "new@example.com"}), http.StatusOK,
			map[string]any{"email": "new@example.com", "first_name": "", "id": alice.id, "last_name": "", "username": "alice"})
		e.expect401(e.do("GET", "/auth/users/me/", bearer(alice), nil), map[string]any{"code": "user_inactive", "detail": "User is inactive"})
		e.noMail("alice@example.com")
		_, uid, token := e.link(e.oneMail("new@example.com", subjActivation))
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
		require.Equal(t, http.StatusOK, e.do("GET", "/auth/users/me/", bearer(alice), nil).status)
	})
}

// With DRF's DEFAULT_PAGINATION_CLASS set, djoser's user list is paginated like every other
// list: page numbers or limit and offset, links absolute, a page beyond the last a 404. The
// answers are those of the reference app with PageNumberPagination and PAGE_SIZE 2.
func TestUserListPagination(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{settings: func(s *accounts.Settings) {
			s.Pagination = &httpx.Pagination{PageSize: 2}
			s.Permissions = nil // djoser's CurrentUserOrAdmin: plain users list themselves
		}})
		root := e.admin("root")
		alice := e.user("alice", nil)
		bob := e.user("bob", nil)
		carol := e.user("carol", nil)
		entry := func(c *creds) map[string]any {
			return map[string]any{"email": c.username + "@example.com", "id": c.id, "username": c.username}
		}
		link := func(query string) string { return e.srv.URL + "/auth/users/" + query }
		invalid := map[string]any{"detail": "Invalid page."}

		e.expect(e.do("GET", "/auth/users/", bearer(root), nil), http.StatusOK, map[string]any{
			"count": 4, "next": link("?page=2"), "previous": nil, "results": []any{entry(root), entry(alice)}})
		e.expect(e.do("GET", "/auth/users/?page=2", bearer(root), nil), http.StatusOK, map[string]any{
			"count": 4, "next": nil, "previous": link(""), "results": []any{entry(bob), entry(carol)}})
		e.expect(e.do("GET", "/auth/users/?page=last", bearer(root), nil), http.StatusOK, map[string]any{
			"count": 4, "next": nil, "previous": link(""), "results": []any{entry(bob), entry(carol)}})
		for _, page := range []string{"3", "0", "abc"} {
			e.expect(e.do("GET", "/auth/users/?page="+page, bearer(root), nil), http.StatusNotFound, invalid, page)
		}
		e.expect(e.do("GET", "/auth/users/?page_size=10", bearer(root), nil), http.StatusOK, map[string]any{
			"count": 4, "next": link("?page=2&page_size=10"), "previous": nil, "results": []any{entry(root), entry(alice)}},
			"no max_page_size: the size is fixed")

		// A plain user's list is herself, on one page.
		e.expect(e.do("GET", "/auth/users/", bearer(alice), nil), http.StatusOK, map[string]any{
			"count": 1, "next": nil, "previous": nil, "results": []any{entry(alice)}})
		e.expect(e.do("GET", "/auth/users/?page=2", bearer(alice), nil), http.StatusNotFound, invalid)
	})

	e := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) {
		s.Pagination = &httpx.Pagination{LimitOffset: true, PageSize: 2, MaxPageSize: 3}
	}})
	root := e.admin("root")
	for _, name := range []string{"alice", "bob", "carol", "dan"} {
		e.user(name, nil)
	}
	r := e.do("GET", "/auth/users/?limit=9&offset=1", bearer(root), nil)
	require.Equal(t, http.StatusOK, r.status)
	require.EqualValues(t, 5, r.obj()["count"])
	require.Len(t, r.obj()["results"], 3, "the limit is capped at 3")
	require.Equal(t, e.srv.URL+"/auth/users/?limit=3&offset=4", r.obj()["next"])
	require.Equal(t, e.srv.URL+"/auth/users/?limit=3", r.obj()["previous"])
	r = e.do("GET", "/auth/users/?offset=9", bearer(root), nil)
	require.Equal(t, http.StatusOK, r.status, "an offset beyond the end is an empty page")
	require.Empty(t, r.obj()["results"])
}
