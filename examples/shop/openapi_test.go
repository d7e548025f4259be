package main

import (
	"path/filepath"
	"testing"

	"github.com/authgen/authgen/examples/shop/shop"
	"github.com/authgen/authgen/internal/openapicheck"
)

// TestOpenAPIDocumentsTheShop holds shop/openapi.json to the running shop: every
// documented route answers as documented, and every route it serves is documented.
func TestOpenAPIDocumentsTheShop(t *testing.T) {
	openapicheck.Check(t, shop.Definition(), filepath.Join("shop", "openapi.json"))
}
