// Package sessions serves a user's log-in sessions (jwtauth.Config.Sessions): the user lists
// them and revokes one, or all but the one it asks from.
//
// # Routes (under the accounts' mount, authenticated)
//
//	GET    sessions/                 the caller's sessions, most recently used first
//	DELETE sessions/{id}/            revoke one: its refresh tokens are blacklisted
//	POST   sessions/revoke_others/   revoke every session but the caller's: {"revoked": n}
//
// A session is revoked by blacklisting its refresh tokens; the access tokens already made
// from them live out their lifetime (ACCESS_TOKEN_LIFETIME). An operator revokes a user's
// sessions with the app's `sessions` command, an admin with runtime/admin.
package sessions

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/jwtauth"
)

// API serves the session routes.
type API struct {
	authn *authn.Authenticator
	log   *slog.Logger
}

// New returns the API over auth, whose Tokens keep the sessions; failures are logged to
// log (nil: slog.Default()).
func New(auth *authn.Authenticator, log *slog.Logger) *API {
	if log == nil {
		log = slog.Default()
	}
	return &API{authn: auth, log: log}
}

// Register mounts the routes under mount ("/auth/").
func (a *API) Register(mux *http.ServeMux, mount string) {
	httpx.Handle(mux, mount+"sessions/{$}", httpx.Route[authn.Result]{Name: "Session List", Begin: a.begin, Get: a.list})
	httpx.Handle(mux, mount+"sessions/revoke_others/{$}", httpx.Route[authn.Result]{
		Name: "Session Revoke Others", Begin: a.begin, Post: a.revokeOthers})
	httpx.Handle(mux, mount+"sessions/{id}/{$}", httpx.Route[authn.Result]{Name: "Session Instance", Begin: a.begin, Delete: a.revoke})
}

// JSON is a session as the API shows it.
type JSON struct {
	ID         string `json:"id"`
	Created    string `json:"created"`
	LastUsed   string `json:"last_used"`
	ClientAddr string `json:"client_addr"`
	UserAgent  string `json:"user_agent"`
	Current    bool   `json:"current"`
}

// Represent is the JSON of sessions, current marking the caller's.
func Represent(list []jwtauth.Session, current string) []JSON {
	out := make([]JSON, 0, len(list))
	for _, s := range list {
		out = append(out, JSON{ID: s.ID, Created: drfTime(s.Created), LastUsed: drfTime(s.LastUsed),
			ClientAddr: s.Addr, UserAgent: s.UserAgent, Current: s.ID == current})
	}
	return out
}

// drfTime is DRF's DateTimeField output in UTC.
func drfTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.999999Z07:00")
}

// begin authenticates the caller; it has answered when it returns false.
func (a *API) begin(w http.ResponseWriter, r *http.Request) (authn.Result, bool) {
	res, ok := a.authn.AuthenticateUser(w, r)
	if !ok {
		return res, false
	}
	req := authz.NewRequest(r, res.Subject)
	if d := authz.Check(req, authz.IsAuthenticated{}); !d.Allowed() {
		authz.Respond(w, req, d, a.authn.Challenge(), a.log)
		return res, false
	}
	return res, true
}

func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	a.log.ErrorContext(r.Context(), "sessions request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	httpx.ServerError(w)
}

func (a *API) list(w http.ResponseWriter, r *http.Request, res authn.Result) {
	list, err := a.authn.Tokens.Sessions(r.Context(), res.User.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, Represent(list, res.Session))
}

func (a *API) revoke(w http.ResponseWriter, r *http.Request, res authn.Result) {
	found, err := a.authn.Tokens.RevokeSession(r.Context(), res.User.ID, r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !found {
		httpx.NotFound(w) // another user's session is no more found than a made-up one
		return
	}
	httpx.NoContent(w)
}

func (a *API) revokeOthers(w http.ResponseWriter, r *http.Request, res authn.Result) {
	// A caller without a session (a DRF token, a token from before sessions) keeps
	// nothing: every session is revoked.
	n, err := a.authn.Tokens.RevokeSessions(r.Context(), res.User.ID, res.Session)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]int{"revoked": n})
}
