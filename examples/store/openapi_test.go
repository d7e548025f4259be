package main

import (
	"path/filepath"
	"testing"

	"github.com/authgen/authgen/examples/store/store"
	"github.com/authgen/authgen/internal/openapicheck"
)

// TestOpenAPIDocumentsTheStore holds store/openapi.json to the running store: every
// documented route answers as documented, and every route it serves is documented.
func TestOpenAPIDocumentsTheStore(t *testing.T) {
	openapicheck.Check(t, store.Definition(), filepath.Join("store", "openapi.json"))
}
