package twin

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/internal/smtptest"
	"github.com/authgen/authgen/runtime/db"
)

// Result is one Go run compared with the Django run.
type Result struct {
	Run        string // "sqlite" or "postgres"
	Steps      int
	Matched    int
	Mismatches []Mismatch
}

// Percent is the share of steps whose every compared aspect matched.
func (r Result) Percent() float64 {
	if r.Steps == 0 {
		return 0
	}
	return 100 * float64(r.Matched) / float64(r.Steps)
}

// Run plays the twin in dir (a directory of testdata/twins) against its Django original and
// the Go app, and fails on every mismatch that allow.yaml does not accept with a reason.
func Run(t *testing.T, dir string) []Result {
	t.Helper()
	f, allowed, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	requireDjango(t, f)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	tmp := t.TempDir()
	began := time.Now()
	binary, err := buildGo(ctx, f.Go, tmp)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("go build %s: %s", f.Go, time.Since(began).Round(time.Millisecond))

	type run struct {
		name    string
		against *run // the Django run a Go run is compared with
		start   func() (*side, func(), error)
		answers []answer
		logs    *lockedBuffer
		err     error
		// took is how long the start and the steps took.
		started, took time.Duration
	}
	// Every side sends its mail to an SMTP server of its own, which mail steps read.
	djangoRun := func(name string, database djangoDB) *run {
		mail := smtptest.Start(t)
		return &run{name: name, start: func() (*side, func(), error) { return startDjango(ctx, f, dir, tmp, database, mail) }}
	}
	goRun := func(name, url string, against *run) *run {
		mail := smtptest.Start(t)
		return &run{name: name, against: against,
			start: func() (*side, func(), error) { return startGo(ctx, f, name, binary, url, mail) }}
	}
	// Each Go run is compared with Django on the same database: Django's answers depend on it
	// too (an IntegerField's range, the ids a failed INSERT uses up).
	django := djangoRun("django", djangoDB{sqlite: filepath.Join(tmp, "django.sqlite3")})
	runs := []*run{django, goRun("sqlite", "sqlite://"+filepath.Join(tmp, "go.sqlite3"), django)}
	if url, ok := postgresURL(t); ok {
		djangoPG := djangoRun("django on postgres", djangoPostgres(t))
		runs = append(runs, djangoPG, goRun("postgres", url, djangoPG))
	}
	var wg sync.WaitGroup
	for _, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			began := time.Now()
			s, stop, err := r.start()
			if err != nil {
				r.err = err
				return
			}
			defer stop()
			r.started = time.Since(began)
			r.logs = s.logs
			r.answers = play(ctx, f, s)
			r.took = time.Since(began)
		}()
	}
	wg.Wait()
	for _, r := range runs {
		t.Logf("%s: started in %s, done in %s", r.name, r.started.Round(time.Millisecond), r.took.Round(time.Millisecond))
	}
	for _, r := range runs {
		if r.against == nil && r.err != nil {
			t.Fatalf("%s: %v", r.name, r.err)
		}
	}

	volatile := map[string]bool{}
	for _, k := range f.MaskKeys {
		volatile[k] = true
	}
	// allowedBy returns the entries that accept a mismatch of one run: one without a path
	// for the whole aspect, or entries with paths covering every difference of a body.
	allowedBy := func(run string, m Mismatch) []Allowed {
		var whole, byPath []Allowed
		for _, a := range allowed {
			if (a.Step != "*" && a.Step != m.Step) || a.Aspect != m.Aspect || (a.Dialect != "" && a.Dialect != run) {
				continue
			}
			if a.Path == "" {
				whole = append(whole, a)
			} else {
				byPath = append(byPath, a)
			}
		}
		if len(whole) > 0 {
			return whole[:1]
		}
		var used []Allowed
		for _, p := range m.Paths {
			covered := false
			for _, a := range byPath {
				if p == a.Path || strings.HasPrefix(p, a.Path+".") {
					covered = true
					used = append(used, a)
				}
			}
			if !covered {
				return nil
			}
		}
		return used
	}
	used := map[int]bool{}
	var results []Result
	app := filepath.Base(dir)
	goRuns := 0
	for _, r := range runs {
		if r.against == nil {
			continue
		}
		goRuns++
		django := r.against
		if r.err != nil {
			t.Errorf("go on %s: %v", r.name, r.err)
			continue
		}
		res := Result{Run: r.name, Steps: len(f.Steps)}
		var report strings.Builder
		failed := false
		for i := range f.Steps {
			step := &f.Steps[i]
			if serverErrorAnswered(django.answers[i], r.answers[i]) {
				fmt.Fprintf(&report, "  %s line %d: django %d, go %d: counted as a match\n", step.Name, step.line,
					django.answers[i].status, r.answers[i].status)
			}
			ms := compareStep(step, django.answers[i], r.answers[i], volatile)
			if len(ms) == 0 {
				res.Matched++
				continue
			}
			for _, m := range ms {
				label := "MISMATCH"
				if by := allowedBy(r.name, m); len(by) > 0 {
					var reasons []string
					for _, a := range by {
						if !slices.Contains(reasons, a.Reason) {
							reasons = append(reasons, a.Reason)
						}
						used[a.line] = true
					}
					label = "allowed (" + strings.Join(reasons, "; ") + ")"
				} else {
					failed = true
				}
				fmt.Fprintf(&report, "  %s [%s] line %d: %s\n", m.Step, m.Aspect, step.line, label)
				for _, d := range m.Diff {
					fmt.Fprintf(&report, "      %s\n", d)
				}
			}
			res.Mismatches = append(res.Mismatches, ms...)
		}
		summary := fmt.Sprintf("twin %s (go on %s vs django on %s): %d/%d steps match (%.1f%%)", app, r.name, r.name, res.Matched, res.Steps, res.Percent())
		t.Logf("%s\n%s", summary, report.String())
		if failed {
			t.Errorf("%s: mismatches not in allow.yaml (above)", summary)
			if os.Getenv("AUTHGEN_TWIN_LOGS") == "1" {
				t.Logf("go on %s logs:\n%s\ndjango logs:\n%s", r.name, tail(r.logs.String()), tail(django.logs.String()))
			}
		}
		results = append(results, res)
	}
	if len(results) == goRuns {
		ran := map[string]bool{}
		for _, r := range results {
			ran[r.Run] = true
		}
		for _, a := range allowed {
			if !used[a.line] && (a.Dialect == "" || ran[a.Dialect]) {
				t.Errorf("%s/allow.yaml:%d: %q [%s] matches now: remove the entry", dir, a.line, a.Step, a.Aspect)
			}
		}
	}
	return results
}

