package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/db"
)

// instance is one of several app handlers on one database, each with its own connections,
// cache and listener: as separate processes would be.
type instance struct {
	base string
	h    *app.Handler
}

// guarded is a route that answers 200 to holders of perm, 403 to others.
func guarded(s *app.Services, perm string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		subject, ok := s.Authn.Authenticate(w, r)
		if !ok {
			return
		}
		has, err := subject.HasPerm(r.Context(), perm)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if !has {
			w.WriteHeader(http.StatusForbidden)
		}
		io.WriteString(w, "{}")
	}
}

// request sends a JSON request and decodes the answer, if any.
func request(t *testing.T, method, url, bearer, body string) (int, any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var v any
	if len(raw) > 0 {
		require.NoError(t, json.Unmarshal(raw, &v), "%s", raw)
	}
	return resp.StatusCode, v
}

// field is v[key] of a JSON object.
func field(v any, key string) any { return v.(map[string]any)[key] }

// TestThreeInstancesSeeEveryChange: three instances of an app on one database, each keeping
// users and permission sets in its own cache. Each kind of change, made through one
// instance's HTTP API or the operator's command, is enforced by the two others on their very
// next request, with no wait between the change and the request. Between changes they
// serve from their caches.
func TestThreeInstancesSeeEveryChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		r := newRun(t, dialect)
		r.def.Accounts.JWTBlacklistPath = "/auth/jwt/blacklist/"
		r.def.RevokeOnCredentialChange = true
		r.def.Mount = func(mux *http.ServeMux, s *app.Services) {
			mux.HandleFunc("GET /shop/items/{$}", guarded(s, "shop.view_item"))
			mux.HandleFunc("GET /shop/edit/{$}", guarded(s, "shop.change_item"))
		}
		r.env["SUPERUSER_PASSWORD"] = "pw"
		for _, args := range [][]string{
			{"migrate"},
			{"createsuperuser", "--username", "root", "--email", "root@example.com", "--noinput"},
			{"groups", "create", "Stock", "--perm", "shop.view_item"},
		} {
			code, _, stderr := r.cmd(args...)
			require.Equal(t, 0, code, stderr)
		}
		var in []instance
		for range 3 {
			h, err := app.NewHandler(context.Background(), r.def, app.Options{
				DatabaseURL: r.env["DATABASE_URL"], SecretKey: []byte(r.env["SECRET_KEY"]), MailOutput: io.Discard,
			})
			require.NoError(t, err)
			srv := httptest.NewServer(h)
			t.Cleanup(func() { srv.Close(); h.Close() })
			require.NotNil(t, h.AuthCache())
			in = append(in, instance{srv.URL, h})
		}
		status, _ := request(t, "POST", in[0].base+"/auth/users/", "", `{"username": "ann", "email": "ann@example.com", "password": "first-pass-1"}`)
		require.Equal(t, http.StatusCreated, status)
		login := func(pw string) (access, refresh string) {
			status, body := request(t, "POST", in[1].base+"/auth/jwt/create/", "", `{"username": "ann", "password": "`+pw+`"}`)
			require.Equal(t, http.StatusOK, status, "%v", body)
			return field(body, "access").(string), field(body, "refresh").(string)
		}
		status, body := request(t, "POST", in[2].base+"/auth/jwt/create/", "", `{"username": "root", "password": "pw"}`)
		require.Equal(t, http.StatusOK, status)
		root := field(body, "access").(string)
		first, _ := login("first-pass-1")
		status, body = request(t, "GET", in[0].base+"/auth/users/me/", first, "")
		require.Equal(t, http.StatusOK, status)
		annID := int64(field(body, "id").(float64))
		for _, args := range [][]string{{"groups", "add-user", "Stock", "ann"}, {"perms", "grant", "ann", "shop.change_item"}} {
			code, _, stderr := r.cmd(args...)
			require.Equal(t, 0, code, stderr)
		}

		// others are the instances but the one making the change.
		others := func(through int) []instance { return append(append([]instance{}, in[:through]...), in[through+1:]...) }
		// warm asks each instance until an answer comes from its cache alone, so that the
		// change below is made while every other instance holds the old state. A fence later
		// than its timeout (a loaded machine) empties the cache and reads the database, which
		// is right but no test of invalidation: so a few tries, not one.
		warm := func(list []instance, path, bearer string, want int) {
			t.Helper()
			for _, i := range list {
				cached := false
				for try := 0; try < 5 && !cached; try++ {
					before := i.h.AuthCache().Stats()
					status, _ := request(t, "GET", i.base+path, bearer, "")
					require.Equal(t, want, status)
					after := i.h.AuthCache().Stats()
					cached = after.Hits > before.Hits && after.Misses == before.Misses
				}
				require.True(t, cached, "an answer served from the cache, with no query for the user or its permissions")
			}
		}
		enforced := func(list []instance, method, path, bearer, body string, want int, what string) {
			t.Helper()
			for n, i := range list {
				status, answer := request(t, method, i.base+path, bearer, body)
				require.Equal(t, want, status, "%s, instance %d: %v", what, n, answer)
			}
		}
		access, refresh := login("first-pass-1")

		// A directly granted permission, revoked through instance 0's admin API.
		warm(others(0), "/shop/edit/", access, http.StatusOK)
		status, _ = request(t, "DELETE", in[0].base+fmt.Sprintf("/auth/users/%d/permissions/", annID), root, `{"permissions": ["shop.change_item"]}`)
		require.Equal(t, http.StatusOK, status)
		enforced(others(0), "GET", "/shop/edit/", access, "", http.StatusForbidden, "a revoked permission")

		// A group left, by the operator's command (another set of connections).
		warm(in, "/shop/items/", access, http.StatusOK)
		code, _, stderr := r.cmd("groups", "remove-user", "Stock", "ann")
		require.Equal(t, 0, code, stderr)
		enforced(in, "GET", "/shop/items/", access, "", http.StatusForbidden, "a group left")

		// A group joined again through instance 1, then its permission taken away from the group.
		status, _ = request(t, "POST", in[1].base+fmt.Sprintf("/auth/users/%d/groups/", annID), root, `{"groups": ["Stock"]}`)
		require.Equal(t, http.StatusOK, status)
		enforced(others(1), "GET", "/shop/items/", access, "", http.StatusOK, "a group joined")
		warm(others(1), "/shop/items/", access, http.StatusOK)
		status, body = request(t, "GET", in[1].base+"/auth/groups/", root, "")
		require.Equal(t, http.StatusOK, status, "%v", body)
		gid := int64(field(body.([]any)[0], "id").(float64))
		status, body = request(t, "PATCH", in[1].base+fmt.Sprintf("/auth/groups/%d/", gid), root, `{"permissions": []}`)
		require.Equal(t, http.StatusOK, status, "%v", body)
		enforced(others(1), "GET", "/shop/items/", access, "", http.StatusForbidden, "a group's permission taken away")

		// A blacklisted refresh token, through instance 2.
		for _, i := range others(2) {
			cached := false // as in warm: a late fence empties the cache, so a few tries
			for try := 0; try < 5 && !cached; try++ {
				before := i.h.AuthCache().Stats()
				status, _ := request(t, "POST", i.base+"/auth/jwt/verify/", "", `{"token": "`+refresh+`"}`)
				require.Equal(t, http.StatusOK, status)
				cached = i.h.AuthCache().Stats().Hits == before.Hits+1
			}
			require.True(t, cached, "the verdict from the cache")
		}
		status, _ = request(t, "POST", in[2].base+"/auth/jwt/blacklist/", "", `{"refresh": "`+refresh+`"}`)
		require.Equal(t, http.StatusOK, status)
		enforced(others(2), "POST", "/auth/jwt/verify/", "", `{"token": "`+refresh+`"}`, http.StatusBadRequest, "a blacklisted token")
		enforced(others(2), "POST", "/auth/jwt/refresh/", "", `{"refresh": "`+refresh+`"}`, http.StatusUnauthorized, "a blacklisted token")

		// A new password, through instance 0's set_password: the old tokens are refused.
		warm(others(0), "/auth/users/me/", access, http.StatusOK)
		status, body = request(t, "POST", in[0].base+"/auth/users/set_password/", access, `{"current_password": "first-pass-1", "new_password": "second-pass-2"}`)
		require.Equal(t, http.StatusNoContent, status, "%v", body)
		enforced(others(0), "GET", "/auth/users/me/", access, "", http.StatusUnauthorized, "a password changed")

		// A new password, by the operator's command.
		access, _ = login("second-pass-2")
		warm(in, "/auth/users/me/", access, http.StatusOK)
		r.env["SUPERUSER_PASSWORD"] = "third-pass-3"
		code, _, stderr = r.cmd("changepassword", "ann")
		require.Equal(t, 0, code, stderr)
		enforced(in, "GET", "/auth/users/me/", access, "", http.StatusUnauthorized, "a password changed by the operator")

		// A deactivated user, through instance 2's admin API.
		access, _ = login("third-pass-3")
		warm(others(2), "/auth/users/me/", access, http.StatusOK)
		status, body = request(t, "PATCH", in[2].base+fmt.Sprintf("/auth/users/%d/status/", annID), root, `{"is_active": false}`)
		require.Equal(t, http.StatusOK, status, "%v", body)
		enforced(others(2), "GET", "/auth/users/me/", access, "", http.StatusUnauthorized, "a deactivated user")
	})
}
