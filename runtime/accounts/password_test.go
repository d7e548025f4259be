package accounts_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/db"
)

func TestSetPassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		dave := e.user("dave", nil)
		e.expect401(e.do("POST", "/auth/users/set_password/", "", map[string]any{"current_password": "x", "new_password": "y"}), notAuthenticated)
		e.expect(e.do("POST", "/auth/users/set_password/", bearer(dave), map[string]any{"current_password": "wrong", "new_password": "Brand-New-Pass-1"}),
			http.StatusBadRequest, map[string]any{"current_password": []string{"Invalid password."}})
		e.expect(e.do("POST", "/auth/users/set_password/", bearer(dave), map[string]any{"current_password": dave.password, "new_password": "12345"}),
			http.StatusBadRequest, map[string]any{"new_password": []string{"This password is too short. It must contain at least 8 characters.",
				"This password is too common.", "This password is entirely numeric."}})
		e.expect(e.do("POST", "/auth/users/set_password/", bearer(dave), map[string]any{"current_password": dave.password, "new_password": "dave-example"}),
			http.StatusBadRequest, map[string]any{"new_password": []string{"The password is too similar to the email address."}})
		e.expect(e.do("POST", "/auth/users/set_password/", bearer(dave), map[string]any{}),
			http.StatusBadRequest, map[string]any{"current_password": []string{"This field is required."}, "new_password": []string{"This field is required."}})
		e.expect(e.do("POST", "/auth/users/set_password/", bearer(dave), map[string]any{"current_password": dave.password, "new_password": "Brand-New-Pass-1"}),
			http.StatusNoContent, nil)
		e.oneMail("dave@example.com", subjPwChanged)
		e.expect401(e.do("POST", "/auth/jwt/create/", "", map[string]any{"username": "dave", "password": dave.password}), map[string]any{"detail": noActive})
		require.Equal(t, http.StatusOK, e.do("GET", "/auth/users/me/", bearer(dave), nil).status, "the old access token lives on")
		dave.password = "Brand-New-Pass-1"
		e.login("dave")
	})
}

func TestLogoutOnPasswordChange(t *testing.T) {
	e := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) { s.LogoutOnPasswordChange = true }})
	dave := e.user("dave", nil)
	key := e.do("POST", "/auth/token/login/", "", map[string]any{"username": "dave", "password": dave.password}).obj()["auth_token"].(string)
	e.expect(e.do("POST", "/auth/users/set_password/", "Token "+key, map[string]any{"current_password": dave.password, "new_password": "Brand-New-Pass-1"}),
		http.StatusNoContent, nil)
	e.expect401(e.do("GET", "/auth/users/me/", "Token "+key, nil), map[string]any{"detail": "Invalid token."})
}

func TestResetPasswordFlow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		erin := e.user("erin", nil)
		e.expect(e.do("POST", "/auth/users/reset_password/", "", map[string]any{"email": "unknown@example.com"}), http.StatusNoContent, nil)
		e.noMail("unknown@example.com")
		e.expect(e.do("POST", "/auth/users/reset_password/", "", map[string]any{}),
			http.StatusBadRequest, map[string]any{"email": []string{"This field is required."}})
		e.expect(e.do("POST", "/auth/users/reset_password/", "", map[string]any{"email": "erin@example.com"}), http.StatusNoContent, nil)
		kind, uid, token := e.link(e.oneMail("erin@example.com", subjPwReset))
		require.Equal(t, "password/reset/confirm", kind)

		confirm := func(body map[string]any) response {
			return e.do("POST", "/auth/users/reset_password_confirm/", "", body)
		}
		e.expect(confirm(map[string]any{"uid": uid, "token": "bad-token", "new_password": "Reset-Pass-999"}),
			http.StatusBadRequest, map[string]any{"token": []string{"Invalid token for given user."}})
		e.expect(confirm(map[string]any{"uid": "bad", "token": token, "new_password": "Reset-Pass-999"}),
			http.StatusBadRequest, map[string]any{"uid": []string{"Invalid user id or user doesn't exist."}})
		// The password is judged before the uid and token, as in djoser.
		e.expect(confirm(map[string]any{"uid": "bad", "token": "bad", "new_password": "123"}),
			http.StatusBadRequest, map[string]any{"new_password": []string{"This password is too short. It must contain at least 8 characters.",
				"This password is too common.", "This password is entirely numeric."}})
		e.expect(confirm(map[string]any{"uid": uid}),
			http.StatusBadRequest, map[string]any{"token": []string{"This field is required."}, "new_password": []string{"This field is required."}})
		e.expect(confirm(map[string]any{"uid": uid, "token": token, "new_password": "Reset-Pass-999"}), http.StatusNoContent, nil)
		e.oneMail("erin@example.com", subjPwChanged)
		require.NotNil(t, e.dbUser(erin.id).LastLogin)
		e.expect(confirm(map[string]any{"uid": uid, "token": token, "new_password": "Other-Pass-999"}),
			http.StatusBadRequest, map[string]any{"token": []string{"Invalid token for given user."}}, "a link works once")
		erin.password = "Reset-Pass-999"
		e.login("erin")
	})
}

