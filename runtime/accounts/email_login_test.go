package accounts_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/db"
)

// With login_field email the e-mail address is USERNAME_FIELD: required, unique, read-only
// in the user serializers, the login of jwt/create and token/login, and the field of the
// set_email/, reset_email/ and reset_email_confirm/ routes. The username stays a required
// field of registration (REQUIRED_FIELDS).
func TestLoginByEmail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{settings: func(s *accounts.Settings) { s.LoginField = "email" }})
		require.Contains(t, e.acc.Routes(), "users/set_email/")
		require.Contains(t, e.acc.Routes(), "users/reset_email_confirm/")
		require.NotContains(t, e.acc.Routes(), "users/set_username/")

		e.expect(e.do("POST", "/auth/users/", "", map[string]any{}), http.StatusBadRequest, map[string]any{
			"username": []string{"This field is required."}, "email": []string{"This field is required."},
			"password": []string{"This field is required."}})
		r := e.do("POST", "/auth/users/", "", map[string]any{"username": "alice", "email": "alice@example.com", "password": "Alice-pass-2024"})
		require.Equal(t, http.StatusCreated, r.status, string(r.raw))
		id := int64(r.obj()["id"].(float64))
		require.Equal(t, `{"username":"alice","email":"alice@example.com","id":`+itoa(id)+`,"first_name":"","last_name":""}`, string(r.raw))
		e.expect(e.do("POST", "/auth/users/", "", map[string]any{"username": "alice2", "email": "alice@example.com", "password": "Alice-pass-2024"}),
			http.StatusBadRequest, map[string]any{"email": []string{"user with this email address already exists."}})
		e.expect(e.do("POST", "/auth/users/", "", map[string]any{"username": "alice3", "email": "", "password": "Alice-pass-2024"}),
			http.StatusBadRequest, map[string]any{"email": []string{"This field may not be blank."}})
		_, uid, token := e.link(e.oneMail("alice@example.com", subjActivation))
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
		e.oneMail("alice@example.com", subjConfirm)

		e.expect(e.do("POST", "/auth/jwt/create/", "", map[string]any{"username": "alice", "password": "Alice-pass-2024"}),
			http.StatusBadRequest, map[string]any{"email": []string{"This field is required."}})
		r = e.do("POST", "/auth/jwt/create/", "", map[string]any{"email": "alice@example.com", "password": "Alice-pass-2024"})
		require.Equal(t, http.StatusOK, r.status, string(r.raw))
		alice := &creds{email: "alice@example.com", password: "Alice-pass-2024", id: id, access: r.obj()["access"].(string)}
		r = e.do("POST", "/auth/token/login/", "", map[string]any{"email": "alice@example.com", "password": "Alice-pass-2024"})
		require.Equal(t, http.StatusOK, r.status, string(r.raw))

		me := map[string]any{"username": "alice", "id": id, "email": "alice@example.com", "first_name": "", "last_name": ""}
		e.expect(e.do("GET", "/auth/users/me/", bearer(alice), nil), http.StatusOK, me)
		me["username"] = "alicia"
		e.expect(e.do("PATCH", "/auth/users/me/", bearer(alice), map[string]any{"username": "alicia", "email": "ignored@example.com"}),
			http.StatusOK, me)

		e.expect(e.do("POST", "/auth/users/set_email/", bearer(alice), map[string]any{"current_password": alice.password, "new_email": "bad"}),
			http.StatusBadRequest, map[string]any{"new_email": []string{"Enter a valid email address."}})
		e.expect(e.do("POST", "/auth/users/set_email/", bearer(alice), map[string]any{"current_password": alice.password, "new_email": "alice@example.com"}),
			http.StatusBadRequest, map[string]any{"new_email": []string{"user with this email address already exists."}})
		e.expect(e.do("POST", "/auth/users/set_email/", bearer(alice), map[string]any{"current_password": alice.password, "new_email": "alice@new.example"}),
			http.StatusNoContent, nil)
		e.oneMail("alice@new.example", subjNameChange)

		e.expect(e.do("POST", "/auth/users/reset_email/", "", map[string]any{"email": "alice@new.example"}), http.StatusNoContent, nil)
		_, uid, token = e.link(e.oneMail("alice@new.example", "Username reset on Store"))
		e.expect(e.do("POST", "/auth/users/reset_email_confirm/", "", map[string]any{"uid": uid, "token": token, "new_email": "alice@third.example"}),
			http.StatusNoContent, nil)
		e.oneMail("alice@third.example", subjNameChange)
		require.Equal(t, http.StatusOK, e.do("POST", "/auth/jwt/create/", "", map[string]any{"email": "alice@third.example", "password": alice.password}).status)
	})
}

func TestLoginByEmailRetype(t *testing.T) {
	e := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) { s.LoginField = "email"; s.SetUsernameRetype = true }})
	r := e.do("POST", "/auth/users/", "", map[string]any{"username": "bo", "email": "bo@example.com", "password": "Bo-pass-20240"})
	require.Equal(t, http.StatusCreated, r.status)
	_, uid, token := e.link(e.oneMail("bo@example.com", subjActivation))
	e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
	access := e.do("POST", "/auth/jwt/create/", "", map[string]any{"email": "bo@example.com", "password": "Bo-pass-20240"}).obj()["access"].(string)
	e.expect(e.do("POST", "/auth/users/set_email/", "Bearer "+access, map[string]any{"current_password": "Bo-pass-20240",
		"new_email": "b@example.com", "re_new_email": "c@example.com"}), http.StatusBadRequest,
		map[string]any{"non_field_errors": []string{"The two email fields didn't match."}})
}
