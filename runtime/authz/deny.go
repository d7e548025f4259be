package authz

import (
	"net/http"

	"github.com/authgen/authgen/runtime/httpx"
)

// Check runs the view-level checks in order (a DRF permission_classes list) and returns the
// first that denies, or nil.
func Check(r *Request, checks ...Checker) Checker {
	for _, c := range checks {
		if !c.HasPermission(r) {
			return c
		}
	}
	return nil
}

// CheckObject runs the object-level checks in order and returns the first that denies.
func CheckObject(r *Request, obj Object, checks ...Checker) Checker {
	for _, c := range checks {
		if !c.HasObjectPermission(r, obj) {
			return c
		}
	}
	return nil
}

// Deny writes DRF's answer to a denial by failed: 401 with challenge when the subject is
// anonymous (DRF's NotAuthenticated), 403 with failed's message otherwise, and 500 when the
// denial came from a failure to load permissions.
func Deny(w http.ResponseWriter, r *Request, failed Checker, challenge string) {
	if r.Subject.Err() != nil {
		httpx.ServerError(w)
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
