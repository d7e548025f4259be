package apidoc

import (
	"net/http"

	"github.com/authgen/authgen/runtime/fieldtype"
)

// staff is an operation of the admin API: staff with Django admin's rights.
func staff(method, action string, status int, body, result []Field) Op {
	return Op{Method: method, Action: action, Access: Staff, Body: body, Status: status, Result: result}
}

func slugs(name string, required bool) Field {
	return Field{Name: name, Type: fieldtype.String, Many: true, Required: required}
}

// AdminRoutes are runtime/admin's routes below the auth mount; users/{id}/sessions/ when
// the app keeps sessions.
func AdminRoutes(sessions bool) []Route {
	group := []Field{
		{Name: "id", Type: fieldtype.ID, Required: true, ReadOnly: true},
		{Name: "name", Type: fieldtype.String, MaxLength: 150, Required: true},
		slugs("permissions", false),
	}
	groupIn := group[1:]
	userPerms := []Field{slugs("user_permissions", true), slugs("group_permissions", true)}
	userGroups := []Field{slugs("groups", true)}
	status := []Field{
		{Name: "is_active", Type: fieldtype.Bool, Required: true},
		{Name: "is_staff", Type: fieldtype.Bool, Required: true},
		{Name: "is_superuser", Type: fieldtype.Bool, Required: true},
	}
	routes := []Route{
		{Path: "permissions/", Name: "Permission List", Ops: []Op{
			{Method: http.MethodGet, Action: "list_permissions", Access: Staff, Status: http.StatusOK,
				Strings: true}}},
		{Path: "groups/", Name: "Group List", Ops: []Op{
			listOf(staff(http.MethodGet, "list_groups", http.StatusOK, nil, group)),
			staff(http.MethodPost, "create_group", http.StatusCreated, groupIn, group)}},
		{Path: "groups/{id}/", Name: "Group Instance", Ops: []Op{
			staff(http.MethodGet, "retrieve_group", http.StatusOK, nil, group),
			staff(http.MethodPut, "update_group", http.StatusOK, groupIn, group),
			staff(http.MethodPatch, "partial_update_group", http.StatusOK, optional(groupIn), group),
			staff(http.MethodDelete, "destroy_group", http.StatusNoContent, nil, nil)}},
		{Path: "users/{id}/permissions/", Name: "User Permissions", Ops: []Op{
			staff(http.MethodGet, "user_permissions", http.StatusOK, nil, userPerms),
			staff(http.MethodPost, "grant_user_permissions", http.StatusOK, []Field{slugs("permissions", true)}, userPerms),
			staff(http.MethodDelete, "revoke_user_permissions", http.StatusOK, []Field{slugs("permissions", true)}, userPerms)}},
		{Path: "users/{id}/groups/", Name: "User Groups", Ops: []Op{
			staff(http.MethodGet, "user_groups", http.StatusOK, nil, userGroups),
			staff(http.MethodPost, "add_user_groups", http.StatusOK, userGroups, userGroups),
			staff(http.MethodDelete, "remove_user_groups", http.StatusOK, userGroups, userGroups)}},
	}
	if sessions {
		routes = append(routes, Route{Path: "users/{id}/sessions/", Name: "User Sessions", Ops: []Op{
			listOf(staff(http.MethodGet, "user_sessions", http.StatusOK, nil, sessionFields())),
			staff(http.MethodDelete, "revoke_user_sessions", http.StatusOK, nil,
				[]Field{{Name: "revoked", Type: fieldtype.Int, Required: true}})}})
	}
	return append(routes, Route{Path: "users/{id}/status/", Name: "User Status", Ops: []Op{
		staff(http.MethodGet, "user_status", http.StatusOK, nil, status),
		staff(http.MethodPatch, "change_user_status", http.StatusOK, optional(status), status)}})
}

func listOf(op Op) Op {
	op.List = true
	return op
}

// sessionFields are a log-in session as runtime/sessions shows it.
func sessionFields() []Field {
	return []Field{
		{Name: "id", Type: fieldtype.String, Required: true},
		{Name: "created", Type: fieldtype.DateTime, Required: true},
		{Name: "last_used", Type: fieldtype.DateTime, Required: true},
		{Name: "client_addr", Type: fieldtype.String, Required: true},
		{Name: "user_agent", Type: fieldtype.String, Required: true},
		{Name: "current", Type: fieldtype.Bool, Required: true},
	}
}

// SessionRoutes are runtime/sessions' routes below the auth mount: the caller's log-in
// sessions.
func SessionRoutes() []Route {
	user := func(method, action string, status int, result []Field) Op {
		return Op{Method: method, Action: action, Access: Authenticated, Status: status, Result: result}
	}
	return []Route{
		{Path: "sessions/", Name: "Session List", Ops: []Op{listOf(user(http.MethodGet, "list_sessions", http.StatusOK, sessionFields()))}},
		{Path: "sessions/revoke_others/", Name: "Session Revoke Others", Ops: []Op{
			user(http.MethodPost, "revoke_other_sessions", http.StatusOK, []Field{{Name: "revoked", Type: fieldtype.Int, Required: true}})}},
		{Path: "sessions/{id}/", Name: "Session Instance", StringID: true, Ops: []Op{user(http.MethodDelete, "revoke_session", http.StatusNoContent, nil)}},
	}
}
