package authz_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
)

// TestPermsAppIsFresh keeps the package the HTTP tests run against the generator's output for
// its spec: regenerate with `go run ./cmd/authgen generate ./testdata/specs/perms`.
func TestPermsAppIsFresh(t *testing.T) {
	out, err := generator.Generate(filepath.Join("..", "..", "testdata", "specs", "perms", generator.SpecName))
	require.NoError(t, err)
	changes, err := out.Changes()
	require.NoError(t, err)
	for _, c := range changes {
		t.Errorf("%s is stale (go run ./cmd/authgen generate ./testdata/specs/perms):\n%s", c.Path, generator.UnifiedDiff(c))
	}
}