func TestResetLinkExpires(t *testing.T) {
	e := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) { s.TokenTimeout = time.Hour }})
	e.user("erin", nil)
	e.expect(e.do("POST", "/auth/users/reset_password/", "", map[string]any{"email": "erin@example.com"}), http.StatusNoContent, nil)
	_, uid, token := e.link(e.oneMail("erin@example.com", subjPwReset))
	e.clock.Advance(time.Hour + 2*time.Second)
	e.expect(e.do("POST", "/auth/users/reset_password_confirm/", "", map[string]any{"uid": uid, "token": token, "new_password": "Reset-Pass-999"}),
		http.StatusBadRequest, map[string]any{"token": []string{"Invalid token for given user."}})
}

func TestResetLinkDiesWithLogin(t *testing.T) {
	e := newEnv(t, db.SQLite, options{})
	e.user("erin", nil)
	e.expect(e.do("POST", "/auth/users/reset_password/", "", map[string]any{"email": "erin@example.com"}), http.StatusNoContent, nil)
	_, uid, token := e.link(e.oneMail("erin@example.com", subjPwReset))
	e.clock.Advance(2 * time.Second) // last_login is kept to the second
	e.login("erin")
	e.expect(e.do("POST", "/auth/users/reset_password_confirm/", "", map[string]any{"uid": uid, "token": token, "new_password": "Reset-Pass-999"}),
		http.StatusBadRequest, map[string]any{"token": []string{"Invalid token for given user."}})
}

// With registration retyped, djoser serves it with user_create_password_retype: its extra
// fields, not user_create's.
func TestRetypedRegistrationSerializer(t *testing.T) {
	e := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) {
		s.UserCreatePasswordRetype = true
		s.Serializers.UserCreatePasswordRetype = []string{"last_name"}
	}})
	r := e.do("POST", "/auth/users/", "", map[string]any{"username": "zed", "email": "zed@example.com",
		"password": "Zed-pass-2024", "re_password": "Zed-pass-2024", "first_name": "Z", "last_name": "Ed"})
	require.Equal(t, http.StatusCreated, r.status, string(r.raw))
	require.Equal(t, map[string]any{"email": "zed@example.com", "username": "zed", "id": r.obj()["id"], "last_name": "Ed"}, r.obj())
	u := e.dbUser(int64(r.obj()["id"].(float64)))
	require.Equal(t, "Ed", u.LastName)
	require.Empty(t, u.FirstName)
}

