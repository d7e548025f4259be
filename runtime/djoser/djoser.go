// Package djoser lists the djoser settings a spec's accounts section takes, once: each
// setting's key, the field of accounts.Settings it sets and djoser's default. The generator
// (spec, model, emit) and runtime/accounts read them here, so a setting is added in one
// place. It imports nothing, so the generator links no runtime by reading it.
package djoser

import "time"

// Flag is a boolean setting.
type Flag struct {
	Key     string // the spec's key, djoser's name in lower case: "send_activation_email"
	Field   string // the field of accounts.Settings: "SendActivationEmail"
	Default bool   // djoser's
}

// Text is a string setting.
type Text struct {
	Key     string // "activation_url"
	Field   string // "ActivationURL"
	Default string // djoser's (or Django's, for from_email); "" when the runtime decides
}

// Permission is one of djoser's PERMISSIONS keys.
type Permission struct {
	Key     string // "user_list"
	Const   string // the constant of runtime/accounts naming it: "PermUserList"
	Default string // djoser's class: "CurrentUserOrAdmin"
}

// Flags are djoser's boolean settings, in the order of docs/spec.md.
var Flags = []Flag{
	{"send_activation_email", "SendActivationEmail", false},
	{"send_confirmation_email", "SendConfirmationEmail", false},
	{"password_changed_email_confirmation", "PasswordChangedEmailConfirmation", false},
	{"username_changed_email_confirmation", "UsernameChangedEmailConfirmation", false},
	{"user_create_password_retype", "UserCreatePasswordRetype", false},
	{"set_password_retype", "SetPasswordRetype", false},
	{"set_username_retype", "SetUsernameRetype", false},
	{"password_reset_confirm_retype", "PasswordResetConfirmRetype", false},
	{"username_reset_confirm_retype", "UsernameResetConfirmRetype", false},
	{"logout_on_password_change", "LogoutOnPasswordChange", false},
	{"password_reset_show_email_not_found", "PasswordResetShowEmailNotFound", false},
	{"username_reset_show_email_not_found", "UsernameResetShowEmailNotFound", false},
	{"hide_users", "HideUsers", true},
}

// Texts are djoser's string settings. Domain and site name default to nothing: the runtime
// decides (accounts.Settings).
var Texts = []Text{
	{"activation_url", "ActivationURL", "#/activate/{uid}/{token}"},
	{"password_reset_confirm_url", "PasswordResetConfirmURL", "#/password/reset/confirm/{uid}/{token}"},
	{"username_reset_confirm_url", "UsernameResetConfirmURL", "#/username/reset/confirm/{uid}/{token}"},
	{"domain", "Domain", ""},
	{"site_name", "SiteName", ""},
	{"from_email", "FromEmail", "webmaster@localhost"},
}

// TokenTimeout is the setting token_timeout: how long a mailed uid/token link stays valid
// (Django's PASSWORD_RESET_TIMEOUT), and its default.
const (
	TokenTimeoutKey   = "token_timeout"
	TokenTimeoutField = "TokenTimeout"
	TokenTimeout      = 72 * time.Hour
)

// Permissions are djoser's PERMISSIONS, in djoser's order.
var Permissions = []Permission{
	{"activation", "PermActivation", "AllowAny"},
	{"password_reset", "PermPasswordReset", "AllowAny"},
	{"password_reset_confirm", "PermPasswordResetConfirm", "AllowAny"},
	{"set_password", "PermSetPassword", "CurrentUserOrAdmin"},
	{"username_reset", "PermUsernameReset", "AllowAny"},
	{"username_reset_confirm", "PermUsernameResetConfirm", "AllowAny"},
	{"set_username", "PermSetUsername", "CurrentUserOrAdmin"},
	{"user_create", "PermUserCreate", "AllowAny"},
	{"user_delete", "PermUserDelete", "CurrentUserOrAdmin"},
	{"user", "PermUser", "CurrentUserOrAdmin"},
	{"user_list", "PermUserList", "CurrentUserOrAdmin"},
	{"token_create", "PermTokenCreate", "AllowAny"},
	{"token_destroy", "PermTokenDestroy", "IsAuthenticated"},
}

// TextDefault returns the default of the string setting key ("" for an unknown key).
func TextDefault(key string) string {
	for _, t := range Texts {
		if t.Key == key {
			return t.Default
		}
	}
	return ""
}
