// This file is hand-written: it is the application's side of the spec's `handler: true`
// actions. authgen never writes or removes it (it does not carry the generated header), and
// the golden test checks that generating beside it leaves it alone.

package tasks

import (
	"net/http"

	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
)

// Actions implements the hand-written actions of both endpoints, with the app's services at
// hand (its database, user store and logger) for actions that need them.
type Actions struct{ services *app.Services }

// The generated interfaces are what the application must implement; a change to the spec
// that adds or changes an action fails to compile here, not at run time.
var (
	_ TasksActions    = Actions{}
	_ ProjectsActions = Actions{}
)

// Application is the app as a main package would run it: app.Main(tasks.Application()).
func Application() app.Definition {
	return Definition(
		func(s *app.Services) TasksActions { return Actions{services: s} },
		func(s *app.Services) ProjectsActions { return Actions{services: s} },
	)
}

// Assign checks the body names a user; the generated code has already checked CanAssign and
// loaded the task.
func (Actions) Assign(w http.ResponseWriter, r *http.Request, req *authz.Request, obj *Task) {
	body, err := httpx.DecodeJSON(w, r, 0)
	if err != nil {
		return
	}
	raw, ok := body["assignee"]
	if !ok {
		httpx.BadRequest(w, httpx.FieldErrors{"assignee": {fields.MsgRequired}})
		return
	}
	httpx.JSON(w, http.StatusAccepted, map[string]any{"task": obj.ID, "assignee": raw})
}

// History answers the task's one recorded state.
func (Actions) History(w http.ResponseWriter, r *http.Request, req *authz.Request, obj *Task) {
	httpx.JSON(w, http.StatusOK, []map[string]any{{"id": obj.ID, "title": obj.Title, "done": obj.Done}})
}

// Stats answers who asked and how many tasks there are: an action that needs the database.
func (a Actions) Stats(w http.ResponseWriter, r *http.Request, req *authz.Request) {
	var n int64
	if err := a.services.DB.QueryRowContext(r.Context(), `SELECT count(*) FROM "tasks_task"`).Scan(&n); err != nil {
		a.services.Log.ErrorContext(r.Context(), "stats", "error", err)
		httpx.ServerError(w)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"user": req.Subject.Username, "tasks": n})
}

// Export is admin-only by the spec; it answers an empty export.
func (Actions) Export(w http.ResponseWriter, r *http.Request, req *authz.Request) {
	httpx.JSON(w, http.StatusOK, map[string]any{"projects": []any{}})
}
