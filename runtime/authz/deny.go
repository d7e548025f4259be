package authz

import (
	"log/slog"
	"net/http"

	"github.com/authgen/authgen/runtime/httpx"
)

// Check runs the view-level checks in order (a DRF permission_classes list): the decision
// of the first that does not allow, naming it, or the zero Outcome, which allows.
func Check(r *Request, checks ...Checker) Outcome {
	for _, c := range checks {
		if d := c.HasPermission(r); !d.Allowed() {
			return Outcome{Decision: d, Class: c}
		}
	}
	return Outcome{}
}

// CheckObject runs the object-level checks in order: the decision of the first that does
// not allow, naming it, or the zero Outcome, which allows.
func CheckObject(r *Request, obj Object, checks ...Checker) Outcome {
	for _, c := range checks {
		if d := c.HasObjectPermission(r, obj); !d.Allowed() {
			return Outcome{Decision: d, Class: c}
		}
	}
	return Outcome{}
}

// Respond writes DRF's answer to a decision that did not allow, and logs it to log (nil:
// slog.Default()): a failure is a 500, logged as an error with its cause; a hidden object a
// 404 (DRF's Http404); an anonymous subject's denial a 401 with challenge (DRF's
// NotAuthenticated; 403 without one); any other denial a 403 with the class's message.
// Denials are logged at debug level, naming the class that denied.
func Respond(w http.ResponseWriter, r *Request, d Outcome, challenge string, log *slog.Logger) {
	if log == nil {
		log = slog.Default()
	}
	if d.Verdict() == Fail {
		log.ErrorContext(r.Ctx, "permission check failed", "class", d.ClassName(), "method", r.Method,
			"user_id", r.Subject.userID(), "error", d.Err())
		httpx.ServerError(w)
		return
	}
	if log.Enabled(r.Ctx, slog.LevelDebug) {
		log.DebugContext(r.Ctx, "permission denied", "class", d.ClassName(), "verdict", d.Verdict().String(),
			"method", r.Method, "user_id", r.Subject.userID())
	}
	if d.Verdict() == Hide {
		httpx.NotFound(w)
		return
	}
	if !r.Subject.IsAuthenticated() {
		httpx.NotAuthenticated(w, challenge, "")
		return
	}
	message, _ := d.Message()
	httpx.PermissionDenied(w, message)
}

// userID is the subject's user id, 0 for none.
func (s *Subject) userID() int64 {
	if s == nil {
		return 0
	}
	return s.UserID
}
