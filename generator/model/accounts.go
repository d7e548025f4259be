package model

import (
	"time"

	"github.com/authgen/authgen/runtime/djoser"
)

// Accounts is djoser's configuration: every setting runtime/djoser lists, with djoser's
// default where the spec says nothing.
type Accounts struct {
	// Flags are the boolean settings by key ("hide_users"), one per djoser.Flags.
	Flags map[string]bool
	// Texts are the string settings by key ("activation_url"), one per djoser.Texts; ""
	// where the runtime decides (domain, site_name).
	Texts map[string]string

	TokenTimeout time.Duration // lifetime of uid/token links (Django's PASSWORD_RESET_TIMEOUT)

	// Permissions holds every one of djoser's PERMISSIONS, in the order of
	// djoser.Permissions.
	Permissions []AccountPermission
}

// AccountPermission is one entry of djoser's PERMISSIONS.
type AccountPermission struct {
	djoser.Permission // the key, the runtime's constant and djoser's default
	Expr              *Expr
}

// Serializers lists the extra auth_user fields of djoser's serializers, in the spec's order;
// nil or empty: djoser's own fields only.
// Names are "first_name", "last_name", a status field (StatusFields) or a Name of
// Auth.UserFields.
type Serializers struct {
	UserCreate []string
	// UserCreatePasswordRetype is registration's serializer instead of UserCreate when
	// the flag user_create_password_retype is set, as in djoser.
	UserCreatePasswordRetype []string
	User                     []string
	CurrentUser              []string
	// UserWritableStatus and CurrentUserWritableStatus are the status fields of User and
	// CurrentUser that requests may write (writable_status_fields); the others are
	// read-only.
	UserWritableStatus, CurrentUserWritableStatus []string
}

// StatusFields are Django's auth_user columns that say what a user may do and when it
// joined and last logged in: a serializer may show them, read-only unless the spec's
// writable_status_fields names them.
var StatusFields = []string{"is_active", "is_staff", "is_superuser", "date_joined", "last_login"}
