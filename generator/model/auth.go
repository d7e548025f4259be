package model

import "time"

// Auth is the authentication configuration: login field, extra user columns, passwords, JWT
// and opaque tokens.
type Auth struct {
	// LoginField is "username" or "email" (Django's USERNAME_FIELD / djoser's LOGIN_FIELD).
	// With "email", e-mail addresses are unique among users (enforced by the runtime and by a
	// unique index the emitter writes), since logging in by e-mail needs one user per address.
	LoginField string
	// UserFields are the extra columns of auth_user (auth.user.fields), spec order. They never
	// are relations (fk/one_to_one/many_to_many are rejected there).
	UserFields []*Field
	Password   Password
	JWT        JWT
	// TokenAuth enables djoser's token/login + token/logout and `Authorization: Token …`.
	TokenAuth bool
	// RevokeOnCredentialChange revokes a user's JWTs and opaque token when its password,
	// username or e-mail address changes (default true; simplejwt and djoser do not).
	RevokeOnCredentialChange bool
	// Pos is where the `auth` key is (zero when there is none): where a migration that drops
	// a removed user field is reported.
	Pos Pos
}

// Password configures hashing and validation of passwords.
type Password struct {
	// Hashers is Django's PASSWORD_HASHERS by algorithm name: the first makes new hashes and
	// replaces the others' on log-in; every one verifies its own.
	Hashers          []string
	Argon2           Argon2
	PBKDF2Iterations int // default 600000 (Django 4.2's value; verification reads the hash's own count)
	// Validators in spec order; Django's four defaults when the key is omitted, empty when the
	// spec says `validators: []`.
	Validators []Validator
}

// Argon2 holds the argon2id cost parameters (defaults 65536 KiB, 2 iterations, parallelism 2).
type Argon2 struct {
	MemoryKiB   uint32
	Iterations  uint32
	Parallelism uint8
}

// Validator kinds, named as in the spec.
const (
	ValidatorUserAttributeSimilarity = "user_attribute_similarity"
	ValidatorMinimumLength           = "minimum_length"
	ValidatorCommonPassword          = "common_password"
	ValidatorNumericPassword         = "numeric_password"
)

// Validator is one of Django's password validators. Only the fields of its Kind are set, always
// filled with Django's defaults: MinLength 8; Attributes [username first_name last_name email],
// MaxSimilarity 0.7.
type Validator struct {
	Kind          string // one of the Validator* constants
	MinLength     int
	Attributes    []string
	MaxSimilarity float64
}

// JWT is simplejwt's configuration, defaults as simplejwt's.
type JWT struct {
	Algorithm        string // HS256 (default), HS384, HS512, RS256, ES256, EdDSA
	SigningKeyEnv    string // HS*: the environment variable holding the secret (default "SECRET_KEY")
	SigningKeyFile   string // asymmetric algorithms: PEM private key file (required for them)
	VerifyingKeyFile string // asymmetric algorithms: PEM public key file (required for them)
	// KeysFile and KeysEnv hold a key set (runtime/jwtkeys) instead of the key above: the
	// file the operator's `keys` command rotates, or the same document in a variable, which
	// wins when set. Either makes tokens carry a kid.
	KeysFile, KeysEnv string
	// RotationWindow is how long a replaced key keeps verifying (default RefreshLifetime).
	RotationWindow time.Duration
	HeaderTypes    []string // default ["Bearer"]
	HeaderName     string   // HTTP header, default "Authorization"

	AccessLifetime  time.Duration // default 5m
	RefreshLifetime time.Duration // default 24h
	Leeway          time.Duration // default 0

	// UserIDField is the user field whose value identifies the user in the UserIDClaim
	// (USER_ID_FIELD): "id" (default, the integer primary key), "username", or "email"
	// when e-mail addresses are unique (LoginField "email"). Not "id", the claim is a string.
	UserIDField string

	Audience       string // "" means no aud claim / no check
	Issuer         string // "" means no iss claim / no check
	UserIDClaim    string // default "user_id"
	TokenTypeClaim string // default "token_type"
	JTIClaim       string // default "jti"

	RotateRefreshTokens    bool
	BlacklistAfterRotation bool
	// ReuseDetection revokes a refresh token's family when a rotated one is presented
	// again (default: on when rotating and blacklisting).
	ReuseDetection bool
	// Sessions makes each log-in a session the user lists and revokes (default true).
	Sessions bool
	// Cookies carries the tokens in httpOnly cookies with Django's CSRF double submit
	// (default off); the Cookie* fields are its settings.
	Cookies         bool
	CookieAccess    bool   // the access token in a cookie too (default false)
	CookieSecure    bool   // the Secure attribute (default true)
	CookieSameSite  string // Lax (default), Strict or None
	CookieDomain    string // "" (default): the host only
	UpdateLastLogin bool
}
