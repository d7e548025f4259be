// Package users is the store of a generated app's accounts, over Django's own tables:
// auth_user, auth_group, auth_permission, django_content_type and their join tables, and
// authgen_object_permission for per-object grants.
//
// # Users
//
// A User is one auth_user row. The columns Django's AbstractUser declares are fields of
// User; the extra columns a spec declares under auth.user.fields are described to NewStore
// by Fields and carried in User.Extra, keyed by field name, with these Go types:
//
//	String, Text, Email, UUID, Decimal ("10.00"), Date ("2006-01-02")  string
//	Int, BigInt, SmallInt, Positive*Int                               int64
//	Bool                                                              bool
//	DateTime                                                          time.Time (UTC)
//	JSON                                                              json.RawMessage
//	any kind, SQL NULL                                                nil
//
// Lookups follow Django: by username or e-mail they are exact (case-sensitive) matches, as
// ModelBackend's get_by_natural_key and djoser's e-mail lookups are. Create normalises the
// username (Unicode NFKC) and the domain part of the e-mail (lower case) as Django's
// create_user does. The store never hashes: passwords arrive encoded (package password).
//
// # Groups and permissions
//
// Permissions are named "app_label.codename", as Django's has_perm names them. Perms loads
// what a user holds directly and through groups in one query; HasObjectPerm answers for
// one object from per-object grants (django-guardian's model, own and group grants).
// Naming a permission that does not exist is an error (ErrUnknownPermission) rather than a
// silent no-op, so a typo in a setup script is caught.
//
// # Errors
//
// Methods return ErrNotFound for a missing row and ErrDuplicate for a unique constraint
// that a write would break, wrapped with detail; test them with errors.Is.
package users
