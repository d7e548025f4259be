package admin_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// adminPersonas are the callers of the rights matrix: staff holding one of Django's auth
// permissions each, and the superuser.
var adminPersonas = []string{"anonymous", "user", "staff", "view_user", "change_user", "view_group", "add_group", "change_group", "delete_group", "superuser"}

// rightsMatrix is Django admin's rule per route and method, a status per persona: reading
// takes the view or change permission, each change its own, staff alone nothing.
var rightsMatrix = []struct {
	method, path, body string
	want               string
}{
	{"GET", "/auth/permissions/", "", "401 403 200 200 200 200 200 200 200 200"},
	{"GET", "/auth/groups/", "", "401 403 403 403 403 200 403 200 403 200"},
	{"POST", "/auth/groups/", `{"name":"new"}`, "401 403 403 403 403 403 201 403 403 201"},
	{"GET", "/auth/groups/{group}/", "", "401 403 403 403 403 200 403 200 403 200"},
	{"PATCH", "/auth/groups/{group}/", `{"name":"new"}`, "401 403 403 403 403 403 403 200 403 200"},
	{"DELETE", "/auth/groups/{group}/", "", "401 403 403 403 403 403 403 403 204 204"},
	{"GET", "/auth/users/{user}/permissions/", "", "401 403 403 200 200 403 403 403 403 200"},
	{"POST", "/auth/users/{user}/permissions/", `{"permissions":[]}`, "401 403 403 403 200 403 403 403 403 200"},
	{"DELETE", "/auth/users/{user}/permissions/", `{"permissions":["store.view_product"]}`, "401 403 403 403 200 403 403 403 403 200"},
	{"GET", "/auth/users/{user}/groups/", "", "401 403 403 200 200 403 403 403 403 200"},
	{"POST", "/auth/users/{user}/groups/", `{"groups":[]}`, "401 403 403 403 200 403 403 403 403 200"},
	{"GET", "/auth/users/{user}/status/", "", "401 403 403 200 200 403 403 403 403 200"},
	{"PATCH", "/auth/users/{user}/status/", `{"is_active":false}`, "401 403 403 403 200 403 403 403 403 200"},
	{"PATCH", "/auth/users/{user}/status/", `{"is_staff":true}`, "401 403 403 403 403 403 403 403 403 200"},
	{"PATCH", "/auth/users/{user}/status/", `{"is_superuser":true}`, "401 403 403 403 403 403 403 403 403 200"},
}

func TestAdminRightsMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		s := newServer(t, dialect)
		ctx := context.Background()
		tokens := map[string]string{}
		for i, persona := range adminPersonas {
			switch persona {
			case "anonymous":
			case "user":
				_, tokens[persona] = s.user("u"+strconv.Itoa(i), false)
			case "superuser":
				_, tokens[persona] = s.superuser("root")
			default:
				u, token := s.user("u"+strconv.Itoa(i), true)
				if persona != "staff" {
					require.NoError(t, s.store.GrantPerm(ctx, u.ID, "auth."+persona))
				}
				tokens[persona] = token
			}
		}
		for _, row := range rightsMatrix {
			want := strings.Fields(row.want)
			require.Len(t, want, len(adminPersonas))
			for i, persona := range adminPersonas {
				// A fresh target each time, so that one change does not decide the next.
				target, _ := s.user("target"+strconv.Itoa(int(s.next())), false)
				require.NoError(t, s.store.GrantPerm(ctx, target.ID, "store.view_product"))
				group, err := s.store.CreateGroup(ctx, "g"+strconv.Itoa(int(s.next())), nil)
				require.NoError(t, err)
				path := strings.NewReplacer("{user}", strconv.FormatInt(target.ID, 10), "{group}", strconv.FormatInt(group, 10)).Replace(row.path)
				body := strings.ReplaceAll(row.body, `"new"`, `"new`+strconv.Itoa(int(s.next()))+`"`)
				status, v := s.do(row.method, path, tokens[persona], body)
				require.Equal(t, want[i], strconv.Itoa(status), "%s %s %s as %s: %v", row.method, row.path, row.body, persona, v)
			}
		}
	})
}

// TestAdminSelfEscalation: staff who may change users cannot raise themselves or anyone
// above their own rights: no permission, group or status they do not hold.
func TestAdminSelfEscalation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		s := newServer(t, dialect)
		ctx := context.Background()
		eve, token := s.user("eve", true)
		require.NoError(t, s.store.GrantPerm(ctx, eve.ID, "auth.change_user"))
		require.NoError(t, s.store.GrantPerm(ctx, eve.ID, "auth.add_group"))
		require.NoError(t, s.store.GrantPerm(ctx, eve.ID, "store.view_product"))
		_, err := s.store.CreateGroup(ctx, "publishers", []string{"store.can_publish_product"})
		require.NoError(t, err)
		me := "/auth/users/" + strconv.FormatInt(eve.ID, 10)

		s.expect("POST", me+"/permissions/", token, `{"permissions":["store.add_product"]}`, http.StatusForbidden,
			`{"detail":"You cannot grant permissions you do not hold: store.add_product."}`)
		s.expect("POST", me+"/permissions/", token, `{"permissions":["auth.change_group","auth.delete_group"]}`, http.StatusForbidden,
			`{"detail":"You cannot grant permissions you do not hold: auth.change_group, auth.delete_group."}`)
		s.expect("POST", me+"/groups/", token, `{"groups":["publishers"]}`, http.StatusForbidden,
			`{"detail":"You cannot grant permissions you do not hold: store.can_publish_product."}`)
		s.expect("POST", "/auth/groups/", token, `{"name":"mine","permissions":["store.add_product"]}`, http.StatusForbidden, "")
		s.expect("PATCH", me+"/status/", token, `{"is_superuser":true}`, http.StatusForbidden,
			`{"detail":"Only a superuser can change is_staff or is_superuser."}`)
		s.expect("PATCH", me+"/status/", token, `{"is_active":true,"is_staff":true}`, http.StatusForbidden, "")
		held, err := s.store.Perms(ctx, eve.ID)
		require.NoError(t, err)
		require.Len(t, held, 3, "nothing was granted: %v", held)
		u, err := s.store.Get(ctx, eve.ID)
		require.NoError(t, err)
		require.False(t, u.IsSuperuser)

		// What eve holds, she may hand on; a group of it too.
		bob, _ := s.user("bob", false)
		bobPath := "/auth/users/" + strconv.FormatInt(bob.ID, 10)
		s.expect("POST", bobPath+"/permissions/", token, `{"permissions":["store.view_product"]}`, http.StatusOK,
			`{"user_permissions":["store.view_product"],"group_permissions":[]}`)
		s.expect("POST", "/auth/groups/", token, `{"name":"viewers","permissions":["store.view_product"]}`, http.StatusCreated, "")
		s.expect("POST", bobPath+"/groups/", token, `{"groups":["viewers"]}`, http.StatusOK, `{"groups":["viewers"]}`)
		s.expect("PATCH", bobPath+"/status/", token, `{"is_active":false}`, http.StatusOK,
			`{"is_active":false,"is_staff":false,"is_superuser":false}`)
		s.expect("PATCH", bobPath+"/status/", token, `{"is_active":"maybe"}`, http.StatusBadRequest,
			`{"is_active":["Must be a valid boolean."]}`)

		// A superuser may make staff and superusers.
		_, root := s.superuser("root")
		s.expect("PATCH", bobPath+"/status/", root, `{"is_active":true,"is_staff":true,"is_superuser":true}`, http.StatusOK,
			`{"is_active":true,"is_staff":true,"is_superuser":true}`)
	})
}
