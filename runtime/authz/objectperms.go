package authz

// ObjectPerms is DRF 3.14's DjangoObjectPermissions for one model, over per-object grants
// (django-guardian's model, Subject.HasObjectPerm). Make it with DjangoObjectPermissions.
//
// The view-level check is DjangoModelPermissions': authenticated, and for writes the model
// permission granted globally. The object-level check asks the same perms_map of the object:
// nothing for GET, HEAD and OPTIONS, "app.add_model" for POST, "app.change_model" for PUT
// and PATCH, "app.delete_model" for DELETE, each granted on this object (superusers hold
// every one). When that fails DRF raises Http404 for safe methods, and for writes when the
// caller lacks the object's read permissions too (none in DRF's map, so a write is then a
// 403); the decision is then Hidden.
//
// DRF alone never hides an object from GET, since reads need no permission: the objects a
// caller may see are chosen by django-guardian's ObjectPermissionsFilter, which generated
// endpoints guarded by ObjectPerms apply to their list and detail queries (see ViewPerm).
type ObjectPerms struct {
	perms modelPerms
	// view adds "app.view_model" to the perms of GET, HEAD and OPTIONS, on the model and on
	// the object: the perms_map django-guardian's documentation subclasses DRF's class with,
	// under which DRF's 404s for unreadable objects happen in the check itself. Generated
	// code keeps DRF's map and hides unreadable objects with the filter.
	view bool
}

// DjangoObjectPermissions is DRF's class for the model of app.
func DjangoObjectPermissions(app, model string) *ObjectPerms {
	return &ObjectPerms{perms: modelPermsOf(app, model)}
}

// WithView is o with django-guardian's documented perms_map: "app.view_model" required to
// read, on the model and on the object.
func (o *ObjectPerms) WithView() *ObjectPerms {
	return &ObjectPerms{perms: o.perms, view: true}
}

// of is the perms_map: DjangoModelPermissions', with view on reads when view is set.
func (o *ObjectPerms) of(method uint8) (p perm, needs, known bool) {
	if o.view && method >= get && method <= options {
		return o.perms.view, true, true
	}
	return o.perms.of(method)
}

// HasPermission is DjangoModelPermissions' with this perms_map.
func (o *ObjectPerms) HasPermission(r *Request) Decision {
	if !r.Subject.IsAuthenticated() {
		return Denied
	}
	p, needs, _ := o.of(r.methodIndex())
	if !needs {
		return Allowed // no perm to read; outside the map DRF raises MethodNotAllowed: the dispatcher's 405
	}
	return decide(r.Subject.has(r.Ctx, p))
}

// HasObjectPermission implements Checker.
func (o *ObjectPerms) HasObjectPermission(r *Request, obj Object) Decision {
	p, needs, known := o.of(r.methodIndex())
	if !known {
		return Denied // DRF raises MethodNotAllowed; no route serves such a method
	}
	pk := obj.ObjectPK()
	if needs {
		ok, err := r.Subject.HasObjectPerm(r.Ctx, p.name, pk)
		if err != nil {
			return Failed(err)
		}
		if ok {
			return Allowed
		}
	} else {
		return Allowed
	}
	if r.Safe() {
		return Hidden // the read permissions were the ones just refused
	}
	read, needsRead, _ := o.of(get)
	if !needsRead {
		return Denied // DRF's map asks nothing to read: the caller may read, so 403
	}
	ok, err := r.Subject.HasObjectPerm(r.Ctx, read.name, pk)
	switch {
	case err != nil:
		return Failed(err)
	case ok:
		return Denied
	}
	return Hidden
}

// ViewPerm is the permission django-guardian's ObjectPermissionsFilter requires on each
// object a list shows: "app.view_model".
func (o *ObjectPerms) ViewPerm() string { return o.perms.view.name }

func (o *ObjectPerms) String() string { return "DjangoObjectPermissions" }
