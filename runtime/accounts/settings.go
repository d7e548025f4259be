package accounts

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/djoser"
	"github.com/authgen/authgen/runtime/httpx"
)

// Settings configures the account flows: djoser's DJOSER settings (names in Go case), the
// parts of Django's and simplejwt's settings the flows read, and the serializers' extra
// fields. The generator writes one literal of it from the spec's auth, accounts and
// serializers sections; a zero field takes the default its comment names.
type Settings struct {
	// LoginField is the field users log in with, "username" or "email": Django's
	// USERNAME_FIELD and djoser's LOGIN_FIELD. With "email" the routes set_username/,
	// reset_username/ and reset_username_confirm/ are named set_email/, reset_email/ and
	// reset_email_confirm/, e-mail addresses are unique and required, and the username is
	// a required field of registration (REQUIRED_FIELDS). Default "username".
	LoginField string

	SendActivationEmail              bool // new users are inactive until they follow the mailed link
	SendConfirmationEmail            bool // mail a confirmation after activation (or registration)
	PasswordChangedEmailConfirmation bool // mail after set_password and reset_password_confirm
	UsernameChangedEmailConfirmation bool // mail after set_username and reset_username_confirm

	UserCreatePasswordRetype   bool // registration wants re_password
	SetPasswordRetype          bool // set_password wants re_new_password
	SetUsernameRetype          bool // set_username wants re_new_<login field>
	PasswordResetConfirmRetype bool // reset_password_confirm wants re_new_password
	UsernameResetConfirmRetype bool // reset_username_confirm wants re_new_<login field>

	// LogoutOnPasswordChange deletes the user's opaque token on set_password.
	LogoutOnPasswordChange bool
	// RevokeOnCredentialChange deletes the user's opaque token whenever its password,
	// username or e-mail address changes (set_password, reset_password_confirm, set_username,
	// users/me/); the JWTs are revoked by their credential stamp (jwtauth.Credentials).
	RevokeOnCredentialChange bool
	// PasswordResetShowEmailNotFound and UsernameResetShowEmailNotFound answer an address
	// without a user to mail with 400 ["User with given email does not exist."] instead of
	// hiding it. As in djoser 2.1, whose UserFunctionsMixin.get_user reads the two together,
	// either one does so for reset_password, reset_<login field> and resend_activation
	// alike: for reset_password and reset_<login field> no active user with the address
	// and a usable password; for resend_activation no inactive one.
	PasswordResetShowEmailNotFound bool
	UsernameResetShowEmailNotFound bool
	// Throttles are the throttle scopes of the views (runtime/throttle's ScopedRateThrottle),
	// by the Perm* keys of their actions, ThrottleResendActivation, and ThrottleJWTCreate,
	// ThrottleJWTRefresh, ThrottleJWTVerify, ThrottleJWTBlacklist for simplejwt's views.
	Throttles map[string]string
	// ResendActivationRevealsAccounts answers resend_activation with djoser 2.1's empty 400
	// for an address without an inactive account, where the default answers 204 for every
	// address (djoser 2.2): the 2023 answer tells an inactive account from others.
	ResendActivationRevealsAccounts bool
	// RefreshInactiveUsers lets jwt/refresh succeed for an inactive or deleted user, as
	// simplejwt 5.2; the default refuses them as 5.3 does (RefreshNoActiveAccount).
	RefreshInactiveUsers bool
	// Pagination paginates the user list as DRF's DEFAULT_PAGINATION_CLASS and PAGE_SIZE
	// paginate djoser's; nil leaves it a plain list.
	Pagination *httpx.Pagination
	// HideUsers limits the user list to the caller (staff see all) and answers 404 instead
	// of 403 when an authenticated user may not list, read or update a user. The generator
	// writes djoser's default, true.
	HideUsers bool

	// The links of the mails, relative to Domain, with {uid} and {token} (and {protocol},
	// {domain}, {site_name}) replaced, as djoser formats them. Defaults
	// "#/activate/{uid}/{token}", "#/password/reset/confirm/{uid}/{token}" and
	// "#/username/reset/confirm/{uid}/{token}".
	ActivationURL           string
	PasswordResetConfirmURL string
	UsernameResetConfirmURL string
	// Protocol of the links, "http" or "https"; "" means that of the request, as Django's
	// request.is_secure().
	Protocol string
	// Domain of the links, default "localhost:8000". It is configured, never taken from the
	// request's Host header, so a forged Host cannot redirect a reset link.
	Domain string
	// SiteName is what the mails call the site, e.g. "Store"; default Domain, as djoser's
	// mails without a SITE_NAME name the site by its domain (Django's RequestSite).
	SiteName string
	// FromEmail is the sender of the mails, default "webmaster@localhost" (Django's
	// DEFAULT_FROM_EMAIL).
	FromEmail string
	// TokenTimeout is how long a mailed uid/token link stays valid: Django's
	// PASSWORD_RESET_TIMEOUT, default 72h.
	TokenTimeout time.Duration

	// UpdateLastLogin records the login time on jwt/create (simplejwt's UPDATE_LAST_LOGIN).
	// token/login always records it, as Django's user_logged_in signal does.
	UpdateLastLogin bool

	// Permissions are djoser's PERMISSIONS by key (the Perm* constants); a key left out
	// keeps djoser's default (DefaultPermissions). A DRF permission_classes list is
	// authz.And of its entries.
	Permissions map[string]authz.Checker
	// DefaultPermission guards the API root at the prefix, which lists users/ as djoser's
	// router does: DRF's DEFAULT_PERMISSION_CLASSES (authz.And of a list). Nil means
	// authz.AllowAny{}, DRF's own default.
	DefaultPermission authz.Checker

	// JWTBlacklistPath is where simplejwt's TokenBlacklistView is served, an absolute path
	// ("/auth/jwt/blacklist/"), as an app's urls.py mounts it beside djoser's; "" does not
	// serve it, as djoser's URLs do not include it (404 there).
	JWTBlacklistPath string

	// Serializers lists the extra fields of djoser's serializers.
	Serializers Serializers

	// MaxBody bounds request bodies in bytes, default httpx.DefaultMaxBody (Django's 2.5 MiB).
	MaxBody int64
}

