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

	// hidden is set by Hide: the answer is 404 whatever else the checks say.
	hidden bool
}

// Hide makes the request's denial a 404, as a DRF permission class raising Http404 from
// has_object_permission does (DjangoObjectPermissions when the caller may not even read the
// object). DRF's exception ends the evaluation of every enclosing &, | and ~ at once; And,
// Or and Not evaluate their operands in DRF's order with the same short-circuits, so a check
// that reaches Hide is exactly one where DRF raises, and Deny answers 404 for it.
func (r *Request) Hide() { r.hidden = true }

// Hidden reports whether a check called Hide.
func (r *Request) Hidden() bool { return r.hidden }

// NewRequest returns the check request of r made by s.
func NewRequest(r *http.Request, s *Subject) *Request {
	return &Request{Ctx: r.Context(), Method: r.Method, Subject: s}
}

// WithMethod is r as if made with another method, by the same subject and not hidden:
// DRF's OPTIONS (SimpleMetadata) checks such a clone of the request for each of PUT and POST
// before it describes their fields.
func (r *Request) WithMethod(method string) *Request {
	return &Request{Ctx: r.Ctx, Method: method, Subject: r.Subject}
}

// Safe reports whether the method only reads (DRF's SAFE_METHODS).
func (r *Request) Safe() bool {
	return r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions
}

// Object is what object-level checks see of a loaded row.
type Object interface {
	// OwnerOf returns the user id held by the user-relation field named field.
	OwnerOf(field string) (userID int64, ok bool)
	// ObjectPK returns the primary key as text (the object_pk of per-object grants).
	ObjectPK() string
}

// Checker answers DRF's two questions.
type Checker interface {
	HasPermission(r *Request) bool
	HasObjectPermission(r *Request, obj Object) bool
}

// Messenger is implemented by checkers with their own denial message and code (DRF's
// `message` and `code` attributes).
type Messenger interface {
	Message() (message, code string)
}

// Func adapts a view-level function to a Checker whose object check allows.
type Func func(r *Request) bool

// HasPermission calls f.
func (f Func) HasPermission(r *Request) bool { return f(r) }

// HasObjectPermission allows, as DRF's BasePermission does.
func (Func) HasObjectPermission(*Request, Object) bool { return true }

// WithMessage gives c a denial message and code.
func WithMessage(c Checker, message, code string) Checker {
	return messaged{Checker: c, message: message, code: code}
}

type messaged struct {
	Checker
	message, code string
}

func (m messaged) Message() (string, string) { return m.message, m.code }

// And is DRF's &: both must allow.
func And(a, b Checker) Checker { return and{a, b} }

// Or is DRF's |: either may allow. On objects, as DRF 3.14 does it, an operand counts only
// where its view-level check allows too.
func Or(a, b Checker) Checker { return or{a, b} }

// Not is DRF's ~.
func Not(c Checker) Checker { return not{c} }

type and struct{ a, b Checker }

func (c and) HasPermission(r *Request) bool { return c.a.HasPermission(r) && c.b.HasPermission(r) }
func (c and) HasObjectPermission(r *Request, o Object) bool {
	return c.a.HasObjectPermission(r, o) && c.b.HasObjectPermission(r, o)
}

type or struct{ a, b Checker }

func (c or) HasPermission(r *Request) bool { return c.a.HasPermission(r) || c.b.HasPermission(r) }
func (c or) HasObjectPermission(r *Request, o Object) bool {
	return (c.a.HasPermission(r) && c.a.HasObjectPermission(r, o)) ||
		(c.b.HasPermission(r) && c.b.HasObjectPermission(r, o))
}

type not struct{ c Checker }

func (c not) HasPermission(r *Request) bool                 { return !c.c.HasPermission(r) }
func (c not) HasObjectPermission(r *Request, o Object) bool { return !c.c.HasObjectPermission(r, o) }
