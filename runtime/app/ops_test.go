package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/db"
)

// serving runs serve in the background on a free port until the test ends; it returns the
// base URL, the server's log and a function that stops it and returns its exit code.
func (r *run) serving() (string, *syncBuffer, func() int) {
	t := r.t
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	r.env["ADDR"] = addr
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		env := app.Env{Getenv: func(k string) string { return r.env[k] }, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: logs}
		done <- app.Run(ctx, r.def, []string{"serve"}, env)
	}()
	base := "http://" + addr
	require.Eventually(t, func() bool {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil
	}, 10*time.Second, 20*time.Millisecond, "serve did not start: %s", logs)
	stopped := false
	stop := func() int {
		if stopped {
			return 0
		}
		stopped = true
		cancel()
		return <-done
	}
	t.Cleanup(func() { stop() })
	return base, logs, stop
}

func get(t *testing.T, url, bearer string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

// jsonLines parses the log's JSON lines whose msg is msg.
func jsonLines(t *testing.T, logs, msg string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), "not JSON: %s", line)
		if m["msg"] == msg {
			lines = append(lines, m)
		}
	}
	return lines
}

// TestRequestLog: one JSON line per request with method, route, path, status, duration and
// the user's id, and never the password or token the requests carried.
func TestRequestLog(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	r.env["LOG_FORMAT"] = "json"
	const pw = "a-password-never-logged"
	r.env["SUPERUSER_PASSWORD"] = pw
	code, _, stderr := r.cmd("migrate")
	require.Equal(t, 0, code, stderr)
	code, _, stderr = r.cmd("createsuperuser", "--username", "root", "--email", "root@example.com", "--noinput")
	require.Equal(t, 0, code, stderr)
	base, logs, stop := r.serving()

	resp, err := http.Post(base+"/auth/jwt/create/", "application/json", strings.NewReader(`{"username": "root", "password": "`+pw+`"}`))
	require.NoError(t, err)
	var tokens struct{ Access, Refresh string }
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&tokens))
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	status, _ := get(t, base+"/auth/users/me/", tokens.Access)
	require.Equal(t, http.StatusOK, status)
	status, _ = get(t, base+"/shop/ping/?token="+tokens.Access, "")
	require.Equal(t, http.StatusOK, status)
	status, _ = get(t, base+"/nowhere/", "")
	require.Equal(t, http.StatusNotFound, status)
	require.Equal(t, 0, stop())

	all := logs.String()
	require.NotContains(t, all, pw)
	require.NotContains(t, all, tokens.Access)
	require.NotContains(t, all, tokens.Refresh)
	var got []string
	for _, l := range jsonLines(t, all, "request") {
		require.Equal(t, "INFO", l["level"])
		require.IsType(t, float64(0), l["duration"], "duration in nanoseconds")
		line := l["method"].(string) + " " + l["path"].(string) + " route=" + l["route"].(string) + " " + fmtNum(l["status"])
		if id, ok := l["user_id"]; ok {
			line += " user=" + fmtNum(id)
		}
		got = append(got, line)
	}
	require.Equal(t, []string{
		"GET /healthz route=GET /healthz 200",
		"POST /auth/jwt/create/ route=/auth/jwt/create/{rest...} 200",
		"GET /auth/users/me/ route=/auth/users/me/{$} 200 user=1",
		"GET /shop/ping/ route=GET /shop/ping/{$} 200",
		"GET /nowhere/ route= 404",
	}, got[len(got)-5:])
}

func fmtNum(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestServerErrorsAreLogged: a 5xx request line is at error level, after the cause.
func TestServerErrorsAreLogged(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	r.env["LOG_FORMAT"] = "json"
	r.env["LOG_LEVEL"] = "error"
	mount := r.def.Mount
	r.def.Mount = func(mux *http.ServeMux, s *app.Services) {
		mount(mux, s)
		mux.HandleFunc("GET /shop/boom/{$}", func(http.ResponseWriter, *http.Request) { panic("the cause") })
	}
	base, logs, stop := r.serving()
	status, body := get(t, base+"/shop/boom/", "")
	require.Equal(t, http.StatusInternalServerError, status)
	require.JSONEq(t, `{"detail": "A server error occurred."}`, body)
	status, _ = get(t, base+"/shop/ping/", "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, 0, stop())

	panics := jsonLines(t, logs.String(), "panic serving request")
	require.Len(t, panics, 1)
	require.Equal(t, "the cause", panics[0]["panic"])
	requests := jsonLines(t, logs.String(), "request")
	require.Len(t, requests, 1, "LOG_LEVEL=error keeps only the 5xx")
	require.Equal(t, "ERROR", requests[0]["level"])
	require.Equal(t, "GET /shop/boom/{$}", requests[0]["route"])
	require.EqualValues(t, 500, requests[0]["status"])
}

func TestLogSettingsAreChecked(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["LOG_LEVEL"] = "loud"
	code, _, stderr := r.cmd("serve")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "LOG_LEVEL=loud: want debug, info, warn or error")
	r.env["LOG_LEVEL"] = "debug"
	r.env["LOG_FORMAT"] = "xml"
	code, _, stderr = r.cmd("serve")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "LOG_FORMAT=xml: want text or json")
}

