package authz

import "net/http"

// ObjectPerms is DRF 3.14's DjangoObjectPermissions for one model, over per-object grants
// (django-guardian's model, Subject.HasObjectPerm).
//
// The view-level check is DjangoModelPermissions': authenticated, and for writes the model
// permission granted globally. The object-level check asks the same perms_map of the object:
// nothing for GET, HEAD and OPTIONS, "app.add_model" for POST, "app.change_model" for PUT
// and PATCH, "app.delete_model" for DELETE, each granted on this object (superusers hold
// every one). When that fails DRF raises Http404 for safe methods, and for writes when the
// caller lacks the object's read permissions too (none in DRF's map, so a write is then a
// 403); Hide reproduces the 404.
//
// DRF alone never hides an object from GET, since reads need no permission: the objects a
// caller may see are chosen by django-guardian's ObjectPermissionsFilter, which generated
// endpoints guarded by ObjectPerms apply to their list and detail queries (see ViewPerm).
type ObjectPerms struct {
	App, Model string
	// View adds "app.view_model" to the perms of GET, HEAD and OPTIONS, on the model and on
	// the object: the perms_map django-guardian's documentation subclasses DRF's class with,
	// under which DRF's 404s for unreadable objects happen in the check itself. Generated
	// code keeps DRF's map (View false) and hides unreadable objects with the filter.
	View bool
}

func (o ObjectPerms) model() ModelPerms { return ModelPerms{App: o.App, Model: o.Model} }

// perms is the perms_map: DjangoModelPermissions', with view on reads when View is set.
func (o ObjectPerms) perms(method string) ([]string, bool) {
	if o.View && (method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions) {
		return []string{o.ViewPerm()}, true
	}
	return o.model().Perms(method)
}

// HasPermission is DjangoModelPermissions' with this perms_map.
func (o ObjectPerms) HasPermission(r *Request) bool {
	if !r.Subject.IsAuthenticated() {
		return false
	}
	perms, ok := o.perms(r.Method)
	if !ok {
		return true // DRF raises MethodNotAllowed: the dispatcher's 405
	}
	for _, p := range perms {
		if !r.Subject.HasPerm(r.Ctx, p) {
			return false
		}
	}
	return true
}

// HasObjectPermission implements Checker.
func (o ObjectPerms) HasObjectPermission(r *Request, obj Object) bool {
	perms, ok := o.perms(r.Method)
	if !ok {
		return false // DRF raises MethodNotAllowed; no route serves such a method
	}
	pk := obj.ObjectPK()
	if r.Subject.hasObjectPerms(r.Ctx, perms, pk) {
		return true
	}
	if r.Safe() {
		r.Hide() // the read permissions were the ones just refused
		return false
	}
	read, _ := o.perms(http.MethodGet)
	if !r.Subject.hasObjectPerms(r.Ctx, read, pk) {
		r.Hide()
	}
	return false
}

// ViewPerm is the permission django-guardian's ObjectPermissionsFilter requires on each
// object a list shows: "app.view_model".
func (o ObjectPerms) ViewPerm() string { return o.App + ".view_" + o.Model }
