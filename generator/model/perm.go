package model

// ClassKind says how a permission class decides.
type ClassKind int

// Permission class kinds.
const (
	// Builtin: one of DRF's (or djoser's) classes; the emitter maps GoName to the runtime.
	Builtin ClassKind = iota
	// Requires: authenticated and has one permission (has_permission only).
	Requires
	// Methods: authenticated and has the permission mapped to the request method; a method
	// not in the map is denied.
	Methods
	// Object: has_permission is true; has_object_permission compares the object's owner field
	// with the caller (safe methods allowed first when SafeMethods).
	Object
	// Expr: an expression over other classes.
	ExprClass
	// GoClass (`go: true`): written by the application in Go, both of DRF's questions,
	// and registered with the generated package's Implement.
	GoClass
)

// PermClass is a permission class: a builtin or one of the spec's `permissions`.
type PermClass struct {
	Name   string // as written in the spec: "CanPublishProduct"
	GoName string // Go identifier of the generated checker: "CanPublishProduct"
	Kind   ClassKind

	Requires *Permission  // Requires
	Methods  []MethodPerm // Methods: sorted by Method; HEAD and OPTIONS filled from GET when not given
	// Object: owner_field's paths (any of them may reach the caller), canonical
	// ("patient__user"); each resolves to an OwnerPath on the model of every endpoint (or
	// action) whose permission uses the class.
	OwnerFields []string
	SafeMethods bool  // Object: safe methods (GET, HEAD, OPTIONS) are allowed without owning
	Expr        *Expr // ExprClass

	Message string // denial detail; "" means DRF's default message
	Code    string // denial code; "" means DRF's default ("permission_denied" / "not_authenticated")

	// AccountsOnly marks djoser's CurrentUserOrAdmin classes, which compare the object with
	// the caller's user row and so are only allowed in accounts.permissions.
	AccountsOnly bool

	Pos Pos // zero for builtins
}

// MethodPerm maps an HTTP method to the permission it requires.
type MethodPerm struct {
	Method string // upper case: "GET"
	Perm   *Permission
}

// The builtin permission classes, shared singletons: an Expr referring to IsAuthenticated
// has Class == IsAuthenticated.
var (
	AllowAny                             = builtin("AllowAny")
	IsAuthenticated                      = builtin("IsAuthenticated")
	IsAdminUser                          = builtin("IsAdminUser")
	IsAuthenticatedOrReadOnly            = builtin("IsAuthenticatedOrReadOnly")
	ReadOnly                             = builtin("ReadOnly")
	DjangoModelPermissions               = builtin("DjangoModelPermissions")
	DjangoModelPermissionsOrAnonReadOnly = builtin("DjangoModelPermissionsOrAnonReadOnly")
	DjangoObjectPermissions              = builtin("DjangoObjectPermissions")
	CurrentUserOrAdmin                   = accountsBuiltin("CurrentUserOrAdmin")
	CurrentUserOrAdminOrReadOnly         = accountsBuiltin("CurrentUserOrAdminOrReadOnly")
)

// Builtins lists the builtin classes, sorted by name.
var Builtins = []*PermClass{
	AllowAny, CurrentUserOrAdmin, CurrentUserOrAdminOrReadOnly, DjangoModelPermissions,
	DjangoModelPermissionsOrAnonReadOnly, DjangoObjectPermissions, IsAdminUser,
	IsAuthenticated, IsAuthenticatedOrReadOnly, ReadOnly,
}

func builtin(name string) *PermClass {
	return &PermClass{Name: name, GoName: name, Kind: Builtin}
}

func accountsBuiltin(name string) *PermClass {
	c := builtin(name)
	c.AccountsOnly = true
	return c
}

// ExprOp is the operator of an Expr node.
type ExprOp int

// Expression operators, as DRF's composed permissions.
const (
	Ref ExprOp = iota // a class
	And               // X & Y
	Or                // X | Y
	Not               // ~X
)

// Expr is a permission expression: DRF's composition of permission classes.
// A spec list of names is a left-nested chain of And.
type Expr struct {
	Op    ExprOp
	Class *PermClass // Ref
	X, Y  *Expr      // And, Or: both; Not: X
	Pos   Pos
}