// TestHealthAndReadiness: liveness answers while the process serves; readiness only while the
// database has every migration applied, and says which is missing.
func TestHealthAndReadiness(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	base, _, _ := r.serving()
	for _, path := range []string{"/healthz", "/readyz"} {
		status, body := get(t, base+path, "")
		require.Equal(t, http.StatusOK, status, path)
		require.JSONEq(t, `{"status": "ok"}`, body, path)
	}
	code, _, stderr := r.cmd("migrate", "zero")
	require.Equal(t, 0, code, stderr)
	status, body := get(t, base+"/readyz", "")
	require.Equal(t, http.StatusServiceUnavailable, status)
	require.JSONEq(t, `{"status": "unavailable", "detail": "migration 0001_initial is not applied"}`, body)
	status, _ = get(t, base+"/healthz", "")
	require.Equal(t, http.StatusOK, status)
}

func TestHealthPathsFromTheDefinition(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	r.def.HealthPath, r.def.ReadyPath = "/ops/live", "/ops/ready"
	base, _, _ := r.serving() // waits on /healthz: answered 404, so reachable
	for path, want := range map[string]int{"/ops/live": 200, "/ops/ready": 200, "/readyz": 404} {
		status, _ := get(t, base+path, "")
		require.Equal(t, want, status, path)
	}
}

// TestOpenAPIServed: with Definition.OpenAPI the app serves the document at its path, as
// it is, to anyone; without, the path is not found.
func TestOpenAPIServed(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	doc := `{"openapi": "3.1.0", "paths": {}}`
	r.def.OpenAPI = app.OpenAPI{Path: "/docs/openapi.json", Document: []byte(doc)}
	base, _, _ := r.serving()
	resp, err := http.Get(base + "/docs/openapi.json")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	require.Equal(t, doc, string(body))
	status, _ := get(t, base+"/openapi.json", "")
	require.Equal(t, http.StatusNotFound, status)
}

func TestBindErrorNamesADDR(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	r.env["ADDR"] = ln.Addr().String()
	code, _, stderr := r.cmd("serve")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "shop: ADDR="+ln.Addr().String()+": address already in use; set ADDR to another port\n")
}

func TestVersion(t *testing.T) {
	r := newRun(t, db.SQLite)
	code, out, stderr := r.cmd("version")
	require.Equal(t, 0, code, stderr)
	require.Regexp(t, `^shop \S.*\nmodule \S+\n(authgen .*\n)?built with go1\.\d+`, out)
	code, _, stderr = r.cmd("version", "extra")
	require.Equal(t, 2, code)
	require.Contains(t, stderr, "version takes no arguments")
}

// TestHelpOnEveryCommand: -h after any command prints its usage and succeeds, touching nothing.
func TestHelpOnEveryCommand(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "never-created", "shop.db")
	for _, args := range [][]string{
		{"serve", "-h"}, {"migrate", "-h"}, {"showmigrations", "--help"}, {"sqlmigrate", "-h"},
		{"createsuperuser", "-help"}, {"changepassword", "-h"}, {"flushexpiredtokens", "-h"},
		{"groups", "create", "-h"}, {"perms", "grant", "alice", "-h"}, {"version", "-h"}, {"help", "groups"},
	} {
		code, out, stderr := r.cmd(args...)
		require.Equal(t, 0, code, "%v: %s", args, stderr)
		require.Empty(t, stderr, "%v", args)
		cmd := args[0]
		if cmd == "help" {
			cmd = args[1]
		}
		require.True(t, strings.HasPrefix(out, "usage: shop "+cmd), "%v: %s", args, out)
		require.Contains(t, out, "LOG_FORMAT", "%v", args)
	}
	code, out, _ := r.cmd("-h")
	require.Equal(t, 0, code)
	require.Contains(t, out, "shop -h COMMAND")
}