// tail is the end of a server's log, enough to see the last tracebacks.
func tail(s string) string {
	const keep = 6000
	if len(s) > keep {
		return "…" + s[len(s)-keep:]
	}
	return s
}

// RepoRoot is the module's root directory, found from this file.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// buildGo builds the twin's Go main package into dir.
func buildGo(ctx context.Context, pkg, dir string) (string, error) {
	binary := filepath.Join(dir, "app")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", binary, "./"+filepath.ToSlash(filepath.Clean(pkg)))
	cmd.Dir = RepoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
	}
	return binary, nil
}

// djangoModules are what every Django twin imports.
var djangoModules = []string{"django", "rest_framework", "djoser", "rest_framework_simplejwt", "guardian", "gunicorn"}

// requireDjango skips when the Django stack cannot be imported, and fails instead where
// AUTHGEN_REQUIRE_DJANGO=1 (.ci/run installs the Debian packages and sets it).
func requireDjango(t *testing.T, f *File) {
	t.Helper()
	modules := append(append([]string{}, djangoModules...), f.Django.Modules...)
	out, err := exec.Command(python, "-c", "import "+strings.Join(modules, ", ")).CombinedOutput()
	if err == nil {
		return
	}
	why := fmt.Sprintf("the Django twin cannot run here (%s -c 'import %s': %v %s)",
		python, strings.Join(modules, ", "), err, strings.TrimSpace(string(out)))
	if os.Getenv("AUTHGEN_REQUIRE_DJANGO") == "1" {
		t.Fatal(why + "; AUTHGEN_REQUIRE_DJANGO=1")
	}
	t.Skip(why + "; .ci/run installs the Debian packages")
}

// postgresURL is a fresh PostgreSQL schema for the Go app, or false when the server is
// unreachable and not required.
func postgresURL(t *testing.T) (string, bool) {
	t.Helper()
	conn, err := db.Open(dbtest.PostgresURL())
	if err == nil {
		conn.Close()
	}
	if err != nil {
		if os.Getenv("AUTHGEN_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("PostgreSQL is required (AUTHGEN_REQUIRE_POSTGRES=1) but unreachable: %v", err)
		}
		t.Logf("PostgreSQL unreachable, the Go app runs on SQLite only: %v", err)
		return "", false
	}
	_, url := dbtest.PostgresSchema(t)
	return url, true
}
