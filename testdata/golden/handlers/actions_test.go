// This file is hand-written, like actions.go: the application's test of its hand-written
// actions behind the generated routes, run by generator's TestGoldenPackagesPass.

package tasks_test

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/migrate"
	"github.com/authgen/authgen/runtime/users"
	tasks "github.com/authgen/authgen/testdata/golden/handlers"
)

// TestHandWrittenActions serves the app as Application() defines it and checks that the
// generated routes run their checks, load the object, and then hand over to Actions.
func TestHandWrittenActions(t *testing.T) {
	ctx := context.Background()
	d, err := db.Open("sqlite://" + filepath.Join(t.TempDir(), "tasks.db"))
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	sub, err := fs.Sub(tasks.Migrations, "migrations")
	require.NoError(t, err)
	set, err := migrate.ForDialect(sub, d.Dialect)
	require.NoError(t, err)
	m, err := migrate.New(d, set)
	require.NoError(t, err)
	_, err = m.Up(ctx)
	require.NoError(t, err)

	def := tasks.Definition()
	require.Empty(t, def.Unimplemented, "init registered the actions")
	store, err := users.NewStore(d, def.UserFields)
	require.NoError(t, err)
	cfg := def.JWT
	cfg.SigningKey = []byte("hand-written actions test")
	tokens, err := jwtauth.New(cfg, d)
	require.NoError(t, err)
	log := slog.New(slog.DiscardHandler)
	auth := &authn.Authenticator{Tokens: tokens, Users: store, Logger: log}
	mux := http.NewServeMux()
	def.Mount(mux, &app.Services{DB: d, Authn: auth, Users: store, Log: log})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	token := func(username string, perms ...string) string {
		u := &users.User{Username: username, Password: "!", IsActive: true}
		require.NoError(t, store.Create(ctx, u))
		for _, p := range perms {
			require.NoError(t, store.GrantPerm(ctx, u.ID, p))
		}
		access, _, err := tokens.ObtainPair(ctx, u.ID)
		require.NoError(t, err)
		return access
	}
	call := func(method, path, token, body string) (int, map[string]any) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		var out map[string]any
		if len(raw) > 0 && raw[0] == '{' {
			require.NoError(t, json.Unmarshal(raw, &out), "%s", raw)
		}
		return resp.StatusCode, out
	}

	alice := token("alice")
	manager := token("manager", tasks.PermAssignTask)
	status, created := call("POST", "/tasks/tasks/", alice, `{"title": "Write tests"}`)
	require.Equal(t, http.StatusCreated, status, created)
	id := int64(created["id"].(float64))
	detail := "/tasks/tasks/" + strconv.FormatInt(id, 10) + "/"

	// Stats: after authentication, with the caller.
	status, body := call("GET", "/tasks/tasks/stats/", "", "")
	require.Equal(t, http.StatusUnauthorized, status)
	status, body = call("GET", "/tasks/tasks/stats/", alice, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, map[string]any{"user": "alice"}, body)

	// Assign: CanAssign first (with the spec's message), then the loaded object.
	status, body = call("POST", detail+"assign/", alice, `{"assignee": 1}`)
	require.Equal(t, http.StatusForbidden, status)
	require.Equal(t, map[string]any{"detail": "You may not assign tasks."}, body)
	status, body = call("POST", detail+"assign/", manager, `{"assignee": 1}`)
	require.Equal(t, http.StatusAccepted, status, body)
	require.Equal(t, map[string]any{"task": float64(id), "assignee": float64(1)}, body)
	status, body = call("POST", detail+"assign/", manager, `{}`)
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, map[string]any{"assignee": []any{"This field is required."}}, body)
	status, _ = call("POST", "/tasks/tasks/999999/assign/", manager, `{"assignee": 1}`)
	require.Equal(t, http.StatusNotFound, status, "the object is loaded before the action runs")
	status, _ = call("GET", detail+"assign/", manager, "")
	require.Equal(t, http.StatusMethodNotAllowed, status)

	// History: the object as loaded, rendered as the endpoint shows it.
	status, body = call("GET", detail+"history/", alice, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, map[string]any{"id": float64(id), "title": "Write tests", "done": false, "assignee": nil}, body)

	// Export: admin only.
	status, _ = call("GET", "/tasks/projects/export/", alice, "")
	require.Equal(t, http.StatusForbidden, status)
}
