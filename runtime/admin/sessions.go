package admin

import (
	"net/http"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/sessions"
)

// PermRevokeSessions is what an admin needs, staff status aside, to list and revoke another
// user's sessions: Django's permission to change users.
const PermRevokeSessions = "auth.change_user"

// userSessionsRoute is users/{id}/sessions/: GET lists the user's sessions, DELETE revokes
// them all ({"revoked": n}), as after a stolen laptop.
func (a *API) userSessionsRoute() route {
	return route{Name: "User Sessions", Begin: a.beginSessions, Get: a.listUserSessions, Delete: a.revokeUserSessions}
}

// beginSessions lets through staff who may change users. (Unlike the other admin routes it
// runs no throttle.)
func (a *API) beginSessions(w http.ResponseWriter, r *http.Request) (*authz.Request, bool) {
	subject, ok := a.authn.Authenticate(w, r)
	if !ok {
		return nil, false
	}
	req := authz.NewRequest(r, subject)
	if d := authz.Check(req, authz.IsAdminUser{}, authz.Requires(PermRevokeSessions)); !d.Allowed() {
		authz.Respond(w, req, d, a.authn.Challenge(), a.log)
		return nil, false
	}
	return req, true
}

func (a *API) listUserSessions(w http.ResponseWriter, r *http.Request, _ *authz.Request) {
	id, ok := a.userID(w, r)
	if !ok {
		return
	}
	list, err := a.authn.Tokens.Sessions(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, sessions.Represent(list, ""))
}

func (a *API) revokeUserSessions(w http.ResponseWriter, r *http.Request, _ *authz.Request) {
	id, ok := a.userID(w, r)
	if !ok {
		return
	}
	n, err := a.authn.Tokens.RevokeSessions(r.Context(), id, "")
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.log.InfoContext(r.Context(), "admin: sessions revoked", "user", id, "sessions", n)
	httpx.JSON(w, http.StatusOK, map[string]int{"revoked": n})
}
