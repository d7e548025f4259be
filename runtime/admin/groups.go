package admin

import (
	"errors"
	"net/http"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/users"
)

// groupJSON is a group as the API shows it.
type groupJSON struct {
	ID          int64    `json:"id"`
	Name        string   `json:"name"`
	Permissions []string `json:"permissions"`
}

func groupView(g users.Group) groupJSON {
	return groupJSON{ID: g.ID, Name: g.Name, Permissions: g.Perms}
}

func (a *API) groupsRoute() route {
	return route{Name: "Group List", Begin: a.begin(groupRights), Get: a.listGroups, Post: a.createGroup}
}

func (a *API) groupRoute() route {
	return route{Name: "Group Instance", Begin: a.begin(groupRights),
		Get: a.retrieveGroup, Put: a.updateGroup, Patch: a.updateGroup, Delete: a.destroyGroup}
}

func (a *API) listGroups(w http.ResponseWriter, r *http.Request, _ *authz.Request) {
	groups, err := a.users.ListGroups(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]groupJSON, 0, len(groups))
	for _, g := range groups {
		out = append(out, groupView(g))
	}
	httpx.JSON(w, http.StatusOK, out)
}

// groupInput is a validated group body; nil fields were absent.
type groupInput struct {
	name  *string
	perms []string
}

// readGroup validates a group body as DRF's ModelSerializer of auth.Group does: name
// required unless partial, unique among the other groups (exceptID); permissions optional
// (the relation is blank=True), each one that exists.
func (a *API) readGroup(w http.ResponseWriter, r *http.Request, partial bool, exceptID int64) (groupInput, bool) {
	var in groupInput
	body, err := httpx.DecodeJSON(w, r, 0)
	if err != nil {
		return in, false
	}
	errs := httpx.FieldErrors{}
	if raw, ok := body["name"]; ok {
		name, msgs := readName(raw)
		if msgs != nil {
			errs["name"] = msgs
		} else if id, err := a.users.GroupID(r.Context(), name); err == nil && id != exceptID {
			errs.Add("name", "group with this name already exists.")
		} else if err != nil && !errors.Is(err, users.ErrNotFound) {
			a.fail(w, r, err)
			return in, false
		} else {
			in.name = &name
		}
	} else if !partial {
		errs.Add("name", fields.MsgRequired)
	}
	if raw, ok := body["permissions"]; ok {
		known, err := a.users.AllPerms(r.Context())
		if err != nil {
			a.fail(w, r, err)
			return in, false
		}
		perms, msgs := readSlugs(raw, "permission", known)
		if msgs != nil {
			errs["permissions"] = msgs
		} else {
			in.perms = perms
		}
	}
	if len(errs) > 0 {
		httpx.BadRequest(w, errs)
		return in, false
	}
	return in, true
}

func (a *API) createGroup(w http.ResponseWriter, r *http.Request, req *authz.Request) {
	in, ok := a.readGroup(w, r, false, 0)
	if !ok || !grantable(r.Context(), w, req, in.perms) {
		return
	}
	perms := in.perms
	if perms == nil {
		perms = []string{}
	}
	id, err := a.users.CreateGroup(r.Context(), *in.name, perms)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	a.answerGroup(w, r, id, http.StatusCreated)
}

func (a *API) retrieveGroup(w http.ResponseWriter, r *http.Request, _ *authz.Request) {
	id, ok := httpx.PathID(r)
	if !ok {
		httpx.NotFound(w)
		return
	}
	a.answerGroup(w, r, id, http.StatusOK)
}

// updateGroup is PUT, and PATCH (partial).
func (a *API) updateGroup(w http.ResponseWriter, r *http.Request, req *authz.Request) {
	partial := r.Method == http.MethodPatch
	id, ok := httpx.PathID(r)
	if !ok {
		httpx.NotFound(w)
		return
	}
	// DRF's get_object comes before validation: an unknown group is a 404 whatever the body.
	if _, err := a.users.GetGroup(r.Context(), id); err != nil {
		a.writeError(w, r, err)
		return
	}
	in, ok := a.readGroup(w, r, partial, id)
	if !ok || !grantable(r.Context(), w, req, in.perms) {
		return
	}
	if err := a.users.UpdateGroup(r.Context(), id, in.name, in.perms); err != nil {
		a.writeError(w, r, err)
		return
	}
	a.answerGroup(w, r, id, http.StatusOK)
}

func (a *API) destroyGroup(w http.ResponseWriter, r *http.Request, _ *authz.Request) {
	id, ok := httpx.PathID(r)
	if !ok {
		httpx.NotFound(w)
		return
	}
	if err := a.users.DeleteGroup(r.Context(), id); err != nil {
		a.writeError(w, r, err)
		return
	}
	httpx.NoContent(w)
}

// answerGroup reads the group back and answers it with status.
func (a *API) answerGroup(w http.ResponseWriter, r *http.Request, id int64, status int) {
	g, err := a.users.GetGroup(r.Context(), id)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	httpx.JSON(w, status, groupView(*g))
}

// writeError answers a store error: 404 for a missing row, 400 for what a concurrent change
// made invalid after validation (a name just taken, a permission just deleted), else 500.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, users.ErrNotFound):
		httpx.NotFound(w)
	case errors.Is(err, users.ErrDuplicate):
		httpx.BadRequest(w, httpx.FieldErrors{"name": {"group with this name already exists."}})
	case errors.Is(err, users.ErrUnknownPermission):
		httpx.BadRequest(w, httpx.FieldErrors{"permissions": {err.Error()}})
	default:
		a.fail(w, r, err)
	}
}
