package generator_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// goldenPattern names every golden case's package. The cases live under testdata, which
// `./...` skips, but named explicitly they are packages of this module
// (github.com/authgen/authgen/testdata/golden/<case>) and link against the runtime in this
// checkout: generated code that no longer fits the runtime fails here, not in a user's build.
const goldenPattern = "./testdata/golden/..."

// goCmd runs the go command at the module root.
func goCmd(t *testing.T, args ...string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the go command is needed to build the generated packages")
	cmd := exec.Command(goTool, args...)
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go %s:\n%s", strings.Join(args, " "), out)
	return string(out)
}

// TestGoldenCompiles builds and vets every golden case's package, its generated
// permission-matrix test included (vet type-checks test files). The handlers case carries a
// hand-written actions.go implementing its generated interfaces, as an application would.
//
// It and the other tests that run the go command (TestGoldenPackagesPass,
// TestMatrixSeesASwappedCodename) run in parallel: each mostly waits for its go command,
// whose builds and test binaries then share the cores with the others'.
func TestGoldenCompiles(t *testing.T) {
	t.Parallel()
	listed := strings.Fields(goCmd(t, "list", goldenPattern))
	for _, name := range goldenCases(t) {
		require.Contains(t, listed, "github.com/authgen/authgen/testdata/golden/"+name, "go list %s", goldenPattern)
	}
	goCmd(t, "build", goldenPattern)
	goCmd(t, "vet", goldenPattern)
}

// TestGoldenPackagesPass runs the golden packages' tests: each generated package's
// permission-matrix test (every route, method and persona of PERMISSIONS.md over HTTP on
// SQLite) and the handlers case's hand-written test of its actions.
func TestGoldenPackagesPass(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generated packages' tests (-short)")
	}
	t.Parallel()
	goCmd(t, "test", goldenPattern)
}
