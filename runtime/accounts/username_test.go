package accounts_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

func TestSetUsername(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		frank := e.user("frank", nil)
		e.user("gina", nil)
		e.expect(e.do("POST", "/auth/users/set_username/", bearer(frank), map[string]any{"current_password": "bad", "new_username": "frankie"}),
			http.StatusBadRequest, map[string]any{"current_password": []string{"Invalid password."}})
		e.expect(e.do("POST", "/auth/users/set_username/", bearer(frank), map[string]any{"current_password": frank.password, "new_username": "gina"}),
			http.StatusBadRequest, map[string]any{"new_username": []string{"A user with that username already exists."}})
		e.expect(e.do("POST", "/auth/users/set_username/", bearer(frank), map[string]any{"current_password": frank.password, "new_username": "frank"}),
			http.StatusBadRequest, map[string]any{"new_username": []string{"A user with that username already exists."}}, "djoser's serializer has no instance")
		e.expect(e.do("POST", "/auth/users/set_username/", bearer(frank), map[string]any{"current_password": "bad", "new_username": "a b"}),
			http.StatusBadRequest, map[string]any{"current_password": []string{"Invalid password."},
				"new_username": []string{"Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."}})
		e.expect(e.do("POST", "/auth/users/set_username/", bearer(frank), map[string]any{"current_password": frank.password, "new_username": "frankie"}),
			http.StatusNoContent, nil)
		e.oneMail("frank@example.com", subjNameChange)
		e.expect401(e.do("POST", "/auth/jwt/create/", "", map[string]any{"username": "frank", "password": frank.password}), map[string]any{"detail": noActive})
		frank.username = "frankie"
		e.login("frank")
		e.expect(e.do("GET", "/auth/users/me/", bearer(frank), nil), http.StatusOK, map[string]any{
			"email": "frank@example.com", "first_name": "", "id": frank.id, "last_name": "", "username": "frankie"})
	})
}

func TestResetUsernameFlow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		hank := e.user("hank", nil)
		e.user("ivy", nil)
		e.expect(e.do("POST", "/auth/users/reset_username/", "", map[string]any{"email": "nobody@example.com"}), http.StatusNoContent, nil)
		e.noMail("nobody@example.com")
		e.expect(e.do("POST", "/auth/users/reset_username/", "", map[string]any{"email": "hank@example.com"}), http.StatusNoContent, nil)
		kind, uid, token := e.link(e.oneMail("hank@example.com", "Username reset on Store"))
		require.Equal(t, "username/reset/confirm", kind)
		confirm := func(body map[string]any) response {
			return e.do("POST", "/auth/users/reset_username_confirm/", "", body)
		}
		e.expect(confirm(map[string]any{"uid": uid, "token": token, "new_username": "ivy"}),
			http.StatusBadRequest, map[string]any{"new_username": []string{"A user with that username already exists."}})
		e.expect(confirm(map[string]any{"uid": uid, "token": "1-2", "new_username": "henry"}),
			http.StatusBadRequest, map[string]any{"token": []string{"Invalid token for given user."}})
		e.expect(confirm(map[string]any{"uid": uid, "token": token, "new_username": "henry"}), http.StatusNoContent, nil)
		e.oneMail("hank@example.com", subjNameChange)
		e.expect(confirm(map[string]any{"uid": uid, "token": token, "new_username": "henri"}),
			http.StatusBadRequest, map[string]any{"token": []string{"Invalid token for given user."}}, "the link died with last_login")
		hank.username = "henry"
		e.login("hank")
	})
}
