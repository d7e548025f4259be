package authz

import (
	"net/http"

	"github.com/authgen/authgen/runtime/httpx"
)

// Check runs the view-level checks in order (a DRF permission_classes list) and returns the
// first that denies or hides (Request.Hide), or nil.
func Check(r *Request, checks ...Checker) Checker {
	for _, c := range checks {
		if !c.HasPermission(r) || r.Hidden() {
			return c
		}
	}
	return nil
}

// CheckObject runs the object-level checks in order and returns the first that denies or
// hides: a check that called Hide fails even where an enclosing | allowed afterwards, since
// DRF's Http404 would have ended the evaluation there.
func CheckObject(r *Request, obj Object, checks ...Checker) Checker {
	for _, c := range checks {
		if !c.HasObjectPermission(r, obj) || r.Hidden() {
			return c
		}
	}
	return nil
}

// Deny writes DRF's answer to a denial by failed: 500 when the denial came from a failure to
// load permissions, 404 when a check hid the object (Request.Hide: DRF's Http404), 401 with
// challenge when the subject is anonymous (DRF's NotAuthenticated), 403 with failed's message
// otherwise.
func Deny(w http.ResponseWriter, r *Request, failed Checker, challenge string) {
	if r.Subject.Err() != nil {
		httpx.ServerError(w)
		return
	}
	if r.Hidden() {
		httpx.NotFound(w)
		return
	}
	if !r.Subject.IsAuthenticated() {
		httpx.NotAuthenticated(w, challenge, "")
		return
	}
	message := ""
	if m, ok := failed.(Messenger); ok {
		message, _ = m.Message()
	}
	httpx.PermissionDenied(w, message)
}
