package admin

import (
	"context"
	"net/http"
	"strings"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/httpx"
)

// Django's auth permissions, which its admin site asks of staff for each change.
const (
	PermViewUser    = "auth.view_user"
	PermChangeUser  = "auth.change_user"
	PermViewGroup   = "auth.view_group"
	PermAddGroup    = "auth.add_group"
	PermChangeGroup = "auth.change_group"
	PermDeleteGroup = "auth.delete_group"
)

// rights are what Django's admin asks beside is_staff, per method: any one of the listed
// permissions (reading takes the view or the change permission, as since Django 2.1). HEAD
// and OPTIONS read. A superuser holds every permission; a method without rights needs staff
// only.
type rights map[string][]string

var (
	groupRights = rights{
		http.MethodGet: {PermViewGroup, PermChangeGroup}, http.MethodPost: {PermAddGroup},
		http.MethodPut: {PermChangeGroup}, http.MethodPatch: {PermChangeGroup}, http.MethodDelete: {PermDeleteGroup},
	}
	// userRights guard a user's permissions, groups and status: UserAdmin's change form.
	userRights = rights{
		http.MethodGet: {PermViewUser, PermChangeUser}, http.MethodPost: {PermChangeUser},
		http.MethodPatch: {PermChangeUser}, http.MethodDelete: {PermChangeUser},
	}
)

// checker is IsAdminUser and the method's rights, named as Django's admin, so denials and
// their log lines say which.
func (rt rights) checker() authz.Checker {
	return authz.And(authz.IsAdminUser{}, authz.Class{Name: "DjangoAdminRights", Checker: authz.Func(func(r *authz.Request) authz.Decision {
		method := r.Method
		if method == http.MethodHead || method == http.MethodOptions {
			method = http.MethodGet
		}
		perms, ok := rt[method]
		if !ok {
			return authz.Allowed // the route answers 405 for a method it does not serve
		}
		for _, p := range perms {
			held, err := r.Subject.HasPerm(r.Ctx, p)
			if err != nil {
				return authz.Failed(err)
			}
			if held {
				return authz.Allowed
			}
		}
		return authz.Denied
	})})
}

// msgNotHeld is the refusal of a grant beyond the granter's own permissions.
const msgNotHeld = "You cannot grant permissions you do not hold: "

// grantable answers 403 (500 when permissions cannot be loaded) and returns false when a
// staff user who is not a superuser would hand out (directly, or through a group) a
// permission they do not hold themselves: the change permissions let staff manage others,
// never raise anyone, themselves included, above their own rights.
func grantable(ctx context.Context, w http.ResponseWriter, req *authz.Request, perms []string) bool {
	var missing []string
	for _, p := range perms {
		held, err := req.Subject.HasPerm(ctx, p)
		if err != nil {
			httpx.ServerError(w)
			return false
		}
		if !held {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 {
		return true
	}
	httpx.JSON(w, http.StatusForbidden, map[string]string{"detail": msgNotHeld + strings.Join(missing, ", ") + "."})
	return false
}
