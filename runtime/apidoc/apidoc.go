// Package apidoc describes, as data, the routes the runtime serves for every generated app:
// djoser's and simplejwt's (runtime/accounts), DRF's token routes, the log-in sessions
// (runtime/sessions), the admin API (runtime/admin), the JWKS document (runtime/jwtkeys) and
// the health endpoints (runtime/app). For each route: its path, its methods, who may call
// it, and the fields of its request and of its answer.
//
// The generator writes the app's openapi.json from it, and runtime/accounts lays out
// djoser's user serializers with it; the runtime's tests hold the handlers to the rest
// (every route and method registered, every required field refused when missing), so the
// document cannot drift from what the app does. It imports no runtime package but
// runtime/fieldtype, so the generator links no runtime by reading it.
package apidoc

import (
	"net/http"

	"github.com/authgen/authgen/runtime/fieldtype"
)

// Field is one field of a request or response body.
type Field struct {
	Name      string
	Type      fieldtype.Type // String for plain text fields (tokens, passwords)
	Many      bool           // a list of Type
	MaxLength int            // 0: none
	// MaxDigits and DecimalPlaces shape a Decimal.
	MaxDigits, DecimalPlaces int
	Required                 bool // a request must send it
	ReadOnly                 bool // only in answers
	WriteOnly                bool // only in requests (passwords)
	Null                     bool // null is a value
}

// Access is who may call an operation.
type Access int

const (
	// Public: anyone; credentials, when sent, are still checked (DRF's AllowAny).
	Public Access = iota
	// Unauthenticated: anyone; no credentials are read (simplejwt's views and the health
	// and JWKS endpoints).
	Unauthenticated
	// Authenticated: a logged-in user (IsAuthenticated).
	Authenticated
	// Staff: a logged-in staff user (the admin API, with Django admin's rights).
	Staff
	// Permission: djoser's PERMISSIONS[Op.Permission], as the app's settings configure it.
	Permission
)

// Op is one method of a route.
type Op struct {
	Method string
	// Action is djoser's action name, or a name of the same kind: "create", "set_password".
	Action     string
	Access     Access
	Permission string // with Access Permission: the key of accounts.Settings.Permissions
	// Body are the request's fields; nil: the request has no body.
	Body []Field
	// Status is the answer when all goes well.
	Status int
	// Result are the answer's fields; nil: no body (a 204, or an object of any keys when
	// Free).
	Result []Field
	// Free marks an answer whose keys are not fixed (the API roots' links, a readiness
	// report): an object of strings.
	Free bool
	// Strings marks an answer that is a list of strings (the permissions' names).
	Strings bool
	// Document marks an answer that is a JSON document of its own (the OpenAPI document).
	Document bool
	// List: the answer is a list of Result; Paginated: paged as the app's default
	// pagination says (djoser's user list).
	List, Paginated bool
	// Errors are the failure statuses the operation answers beside those of its access
	// (400 for a body, 401/403 as Access says, 404 for a path with an id, 429 throttled).
	Errors []int
}

// Route is one URL pattern with its methods, in the order of Django's http_method_names.
type Route struct {
	// Path is below the account mount ("users/me/", "" for its API root), or absolute when
	// it begins with "/" ("/healthz").
	Path string
	Name string // the view's name, as OPTIONS shows it
	Ops  []Op
	// StringID: the {id} of Path is a string (a session's), not an integer.
	StringID bool
	// Variants are the other patterns the route answers on, below the same mount:
	// simplejwt's "jwt/create" (its URL pattern has no "$") and djoser's "token/login".
	Variants []string
}

// Config is what shapes the routes: the app's settings.
type Config struct {
	LoginField string // "username" or "email"
	TokenAuth  bool   // djoser's token/login/ and token/logout/
	Sessions   bool   // runtime/sessions' routes and the admin's users/{id}/sessions/
	Cookies    bool   // the refresh token may come in a cookie instead of the body
	PublicKeys bool   // asymmetric signing: the JWKS document is served
	Lockout    bool   // log-ins are locked out after failures (429), runtime/loginguard
	// HealthPath and ReadyPath are the health endpoints' paths; OpenAPIPath is where the
	// app serves its openapi.json ("": not served).
	HealthPath, ReadyPath, OpenAPIPath string
	// JWTBlacklistPath is where simplejwt's TokenBlacklistView is served, an absolute
	// path ("": not served).
	JWTBlacklistPath string
	Retype           Retype
	Serializers      Serializers
	// UserFields are auth_user's extra fields (Name, Type, MaxLength, Null and Required:
	// whether registration needs it).
	UserFields []Field
}

// Retype are djoser's *_RETYPE flags: the route asks for the value twice.
type Retype struct {
	UserCreatePassword, SetPassword, SetUsername, PasswordResetConfirm, UsernameResetConfirm bool
}

// Serializers are the extra user fields of djoser's serializers (accounts.Serializers).
type Serializers struct {
	UserCreate, UserCreatePasswordRetype, User, CurrentUser []string
	UserWritableStatus, CurrentUserWritableStatus           []string
}

// StatusFields are Django's auth_user columns that say what a user may do and when it
// joined and last logged in. A serializer shows them read-only unless it lists them as
// writable (Serializers.UserWritableStatus, CurrentUserWritableStatus); registration
// never writes them.
var StatusFields = []string{"is_active", "is_staff", "is_superuser", "date_joined", "last_login"}

