package spec

import "github.com/authgen/authgen/generator/diag"

// The AST mirrors the YAML as written: a nil pointer is a key that was not given, slices keep
// the user's order, and every element carries the position of what the user wrote so that
// generator/model can point at it. Nothing here is validated beyond YAML types.

// Str is a string scalar.
type Str struct {
	Value string
	Pos   diag.Pos // of the scalar
	// Offset is the column offset of Value's first character from Pos.Col: 1 for a quoted
	// scalar, 0 for a plain one. Errors inside the text (permission expressions) add it.
	Offset int
}

// Int is an integer scalar.
type Int struct {
	Value int64
	Pos   diag.Pos
}

// Bool is a boolean scalar.
type Bool struct {
	Value bool
	Pos   diag.Pos
}

// Scalar is a literal whose meaning depends on the field it belongs to (defaults, choices,
// bounds, assignments): its YAML tag and text, interpreted by generator/model.
type Scalar struct {
	Tag   string // YAML short tag: "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp"
	Value string // the scalar's text ("10.00", "true", "2024-01-02")
	Pos   diag.Pos
}

// Expr is a permission expression as written: one string ("A & B"), or a list of strings
// (DRF's permission_classes, meaning their &).
type Expr struct {
	Items []Str
	List  bool     // written as a list
	Pos   diag.Pos // of the value
}

// File is a whole spec.
type File struct {
	Name        string // file name used in positions
	Version     *Int
	App         *Str
	Output      *Str
	Mount       *Mount
	Auth        *Auth
	Accounts    *Accounts
	Serializers *Serializers
	Defaults    *Defaults
	Permissions []*Class
	Models      []*Model
	ModelsPos   diag.Pos // of the `models` key; zero when absent
	Endpoints   []*Endpoint
	Security    *Security
	Pos         diag.Pos // start of the document
}

// Mount is the `mount` section.
type Mount struct {
	Auth, API     *Str
	Health, Ready *Str
	OpenAPI       *Str // the path the app serves openapi.json at; nil: not served
	// JWTBlacklist is the path of simplejwt's TokenBlacklistView; nil: not served.
	JWTBlacklist *Str
}

// Auth is the `auth` section.
type Auth struct {
	LoginField *Str
	UserFields []*Field // auth.user.fields
	Password   *Password
	JWT        *JWT
	TokenAuth  *Bool
	// RevokeOnCredentialChange is auth.revoke_on_credential_change.
	RevokeOnCredentialChange *Bool
	Pos                      diag.Pos
}

// Password is auth.password.
type Password struct {
	Hasher           *Str
	Hashers          []Str // nil when the key is absent
	HashersPos       *diag.Pos
	Argon2           *Argon2
	PBKDF2Iterations *Int
	// Validators is nil when the key is absent and non-nil (possibly empty) when given.
	Validators []*Validator
	Pos        diag.Pos
}

// Argon2 is auth.password.argon2.
type Argon2 struct {
	MemoryKiB, Iterations, Parallelism *Int
}

// Validator is one item of auth.password.validators: a name, optionally with options.
type Validator struct {
	Kind          Str
	MinLength     *Int
	Attributes    []Str
	AttributesSet bool
	MaxSimilarity *Scalar
}

// JWT is auth.jwt.
type JWT struct {
	Algorithm, SigningKeyEnv, SigningKeyFile, VerifyingKeyFile *Str
	HeaderTypes                                                []Str
	HeaderTypesPos                                             *diag.Pos // non-nil when given
	HeaderName                                                 *Str
	AccessLifetime, RefreshLifetime, Leeway                    *Str
	Audience, Issuer, UserIDClaim, TokenTypeClaim, JTIClaim    *Str
	UserIDField                                                *Str
	RotateRefreshTokens, BlacklistAfterRotation                *Bool
	UpdateLastLogin                                            *Bool
	KeysFile, KeysEnv, RotationWindow                          *Str
	ReuseDetection, Sessions                                   *Bool
	Cookies, CookieAccess, CookieSecure                        *Bool
	CookieSameSite, CookieDomain                               *Str
}

// Accounts is the `accounts` section.
type Accounts struct {
	Bools        []NamedBool // the boolean djoser settings given, in spec order
	Strings      []NamedStr  // the string settings given (urls, domain, site_name, from_email)
	TokenTimeout *Str
	Permissions  []*NamedExpr
}

// NamedBool is a `key: bool` entry.
type NamedBool struct {
	Name  string
	Value Bool
}

// NamedStr is a `key: string` entry.
type NamedStr struct {
	Name  string
	Value Str
}

// NamedExpr is a `key: permission expression` entry.
type NamedExpr struct {
	Name    string
	NamePos diag.Pos
	Expr    *Expr
}

// Serializers is the `serializers` section.
type Serializers struct {
	UserCreate, UserCreatePasswordRetype, User, CurrentUser *Serializer
}

// Serializer is one account serializer.
type Serializer struct {
	ExtraFields []Str
	// WritableStatusFields are the status fields among ExtraFields that requests may write;
	// WritablePos is non-nil when the key was given.
	WritableStatusFields []Str
	WritablePos          *diag.Pos
	Pos                  diag.Pos
}

