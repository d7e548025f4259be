package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/httpx"
)

// TestMediaWithTrace: the Media a handler sees is the innermost WithMedia's, whether it is
// carried by the request log's Trace or by the context, however the two nest, and an outer
// handler sees its own again once the inner one has served.
func TestMediaWithTrace(t *testing.T) {
	a := httpx.Media{Renderers: []string{httpx.MediaJSON}, Parsers: []string{httpx.MediaJSON}}
	b := httpx.Media{Renderers: []string{httpx.MediaHTML}, Parsers: []string{httpx.MediaForm}}
	type layer func(http.Handler) http.Handler
	media := func(m httpx.Media) layer { return func(h http.Handler) http.Handler { return httpx.WithMedia(h, m) } }
	trace := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r, _ = httpx.WithTrace(r)
			h.ServeHTTP(w, r)
		})
	}
	var seen [][]string
	see := func(r *http.Request) { seen = append(seen, httpx.RenderersOf(r), httpx.ParsersOf(r)) }
	// check runs its next layers, then looks again: what an outer handler sees after.
	check := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.ServeHTTP(w, r)
			see(r)
		})
	}
	for _, tc := range []struct {
		name   string
		layers []layer
		want   [][]string // innermost first, then each check on the way out
	}{
		{"none", nil, [][]string{httpx.Renders, httpx.Parses}},
		{"context", []layer{media(a)}, [][]string{a.Renderers, a.Parsers}},
		{"trace", []layer{trace, media(a)}, [][]string{a.Renderers, a.Parsers}},
		{"trace inside", []layer{media(a), trace}, [][]string{a.Renderers, a.Parsers}},
		{"two on the trace", []layer{trace, media(a), check, media(b)}, [][]string{b.Renderers, b.Parsers, a.Renderers, a.Parsers}},
		{"context then trace", []layer{media(a), check, trace, media(b)}, [][]string{b.Renderers, b.Parsers, a.Renderers, a.Parsers}},
		{"trace then context", []layer{trace, media(a), check, media(b), trace}, [][]string{b.Renderers, b.Parsers, a.Renderers, a.Parsers}},
		{"nested traces", []layer{trace, media(a), check, trace}, [][]string{a.Renderers, a.Parsers, a.Renderers, a.Parsers}},
		{"after the trace's", []layer{check, trace, media(a)}, [][]string{a.Renderers, a.Parsers, httpx.Renders, httpx.Parses}},
	} {
		var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { see(r) })
		for i := len(tc.layers) - 1; i >= 0; i-- {
			h = tc.layers[i](h)
		}
		seen = nil
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
		require.Equal(t, tc.want, seen, tc.name)
	}
}