// Serializers holds the extra fields djoser's serializers show beyond their defaults, in
// order: "first_name", "last_name", a status field (apidoc.StatusFields, read-only unless
// listed as writable) or the name of an extra auth_user field (users.Field).
type Serializers struct {
	UserCreate []string // users/ POST (djoser's user_create)
	// UserCreatePasswordRetype is users/ POST with UserCreatePasswordRetype set, which djoser
	// serves with this serializer instead of user_create (user_create_password_retype).
	UserCreatePasswordRetype []string
	User                     []string // users/ and users/{id}/ (user)
	CurrentUser              []string // users/me/ (current_user)
	// UserWritableStatus and CurrentUserWritableStatus are the status fields of User and
	// CurrentUser ("is_active", "is_staff", "is_superuser", "date_joined", "last_login")
	// that a request may write. The others are read-only, unlike in DRF's ModelSerializer,
	// where listing is_staff lets a user make himself staff.
	UserWritableStatus, CurrentUserWritableStatus []string
}

// djoser's PERMISSIONS keys (runtime/djoser lists them with their defaults).
const (
	PermActivation           = "activation"
	PermPasswordReset        = "password_reset"
	PermPasswordResetConfirm = "password_reset_confirm"
	PermSetPassword          = "set_password"
	PermUsernameReset        = "username_reset"
	PermUsernameResetConfirm = "username_reset_confirm"
	PermSetUsername          = "set_username"
	PermUserCreate           = "user_create"
	PermUserDelete           = "user_delete"
	PermUser                 = "user"
	PermUserList             = "user_list"
	PermTokenCreate          = "token_create"
	PermTokenDestroy         = "token_destroy"
)

// Throttle keys of the views that have no permission key of their own (Settings.Throttles;
// the others use their Perm* key).
const (
	ThrottleResendActivation = "resend_activation"
	ThrottleJWTCreate        = "jwt_create"
	ThrottleJWTRefresh       = "jwt_refresh"
	ThrottleJWTVerify        = "jwt_verify"
	ThrottleJWTBlacklist     = "jwt_blacklist"
)

