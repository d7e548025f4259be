package accounts_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/db"
)

func TestRegistrationAndActivation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		r := e.do("POST", "/auth/users/", "", map[string]any{"username": "alice", "email": "alice@example.com",
			"password": "Alice-pass-2024", "first_name": "Alice", "last_name": "Liddell"})
		require.Equal(t, http.StatusCreated, r.status)
		id := r.obj()["id"]
		e.expect(r, http.StatusCreated, map[string]any{"email": "alice@example.com", "username": "alice", "id": id,
			"first_name": "Alice", "last_name": "Liddell"})
		require.Equal(t, `{"email":"alice@example.com","username":"alice","id":`+string(jsonNumber(id))+`,"first_name":"Alice","last_name":"Liddell"}`,
			string(r.raw), "fields in djoser's order")
		alice := e.dbUser(int64(id.(float64)))
		require.False(t, alice.IsActive, "inactive until activated")
		require.True(t, alice.HasUsablePassword())
		require.NotContains(t, alice.Password, "Alice-pass-2024")

		e.expect(e.do("POST", "/auth/users/", "", map[string]any{"username": "alice", "email": "other@example.com", "password": "An0ther-Good-Pass"}),
			http.StatusBadRequest, map[string]any{"username": []string{"A user with that username already exists."}})
		e.expect(e.do("POST", "/auth/users/", "", map[string]any{}),
			http.StatusBadRequest, map[string]any{"password": []string{"This field is required."}, "username": []string{"This field is required."}})
		e.expect(e.do("POST", "/auth/users/", "", nil),
			http.StatusBadRequest, map[string]any{"password": []string{"This field is required."}, "username": []string{"This field is required."}})
		e.expect(e.do("POST", "/auth/users/", "", map[string]any{"username": "xavier", "email": "xavier@example.com"}),
			http.StatusBadRequest, map[string]any{"password": []string{"This field is required."}})
		e.expect(e.do("POST", "/auth/users/", "", map[string]any{"username": "yolanda", "email": "not-an-email", "password": "An0ther-Good-Pass"}),
			http.StatusBadRequest, map[string]any{"email": []string{"Enter a valid email address."}})
		e.expect(e.do("POST", "/auth/users/", "", map[string]any{"username": "bad name!", "email": "", "password": "An0ther-Good-Pass",
			"first_name": nil, "last_name": 12}),
			http.StatusBadRequest, map[string]any{"username": []string{"Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."},
				"first_name": []string{"This field may not be null."}})
		e.expect(e.do("POST", "/auth/users/", "", map[string]any{"username": "  ", "password": true}),
			http.StatusBadRequest, map[string]any{"username": []string{"This field may not be blank."}, "password": []string{"Not a valid string."}})
		long := make([]byte, 151)
		for i := range long {
			long[i] = 'a'
		}
		e.expect(e.do("POST", "/auth/users/", "", map[string]any{"username": string(long), "password": "An0ther-Good-Pass"}),
			http.StatusBadRequest, map[string]any{"username": []string{"Ensure this field has no more than 150 characters."}})
		e.expect(e.do("POST", "/auth/users/", "", `["a list"]`),
			http.StatusBadRequest, map[string]any{"non_field_errors": []string{"Invalid data. Expected a dictionary, but got list."}})

		// The mailed link activates alice.
		m := e.oneMail("alice@example.com", subjActivation)
		kind, uid, token := e.link(m)
		require.Equal(t, "activate", kind)
		require.Equal(t, accounts.EncodeUID(alice.ID), uid, "uid is the base64 of the id")
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": "abc-0123456789abcdef"}),
			http.StatusBadRequest, map[string]any{"token": []string{"Invalid token for given user."}})
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": "Zm9v", "token": token}),
			http.StatusBadRequest, map[string]any{"uid": []string{"Invalid user id or user doesn't exist."}})
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": "OTk5OQ", "token": token}),
			http.StatusBadRequest, map[string]any{"uid": []string{"Invalid user id or user doesn't exist."}})
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{}),
			http.StatusBadRequest, map[string]any{"uid": []string{"This field is required."}, "token": []string{"This field is required."}})
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
		require.True(t, e.dbUser(alice.ID).IsActive)
		e.oneMail("alice@example.com", subjConfirm)
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}),
			http.StatusForbidden, map[string]any{"detail": "Stale token for given user."})

		e.creds["alice"] = &creds{username: "alice", email: "alice@example.com", password: "Alice-pass-2024", id: alice.ID}
		e.login("alice")
		c := e.creds["alice"]
		e.expect(e.do("GET", "/auth/users/me/", bearer(c), nil), http.StatusOK, map[string]any{"email": "alice@example.com",
			"first_name": "Alice", "id": alice.ID, "last_name": "Liddell", "username": "alice"})
		e.expect(e.do("GET", "/auth/users/"+itoa(alice.ID)+"/", bearer(c), nil), http.StatusOK,
			map[string]any{"email": "alice@example.com", "id": alice.ID, "username": "alice"})
		// Logging in changed last_login: the activation link is dead now.
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}),
			http.StatusBadRequest, map[string]any{"token": []string{"Invalid token for given user."}})
	})
}

