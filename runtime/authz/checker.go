package authz

import (
	"context"
	"net/http"
)

// Request is what a check sees of an HTTP request.
type Request struct {
	Ctx     context.Context
	Method  string
	Subject *Subject
	// HTTP is the request itself, for checks and hooks written by the application that
	// look at more than the method (query parameters, headers).
	HTTP *http.Request

	// method is Method numbered (methodIndex + 1), 0 until a check first needs it: checks
	// ask for it several times per decision, and a number compares for less than a string.
	method uint8
	// kind is the index of the request's bit in a compiled List's table of view-level
	// answers plus one (see Request.tableIndex), 0 until a List first needs it.
	kind uint8
}

// NewRequest returns the check request of r made by s.
func NewRequest(r *http.Request, s *Subject) *Request {
	req := &Request{Ctx: r.Context(), Method: r.Method, Subject: s, HTTP: r, method: methodIndex(r.Method) + 1}
	req.kind = req.workOutIndex() + 1
	return req
}

// WithMethod is r as if made with another method by the same subject: DRF's OPTIONS
// (SimpleMetadata) checks such a clone of the request for each of PUT and POST before it
// describes their fields.
func (r *Request) WithMethod(method string) *Request {
	req := &Request{Ctx: r.Ctx, Method: method, Subject: r.Subject, HTTP: r.HTTP, method: methodIndex(method) + 1}
	req.kind = req.workOutIndex() + 1
	return req
}

// methodIndex returns the number of the request's method (see methodIndex).
func (r *Request) methodIndex() uint8 {
	if r.method == 0 {
		r.method = methodIndex(r.Method) + 1
	}
	return r.method - 1
}

// Safe reports whether the method only reads (DRF's SAFE_METHODS).
func (r *Request) Safe() bool {
	i := r.methodIndex()
	return i >= get && i <= options
}

// Object is what object-level checks see of a loaded row.
type Object interface {
	// OwnerOf returns the user id held by the user-relation field named field.
	OwnerOf(field string) (userID int64, ok bool)
	// ObjectPK returns the primary key as text (the object_pk of per-object grants).
	ObjectPK() string
}

// Checker answers DRF's two questions, each with a Decision.
type Checker interface {
	HasPermission(r *Request) Decision
	HasObjectPermission(r *Request, obj Object) Decision
}

// Messenger is implemented by checkers with their own denial message and code (DRF's
// `message` and `code` attributes).
type Messenger interface {
	Message() (message, code string)
}

// Class is a named permission class of a spec: its checker, and the message and code its
// denials answer with ("" for DRF's defaults). Denials and their log lines name it.
type Class struct {
	Name    string
	Checker Checker
	Message string
	Code    string
}

// HasPermission asks the class's checker.
func (c Class) HasPermission(r *Request) Decision { return c.Checker.HasPermission(r) }

// HasObjectPermission asks the class's checker.
func (c Class) HasObjectPermission(r *Request, o Object) Decision {
	return c.Checker.HasObjectPermission(r, o)
}

// String returns the class's name.
func (c Class) String() string { return c.Name }

// WithMessage gives c a denial message and code, keeping its name.
func WithMessage(c Checker, message, code string) Checker {
	return Class{Name: Name(c), Checker: c, Message: message, Code: code}
}

// And is DRF's &: both must allow. A denial, 404 or failure of the first ends it.
func And(a, b Checker) Checker { return &and{a: a, b: b, ta: trivialOf(a), tb: trivialOf(b)} }

// Or is DRF's |: either may allow. On objects, as DRF 3.14 does it, an operand counts only
// where its view-level check allows too. A 404 or failure of an operand ends it, as DRF's
// exception would.
func Or(a, b Checker) Checker { return &or{a: a, b: b, ta: trivialOf(a), tb: trivialOf(b)} }

// Not is DRF's ~: it swaps allow and deny; a 404 or a failure stays what it is.
func Not(c Checker) Checker { return &not{c} }

