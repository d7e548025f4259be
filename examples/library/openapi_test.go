package main

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/authgen/authgen/examples/library/library"
	"github.com/authgen/authgen/internal/openapicheck"
)

// TestOpenAPIDocumentsTheLibrary holds library/openapi.json to the running library, whose
// hooks (hooks.go) are registered by this package's init: every documented route answers as
// documented, and every route it serves is documented.
func TestOpenAPIDocumentsTheLibrary(t *testing.T) {
	openapicheck.Check(t, library.Definition(), filepath.Join("library", "openapi.json"), openapicheck.Values{
		// validate_isbn checks the check digit; a book with copies can be lent.
		"/library/books/": {"isbn": "978-0-261-10221-7", "copies": 3, "reference": false},
		// validate_due and validate: due in the future, within the loan days.
		"/library/loans/": {"due": time.Now().UTC().AddDate(0, 0, 7).Format(time.DateOnly)},
	})
}
