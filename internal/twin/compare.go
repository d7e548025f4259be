package twin

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Mismatch is one aspect of one step on which a Go run differs from Django.
type Mismatch struct {
	Step   string
	Aspect string
	// Diff says how, one line per difference.
	Diff []string
	// Paths are the JSON paths that differ, for a body ("(body)": the whole of it).
	Paths []string
}

// compareStep compares a Go answer with Django's on the step's aspects.
func compareStep(step *Step, django, goAns answer, volatile map[string]bool) []Mismatch {
	wanted := func(aspect string) bool {
		if len(step.Compare) == 0 {
			return true
		}
		for _, a := range step.Compare {
			if a == aspect {
				return true
			}
		}
		return false
	}
	var out []Mismatch
	add := func(aspect string, diff ...string) {
		out = append(out, Mismatch{Step: step.Name, Aspect: aspect, Diff: diff})
	}
	if django.err != "" || goAns.err != "" {
		// A step that could not be played on a side differs on everything it would compare.
		aspect := aspectStatus
		if step.IsCommand() {
			aspect = aspectExit
		} else if step.IsMail() {
			aspect = aspectBody
		}
		add(aspect, "django: "+django.describe(), "go: "+goAns.describe())
		return out
	}
	if step.IsMail() {
		d, g := clean(django.body, step, volatile), clean(goAns.body, step, volatile)
		if diff, paths := diffJSON(d, g); len(diff) > 0 && wanted(aspectBody) {
			add(aspectBody, diff...)
			out[len(out)-1].Paths = paths
		}
		return out
	}
	if step.IsCommand() {
		if wanted(aspectExit) && django.exitOK != goAns.exitOK {
			add(aspectExit, "django: "+django.describe(), "go: "+goAns.describe())
		}
		return out
	}
	if serverErrorAnswered(django, goAns) {
		// Django failed where the app refused: the app's answer is the better one, and what
		// Django's error page says is no contract. Counted as a match, as the conformance
		// harness does ("where the reference answered 5xx, any 4xx passes").
		return out
	}
	if wanted(aspectStatus) && django.status != goAns.status {
		add(aspectStatus, fmt.Sprintf("django %d, go %d", django.status, goAns.status),
			"django: "+django.describe(), "go: "+goAns.describe())
	}
	if wanted(aspectContentType) && django.contentType != goAns.contentType {
		add(aspectContentType, fmt.Sprintf("django %q, go %q", django.contentType, goAns.contentType))
	}
	// DRF sends Allow with every answer; what clients read it from is a 405 and OPTIONS.
	options := step.Method == "OPTIONS" && django.status == 200 && goAns.status == 200
	if wanted(aspectAllow) && (django.status == 405 || goAns.status == 405 || options) &&
		normalizeAllow(django.allow) != normalizeAllow(goAns.allow) {
		add(aspectAllow, fmt.Sprintf("django %q, go %q", django.allow, goAns.allow))
	}
	if wanted(aspectBody) && (django.isJSON || goAns.isJSON) {
		if !django.isJSON || !goAns.isJSON {
			add(aspectBody, "django: "+django.describe(), "go: "+goAns.describe())
		} else {
			d, g := clean(django.body, step, volatile), clean(goAns.body, step, volatile)
			if diff, paths := diffJSON(d, g); len(diff) > 0 {
				add(aspectBody, diff...)
				out[len(out)-1].Paths = paths
			}
		}
	}
	return out
}

// serverErrorAnswered reports a request Django failed with a server error and the app
// answered with a client error.
func serverErrorAnswered(django, goAns answer) bool {
	return django.status >= 500 && goAns.status >= 400 && goAns.status < 500
}

// normalizeAllow drops the spaces DRF and Go may place differently: "GET, POST" and
// "GET,POST" are one header.
func normalizeAllow(allow string) string {
	parts := strings.Split(allow, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return strings.Join(parts, ",")
}

// clean is a copy of a body with the volatile values masked.
func clean(body any, step *Step, volatile map[string]bool) any {
	raw, _ := json.Marshal(body)
	var c any
	_ = json.Unmarshal(raw, &c)
	maskKeys(c, volatile)
	for _, path := range step.Mask {
		maskPath(c, strings.Split(path, "."))
	}
	return c
}

// maxDiffLines bounds one step's diff: past it, the rest is counted, not printed.
const maxDiffLines = 12

// diffJSON lists the differences of two JSON values, one line each, and their paths.
func diffJSON(d, g any) (lines, paths []string) {
	var diffs []difference
	walkDiff("", d, g, &diffs)
	for i, x := range diffs {
		paths = append(paths, x.path)
		if i < maxDiffLines {
			lines = append(lines, x.line)
		}
	}
	if len(diffs) > maxDiffLines {
		lines = append(lines, fmt.Sprintf("… and %d more", len(diffs)-maxDiffLines))
	}
	return lines, paths
}

// difference is one place where two JSON values differ.
type difference struct {
	path string // "results.0.title", or "(body)" for the whole value
	line string
}

func walkDiff(path string, d, g any, out *[]difference) {
	at := path
	if at == "" {
		at = wholeBody
	}
	add := func(at, format string, args ...any) {
		*out = append(*out, difference{path: at, line: at + ": " + fmt.Sprintf(format, args...)})
	}
	switch dv := d.(type) {
	case map[string]any:
		gv, ok := g.(map[string]any)
		if !ok {
			break
		}
		keys := map[string]bool{}
		for k := range dv {
			keys[k] = true
		}
		for k := range gv {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			dk, inD := dv[k]
			gk, inG := gv[k]
			sub := join(path, k)
			switch {
			case !inG:
				add(sub, "only django has it: %s", short(dk))
			case !inD:
				add(sub, "only go has it: %s", short(gk))
			default:
				walkDiff(sub, dk, gk, out)
			}
		}
		return
	case []any:
		gv, ok := g.([]any)
		if !ok {
			break
		}
		if len(dv) != len(gv) {
			add(at, "django has %d elements, go %d: django %s go %s", len(dv), len(gv), short(dv), short(gv))
			return
		}
		for i := range dv {
			walkDiff(join(path, strconv.Itoa(i)), dv[i], gv[i], out)
		}
		return
	default:
		if equalScalar(d, g) {
			return
		}
	}
	add(at, "django %s, go %s", short(d), short(g))
}

// wholeBody is the path of a difference of the whole body.
const wholeBody = "(body)"

func equalScalar(d, g any) bool {
	switch d.(type) {
	case map[string]any, []any:
		return false
	}
	switch g.(type) {
	case map[string]any, []any:
		return false
	}
	return d == g
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// short is a value in JSON, cut to a readable length.
func short(v any) string {
	raw, _ := json.Marshal(v)
	s := string(raw)
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}
