package admin

import (
	"net/http"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
)

// userStatusJSON is the status part of Django's UserAdmin: whether the user may log in, use
// the admin, and holds every permission.
type userStatusJSON struct {
	IsActive    bool `json:"is_active"`
	IsStaff     bool `json:"is_staff"`
	IsSuperuser bool `json:"is_superuser"`
}

const msgSuperuserOnly = "Only a superuser can change is_staff or is_superuser."

func (a *API) userStatusRoute() route {
	return route{Name: "User Status", Begin: a.begin(userRights),
		Get:   func(w http.ResponseWriter, r *http.Request, _ *authz.Request) { a.changeUserStatus(w, r, nil) },
		Patch: a.changeUserStatus,
	}
}

// changeUserStatus writes the flags a PATCH body gives (changer nil: none), then answers the
// user's status. is_active takes auth.change_user; is_staff and is_superuser, which raise a
// user to the admin and above every permission, take a superuser.
func (a *API) changeUserStatus(w http.ResponseWriter, r *http.Request, changer *authz.Request) {
	id, ok := httpx.PathID(r)
	if !ok {
		httpx.NotFound(w)
		return
	}
	u, err := a.users.Get(r.Context(), id)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if changer != nil {
		body, err := httpx.DecodeJSON(w, r, 0)
		if err != nil {
			return
		}
		errs := httpx.FieldErrors{}
		var changed []string
		for _, f := range []struct {
			name string
			dst  *bool
		}{{"is_active", &u.IsActive}, {"is_staff", &u.IsStaff}, {"is_superuser", &u.IsSuperuser}} {
			raw, ok := body[f.name]
			if !ok {
				continue
			}
			v, msgs := fields.Bool(raw)
			if msgs != nil {
				errs[f.name] = msgs
				continue
			}
			*f.dst = v
			changed = append(changed, f.name)
		}
		if len(errs) > 0 {
			httpx.BadRequest(w, errs)
			return
		}
		_, staff := body["is_staff"]
		_, super := body["is_superuser"]
		if (staff || super) && !changer.Subject.IsSuperuser {
			httpx.JSON(w, http.StatusForbidden, map[string]string{"detail": msgSuperuserOnly})
			return
		}
		if len(changed) > 0 {
			if err := a.users.Update(r.Context(), u, changed...); err != nil {
				a.writeError(w, r, err)
				return
			}
		}
	}
	httpx.JSON(w, http.StatusOK, userStatusJSON{IsActive: u.IsActive, IsStaff: u.IsStaff, IsSuperuser: u.IsSuperuser})
}
