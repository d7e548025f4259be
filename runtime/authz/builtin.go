package authz

import (
	"net/http"
	"sort"
	"strings"
)

// viewLevel is embedded by the classes that decide on the view only: their object check
// allows, as DRF's BasePermission.has_object_permission does.
type viewLevel struct{}

// HasObjectPermission allows.
func (viewLevel) HasObjectPermission(*Request, Object) Decision { return Allowed }

// AllowAny allows everyone (DRF's AllowAny).
type AllowAny struct{ viewLevel }

// HasPermission allows.
func (AllowAny) HasPermission(*Request) Decision { return Allowed }

func (AllowAny) String() string { return "AllowAny" }

// IsAuthenticated allows requests with valid credentials.
type IsAuthenticated struct{ viewLevel }

// HasPermission implements Checker.
func (IsAuthenticated) HasPermission(r *Request) Decision { return Bool(r.Subject.IsAuthenticated()) }

func (IsAuthenticated) String() string { return "IsAuthenticated" }

// IsAdminUser allows staff users.
type IsAdminUser struct{ viewLevel }

// HasPermission implements Checker.
func (IsAdminUser) HasPermission(r *Request) Decision {
	return Bool(r.Subject.IsAuthenticated() && r.Subject.IsStaff)
}

func (IsAdminUser) String() string { return "IsAdminUser" }

// IsAuthenticatedOrReadOnly allows reads to everyone and writes to authenticated users.
type IsAuthenticatedOrReadOnly struct{ viewLevel }

// HasPermission implements Checker.
func (IsAuthenticatedOrReadOnly) HasPermission(r *Request) Decision {
	return Bool(r.Safe() || r.Subject.IsAuthenticated())
}

func (IsAuthenticatedOrReadOnly) String() string { return "IsAuthenticatedOrReadOnly" }

// ReadOnly allows only the safe methods.
type ReadOnly struct{ viewLevel }

// HasPermission implements Checker.
func (ReadOnly) HasPermission(r *Request) Decision { return Bool(r.Safe()) }

func (ReadOnly) String() string { return "ReadOnly" }

// Func adapts a view-level function to a Checker whose object check allows.
type Func func(r *Request) Decision

// HasPermission calls f.
func (f Func) HasPermission(r *Request) Decision { return f(r) }

// HasObjectPermission allows, as DRF's BasePermission does.
func (Func) HasObjectPermission(*Request, Object) Decision { return Allowed }

// The request methods a permission map may name, numbered; 0 is any other. The safe ones
// come first.
const (
	get = 1 + iota
	head
	options
	post
	put
	patch
	del
)

// methodIndex numbers method.
func methodIndex(method string) uint8 {
	switch method {
	case http.MethodGet:
		return get
	case http.MethodHead:
		return head
	case http.MethodOptions:
		return options
	case http.MethodPost:
		return post
	case http.MethodPut:
		return put
	case http.MethodPatch:
		return patch
	case http.MethodDelete:
		return del
	}
	return 0
}

// methodTable maps the numbered methods to a permission each (or none).
type methodTable [8]struct {
	perm perm
	ok   bool
}

// MethodPerms is a custom class with DRF's perms_map: the subject must be authenticated and
// hold the permission byMethod maps the request's method to; a method missing from the map
// is denied.
func MethodPerms(byMethod map[string]string) Checker {
	c := &methodPerms{names: byMethod}
	for method, p := range byMethod {
		if i := methodIndex(method); i > 0 {
			c.table[i].perm, c.table[i].ok = permOf(p), true
		}
	}
	return c
}

type methodPerms struct {
	table methodTable
	names map[string]string
}

// HasPermission implements Checker.
func (m *methodPerms) HasPermission(r *Request) Decision {
	e := &m.table[r.methodIndex()]
	if !e.ok || !r.Subject.IsAuthenticated() {
		return Denied
	}
	return decide(r.Subject.has(r.Ctx, e.perm))
}

// HasObjectPermission allows.
func (*methodPerms) HasObjectPermission(*Request, Object) Decision { return Allowed }

func (m *methodPerms) String() string {
	parts := make([]string, 0, len(m.names))
	for method, p := range m.names {
		parts = append(parts, method+": "+p)
	}
	sort.Strings(parts)
	return "MethodPerms(" + strings.Join(parts, ", ") + ")"
}

// Requires allows subjects holding perm.
func Requires(name string) Checker { return requires{permOf(name)} }

type requires struct{ perm perm }

// HasPermission implements Checker.
func (c requires) HasPermission(r *Request) Decision {
	if !r.Subject.IsAuthenticated() {
		return Denied
	}
	return decide(r.Subject.has(r.Ctx, c.perm))
}

