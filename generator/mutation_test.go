package generator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMatrixSeesASwappedCodename is the mutation that once passed every test: the store's
// generated code asks PATCH on products for delete_product instead of change_product. The
// permission matrix must fail on it, at the cells of a caller holding one of the two alone.
func TestMatrixSeesASwappedCodename(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a mutant of the store's package (-short)")
	}
	t.Parallel()
	src := filepath.Join("..", "examples", "store", "store")
	dir, err := os.MkdirTemp(filepath.Join("..", "testdata"), "mutant-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))

	perms := filepath.Join(dir, "permissions.go")
	body, err := os.ReadFile(perms)
	require.NoError(t, err)
	const line = "http.MethodPatch:   PermChangeProduct,"
	require.Equal(t, 1, strings.Count(string(body), line), "the mutation's target moved: update the test")
	mutant := strings.Replace(string(body), line, "http.MethodPatch:   PermDeleteProduct,", 1)
	require.NoError(t, os.WriteFile(perms, []byte(mutant), 0o644))

	goTool, err := exec.LookPath("go")
	require.NoError(t, err)
	cmd := exec.Command(goTool, "test", "-count=1", "-run", "TestPermissionMatrix/sqlite", "./testdata/"+filepath.Base(dir))
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the matrix passed a route asking for the wrong permission:\n%s", out)
	for _, cell := range []string{
		"PATCH_/store/products/{id}/_as_holder_of_store.change_product",
		"PATCH_/store/products/{id}/_as_holder_of_store.change_product_through_a_group",
		"PATCH_/store/products/{id}/_as_holder_of_store.delete_product",
	} {
		require.Contains(t, string(out), "--- FAIL: TestPermissionMatrix/sqlite/"+cell+" ", "the cell that sees the swap")
	}
	require.NotContains(t, string(out), "as_permission_holder ", "the holder of every permission cannot see it")
}