var throttleOnlyKeys = []string{ThrottleResendActivation, ThrottleJWTCreate, ThrottleJWTRefresh, ThrottleJWTVerify, ThrottleJWTBlacklist}

// permRoot is the key of Settings.DefaultPermission among the permissions: not one of
// djoser's, so Settings.Permissions cannot name it.
const permRoot = "api_root"

// defaultClasses are the classes djoser's PERMISSIONS defaults name.
var defaultClasses = map[string]authz.Checker{
	"AllowAny": authz.AllowAny{}, "IsAuthenticated": authz.IsAuthenticated{},
	"CurrentUserOrAdmin": CurrentUserOrAdmin{},
}

// DefaultPermissions returns djoser 2.1's PERMISSIONS (djoser.Permissions).
func DefaultPermissions() map[string]authz.Checker {
	out := make(map[string]authz.Checker, len(djoser.Permissions))
	for _, p := range djoser.Permissions {
		out[p.Key] = defaultClasses[p.Default]
	}
	return out
}

// Login fields.
const (
	LoginUsername = "username"
	LoginEmail    = "email"
)

// withDefaults returns s with its zero fields filled and checks the rest.
func (s Settings) withDefaults() (Settings, error) {
	if s.LoginField == "" {
		s.LoginField = LoginUsername
	}
	if s.LoginField != LoginUsername && s.LoginField != LoginEmail {
		return s, fmt.Errorf("accounts: LoginField %q: want %q or %q", s.LoginField, LoginUsername, LoginEmail)
	}
	def := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	def(&s.ActivationURL, djoser.TextDefault("activation_url"))
	def(&s.PasswordResetConfirmURL, djoser.TextDefault("password_reset_confirm_url"))
	def(&s.UsernameResetConfirmURL, djoser.TextDefault("username_reset_confirm_url"))
	def(&s.Domain, "localhost:8000") // djoser's has none: the request's host, which a forged Host header sets
	def(&s.SiteName, s.Domain)
	def(&s.FromEmail, djoser.TextDefault("from_email"))
	if s.Protocol != "" && s.Protocol != "http" && s.Protocol != "https" {
		return s, fmt.Errorf("accounts: Protocol %q: want \"http\", \"https\" or empty", s.Protocol)
	}
	for key := range s.Throttles {
		if _, ok := DefaultPermissions()[key]; !ok && !slices.Contains(throttleOnlyKeys, key) {
			return s, fmt.Errorf("accounts: Throttles key %q: want a Perm* or Throttle* key", key)
		}
	}
	for _, u := range []string{s.ActivationURL, s.PasswordResetConfirmURL, s.UsernameResetConfirmURL} {
		if _, err := formatLink(u, linkValues{}); err != nil {
			return s, err
		}
	}
	if p := s.JWTBlacklistPath; p != "" && (!strings.HasPrefix(p, "/") || p == "/" || strings.Contains(p, "{")) {
		return s, fmt.Errorf("accounts: JWTBlacklistPath %q: want an absolute path, like \"/auth/jwt/blacklist/\"", p)
	}
	if s.TokenTimeout == 0 {
		s.TokenTimeout = djoser.TokenTimeout
	}
	if s.TokenTimeout < time.Second {
		return s, fmt.Errorf("accounts: TokenTimeout %v is shorter than a second", s.TokenTimeout)
	}
	if s.MaxBody <= 0 {
		s.MaxBody = httpx.DefaultMaxBody
	}
	perms := DefaultPermissions()
	for k, c := range s.Permissions {
		if _, ok := perms[k]; !ok {
			keys := make([]string, 0, len(perms))
			for name := range perms {
				keys = append(keys, name)
			}
			slices.Sort(keys)
			return s, fmt.Errorf("accounts: unknown permission key %q (want one of %s)", k, strings.Join(keys, ", "))
		}
		if c == nil {
			return s, fmt.Errorf("accounts: permission %q is nil", k)
		}
		perms[k] = c
	}
	perms[permRoot] = s.DefaultPermission
	if perms[permRoot] == nil {
		perms[permRoot] = authz.AllowAny{}
	}
	s.Permissions = perms
	return s, nil
}
