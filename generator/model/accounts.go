package model

import "time"

// Accounts is djoser's configuration. Booleans and strings default as in djoser, except where
// docs/spec.md says otherwise.
type Accounts struct {
	SendActivationEmail              bool
	SendConfirmationEmail            bool
	PasswordChangedEmailConfirmation bool
	UsernameChangedEmailConfirmation bool
	UserCreatePasswordRetype         bool
	SetPasswordRetype                bool
	SetUsernameRetype                bool
	PasswordResetConfirmRetype       bool
	UsernameResetConfirmRetype       bool
	LogoutOnPasswordChange           bool
	PasswordResetShowEmailNotFound   bool
	UsernameResetShowEmailNotFound   bool
	HideUsers                        bool // default true, as djoser

	ActivationURL           string // default "#/activate/{uid}/{token}"
	PasswordResetConfirmURL string // default "#/password/reset/confirm/{uid}/{token}"
	UsernameResetConfirmURL string // default "#/username/reset/confirm/{uid}/{token}"
	Domain                  string // "" (default): the request's host, as djoser's e-mails
	SiteName                string // "" (default): the request's host, as djoser's e-mails
	FromEmail               string // default "webmaster@localhost" (Django's DEFAULT_FROM_EMAIL)

	TokenTimeout time.Duration // lifetime of uid/token links (Django's PASSWORD_RESET_TIMEOUT), default 72h

	// Permissions holds every one of djoser's PERMISSIONS keys (see AccountPermissionNames),
	// in that order, with djoser's default where the spec says nothing.
	Permissions []AccountPermission
}

// AccountPermissionNames are djoser's PERMISSIONS keys, in the order of Accounts.Permissions.
var AccountPermissionNames = []string{
	"activation",
	"password_reset",
	"password_reset_confirm",
	"set_password",
	"username_reset",
	"username_reset_confirm",
	"set_username",
	"user_create",
	"user_delete",
	"user",
	"user_list",
	"token_create",
	"token_destroy",
}

// AccountPermission is one entry of djoser's PERMISSIONS.
type AccountPermission struct {
	Name string // a djoser key, one of AccountPermissionNames
	Expr *Expr
}

// Serializers lists the extra auth_user fields of djoser's serializers, in the spec's order;
// nil or empty: djoser's own fields only.
// Names are "first_name", "last_name" or a Name of Auth.UserFields.
type Serializers struct {
	UserCreate []string
	// UserCreatePasswordRetype is registration's serializer instead of UserCreate when
	// Accounts.UserCreatePasswordRetype is set, as in djoser.
	UserCreatePasswordRetype []string
	User                     []string
	CurrentUser              []string
}
