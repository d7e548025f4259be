package authz

import "net/http"

// AllowAny allows everyone.
var AllowAny Checker = Func(func(*Request) bool { return true })

// IsAuthenticated allows requests with valid credentials.
var IsAuthenticated Checker = Func(func(r *Request) bool { return r.Subject.IsAuthenticated() })

// IsAdminUser allows staff users.
var IsAdminUser Checker = Func(func(r *Request) bool { return r.Subject.IsAuthenticated() && r.Subject.IsStaff })

// IsAuthenticatedOrReadOnly allows reads to everyone and writes to authenticated users.
var IsAuthenticatedOrReadOnly Checker = Func(func(r *Request) bool { return r.Safe() || r.Subject.IsAuthenticated() })

// ReadOnly allows only the safe methods.
var ReadOnly Checker = Func(func(r *Request) bool { return r.Safe() })

// MethodPerms is a method → permission map (a custom class with DRF's perms_map): the
// subject must be authenticated and hold the method's permission; a method missing from the
// map is denied.
type MethodPerms map[string]string

// HasPermission implements Checker.
func (m MethodPerms) HasPermission(r *Request) bool {
	perm, ok := m[r.Method]
	return ok && r.Subject.IsAuthenticated() && r.Subject.HasPerm(r.Ctx, perm)
}

// HasObjectPermission allows.
func (MethodPerms) HasObjectPermission(*Request, Object) bool { return true }

// Requires allows subjects holding perm.
func Requires(perm string) Checker {
	return Func(func(r *Request) bool { return r.Subject.IsAuthenticated() && r.Subject.HasPerm(r.Ctx, perm) })
}

// Owner is an object rule: the object's user-relation field must hold the subject; safe
// methods pass when SafeMethods is true (DRF's IsOwnerOrReadOnly).
type Owner struct {
	Field       string
	SafeMethods bool
}

// HasPermission allows: an object rule says nothing about the view.
func (Owner) HasPermission(*Request) bool { return true }

// HasObjectPermission implements Checker.
func (o Owner) HasObjectPermission(r *Request, obj Object) bool {
	if o.SafeMethods && r.Safe() {
		return true
	}
	id, ok := obj.OwnerOf(o.Field)
	return ok && r.Subject.IsAuthenticated() && id == r.Subject.UserID
}

// ModelPerms is DRF's DjangoModelPermissions for one model: reads need only authentication,
// writes need add/change/delete ("app.add_model"…); AnonReadOnly lets anonymous subjects read
// (DjangoModelPermissionsOrAnonReadOnly).
type ModelPerms struct {
	App, Model   string
	AnonReadOnly bool
}

// Perms returns the permissions DRF's perms_map requires for method, and whether the method
// is in the map at all.
func (m ModelPerms) Perms(method string) ([]string, bool) {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil, true
	case http.MethodPost:
		return []string{m.App + ".add_" + m.Model}, true
	case http.MethodPut, http.MethodPatch:
		return []string{m.App + ".change_" + m.Model}, true
	case http.MethodDelete:
		return []string{m.App + ".delete_" + m.Model}, true
	}
	return nil, false
}

// HasPermission implements Checker. A method outside DRF's perms_map (TRACE, say) allows an
// authenticated subject: DRF raises MethodNotAllowed there, and the route's dispatcher
// answers that same 405 since no view serves such a method.
func (m ModelPerms) HasPermission(r *Request) bool {
	if !r.Subject.IsAuthenticated() {
		return m.AnonReadOnly && r.Safe()
	}
	perms, ok := m.Perms(r.Method)
	if !ok {
		return true
	}
	for _, p := range perms {
		if !r.Subject.HasPerm(r.Ctx, p) {
			return false
		}
	}
	return true
}

// HasObjectPermission allows.
func (ModelPerms) HasObjectPermission(*Request, Object) bool { return true }
