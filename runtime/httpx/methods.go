package httpx

import "net/http"

// Methods is the method dispatch of one route: its handlers by method, DRF's 405 with
// Allow for the others, and the OPTIONS metadata of the view named Name. HEAD is answered
// by the GET handler.
type Methods struct {
	Name     string // DRF's view name, for OPTIONS
	Allow    string // the Allow header: "GET, HEAD, OPTIONS"
	Handlers map[string]http.HandlerFunc
}

func (m Methods) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method := r.Method
	if method == http.MethodHead {
		method = http.MethodGet
	}
	if h, ok := m.Handlers[method]; ok {
		h(w, r)
		return
	}
	if r.Method == http.MethodOptions {
		Options(w, m.Allow, m.Name, "")
		return
	}
	MethodNotAllowed(w, r.Method, m.Allow)
}
