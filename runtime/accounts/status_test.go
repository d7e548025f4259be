package accounts_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/db"
)

// TestStatusFields: djoser's serializers with Django's status fields, as apps list them in a
// serializer of their own (users/me/ with is_staff). They are shown, read-only unless the
// serializer lists them as writable: a user cannot make himself staff, superuser or active
// again, nor move his date_joined, by default; registration never writes them.
func TestStatusFields(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{settings: func(s *accounts.Settings) {
			s.Serializers = accounts.Serializers{
				UserCreate:         []string{"first_name", "is_staff"},
				CurrentUser:        []string{"first_name", "is_staff", "is_superuser", "date_joined", "last_login"},
				User:               []string{"is_active", "is_staff", "last_login"},
				UserWritableStatus: []string{"is_active", "last_login"},
			}
		}})
		root := e.admin("root")

		// Registration shows is_staff and ignores it.
		r := e.do("POST", "/auth/users/", "", map[string]any{"username": "mallory", "email": "mallory@example.com",
			"password": "Pass-mallory-2024!", "is_staff": true})
		require.Equal(t, http.StatusCreated, r.status, string(r.raw))
		e.expect(r, http.StatusCreated, map[string]any{"email": "mallory@example.com", "username": "mallory", "id": r.obj()["id"],
			"first_name": "", "is_staff": false})
		require.False(t, e.dbUser(int64(r.obj()["id"].(float64))).IsStaff)

		alice := e.user("alice", nil)
		u := e.dbUser(alice.id)
		joined := u.DateJoined.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.000000Z")
		lastLogin := u.LastLogin.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.000000Z")
		me := map[string]any{"email": "alice@example.com", "id": alice.id, "username": "alice", "first_name": "",
			"is_staff": false, "is_superuser": false, "date_joined": joined, "last_login": lastLogin}
		e.expect(e.do("GET", "/auth/users/me/", bearer(alice), nil), http.StatusOK, me)

		// Writing them is ignored, as DRF ignores read-only fields; the rest is written.
		me["first_name"] = "Al"
		e.expect(e.do("PATCH", "/auth/users/me/", bearer(alice), map[string]any{"first_name": "Al", "is_staff": true,
			"is_superuser": true, "date_joined": "2001-01-01T00:00:00Z", "last_login": nil}), http.StatusOK, me)
		e.expect(e.do("PUT", "/auth/users/me/", bearer(alice), map[string]any{"email": "alice@example.com", "first_name": "Al",
			"is_staff": "yes please"}), http.StatusOK, me, "a read-only field's value is not even parsed")
		u = e.dbUser(alice.id)
		require.False(t, u.IsStaff || u.IsSuperuser)
		require.Equal(t, joined, u.DateJoined.UTC().Format("2006-01-02T15:04:05.000000Z"))

		// users/{id}/: is_active and last_login writable there, is_staff not.
		user := map[string]any{"email": "alice@example.com", "id": alice.id, "username": "alice",
			"is_active": true, "is_staff": false, "last_login": lastLogin}
		e.expect(e.do("GET", "/auth/users/"+itoa(alice.id)+"/", bearer(root), nil), http.StatusOK, user)
		e.expect(e.do("PATCH", "/auth/users/"+itoa(alice.id)+"/", bearer(root), map[string]any{"is_active": "maybe", "last_login": "soon"}),
			http.StatusBadRequest, map[string]any{"is_active": []string{"Must be a valid boolean."},
				"last_login": []string{"Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."}})
		user["is_active"], user["last_login"] = false, nil
		e.expect(e.do("PATCH", "/auth/users/"+itoa(alice.id)+"/", bearer(root), map[string]any{"is_active": false, "is_staff": true, "last_login": nil}),
			http.StatusOK, user)
		u = e.dbUser(alice.id)
		require.False(t, u.IsActive)
		require.False(t, u.IsStaff)
		require.Nil(t, u.LastLogin)
		e.expect401(e.do("GET", "/auth/users/me/", bearer(alice), nil), map[string]any{"detail": "User is inactive", "code": "user_inactive"})
		u.IsActive = true
		require.NoError(t, e.store.Update(context.Background(), u, "is_active"))
		user["is_active"] = true
		e.expect(e.do("PATCH", "/auth/users/"+itoa(alice.id)+"/", bearer(root), map[string]any{"last_login": "2026-01-02T03:04:05Z"}),
			http.StatusOK, map[string]any{"email": "alice@example.com", "id": alice.id, "username": "alice",
				"is_active": true, "is_staff": false, "last_login": "2026-01-02T03:04:05Z"})

		// OPTIONS describes the user serializer: the status fields it does not write read-only.
		r = e.do("OPTIONS", "/auth/users/"+itoa(alice.id)+"/", bearer(root), nil)
		require.Equal(t, http.StatusOK, r.status)
		put := r.obj()["actions"].(map[string]any)["PUT"].(map[string]any)
		require.Equal(t, map[string]any{"type": "boolean", "required": false, "read_only": false, "label": "Active",
			"help_text": "Designates whether this user should be treated as active. Unselect this instead of deleting accounts."}, put["is_active"])
		require.Equal(t, map[string]any{"type": "boolean", "required": false, "read_only": true, "label": "Staff status",
			"help_text": "Designates whether the user can log into this admin site."}, put["is_staff"])
		require.Equal(t, map[string]any{"type": "datetime", "required": false, "read_only": false, "label": "Last login"}, put["last_login"])
	})
}