// Defaults is the `defaults` section.
type Defaults struct {
	Permission *Expr
	Pagination *Pagination
	// Parsers and Renderers are DRF's DEFAULT_PARSER_CLASSES and DEFAULT_RENDERER_CLASSES;
	// the positions are non-nil when given.
	Parsers, Renderers       []Str
	ParsersPos, RenderersPos *diag.Pos
	// NotFound is how a path no route serves is answered: html (Django's page) or json.
	NotFound *Str
}

// Pagination is a pagination mapping.
type Pagination struct {
	Style       *Str
	PageSize    *Int
	MaxPageSize *Int
	Pos         diag.Pos
}

// Class is a custom permission class.
type Class struct {
	Name       Str
	Requires   *Str
	Methods    []*MethodPerm
	MethodsPos *diag.Pos // non-nil when `methods` was given
	Object     *Object
	Expr       *Expr
	Message    *Str
	Code       *Str
	// Go is `go: true`: the class is written by the application in Go.
	Go *Bool
}

// MethodPerm is one `METHOD: app.codename` entry.
type MethodPerm struct {
	Method Str
	Perm   Str
}

// Object is an object-level class definition.
type Object struct {
	// OwnerFields are owner_field's paths (one string, or a list of alternatives);
	// OwnerFieldPos is non-nil when owner_field was given.
	OwnerFields   []Str
	OwnerFieldPos *diag.Pos
	SafeMethods   *Str
	Pos           diag.Pos
}

// Model is a model.
type Model struct {
	Name        Str
	Description *Str
	Fields      []*Field
	Permissions []*ModelPerm
	Indexes     []*Index
	// RenamedFrom and AllowDataLoss steer the next migration (docs/spec.md, Migrations).
	RenamedFrom   *Str
	AllowDataLoss *Bool
}

// Index is an item of a model's indexes: `{fields: [a, b], unique: true, name: …}`.
type Index struct {
	Fields    []Str
	FieldsPos *diag.Pos // non-nil when given
	Name      *Str
	Unique    *Bool
	Pos       diag.Pos
}

// ModelPerm is a custom permission: `codename: Human name`.
type ModelPerm struct {
	Codename Str
	Name     Str
}

// Field is a model field (or an extra user field).
type Field struct {
	Name                                 Str
	Type                                 *Str
	MaxLength                            *Int
	MaxDigits                            *Int
	DecimalPlaces                        *Int
	Null, Blank, Unique, ReadOnly, Owner *Bool
	AutoNow, AutoNowAdd                  *Bool
	DBIndex                              *Bool
	Default                              *Scalar
	Choices                              []Scalar
	ChoicesPos                           *diag.Pos // non-nil when given
	Min, Max                             *Scalar
	OnDelete                             *Str
	To                                   *Str
	Display                              *Str
	Description                          *Str
	// ChoiceLabels are the choices' human-readable names when `choices` is a mapping
	// (value: label, Django's (value, label) pairs), one per choice; nil for a list.
	ChoiceLabels []Str
	// RenamedFrom and AllowDataLoss steer the next migration (docs/spec.md, Migrations).
	RenamedFrom   *Str
	AllowDataLoss *Bool
}

// Endpoint is an endpoint.
type Endpoint struct {
	Name       Str
	Model      *Str
	Permission *Expr
	Fields     []Str
	FieldsPos  *diag.Pos // non-nil when given
	Methods    []Str
	MethodsPos *diag.Pos
	Scope      *Scope
	Pagination *Pagination
	Actions    []*Action
	// MethodPermissions are `method_permissions`: a method's expression replacing
	// Permission, in spec order; MethodPermissionsPos is non-nil when given.
	MethodPermissions    []*MethodPermission
	MethodPermissionsPos *diag.Pos
	// ThrottleScope is DRF's throttle_scope of the endpoint's routes.
	ThrottleScope *Str
	// Hooks are the DRF overrides the application writes in Go (get_queryset,
	// perform_create, validate_<field>, …), in spec order; HooksPos is non-nil when given.
	Hooks    []Str
	HooksPos *diag.Pos
	// Description is the viewset's docstring, which OPTIONS shows.
	Description *Str
}

// Scope is an endpoint's `scope`: a path, a list of alternative paths, or a mapping with
// `paths` and `except`.
type Scope struct {
	Paths  []Str
	Except *Expr // nil when not given
	Pos    diag.Pos
}

// MethodPermission is `METHOD: expression` of an endpoint's method_permissions.
type MethodPermission struct {
	Method     Str
	Permission *Expr
}

// Action is an endpoint action.
type Action struct {
	Name       Str
	Detail     *Bool
	Methods    []Str
	MethodsPos *diag.Pos
	Permission *Expr
	Set        []*Assignment
	SetPos     *diag.Pos
	Singleton  *Str
	// Missing is the singleton's `missing`: create (the default) or not_found.
	Missing *Str
	Handler *Bool
	// ThrottleScope is the action's throttle_scope, replacing the endpoint's.
	ThrottleScope *Str
	// Description is the action function's docstring, which OPTIONS shows.
	Description *Str
}

// Assignment is a `field: value` entry of an action's set.
type Assignment struct {
	Field Str
	Value Scalar
}
