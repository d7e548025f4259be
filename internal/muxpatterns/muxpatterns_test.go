package muxpatterns

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPatterns: every pattern registered comes back, however the tree holds it (methods,
// wildcards, {$}, {rest...}, hosts, and more children than the mapping keeps in a slice).
func TestPatterns(t *testing.T) {
	mux := http.NewServeMux()
	want := []string{"/a/{$}", "/a/{id}/", "/a/{id}/b/{$}", "/jwt/create", "/jwt/create/{rest...}", "GET /healthz",
		"POST /a/{id}/c/{$}", "example.com/x/"}
	for i := range 20 {
		want = append(want, fmt.Sprintf("/many/m%02d/{$}", i))
	}
	for _, p := range want {
		mux.HandleFunc(p, func(http.ResponseWriter, *http.Request) {})
	}
	got, err := Patterns(mux)
	require.NoError(t, err)
	require.ElementsMatch(t, want, got)
}
