package model

// Endpoint is a route: a DRF ModelViewSet-like resource over one model.
type Endpoint struct {
	Name   string // spec name and URL segment: "products"
	GoName string // "Products"
	Names  EndpointNames
	// Path is the list route, mount included: "/store/products/". The detail route is
	// Path + "{id}/" (DetailPath).
	Path  string
	Model *Model
	// Permission is the endpoint's permission, or App.DefaultPermission. Never nil.
	Permission *Expr
	// MethodPermissions replace Permission for their methods (`method_permissions`), in
	// canonical method order; GET's covers HEAD too. See PermissionFor.
	MethodPermissions []MethodPermission
	// Fields are the serializer fields in order (default: ID then every model field). ID
	// appears as Model.ID.
	Fields []*Field
	// UniqueRequired and UniqueDefaulted are what DRF's ModelSerializer changes in the fields
	// of each unique_together set (an unnamed unique index) that lies within Fields
	// (get_uniqueness_extra_kwargs): a writable field without a default is required (even
	// blank or null), and one with a default takes it whenever a full (not partial) body
	// leaves it out, on PUT too. Read-only fields keep their rules.
	UniqueRequired, UniqueDefaulted []*Field
	// Methods are the allowed methods, upper case, in the canonical order GET, POST, PUT,
	// PATCH, DELETE (default: all five). HEAD follows GET and OPTIONS is always answered.
	Methods []string
	// Scope restricts list and detail (and so every write) to the caller's rows, as a DRF
	// get_queryset filtering on the request's user; nil when the endpoint has no scope.
	Scope      *Scope
	Pagination *Pagination // the endpoint's, or App.DefaultPagination; nil: no pagination
	Actions    []*Action   // spec order
	// Hooks are the DRF overrides the application writes in Go (`hooks`).
	Hooks Hooks
	// Description is the viewset's docstring (`description`), the description OPTIONS
	// shows on the endpoint's routes; "" as a viewset without one.
	Description string
	Pos         Pos
}

// Hooks are an endpoint's DRF overrides written by the application, in its own files, as
// the methods of the endpoint's generated interface.
type Hooks struct {
	GetQueryset    bool // get_queryset: a filter of list and detail by the request
	PerformCreate  bool // perform_create: saves a validated new row, in its transaction
	PerformUpdate  bool // perform_update: saves a validated changed row, in its transaction
	PerformDestroy bool // perform_destroy: deletes the row, in its transaction
	Validate       bool // validate: the cross-field check after the fields'
	// ValidateFields are the validate_<field> hooks, in serializer order.
	ValidateFields []*Field
}

// Any reports whether the endpoint has a hook.
func (h Hooks) Any() bool {
	return h.GetQueryset || h.PerformCreate || h.PerformUpdate || h.PerformDestroy || h.Validate || len(h.ValidateFields) > 0
}

// MethodNames are the Go methods of the hooks, in the order of the endpoint's interface.
func (h Hooks) MethodNames() []string {
	var out []string
	for _, m := range []struct {
		on   bool
		name string
	}{{h.GetQueryset, "GetQueryset"}, {h.PerformCreate, "PerformCreate"}, {h.PerformUpdate, "PerformUpdate"}, {h.PerformDestroy, "PerformDestroy"}} {
		if m.on {
			out = append(out, m.name)
		}
	}
	for _, f := range h.ValidateFields {
		out = append(out, "Validate"+f.GoName)
	}
	if h.Validate {
		out = append(out, "Validate")
	}
	return out
}

// HasCode reports whether the application writes code for the endpoint: a hook or a
// handler action.
func (e *Endpoint) HasCode() bool {
	if e.Hooks.Any() {
		return true
	}
	for _, a := range e.Actions {
		if a.Kind == HandlerAction {
			return true
		}
	}
	return false
}

// Scope is an endpoint's `scope`: the rows whose Paths (any of them) reach the caller, unless
// the caller passes Except.
type Scope struct {
	Paths []*OwnerPath // spec order, at least one
	// Except is a permission expression whose view-level check (has_permission) lets the
	// caller see every row: the staff branch of a get_queryset. nil: no exception.
	Except *Expr
}

// OwnerPath is a path through relations to a user, Django's lookup `patient__user` (an
// appointment's patient's user). Steps are fk or one_to_one fields: the first of the model,
// each next of the model the previous points at; the last points at the user.
type OwnerPath struct {
	Text  string // canonical, with Django's separator: "patient__user"
	Steps []*Field
}

// Direct reports a path of one step: a user field of the model itself.
func (p *OwnerPath) Direct() bool { return len(p.Steps) == 1 }

// MethodPermission is one entry of an endpoint's method_permissions.
type MethodPermission struct {
	Method     string // upper case, one of the endpoint's Methods
	GoName     string // its checker list: "productsPermissionsOnPatch"
	Permission *Expr
	Pos        Pos
}

// PermissionFor is the permission guarding the endpoint's own routes for a request method:
// its method_permissions entry (GET's for HEAD too), else Permission. OPTIONS is always
// guarded by Permission.
func (e *Endpoint) PermissionFor(method string) *Expr {
	if method == "HEAD" {
		method = "GET"
	}
	for _, mp := range e.MethodPermissions {
		if mp.Method == method {
			return mp.Permission
		}
	}
	return e.Permission
}

// DetailPath is the detail route: "/store/products/{id}/".
func (e *Endpoint) DetailPath() string { return e.Path + "{id}/" }

// Action is an extra route on an endpoint (DRF's @action).
type Action struct {
	Name   string // spec name and URL segment: "publish"
	GoName string // "Publish"
	Names  ActionNames
	// Path is the full route: "/store/products/{id}/publish/" (detail) or
	// "/store/customers/me/" (list).
	Path    string
	Detail  bool
	Methods []string // upper case, canonical order GET, POST, PUT, PATCH, DELETE
	// Permission is the action's own, else the endpoint's: DRF replaces, it does not combine.
	Permission *Expr
	Kind       ActionKind
	Set        []Assignment // SetAction: fields assigned on the object, spec order
	Singleton  *Field       // SingletonAction: the model's user one_to_one/fk that finds the caller's row
	// CreateMissing (SingletonAction): a caller without a row gets one created (the
	// default); false answers 404 instead (`missing: not_found`).
	CreateMissing bool
	// Description is the action function's docstring, which OPTIONS shows: the action's
	// `description`, else the endpoint's (DRF falls back to the viewset's docstring).
	Description string
	Pos         Pos
}

// ActionKind is what an action does.
type ActionKind int

// Action kinds: exactly one of `set`, `singleton`, `handler` in the spec.
const (
	// SetAction (detail only): loads the object, checks object permissions, assigns Set,
	// saves and returns the serialized object.
	SetAction ActionKind = iota
	// SingletonAction (list route only): the caller's row found by Singleton, created on
	// first GET; PUT/PATCH update it partially.
	SingletonAction
	// HandlerAction: implemented by the application through the endpoint's actions interface.
	HandlerAction
)

// Assignment is `field: value` of an action's set.
type Assignment struct {
	Field *Field
	Value Value
}

// Pagination styles.
const (
	PageNumber  = "page_number"
	LimitOffset = "limit_offset"
)

// Pagination is DRF's PageNumberPagination or LimitOffsetPagination.
type Pagination struct {
	Style       string // PageNumber or LimitOffset
	PageSize    int    // page size / default limit, > 0
	MaxPageSize int    // page_number: max of ?page_size=; limit_offset: max ?limit=; 0 means the client cannot change the size (page_number) / no cap (limit_offset)
}
