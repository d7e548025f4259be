package users

import "errors"

var (
	// ErrNotFound is returned when the user, group or grant asked for does not exist.
	ErrNotFound = errors.New("users: not found")
	// ErrDuplicate is returned when a write would break a unique constraint (a username, a
	// group name, a unique extra column).
	ErrDuplicate = errors.New("users: already exists")
	// ErrMultiple is returned by a lookup expected to find one user that found several
	// (GetByEmail when e-mail addresses are not unique).
	ErrMultiple = errors.New("users: more than one user matches")
	// ErrUnknownPermission is returned for a permission name that names no auth_permission
	// row, or is not of the form "app_label.codename".
	ErrUnknownPermission = errors.New("users: unknown permission")
	// ErrInvalidField is returned by NewStore for an extra field that cannot be used, and by
	// writes for a value of the wrong Go type or an unknown column name.
	ErrInvalidField = errors.New("users: invalid field")
)
