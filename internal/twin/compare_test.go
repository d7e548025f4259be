package twin

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func jsonAnswer(status int, body any) answer {
	return answer{status: status, contentType: "application/json", body: plainJSON(body), isJSON: true}
}

// The comparison the figures rest on: each aspect, masking, and Django's server errors.
func TestCompareStep(t *testing.T) {
	step := &Step{Name: "s", Method: "GET", Mask: []string{"results.*.due"}}
	volatile := map[string]bool{"access": true}
	same := func(d, g answer) bool { return len(compareStep(step, d, g, volatile)) == 0 }

	body := map[string]any{"count": 1, "results": []any{map[string]any{"id": 1, "due": "2026-01-01"}}, "access": "a"}
	other := map[string]any{"count": 1, "results": []any{map[string]any{"id": 1, "due": "2026-02-02"}}, "access": "b"}
	require.True(t, same(jsonAnswer(200, body), jsonAnswer(200, other)), "masked paths and keys")

	ms := compareStep(step, jsonAnswer(200, body), jsonAnswer(201, map[string]any{"count": 2, "results": []any{}}), volatile)
	require.Len(t, ms, 2)
	require.Equal(t, aspectStatus, ms[0].Aspect)
	require.Equal(t, aspectBody, ms[1].Aspect)
	require.Equal(t, []string{"access", "count", "results"}, ms[1].Paths, "a masked key only one side has still differs")
	require.Contains(t, ms[1].Diff[1], "count: django 1, go 2")

	// The Allow header counts on a 405; spaces after commas do not.
	d, g := jsonAnswer(405, nil), jsonAnswer(405, nil)
	d.allow, g.allow = "GET, POST, HEAD, OPTIONS", "GET,POST,HEAD,OPTIONS"
	require.True(t, same(d, g))
	g.allow = "GET, HEAD, OPTIONS"
	require.False(t, same(d, g))

	// Where Django fails with a 5xx, any 4xx of the app is a match; a 2xx is not.
	crash := answer{status: 500, contentType: "text/html", raw: "<h1>Server Error (500)</h1>"}
	require.True(t, same(crash, jsonAnswer(409, map[string]any{"detail": "x"})))
	require.False(t, same(crash, answer{status: 204}))

	// Commands compare their success only.
	cmd := &Step{Name: "c", Run: []string{"perms"}}
	require.Empty(t, compareStep(cmd, answer{exitOK: true, output: "a"}, answer{exitOK: true, output: "b"}, nil))
	require.Len(t, compareStep(cmd, answer{exitOK: false}, answer{exitOK: true}, nil), 1)
}

func TestVars(t *testing.T) {
	now := time.Date(2026, 12, 5, 23, 0, 0, 0, time.UTC)
	v := Vars{"id": float64(7), "tok": "abc"}
	got, err := v.expand("/x/{{id}}/?t={{ tok }}&d={{today+14d}}", now)
	require.NoError(t, err)
	require.Equal(t, "/x/7/?t=abc&d=2026-12-19", got)
	body, err := v.expandJSON(map[string]any{"book": "{{id}}", "due": "{{today-1d}}", "n": "#{{id}}"}, now)
	require.NoError(t, err)
	require.Equal(t, map[string]any{"book": float64(7), "due": "2026-12-04", "n": "#7"}, body)
	_, err = v.expand("{{nope}}", now)
	require.ErrorContains(t, err, "unknown variable nope")
}

func TestLoadRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	write("steps.yaml", "go: examples/x\nsteps:\n  - {name: a, path: /a/}\n  - {name: a, path: /b/, bogus: 1}\n")
	_, _, err := Load(dir)
	require.ErrorContains(t, err, "field bogus not found")
	write("steps.yaml", "go: examples/x\nsteps:\n  - {name: a, path: /a/}\n  - {name: a, path: /b/}\n  - {name: c, run: [x], path: /c/}\n")
	_, _, err = Load(dir)
	require.ErrorContains(t, err, `steps.yaml:4: step name "a" used twice`)
	require.ErrorContains(t, err, `steps.yaml:5: step "c" is both a command`)
	write("steps.yaml", "go: examples/x\nsteps:\n  - {name: a, mail: a@x.io, path: /a/}\n  - {name: b, mail: b@x.io, link: 'x(y)'}\n  - {name: c, path: /c/, link: 'x(?P<y>y)'}\n")
	_, _, err = Load(dir)
	require.ErrorContains(t, err, `steps.yaml:3: step "a" is a mail step: no request or command keys`)
	require.ErrorContains(t, err, `steps.yaml:4: step "b": link: no named group`)
	require.ErrorContains(t, err, `steps.yaml:5: step "c": link is for mail steps`)
	write("steps.yaml", "go: examples/x\nsteps:\n  - {name: a, path: /a/}\n")
	write("allow.yaml", "- {step: b, aspect: body, reason: r}\n- {step: a, aspect: colour, reason: r}\n- {step: a, aspect: body}\n")
	_, _, err = Load(dir)
	for _, want := range []string{`allow.yaml:1: allowed mismatch names no step: "b"`, `allow.yaml:2: unknown aspect "colour"`, `allow.yaml:3: allowed mismatch of "a" without a reason`} {
		require.True(t, strings.Contains(err.Error(), want), "%v\nwants %s", err, want)
	}
}