// trivial says which of a checker's two questions always allow, whoever asks: the object
// check of a class that decides on the view (BasePermission.has_object_permission), the
// view check of an object rule. Compositions, built once, skip asking those: a decision
// is asked on every request, and each question asked is a call through an interface.
type trivial struct{ view, object bool }

// trivialOf is what is known of c: by its exact type, so that a checker of another package
// embedding one of these (and overriding a question) is never taken for it.
func trivialOf(c Checker) trivial {
	switch c := c.(type) {
	case AllowAny:
		return trivial{view: true, object: true}
	case IsAuthenticated, IsAdminUser, IsAuthenticatedOrReadOnly, ReadOnly, Func, *methodPerms, requires, *ModelPerms:
		return trivial{object: true}
	case Owner:
		return trivial{view: true}
	case Class:
		return trivialOf(c.Checker)
	case *and:
		return trivial{view: c.ta.view && c.tb.view, object: c.ta.object && c.tb.object}
	case *or:
		// An operand whose view check always allows makes |'s allow; on objects only a first
		// operand that always allows both questions does (it ends the evaluation).
		return trivial{view: c.ta.view || c.tb.view, object: c.ta.view && c.ta.object}
	}
	return trivial{}
}

type and struct {
	a, b   Checker
	ta, tb trivial
}

func (c *and) HasPermission(r *Request) Decision {
	if !c.ta.view {
		if d := c.a.HasPermission(r); !d.Allowed() {
			return d
		}
	}
	if c.tb.view {
		return Allowed
	}
	return c.b.HasPermission(r)
}

func (c *and) HasObjectPermission(r *Request, o Object) Decision {
	if !c.ta.object {
		if d := c.a.HasObjectPermission(r, o); !d.Allowed() {
			return d
		}
	}
	if c.tb.object {
		return Allowed
	}
	return c.b.HasObjectPermission(r, o)
}

func (c *and) String() string { return grouped(c.a, false) + " & " + grouped(c.b, false) }

type or struct {
	a, b   Checker
	ta, tb trivial
}

func (c *or) HasPermission(r *Request) Decision {
	if c.ta.view {
		return Allowed
	}
	if d := c.a.HasPermission(r); d.Verdict() != Deny {
		return d
	}
	if c.tb.view {
		return Allowed
	}
	return c.b.HasPermission(r)
}

func (c *or) HasObjectPermission(r *Request, o Object) Decision {
	if d := both(c.a, c.ta, r, o); d.Verdict() != Deny {
		return d
	}
	return both(c.b, c.tb, r, o)
}

// both is DRF 3.14's operand of | on objects: its view-level check, then its object one.
func both(c Checker, t trivial, r *Request, o Object) Decision {
	if !t.view {
		if d := c.HasPermission(r); !d.Allowed() {
			return d
		}
	}
	if t.object {
		return Allowed
	}
	return c.HasObjectPermission(r, o)
}

func (c *or) String() string { return Name(c.a) + " | " + Name(c.b) }

type not struct{ c Checker }

func (c *not) HasPermission(r *Request) Decision { return invert(c.c.HasPermission(r)) }

func (c *not) HasObjectPermission(r *Request, o Object) Decision {
	return invert(c.c.HasObjectPermission(r, o))
}

func invert(d Decision) Decision {
	switch d.Verdict() {
	case Allow:
		return Denied
	case Deny:
		return Allowed
	}
	return d
}

func (c *not) String() string { return "~" + grouped(c.c, true) }

// grouped names an operand of & or ~ (of ~ when unary), in parentheses where the spec needs
// them: | binds looser than &, and both looser than ~.
func grouped(c Checker, unary bool) string {
	switch c.(type) {
	case *or:
		return "(" + Name(c) + ")"
	case *and:
		if unary {
			return "(" + Name(c) + ")"
		}
	}
	return Name(c)
}