func TestPasswordValidators(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		reg := func(username, pw string) response {
			return e.do("POST", "/auth/users/", "", map[string]any{"username": username, "email": username + "@example.com", "password": pw})
		}
		e.expect(reg("tom", "Ab1!x"), http.StatusBadRequest, map[string]any{"password": []string{
			"This password is too short. It must contain at least 8 characters."}})
		e.expect(reg("tom", "password123"), http.StatusBadRequest, map[string]any{"password": []string{"This password is too common."}})
		e.expect(reg("tom", "4839201746"), http.StatusBadRequest, map[string]any{"password": []string{"This password is entirely numeric."}})
		e.expect(reg("margaretthatcher", "margaretthatcher1"), http.StatusBadRequest, map[string]any{"password": []string{
			"The password is too similar to the username."}})
		e.expect(reg("tom", "123"), http.StatusBadRequest, map[string]any{"password": []string{
			"This password is too short. It must contain at least 8 characters.", "This password is too common.", "This password is entirely numeric."}})
		// Field errors come first: the validators run only on a valid form.
		e.expect(e.do("POST", "/auth/users/", "", map[string]any{"username": "tom", "email": "bad", "password": "123"}),
			http.StatusBadRequest, map[string]any{"email": []string{"Enter a valid email address."}})
		e.noMail("tom@example.com")
		r := reg("tom", "Sufficiently-Str0ng")
		require.Equal(t, http.StatusCreated, r.status)
		e.oneMail("tom@example.com", subjActivation)
	})
}

// TestResendActivation: by default every address gets 204 and only an inactive account a
// mail (djoser 2.2), so the answer does not tell which accounts exist; with
// ResendActivationRevealsAccounts, djoser 2.1's empty 400 for the others.
func TestResendActivation(t *testing.T) {
	for _, reveal := range []bool{false, true} {
		t.Run(fmt.Sprintf("reveals=%v", reveal), func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
				e := newEnv(t, dialect, options{settings: func(s *accounts.Settings) { s.ResendActivationRevealsAccounts = reveal }})
				e.register("carol", nil)
				e.expect(e.do("POST", "/auth/users/resend_activation/", "", map[string]any{"email": "carol@example.com"}), http.StatusNoContent, nil)
				_, uid, token := e.link(e.oneMail("carol@example.com", subjActivation))
				e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
				e.oneMail("carol@example.com", subjConfirm)

				noAccount := http.StatusNoContent
				if reveal {
					noAccount = http.StatusBadRequest
				}
				r := e.do("POST", "/auth/users/resend_activation/", "", map[string]any{"email": "carol@example.com"})
				e.expect(r, noAccount, nil, "an active account")
				require.Empty(t, r.header.Get("Content-Type"), "djoser's empty answers have no media type")
				e.expect(e.do("POST", "/auth/users/resend_activation/", "", map[string]any{"email": "nobody@example.com"}), noAccount, nil, "an unknown address")
				e.expect(e.do("POST", "/auth/users/resend_activation/", "", map[string]any{"email": "nope"}),
					http.StatusBadRequest, map[string]any{"email": []string{"Enter a valid email address."}})
				e.expect(e.do("POST", "/auth/users/resend_activation/", "", map[string]any{"email": ""}),
					http.StatusBadRequest, map[string]any{"email": []string{"This field may not be blank."}})
				e.noMail("carol@example.com")
				e.noMail("nobody@example.com")
			})
		})
	}
}

