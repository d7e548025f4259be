package accounts

import (
	"strconv"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/users"
)

// CurrentUserOrAdmin is djoser's CurrentUserOrAdmin: authenticated users may use the view,
// and act on their own user, staff on any.
type CurrentUserOrAdmin struct{}

// HasPermission implements authz.Checker.
func (CurrentUserOrAdmin) HasPermission(r *authz.Request) authz.Decision {
	return authz.Bool(r.Subject.IsAuthenticated())
}

// HasObjectPermission implements authz.Checker.
func (CurrentUserOrAdmin) HasObjectPermission(r *authz.Request, obj authz.Object) authz.Decision {
	return authz.Bool(r.Subject.IsStaff || isSelf(r, obj))
}

func (CurrentUserOrAdmin) String() string { return "CurrentUserOrAdmin" }

// CurrentUserOrAdminOrReadOnly is djoser's CurrentUserOrAdminOrReadOnly: authenticated
// users may read any user and change their own; staff may change any.
type CurrentUserOrAdminOrReadOnly struct{}

// HasPermission implements authz.Checker.
func (CurrentUserOrAdminOrReadOnly) HasPermission(r *authz.Request) authz.Decision {
	return authz.Bool(r.Subject.IsAuthenticated())
}

// HasObjectPermission implements authz.Checker.
func (CurrentUserOrAdminOrReadOnly) HasObjectPermission(r *authz.Request, obj authz.Object) authz.Decision {
	return authz.Bool(isSelf(r, obj) || r.Safe() || r.Subject.IsStaff)
}

func (CurrentUserOrAdminOrReadOnly) String() string { return "CurrentUserOrAdminOrReadOnly" }

func isSelf(r *authz.Request, obj authz.Object) bool {
	u, ok := obj.(userObject)
	return ok && r.Subject.IsAuthenticated() && u.ID == r.Subject.UserID
}

// userObject is a user as the object of a permission check.
type userObject struct{ *users.User }

// ObjectPK returns the user's id.
func (u userObject) ObjectPK() string { return strconv.FormatInt(u.ID, 10) }

// OwnerOf returns the user's own id for "id" and "pk": a user owns itself.
func (u userObject) OwnerOf(field string) (int64, bool) {
	if field == "id" || field == "pk" {
		return u.ID, true
	}
	return 0, false
}
