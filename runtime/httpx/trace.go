package httpx

import (
	"context"
	"net/http"
)

// Trace is what a request's log line reports that only the handlers learn: the route pattern
// that served the request and the user it authenticated. The request log puts one in the
// request's context (WithTrace); a Route or else Routes fills Route, authentication the user.
type Trace struct {
	// Route is the ServeMux pattern that served the request, with the method when a Route
	// served it ("GET /shop/items/{id}/{$}"), empty when none did (a 404, a redirect to add
	// a slash).
	Route string
	// UserID is the authenticated user's id; HasUser is false for an anonymous request.
	UserID  int64
	HasUser bool

	// media is the app's Media (WithMedia) when the request has a Trace: carried here, the
	// request is not copied a second time to put it in the context.
	media *Media
}

type traceKey struct{}

// WithTrace returns r with a new Trace in its context, and the Trace.
func WithTrace(r *http.Request) (*http.Request, *Trace) {
	t := &Trace{}
	if outer := TraceOf(r.Context()); outer != nil {
		t.media = outer.media // the Media given outside stays the request's
	}
	return r.WithContext(context.WithValue(r.Context(), traceKey{}, t)), t
}

// TraceOf returns the request's Trace, or nil when no request log asked for one.
func TraceOf(ctx context.Context) *Trace {
	t, _ := ctx.Value(traceKey{}).(*Trace)
	return t
}

// SetUser records the authenticated user in ctx's Trace, if any.
func SetUser(ctx context.Context, id int64) {
	if t := TraceOf(ctx); t != nil {
		t.UserID, t.HasUser = id, true
	}
}