// TestShowEmailNotFound: djoser 2.1's UserFunctionsMixin.get_user reads the two flags
// together, so either one answers 400 with a list body, for reset_password,
// reset_username and resend_activation alike, whenever no user fits: an unknown address, a
// user of the wrong activity (inactive for the resets, active for resend_activation) and
// one without a usable password. Without them every such request answers as for a known
// address (the resets 204, resend_activation 204: djoser 2.2).
func TestShowEmailNotFound(t *testing.T) {
	notFound := []string{"User with given email does not exist."}
	for _, flag := range []string{"none", "password_reset", "username_reset"} {
		t.Run(flag, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
				e := newEnv(t, dialect, options{settings: func(s *accounts.Settings) {
					s.PasswordResetShowEmailNotFound = flag == "password_reset"
					s.UsernameResetShowEmailNotFound = flag == "username_reset"
				}})
				shown := func(path, addr string, found int, why string) {
					t.Helper()
					r := e.do("POST", path, "", map[string]any{"email": addr})
					if flag == "none" {
						e.expect(r, found, nil, why)
						return
					}
					e.expect(r, http.StatusBadRequest, notFound, why)
				}
				e.user("alice", nil)
				e.register("ivan", nil) // inactive
				e.user("uma", nil)
				uma := e.dbUser(e.creds["uma"].id)
				uma.Password = "!unusable"
				require.NoError(t, e.store.Update(context.Background(), uma, "password"))

				for _, path := range []string{"/auth/users/reset_password/", "/auth/users/reset_username/"} {
					shown(path, "nobody@example.com", http.StatusNoContent, "an unknown address")
					shown(path, "ALICE@example.com", http.StatusNoContent, "the address as stored, exactly")
					shown(path, "ivan@example.com", http.StatusNoContent, "an inactive user")
					shown(path, "uma@example.com", http.StatusNoContent, "a user without a usable password")
					e.expect(e.do("POST", path, "", map[string]any{"email": "alice@example.com"}), http.StatusNoContent, nil, "alice is mailed")
					e.expect(e.do("POST", path, "", map[string]any{"email": "nope"}),
						http.StatusBadRequest, map[string]any{"email": []string{"Enter a valid email address."}}, "the form first")
				}
				require.Len(t, e.mails("alice@example.com"), 2)
				e.noMail("ivan@example.com")
				e.noMail("uma@example.com")

				const resend = "/auth/users/resend_activation/"
				shown(resend, "nobody@example.com", http.StatusNoContent, "an unknown address")
				shown(resend, "alice@example.com", http.StatusNoContent, "an active user")
				e.expect(e.do("POST", resend, "", map[string]any{"email": "ivan@example.com"}), http.StatusNoContent, nil, "ivan is mailed")
				e.oneMail("ivan@example.com", subjActivation)
				e.noMail("alice@example.com")
			})
		})
	}
	// The flags are judged before SEND_ACTIVATION_EMAIL, as in djoser: an unknown address
	// gets the list, a known inactive one the empty 400 of activation mails off.
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{settings: func(s *accounts.Settings) {
			s.UsernameResetShowEmailNotFound = true
			s.SendActivationEmail = false
		}})
		r := e.do("POST", "/auth/users/", "", map[string]any{"username": "ivan", "email": "ivan@example.com", "password": "Pass-ivan-2024!"})
		require.Equal(t, http.StatusCreated, r.status, string(r.raw))
		ivan := e.dbUser(int64(r.obj()["id"].(float64)))
		ivan.IsActive = false
		require.NoError(t, e.store.Update(context.Background(), ivan, "is_active"))
		e.expect(e.do("POST", "/auth/users/resend_activation/", "", map[string]any{"email": "nobody@example.com"}),
			http.StatusBadRequest, notFound)
		r = e.do("POST", "/auth/users/resend_activation/", "", map[string]any{"email": "ivan@example.com"})
		e.expect(r, http.StatusBadRequest, nil)
		require.Empty(t, r.raw)
	})
}