// HasObjectPermission allows.
func (requires) HasObjectPermission(*Request, Object) Decision { return Allowed }

func (c requires) String() string { return "Requires(" + c.perm.name + ")" }

// Owner is an object rule: the object's user-relation field must hold the subject, or one
// of the alternatives in Or does (an appointment's patient's user or its doctor's user);
// safe methods pass when SafeMethods is true (DRF's IsOwnerOrReadOnly). A field may be a
// path through relations ("patient__user"): the object's OwnerOf answers for it.
type Owner struct {
	Field       string
	Or          []string
	SafeMethods bool
}

// HasPermission allows: an object rule says nothing about the view.
func (Owner) HasPermission(*Request) Decision { return Allowed }

// HasObjectPermission implements Checker.
func (o Owner) HasObjectPermission(r *Request, obj Object) Decision { return o.allows(r, obj) }

// allows is HasObjectPermission without a copy of o.
func (o *Owner) allows(r *Request, obj Object) Decision {
	if o.SafeMethods && r.Safe() {
		return Allowed
	}
	if !r.Subject.IsAuthenticated() {
		return Denied
	}
	return o.owns(r, obj)
}

// owns is allows once the method is known to write and the subject to be authenticated:
// whether the object's owner is the subject.
func (o *Owner) owns(r *Request, obj Object) Decision {
	if o.ownedBy(obj, r.Subject.UserID) {
		return Allowed
	}
	for _, f := range o.Or {
		if id, ok := obj.OwnerOf(f); ok && id == r.Subject.UserID {
			return Allowed
		}
	}
	return Denied
}

// ownedBy reports whether the object's Field holds the user.
func (o *Owner) ownedBy(obj Object, userID int64) bool {
	id, ok := obj.OwnerOf(o.Field)
	return ok && id == userID
}

func (o Owner) String() string {
	if len(o.Or) == 0 {
		return "Owner(" + o.Field + ")"
	}
	return "Owner(" + o.Field + " | " + strings.Join(o.Or, " | ") + ")"
}

// modelPerms are DRF's perms_map for one model: none to read, add to create, change to
// update, delete to delete.
type modelPerms struct {
	add, change, delete, view perm
}

func modelPermsOf(app, model string) modelPerms {
	return modelPerms{
		add: permOf(app + ".add_" + model), change: permOf(app + ".change_" + model),
		delete: permOf(app + ".delete_" + model), view: permOf(app + ".view_" + model),
	}
}

// of returns the permission DRF's perms_map requires for method (none: ok with no perm),
// and whether the method is in the map at all.
func (m *modelPerms) of(method uint8) (p perm, needs, known bool) {
	switch method {
	case get, head, options:
		return perm{}, false, true
	case post:
		return m.add, true, true
	case put, patch:
		return m.change, true, true
	case del:
		return m.delete, true, true
	}
	return perm{}, false, false
}

// ModelPerms is DRF's DjangoModelPermissions for one model: reads need only authentication,
// writes need add/change/delete ("app.add_model"…); AnonReadOnly lets anonymous subjects read
// (DjangoModelPermissionsOrAnonReadOnly). Make it with DjangoModelPermissions.
type ModelPerms struct {
	perms        modelPerms
	anonReadOnly bool
}

// DjangoModelPermissions is DRF's class for the model of app.
func DjangoModelPermissions(app, model string) *ModelPerms {
	return &ModelPerms{perms: modelPermsOf(app, model)}
}

// DjangoModelPermissionsOrAnonReadOnly is DRF's class for the model of app.
func DjangoModelPermissionsOrAnonReadOnly(app, model string) *ModelPerms {
	return &ModelPerms{perms: modelPermsOf(app, model), anonReadOnly: true}
}

// HasPermission implements Checker. A method outside DRF's perms_map (TRACE, say) allows an
// authenticated subject: DRF raises MethodNotAllowed there, and the route's dispatcher
// answers that same 405 since no view serves such a method.
func (m *ModelPerms) HasPermission(r *Request) Decision {
	if !r.Subject.IsAuthenticated() {
		return Bool(m.anonReadOnly && r.Safe())
	}
	p, needs, _ := m.perms.of(r.methodIndex())
	if !needs {
		return Allowed
	}
	return decide(r.Subject.has(r.Ctx, p))
}

// HasObjectPermission allows.
func (*ModelPerms) HasObjectPermission(*Request, Object) Decision { return Allowed }

func (m *ModelPerms) String() string {
	if m.anonReadOnly {
		return "DjangoModelPermissionsOrAnonReadOnly"
	}
	return "DjangoModelPermissions"
}
