// This file is hand-written: it is the application's side of the spec's `handler: true`
// actions. authgen never writes or removes it (it does not carry the generated header), and
// the golden test checks that generating beside it leaves it alone. (A real application
// keeps such code outside the generated package, in its main package for instance; this
// case keeps it beside the golden files so that the golden module holds it.)

package tasks

import (
	"net/http"

	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/view"
)

// Actions implements the hand-written actions of both endpoints.
type Actions struct{}

// Registered before main runs: Definition() finds it, and a spec that adds an action fails
// to compile here until Actions has the method.
func init() { Implement(Hooks{Tasks: Actions{}, Projects: Actions{}}) }

// Assign checks the body names a user; the generated code has already checked CanAssign and
// loaded the task.
func (Actions) Assign(c *Call, obj *Task) error {
	body, err := httpx.DecodeJSON(c.W, c.HTTP, 0)
	if err != nil {
		return view.ErrAnswered
	}
	raw, ok := body["assignee"]
	if !ok {
		return view.InvalidFields(httpx.FieldErrors{"assignee": {fields.MsgRequired}})
	}
	httpx.JSON(c.W, http.StatusAccepted, map[string]any{"task": obj.ID, "assignee": raw})
	return nil
}

// History answers the task as the endpoint shows it.
func (Actions) History(c *Call, obj *Task) error {
	return c.RenderTasks(http.StatusOK, obj)
}

// Stats answers who asked.
func (Actions) Stats(c *Call) error {
	httpx.JSON(c.W, http.StatusOK, map[string]any{"user": c.Subject.Username})
	return nil
}

// Export is admin-only by the spec; it answers an empty export.
func (Actions) Export(c *Call) error {
	httpx.JSON(c.W, http.StatusOK, map[string]any{"projects": []any{}})
	return nil
}
