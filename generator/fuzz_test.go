package generator_test

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/emit"
	"github.com/authgen/authgen/generator/model"
)

// FuzzBuild feeds arbitrary bytes through both stages: they must never panic, must be
// deterministic, and must either fail with positioned errors or yield an App whose contract
// (docs on the model types) holds. An App is also generated, and a sample of them compiled
// and vetted: a spec `authgen check` accepts must give Go that builds. Seeds: every spec
// under testdata plus the corpus in testdata/fuzz/FuzzBuild.
//
// It runs both stages, so it lives with the pipeline rather than in generator/model: there,
// an external test importing emit made the go command compile emit, plan and schema a second
// time against model's internal tests (6.5 s of CPU for emit alone on an empty build cache).
func FuzzBuild(f *testing.F) {
	compile := newCompileSample(f)
	seeds, err := filepath.Glob(filepath.Join("..", "testdata", "*", "*", "authgen.yaml"))
	require.NoError(f, err)
	for _, s := range seeds {
		src, err := os.ReadFile(s)
		require.NoError(f, err)
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		app, errs := model.Load("authgen.yaml", src)
		again, errs2 := model.Load("authgen.yaml", src)
		require.Equal(t, errs, errs2, "errors must be deterministic")
		if len(errs) > 0 {
			require.Nil(t, app)
			for _, e := range errs {
				require.Equal(t, "authgen.yaml", e.Pos.File)
				require.NotEmpty(t, e.Msg)
			}
			return
		}
		require.NotNil(t, app)
		require.Equal(t, app, again, "the App must be deterministic")
		checkContract(t, app)
		compile.add(t, app, src)
	})
}

// compileSample generates accepted specs into packages under testdata (inside the module, so
// that they link against this checkout's runtime) and builds and vets them. Run over the
// seeds, every accepted seed is compiled, with one go command at the end; while fuzzing
// (-fuzz), one accepted input in 64 is compiled at once, as the go command costs seconds.
type compileSample struct {
	dir     string
	fuzzing bool
	mu      sync.Mutex
	pkgs    []string
}

func newCompileSample(f *testing.F) *compileSample {
	c := &compileSample{}
	if fl := flag.Lookup("test.fuzz"); fl != nil && fl.Value.String() != "" {
		c.fuzzing = true
	}
	dir, err := os.MkdirTemp("testdata", "compiled-")
	require.NoError(f, err)
	c.dir = dir
	f.Cleanup(func() {
		defer os.RemoveAll(dir)
		if len(c.pkgs) > 0 && !f.Failed() {
			f.Logf("compiling the %d accepted specs", len(c.pkgs))
			vet(f, c.pkgs...)
		}
	})
	return c
}

func (c *compileSample) add(t *testing.T, app *model.App, src []byte) {
	sum := sha256.Sum256(src)
	if c.fuzzing && sum[0]%64 != 0 {
		return
	}
	files, _, err := emit.Files(app, emit.History{})
	require.NoError(t, err, "an accepted spec must generate")
	pkg := filepath.Join(c.dir, fmt.Sprintf("s%x", sum[:6]))
	for name, body := range files {
		path := filepath.Join(pkg, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, body, 0o644))
	}
	if c.fuzzing {
		defer os.RemoveAll(pkg)
		vet(t, pkg)
		return
	}
	c.mu.Lock()
	c.pkgs = append(c.pkgs, pkg)
	c.mu.Unlock()
}

// vet builds and vets the packages in the directories (vet type-checks their tests too).
func vet(t testing.TB, dirs ...string) {
	t.Helper()
	args := []string{"vet"}
	for _, d := range dirs {
		args = append(args, "./"+filepath.ToSlash(d))
	}
	cmd := exec.Command("go", args...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "a spec authgen check accepts gave Go that does not compile:\n%s", strings.TrimSpace(string(out)))
}

// checkContract asserts what emitters rely on.
func checkContract(t *testing.T, app *model.App) {
	require.True(t, token.IsIdentifier(app.Name) && !token.IsKeyword(app.Name))
	require.NotNil(t, app.DefaultPermission)
	isGo := func(s string) { require.True(t, token.IsIdentifier(s) && token.IsExported(s), "%q", s) }
	for _, m := range app.Models {
		isGo(m.GoName)
		require.Equal(t, "ID", m.ID.GoName)
		for _, f := range m.Fields {
			isGo(f.GoName)
			require.Same(t, m, f.Model)
			if f.Type.IsRelation() {
				require.True(t, f.ToUser != (f.To != nil), "a relation points at exactly one of user and a model")
				if f.To != nil {
					require.Contains(t, app.Models, f.To)
				}
			}
		}
		require.GreaterOrEqual(t, len(m.Permissions), 4)
	}
	require.True(t, slices.IsSortedFunc(app.Permissions, func(a, b *model.Permission) int {
		if a.Full < b.Full {
			return -1
		}
		return 1
	}))
	for _, p := range app.Permissions {
		isGo(p.GoName)
	}
	for _, c := range app.Classes {
		isGo(c.GoName)
	}
	for _, e := range app.Endpoints {
		isGo(e.GoName)
		require.Contains(t, app.Models, e.Model)
		require.NotNil(t, e.Permission)
		checkExpr(t, e.Permission)
		require.NotEmpty(t, e.Methods)
		for _, f := range e.Fields {
			require.NotNil(t, f)
			require.Same(t, e.Model, f.Model)
		}
		for _, a := range e.Actions {
			isGo(a.GoName)
			require.NotNil(t, a.Permission)
			checkExpr(t, a.Permission)
			require.NotEmpty(t, a.Methods)
			if a.Kind == model.SingletonAction {
				require.NotNil(t, a.Singleton)
			}
		}
	}
	for _, p := range app.Accounts.Permissions {
		checkExpr(t, p.Expr)
	}
}

func checkExpr(t *testing.T, x *model.Expr) {
	require.NotNil(t, x)
	switch x.Op {
	case model.Ref:
		require.NotNil(t, x.Class)
	case model.Not:
		checkExpr(t, x.X)
	default:
		checkExpr(t, x.X)
		checkExpr(t, x.Y)
	}
}
