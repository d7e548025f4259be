package authz

import "errors"

// ErrNotImplemented is the failure of a check whose class the application has not
// registered. A generated app refuses to start in that case, so a request never sees it.
var ErrNotImplemented = errors.New("authz: permission class not implemented")

// Indirect is the checker *p holds when a check runs: a permission class the application
// writes in Go and registers after the generated package's checker lists were built.
// While *p is nil, every check fails (a 500, logged) rather than allowing.
func Indirect(p *Checker) Checker { return indirect{p} }

type indirect struct{ p *Checker }

func (c indirect) HasPermission(r *Request) Decision {
	if *c.p == nil {
		return Failed(ErrNotImplemented)
	}
	return (*c.p).HasPermission(r)
}

func (c indirect) HasObjectPermission(r *Request, o Object) Decision {
	if *c.p == nil {
		return Failed(ErrNotImplemented)
	}
	return (*c.p).HasObjectPermission(r, o)
}
