package httpx

import (
	"net/http"
	"strings"
)

// Handler answers one method of a route with what the route's Begin established: for a
// generated endpoint, the authenticated request whose permission checks passed.
type Handler[S any] func(w http.ResponseWriter, r *http.Request, s S)

// Route is one route's method table, served as DRF's APIView.dispatch serves a view: Begin
// first, whatever the method (DRF's initial(): authentication, the permission checks, the
// throttles; when it returns false it has answered), so that a caller is told to
// authenticate before it is told a method is not allowed; then the handler of the method.
// HEAD is answered by Get (Django's View maps head to get). OPTIONS is DRF's SimpleMetadata
// (Options) with Name, Description and Actions. Any other method is DRF's 405. The Allow
// header of both lists the methods with a handler in Django's http_method_names order, HEAD
// after GET, OPTIONS always.
type Route[S any] struct {
	Name        string // DRF's view name, as OPTIONS shows it
	Description string // the view's docstring, as OPTIONS shows it

	Begin func(w http.ResponseWriter, r *http.Request) (S, bool)

	Get, Post, Put, Patch, Delete Handler[S]

	// Actions are what OPTIONS describes of PUT and POST for the caller (DRF's
	// determine_actions); nil describes nothing. When it returns false DRF's OPTIONS fails
	// on the view, and the answer is 405.
	Actions func(r *http.Request, s S) ([]Action, bool)
}

// The methods of a route's table, in Django's http_method_names order (which DRF's Allow
// header keeps), then OPTIONS and every other method.
const (
	methodGet = iota
	methodPost
	methodPut
	methodPatch
	methodDelete
	methodOptions
	methodOther
)

// methodIndex is the place of a request method in a route's table; HEAD is GET's.
func methodIndex(method string) int {
	switch method {
	case http.MethodGet, http.MethodHead:
		return methodGet
	case http.MethodPost:
		return methodPost
	case http.MethodPut:
		return methodPut
	case http.MethodPatch:
		return methodPatch
	case http.MethodDelete:
		return methodDelete
	case http.MethodOptions:
		return methodOptions
	}
	return methodOther
}

// Handle registers rt on mux for pattern, a ServeMux pattern without a method ("/shop/items/{id}/{$}"):
// the route answers every method itself.
func Handle[S any](mux *http.ServeMux, pattern string, rt Route[S]) {
	mux.Handle(pattern, rt.Handler(pattern))
}

// Handler returns rt as the handler of pattern. The request log (Trace) shows the route of a
// method rt serves as ServeMux writes a pattern with a method ("GET /shop/items/{id}/{$}",
// for HEAD too), that of OPTIONS likewise, and that of a method it refuses as pattern alone.
func (rt Route[S]) Handler(pattern string) http.Handler {
	h := &routeHandler[S]{rt: rt, handlers: [...]Handler[S]{rt.Get, rt.Post, rt.Put, rt.Patch, rt.Delete}}
	names := [...]string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}
	var allow []string
	for i, m := range h.handlers {
		h.traced[i] = pattern
		if m != nil {
			allow = append(allow, names[i])
			h.traced[i] = names[i] + " " + pattern
		}
	}
	if rt.Get != nil {
		allow = append(allow, http.MethodHead)
	}
	h.allow = strings.Join(append(allow, http.MethodOptions), ", ")
	h.allowHeader = []string{h.allow}[:1:1]
	h.traced[methodOptions] = http.MethodOptions + " " + pattern
	h.traced[methodOther] = pattern
	return h
}

// routeHandler is a Route with what follows from its table, worked out once.
type routeHandler[S any] struct {
	rt       Route[S]
	handlers [methodOptions]Handler[S]
	allow    string // the Allow header
	// allowHeader is allow as a header's values, set on every answer as DRF's
	// default_response_headers do; no room for a second value, so an Add appends to a copy.
	allowHeader []string
	traced      [methodOther + 1]string // the route the request log shows, by method
}

func (h *routeHandler[S]) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	i := methodIndex(r.Method)
	if t := TraceOf(r.Context()); t != nil {
		t.Route = h.traced[i]
	}
	w.Header()["Allow"] = h.allowHeader
	s, ok := h.rt.Begin(w, r)
	if !ok {
		return
	}
	switch {
	case i < methodOptions && h.handlers[i] != nil:
		h.handlers[i](w, r, s)
	case i == methodOptions:
		h.options(w, r, s)
	default:
		MethodNotAllowed(w, r.Method, h.allow)
	}
}

// options answers OPTIONS: the view's metadata with the actions the caller may see.
func (h *routeHandler[S]) options(w http.ResponseWriter, r *http.Request, s S) {
	var actions []Action
	if h.rt.Actions != nil {
		var ok bool
		if actions, ok = h.rt.Actions(r, s); !ok {
			MethodNotAllowed(w, r.Method, h.allow)
			return
		}
	}
	Options(w, r, h.allow, h.rt.Name, h.rt.Description, actions...)
}
