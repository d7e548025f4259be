// Package admin is the operator's JSON API for groups and user permissions, so that granting
// and revoking needs neither SQL nor a shell on the server. It is what Django's admin site
// offers for auth.Group and a user's permissions, in DRF's shapes.
//
// # Routes
//
// Under the account mount (/auth/ in the store), every route for staff only (DRF's
// IsAdminUser: 401 without credentials, 403 for other users), holding the permission
// Django's admin asks for (see Rights below):
//
//	GET    permissions/              every permission that may be granted: ["store.add_product", …]
//	GET    groups/                   [{"id", "name", "permissions": ["app.codename", …]}, …]
//	POST   groups/                   {"name", "permissions"?} → 201 and the group
//	GET    groups/{id}/              the group
//	PUT    groups/{id}/              {"name", "permissions"?}: rename, and replace the permissions when given
//	PATCH  groups/{id}/              {"name"?, "permissions"?}
//	DELETE groups/{id}/              204; members lose what they held through it
//	GET    users/{id}/permissions/   {"user_permissions": […], "group_permissions": […]}
//	POST   users/{id}/permissions/   {"permissions": […]}: grant directly; answers the new state
//	DELETE users/{id}/permissions/   {"permissions": […]}: revoke direct grants; answers the new state
//	GET    users/{id}/groups/        {"groups": ["name", …]}
//	POST   users/{id}/groups/        {"groups": ["name", …]}: add the user; answers the new state
//	DELETE users/{id}/groups/        {"groups": ["name", …]}: take the user out; answers the new state
//	GET    users/{id}/status/        {"is_active", "is_staff", "is_superuser"}
//	PATCH  users/{id}/status/        any of the three; answers the new state
//
// # Rights
//
// As in Django's admin, staff need a model permission for each change; a superuser holds
// them all:
//
//	groups/                 read: auth.view_group or auth.change_group; POST auth.add_group;
//	                        PUT, PATCH auth.change_group; DELETE auth.delete_group
//	users/{id}/…            read: auth.view_user or auth.change_user; changes auth.change_user
//	users/{id}/status/      is_staff and is_superuser: a superuser only
//	permissions/            staff
//
// Beyond Django's admin, nobody but a superuser grants what they do not hold: a permission
// given to a user or a group, or a group a user is put in, whose permissions the caller
// lacks is refused with 403 {"detail": "You cannot grant permissions you do not hold: …"}.
// So auth.change_user lets staff manage others, never raise anyone, themselves included,
// above their own rights.
//
// # Errors
//
// Bodies are validated as a DRF serializer would: field errors with status 400, such as
// {"permissions": ["Object with permission=store.fly does not exist."]} for a permission that
// does not exist, {"groups": ["Object with name=x does not exist."]} for an unknown group,
// and {"name": ["group with this name already exists."]}. Nothing is written when any value is
// refused. An unknown group or user is 404 {"detail": "Not found."}.
package admin
