package twin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// defaultHost is the Host header of every request that does not give its own.
const defaultHost = "twin.test"

// answer is what one side answered to one step.
type answer struct {
	status      int
	contentType string // media type, without parameters
	allow       string
	raw         string
	body        any // parsed JSON; nil when the body is not JSON
	isJSON      bool

	exitOK bool // a command's success
	output string

	mail bool // a mail step's answer: body is the message

	// err is why the step could not be played (an unknown variable, a dead server).
	err string
}

// play runs every step on one side, in order, and returns the answers.
func play(ctx context.Context, f *File, s *side) []answer {
	vars := Vars{}
	answers := make([]answer, len(f.Steps))
	for i := range f.Steps {
		step := &f.Steps[i]
		now := time.Now()
		var a answer
		switch {
		case step.IsCommand():
			a = runCommand(ctx, step, s, vars, now)
		case step.IsMail():
			a = readMail(ctx, step, s, vars, now)
		default:
			a = request(ctx, step, s, vars, now)
		}
		if a.isJSON {
			for name, path := range step.Save {
				if v, ok := get(a.body, path); ok {
					vars[name] = v
				}
			}
		}
		answers[i] = a
	}
	return answers
}

func runCommand(ctx context.Context, step *Step, s *side, vars Vars, now time.Time) answer {
	args := step.Run
	if s.name == "django" && step.DjangoCL != nil {
		args = step.DjangoCL
	} else if s.name != "django" && step.GoCL != nil {
		args = step.GoCL
	}
	expanded := make([]string, len(args))
	for i, arg := range args {
		x, err := vars.expand(arg, now)
		if err != nil {
			return answer{err: err.Error()}
		}
		expanded[i] = x
	}
	ok, out := s.command(ctx, expanded, step.Password)
	return answer{exitOK: ok, output: out}
}

func request(ctx context.Context, step *Step, s *side, vars Vars, now time.Time) answer {
	path, err := vars.expand(step.Path, now)
	if err != nil {
		return answer{err: err.Error()}
	}
	var body io.Reader
	contentType := step.ContentType
	switch {
	case step.JSON != nil:
		v, err := vars.expandJSON(step.json, now)
		if err != nil {
			return answer{err: err.Error()}
		}
		raw, err := json.Marshal(v)
		if err != nil {
			return answer{err: err.Error()}
		}
		body = bytes.NewReader(raw)
		if contentType == "" {
			contentType = "application/json"
		}
	case step.Body != nil:
		raw, err := vars.expand(*step.Body, now)
		if err != nil {
			return answer{err: err.Error()}
		}
		body = strings.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, step.Method, s.base+path, body)
	if err != nil {
		return answer{err: err.Error()}
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if step.Auth != "" {
		auth, err := vars.expand(step.Auth, now)
		if err != nil {
			return answer{err: err.Error()}
		}
		req.Header.Set("Authorization", auth)
	}
	// One host on every side, so the links DRF builds from it (pagination's next and
	// previous) compare equal.
	req.Host = defaultHost
	for k, v := range step.Headers {
		x, err := vars.expand(v, now)
		if err != nil {
			return answer{err: err.Error()}
		}
		if http.CanonicalHeaderKey(k) == "Host" {
			req.Host = x
			continue
		}
		req.Header.Set(k, x)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return answer{err: err.Error()}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{err: err.Error()}
	}
	a := answer{status: resp.StatusCode, allow: resp.Header.Get("Allow"), raw: string(raw)}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil {
			mt = ct
		}
		a.contentType = mt
	}
	if len(bytes.TrimSpace(raw)) > 0 && json.Unmarshal(raw, &a.body) == nil {
		a.isJSON = true
	}
	return a
}

// describe is a short account of an answer for a mismatch report.
func (a answer) describe() string {
	if a.err != "" {
		return "error: " + a.err
	}
	if a.mail {
		raw := a.raw
		if len(raw) > 600 {
			raw = raw[:600] + "…"
		}
		return "mail: " + raw
	}
	if a.status == 0 {
		ok := "ok"
		if !a.exitOK {
			ok = "failed"
		}
		return fmt.Sprintf("%s: %s", ok, strings.TrimSpace(a.output))
	}
	raw := a.raw
	if len(raw) > 300 {
		raw = raw[:300] + "…"
	}
	return fmt.Sprintf("%d %s %s", a.status, a.contentType, raw)
}