func TestRetypeVariants(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{settings: func(s *accounts.Settings) {
			s.UserCreatePasswordRetype, s.SetPasswordRetype, s.SetUsernameRetype = true, true, true
			s.PasswordResetConfirmRetype, s.UsernameResetConfirmRetype = true, true
		}})
		mismatch := map[string]any{"non_field_errors": []string{"The two password fields didn't match."}}
		reg := map[string]any{"username": "zed", "email": "zed@example.com", "password": "Zed-pass-2024"}
		e.expect(e.do("POST", "/auth/users/", "", reg), http.StatusBadRequest, map[string]any{"re_password": []string{"This field is required."}})
		reg["re_password"] = "Other-pass-2024"
		e.expect(e.do("POST", "/auth/users/", "", reg), http.StatusBadRequest, mismatch)
		reg["password"], reg["re_password"] = "123", "456"
		e.expect(e.do("POST", "/auth/users/", "", reg), http.StatusBadRequest, map[string]any{"password": []string{
			"This password is too short. It must contain at least 8 characters.", "This password is too common.", "This password is entirely numeric."}},
			"the validators before the match")
		reg["password"], reg["re_password"], reg["first_name"] = "Zed-pass-2024", "Zed-pass-2024", "Zed"
		r := e.do("POST", "/auth/users/", "", reg)
		require.Equal(t, http.StatusCreated, r.status)
		require.Equal(t, map[string]any{"email": "zed@example.com", "username": "zed", "id": r.obj()["id"]}, r.obj(),
			"djoser's user_create_password_retype serializer, not the env's user_create with first_name")
		require.Empty(t, e.dbUser(int64(r.obj()["id"].(float64))).FirstName)
		_, uid, token := e.link(e.oneMail("zed@example.com", subjActivation))
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
		e.oneMail("zed@example.com", subjConfirm)
		e.creds["zed"] = &creds{username: "zed", email: "zed@example.com", password: "Zed-pass-2024", id: int64(r.obj()["id"].(float64))}
		e.login("zed")
		zed := e.creds["zed"]

		e.expect(e.do("POST", "/auth/users/set_password/", bearer(zed), map[string]any{"current_password": zed.password, "new_password": "New-zed-pass-1"}),
			http.StatusBadRequest, map[string]any{"re_new_password": []string{"This field is required."}})
		e.expect(e.do("POST", "/auth/users/set_password/", bearer(zed), map[string]any{"current_password": zed.password,
			"new_password": "New-zed-pass-1", "re_new_password": "New-zed-pass-2"}), http.StatusBadRequest, mismatch)
		e.expect(e.do("POST", "/auth/users/set_password/", bearer(zed), map[string]any{"current_password": zed.password,
			"new_password": "New-zed-pass-1", "re_new_password": "New-zed-pass-1"}), http.StatusNoContent, nil)
		zed.password = "New-zed-pass-1"
		e.oneMail("zed@example.com", subjPwChanged)

		e.expect(e.do("POST", "/auth/users/set_username/", bearer(zed), map[string]any{"current_password": zed.password,
			"new_username": "zeddy", "re_new_username": "zedd"}), http.StatusBadRequest,
			map[string]any{"non_field_errors": []string{"The two username fields didn't match."}})
		e.expect(e.do("POST", "/auth/users/set_username/", bearer(zed), map[string]any{"current_password": zed.password,
			"new_username": "zeddy", "re_new_username": "zeddy"}), http.StatusNoContent, nil)
		e.oneMail("zed@example.com", subjNameChange)

		e.expect(e.do("POST", "/auth/users/reset_password/", "", map[string]any{"email": "zed@example.com"}), http.StatusNoContent, nil)
		_, uid, token = e.link(e.oneMail("zed@example.com", subjPwReset))
		e.expect(e.do("POST", "/auth/users/reset_password_confirm/", "", map[string]any{"uid": uid, "token": token,
			"new_password": "Reset-zed-pass-1", "re_new_password": "Reset-zed-pass-2"}), http.StatusBadRequest, mismatch)
		e.expect(e.do("POST", "/auth/users/reset_password_confirm/", "", map[string]any{"uid": uid, "token": token,
			"new_password": "Reset-zed-pass-1", "re_new_password": "Reset-zed-pass-1"}), http.StatusNoContent, nil)
		e.oneMail("zed@example.com", subjPwChanged)

		e.expect(e.do("POST", "/auth/users/reset_username/", "", map[string]any{"email": "zed@example.com"}), http.StatusNoContent, nil)
		_, uid, token = e.link(e.oneMail("zed@example.com", "Username reset on Store"))
		e.expect(e.do("POST", "/auth/users/reset_username_confirm/", "", map[string]any{"uid": uid, "token": "x",
			"new_username": "zz", "re_new_username": "zy"}), http.StatusBadRequest,
			map[string]any{"non_field_errors": []string{"The two username fields didn't match."}}, "the match before the token")
		e.expect(e.do("POST", "/auth/users/reset_username_confirm/", "", map[string]any{"uid": uid, "token": token,
			"new_username": "zz", "re_new_username": "zz"}), http.StatusNoContent, nil)
		require.Equal(t, "zz", e.dbUser(zed.id).Username)
	})
}