// StatusColumns are the status fields as serializer fields: BooleanFields and
// DateTimeFields with defaults (or null), so never required.
func StatusColumns() []Field {
	return []Field{
		{Name: "is_active", Type: fieldtype.Bool},
		{Name: "is_staff", Type: fieldtype.Bool},
		{Name: "is_superuser", Type: fieldtype.Bool},
		{Name: "date_joined", Type: fieldtype.DateTime},
		{Name: "last_login", Type: fieldtype.DateTime, Null: true},
	}
}

// UserColumns are Django's auth_user columns djoser's serializers may name, for the login
// field: username, email, first_name, last_name. With the login field "email" the e-mail
// address is required (and unique) and the username stays required.
func UserColumns(loginField string) []Field {
	return []Field{
		{Name: "username", Type: fieldtype.String, MaxLength: 150, Required: true},
		{Name: "email", Type: fieldtype.Email, MaxLength: 254, Required: loginField == "email"},
		{Name: "first_name", Type: fieldtype.String, MaxLength: 150},
		{Name: "last_name", Type: fieldtype.String, MaxLength: 150},
	}
}

// RequiredFields is the user model's REQUIRED_FIELDS: what registration asks beside the
// login field and the password.
func RequiredFields(loginField string) []string {
	if loginField == "email" {
		return []string{"username"}
	}
	return []string{"email"}
}

// UserLayout are the fields of djoser's user serializers, in order: what each reads (In)
// and answers (Out).
type UserLayout struct {
	CreateIn, CreateOut   []string // UserCreateSerializer (or its retype variant)
	UserIn, UserOut       []string // UserSerializer: users/{id}/
	CurrentIn, CurrentOut []string // current_user: users/me/
}

// Layout lays out djoser's serializers: UserCreateSerializer's fields are REQUIRED_FIELDS +
// (LOGIN_FIELD, id, password), UserSerializer's REQUIRED_FIELDS + (id, LOGIN_FIELD) with the
// login field read-only; each followed by its extra fields (those not there already). A
// status field is read (In) only where the serializer lists it as writable, never at
// registration.
func Layout(loginField string, retype bool, s Serializers) UserLayout {
	base := RequiredFields(loginField)
	extras := func(names []string) []string {
		var out []string
		for _, n := range names {
			if n == "id" || n == "password" || n == loginField || contains(base, n) || contains(out, n) {
				continue
			}
			out = append(out, n)
		}
		return out
	}
	writable := func(names, writable []string) []string {
		var out []string
		for _, n := range names {
			if !contains(StatusFields, n) || contains(writable, n) {
				out = append(out, n)
			}
		}
		return out
	}
	create := extras(s.UserCreate)
	if retype {
		create = extras(s.UserCreatePasswordRetype)
	}
	user, current := extras(s.User), extras(s.CurrentUser)
	return UserLayout{
		CreateIn: concat(base, []string{loginField}, writable(create, nil)), CreateOut: concat(base, []string{loginField, "id"}, create),
		UserIn: concat(base, writable(user, s.UserWritableStatus)), UserOut: concat(base, []string{"id", loginField}, user),
		CurrentIn:  concat(base, writable(current, s.CurrentUserWritableStatus)),
		CurrentOut: concat(base, []string{"id", loginField}, current),
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Default paths of the health endpoints (runtime/app's); the spec's mount.health and
// mount.ready change them.
const (
	DefaultHealthPath = "/healthz"
	DefaultReadyPath  = "/readyz"
)

// AccessCookie is the cookie that carries the access token when the app sets it
// (jwtauth.AccessCookie).
const AccessCookie = "access_token"

// JWKSPath is where runtime/jwtkeys serves the public keys (jwtkeys.JWKSPath).
const JWKSPath = "/.well-known/jwks.json"

// Routes are every route the runtime serves for an app configured as c: the accounts
// (djoser's, simplejwt's, DRF's token routes), the sessions, the admin API, the JWKS
// document and the health endpoints. The app's own endpoints are not among them.
func Routes(c Config) []Route {
	routes := AccountRoutes(c)
	if c.Sessions {
		routes = append(routes, SessionRoutes()...)
	}
	routes = append(routes, AdminRoutes(c.Sessions)...)
	if c.PublicKeys {
		routes = append(routes, Route{Path: JWKSPath, Name: "JWKS", Ops: []Op{{Method: http.MethodGet,
			Action: "jwks", Access: Unauthenticated, Status: http.StatusOK, Result: []Field{
				{Name: "keys", Type: fieldtype.JSON, Many: true, Required: true, ReadOnly: true}}}}})
	}
	status := []Field{{Name: "status", Type: fieldtype.String, Required: true, ReadOnly: true}}
	routes = append(routes,
		Route{Path: c.HealthPath, Name: "Health", Ops: []Op{{Method: http.MethodGet, Action: "health",
			Access: Unauthenticated, Status: http.StatusOK, Result: status}}},
		Route{Path: c.ReadyPath, Name: "Ready", Ops: []Op{{Method: http.MethodGet, Action: "ready",
			Access: Unauthenticated, Status: http.StatusOK, Result: status,
			Errors: []int{http.StatusServiceUnavailable}}}},
	)
	if c.OpenAPIPath != "" {
		routes = append(routes, Route{Path: c.OpenAPIPath, Name: "OpenAPI", Ops: []Op{{Method: http.MethodGet,
			Action: "openapi", Access: Unauthenticated, Status: http.StatusOK, Document: true}}})
	}
	return routes
}
