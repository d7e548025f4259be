package view

import (
	"net/http"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/httpx"
)

// Route is a generated endpoint's route: its method table (one handler per method it
// serves; Allow, HEAD, OPTIONS and 405 follow from it, see httpx.Route) and what DRF's view
// adds around it: the permission checks Begin runs, the serializer OPTIONS describes, and
// an @action's refusal of a format suffix.
type Route struct {
	Name        string // DRF's view name, as OPTIONS shows it
	Description string // the view's docstring, as OPTIONS shows it

	// Perms are the view's permission checks (its permission_classes, compiled); PermsFor,
	// when set, chooses them by the request's method instead (DRF's get_permissions
	// overridden per method).
	Perms    *authz.List
	PermsFor func(method string) *authz.List

	Get, Post, Put, Patch, Delete httpx.Handler[*authz.Request]

	// Fields describe the serializer to a caller who may PUT or POST (DRF's SimpleMetadata):
	// one who passes the checks with that method and, for PUT, get_object's (Object). Nil:
	// OPTIONS describes neither.
	Fields func() httpx.Fields
	// Object is get_object's check for OPTIONS's PUT; a route that serves PUT without one
	// has no object in its path, where DRF's OPTIONS fails: it answers 405.
	Object ObjectCheck

	// Action marks a DRF @action: DRF routes "<action>.json" to it too, but the action's
	// function takes no format argument and Django fails (500); not found, rather. OPTIONS
	// calls no action and answers.
	Action bool
}

// ObjectCheck reports whether get_object would hand req the object of r's path, under the
// object-level checks of perms (ObjectAllows over an endpoint's query).
type ObjectCheck func(r *http.Request, req *authz.Request, perms *authz.List) bool

// Object is ObjectAllows over get, a Route's Object.
func Object[M authz.Object](get Getter[M]) ObjectCheck {
	return func(r *http.Request, req *authz.Request, perms *authz.List) bool {
		return ObjectAllows(r, req, perms, get)
	}
}

// Handle registers rt on mux for pattern, a ServeMux pattern without a method.
func (b *Base) Handle(mux *http.ServeMux, pattern string, rt Route) {
	httpx.Handle(mux, pattern, httpx.Route[*authz.Request]{
		Name:        rt.Name,
		Description: rt.Description,
		Begin: func(w http.ResponseWriter, r *http.Request) (*authz.Request, bool) {
			return rt.begin(b, w, r)
		},
		Get: rt.Get, Post: rt.Post, Put: rt.Put, Patch: rt.Patch, Delete: rt.Delete,
		Actions: rt.actions,
	})
}

// perms are the checks of a request made with method.
func (rt *Route) perms(method string) *authz.List {
	if rt.PermsFor != nil {
		return rt.PermsFor(method)
	}
	return rt.Perms
}

// begin is Base.Begin with the route's checks, then an @action's refusal of a format.
func (rt *Route) begin(b *Base, w http.ResponseWriter, r *http.Request) (*authz.Request, bool) {
	req, ok := b.Begin(w, r, rt.perms(r.Method))
	if !ok {
		return nil, false
	}
	if rt.Action && r.Method != http.MethodOptions && httpx.Format(r) != "" {
		httpx.NotFound(w)
		return nil, false
	}
	return req, true
}

// actions are DRF's determine_actions: for each of PUT and POST the route serves, the
// serializer's fields when a clone of the request with that method passes the checks and,
// for PUT, get_object.
func (rt *Route) actions(r *http.Request, req *authz.Request) ([]httpx.Action, bool) {
	if rt.Put != nil && rt.Object == nil {
		return nil, false // get_object without an id: DRF's OPTIONS fails
	}
	if rt.Fields == nil {
		return nil, true
	}
	var actions []httpx.Action
	if rt.Put != nil {
		put, perms := req.WithMethod(http.MethodPut), rt.perms(http.MethodPut)
		if perms.Check(put).Allowed() && rt.Object(r, put, perms) {
			actions = append(actions, httpx.Action{Method: http.MethodPut, Fields: rt.Fields()})
		}
	}
	if rt.Post != nil {
		if rt.perms(http.MethodPost).Check(req.WithMethod(http.MethodPost)).Allowed() {
			actions = append(actions, httpx.Action{Method: http.MethodPost, Fields: rt.Fields()})
		}
	}
	return actions, true
}

// Root is the route of DRF's DefaultRouter API root under perms: GET answers links (a list
// route's name → its path) as absolute links, with the request's format suffix if it had
// one (DRF's reverse).
func Root(perms *authz.List, links map[string]string) Route {
	return Route{
		Name:        "Api Root",
		Description: "The default basic root view for DefaultRouter",
		Perms:       perms,
		Get: func(w http.ResponseWriter, r *http.Request, _ *authz.Request) {
			out := make(map[string]string, len(links))
			for name, path := range links {
				out[name] = httpx.Link(r, path)
			}
			httpx.JSON(w, http.StatusOK, out)
		},
	}
}
