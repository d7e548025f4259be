package httpx

import (
	"net/http"
	"strings"
)

// Routes wraps a mux of DRF-style routes (each ending in "/", matched exactly with {$}) the
// way Django's CommonMiddleware and URL resolver answer around them: a path that lacks only
// its final slash is redirected with 301 to the path with it (APPEND_SLASH, query kept, for
// every method), and a path no route matches gets DRF's JSON 404 instead of the mux's text.
func Routes(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Checked first: for a path lacking its slash, the mux itself would answer with a
		// 307 redirect of its own, where Django answers 301.
		if !strings.HasSuffix(r.URL.Path, "/") {
			slashed := r.Clone(r.Context())
			slashed.URL.Path += "/"
			if slashed.URL.RawPath != "" {
				slashed.URL.RawPath += "/"
			}
			if _, pattern := mux.Handler(slashed); pattern != "" {
				http.Redirect(w, r, slashed.URL.RequestURI(), http.StatusMovedPermanently)
				return
			}
		}
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		NotFound(w)
	})
}
