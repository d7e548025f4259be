package admin

import (
	"context"
	"net/http"
	"slices"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/users"
)

// userPermsJSON is what a user holds: Django's user_permissions and get_group_permissions().
type userPermsJSON struct {
	UserPermissions  []string `json:"user_permissions"`
	GroupPermissions []string `json:"group_permissions"`
}

// userGroupsJSON names the user's groups.
type userGroupsJSON struct {
	Groups []string `json:"groups"`
}

func (a *API) userPermissionsRoute() route {
	return route{Name: "User Permissions", Begin: a.begin(userRights),
		Get: func(w http.ResponseWriter, r *http.Request, _ *authz.Request) { a.changeUserPerms(w, r, nil, nil) },
		Post: func(w http.ResponseWriter, r *http.Request, req *authz.Request) {
			a.changeUserPerms(w, r, req, a.users.GrantPerm)
		},
		Delete: func(w http.ResponseWriter, r *http.Request, _ *authz.Request) {
			a.changeUserPerms(w, r, nil, a.users.RevokePerm)
		},
	}
}

// userID reads {id} of a user that exists; it has answered 404 when it returns false.
func (a *API) userID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, ok := httpx.PathID(r)
	if !ok {
		httpx.NotFound(w)
		return 0, false
	}
	if _, err := a.users.Get(r.Context(), id); err != nil {
		a.writeError(w, r, err)
		return 0, false
	}
	return id, true
}

// readList validates the body {key: [slug, …]}: required, each slug one of known.
func readList(w http.ResponseWriter, r *http.Request, key, slug string, known []string) ([]string, bool) {
	body, err := httpx.DecodeJSON(w, r, 0)
	if err != nil {
		return nil, false
	}
	raw, ok := body[key]
	if !ok {
		httpx.BadRequest(w, httpx.FieldErrors{key: {fields.MsgRequired}})
		return nil, false
	}
	list, msgs := readSlugs(raw, slug, known)
	if msgs != nil {
		httpx.BadRequest(w, httpx.FieldErrors{key: msgs})
		return nil, false
	}
	return list, true
}

// changeUserPerms applies change (grant or revoke; nil: none) to each permission of the body,
// then answers what the user holds. A grant names its granter, who must hold what they grant.
func (a *API) changeUserPerms(w http.ResponseWriter, r *http.Request, granter *authz.Request, change func(ctx context.Context, userID int64, perm string) error) {
	id, ok := a.userID(w, r)
	if !ok {
		return
	}
	if change != nil {
		known, err := a.users.AllPerms(r.Context())
		if err != nil {
			a.fail(w, r, err)
			return
		}
		perms, ok := readList(w, r, "permissions", "permission", known)
		if !ok || (granter != nil && !grantable(r.Context(), w, granter, perms)) {
			return
		}
		for _, p := range perms {
			if err := change(r.Context(), id, p); err != nil {
				a.writeError(w, r, err)
				return
			}
		}
	}
	own, viaGroups, err := a.users.UserPerms(r.Context(), id)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, userPermsJSON{UserPermissions: own, GroupPermissions: viaGroups})
}

func (a *API) userGroupsRoute() route {
	return route{Name: "User Groups", Begin: a.begin(userRights),
		Get: func(w http.ResponseWriter, r *http.Request, _ *authz.Request) { a.changeUserGroups(w, r, nil, nil) },
		Post: func(w http.ResponseWriter, r *http.Request, req *authz.Request) {
			a.changeUserGroups(w, r, req, a.users.AddUserToGroup)
		},
		Delete: func(w http.ResponseWriter, r *http.Request, _ *authz.Request) {
			a.changeUserGroups(w, r, nil, a.users.RemoveUserFromGroup)
		},
	}
}

// changeUserGroups applies change (add or remove; nil: none) for each group of the body, then
// answers the user's groups. Adding names its granter, who must hold the groups' permissions.
func (a *API) changeUserGroups(w http.ResponseWriter, r *http.Request, granter *authz.Request, change func(ctx context.Context, userID int64, group string) error) {
	id, ok := a.userID(w, r)
	if !ok {
		return
	}
	if change != nil {
		groups, err := a.users.ListGroups(r.Context())
		if err != nil {
			a.fail(w, r, err)
			return
		}
		names := make([]string, len(groups))
		for i, g := range groups {
			names[i] = g.Name
		}
		list, ok := readList(w, r, "groups", "name", names)
		if !ok || (granter != nil && !grantable(r.Context(), w, granter, groupPerms(groups, list))) {
			return
		}
		for _, g := range list {
			if err := change(r.Context(), id, g); err != nil {
				a.writeError(w, r, err)
				return
			}
		}
	}
	names, err := a.users.Groups(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if names == nil {
		names = []string{}
	}
	httpx.JSON(w, http.StatusOK, userGroupsJSON{Groups: names})
}

// groupPerms are the permissions the named groups carry.
func groupPerms(groups []users.Group, names []string) []string {
	var out []string
	for _, g := range groups {
		if slices.Contains(names, g.Name) {
			out = append(out, g.Perms...)
		}
	}
	return out
}
