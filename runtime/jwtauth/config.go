package jwtauth

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authgen/authgen/runtime/db"
)

// Config is simplejwt's SIMPLE_JWT settings, typed. A zero field takes simplejwt's default.
type Config struct {
	// Algorithm is the only signing algorithm tokens are issued and accepted with
	// (ALGORITHM): HS256 (default), HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512
	// or EdDSA.
	Algorithm string
	// SigningKey signs tokens: a non-empty []byte for HS*, *rsa.PrivateKey for RS*,
	// *ecdsa.PrivateKey on the algorithm's curve for ES*, ed25519.PrivateKey for EdDSA
	// (ParsePrivateKeyPEM reads those). It may be nil for an asymmetric algorithm when only
	// verifying: issuing then fails.
	SigningKey any
	// VerifyingKey checks signatures of asymmetric algorithms: *rsa.PublicKey,
	// *ecdsa.PublicKey, ed25519.PublicKey. Derived from SigningKey when nil. It must be nil
	// for HS*, which verify with SigningKey.
	VerifyingKey any
	// Keys, instead of SigningKey and VerifyingKey, is a key set for rotation: tokens
	// carry the "kid" of the key that signed them, the first current key with a private
	// key signs, and keys being retired verify until their RetireAt. Algorithm, when set,
	// must be the signing key's.
	Keys []Key

	AccessLifetime  time.Duration // ACCESS_TOKEN_LIFETIME, default 5 minutes
	RefreshLifetime time.Duration // REFRESH_TOKEN_LIFETIME, default 1 day
	Leeway          time.Duration // LEEWAY for exp, nbf and iat, default 0
	Audience        string        // AUDIENCE: set into "aud" and required when not empty
	Issuer          string        // ISSUER: set into "iss" and required when not empty

	// UserIDField is the user field whose value the UserIDClaim carries (USER_ID_FIELD):
	// "id" (default) puts the integer primary key, "username" or "email" that field's value
	// as a string. It must be unique among users: e-mail only when addresses are.
	UserIDField    string
	UserIDClaim    string // USER_ID_CLAIM, default "user_id"
	TokenTypeClaim string // TOKEN_TYPE_CLAIM, default "token_type"
	JTIClaim       string // JTI_CLAIM, default "jti"

	// HeaderName is the request header holding the token (AUTH_HEADER_NAME, spelt as an
	// HTTP header, not as a WSGI META key), default "Authorization".
	HeaderName string
	// HeaderTypes are the accepted schemes (AUTH_HEADER_TYPES), compared case-sensitively
	// like simplejwt, default ["Bearer"]. The first one names WWW-Authenticate.
	HeaderTypes []string

	// CredentialKey, when set, stamps every token with its user's credentials (the
	// "stamp" claim, see Credentials): a token issued before a change of password,
	// username or e-mail address is refused, an access token by CheckStamp against the
	// user row the request loads anyway, a refresh token by Refresh and Verify, which
	// read that row. The key is a server secret (SECRET_KEY).
	CredentialKey []byte
	// UsernameNotCredential leaves the username out of the stamp: with log-in by e-mail
	// (djoser's LOGIN_FIELD email) the username is a display name, and renaming oneself
	// keeps one's tokens, as in Django. The password and the e-mail address stay in it.
	UsernameNotCredential bool

	RotateRefreshTokens    bool // ROTATE_REFRESH_TOKENS: Refresh also returns a new refresh token
	BlacklistAfterRotation bool // BLACKLIST_AFTER_ROTATION: and blacklists the one it was given
	// ReuseDetection (with rotation and blacklisting) revokes every refresh token descended
	// from the same log-in when a rotated one is presented again, and logs it: see
	// family.go. Refresh tokens' jtis then carry their family's id.
	ReuseDetection bool
	// Sessions makes each log-in a session (sessions.go): its refresh tokens carry the
	// session's id ("sid", copied into access tokens) and the client's address and user
	// agent ("ip", "ua"), and their jtis their family's id.
	Sessions bool

	// Cookies, when set, also carries the tokens in httpOnly cookies with a CSRF check
	// (cookies.go); the token routes then leave the refresh token out of their bodies.
	Cookies *Cookies

	// Logger receives the warnings of reuse detection; nil discards them.
	Logger *slog.Logger

	// Verdicts, when set, remembers the tokens Verify found not blacklisted
	// (runtime/authcache); nil reads the blacklist for every Verify.
	Verdicts Verdicts

	// Now is the clock, default time.Now; tests set it.
	Now func() time.Time
}

// The user fields a token may identify its user by (Config.UserIDField).
const (
	UserIDFieldID       = "id"
	UserIDFieldUsername = "username"
	UserIDFieldEmail    = "email"
)

// Tokens issues and checks JSON web tokens; it is safe for concurrent use.
type Tokens struct {
	cfg     Config
	names   claimNames // cfg's claim names, for decoding payloads
	keys    *keyring
	parser  *jwt.Parser
	checked *checkedTokens // tokens whose signature was verified
	db      *db.DB
}

// New checks cfg, fills in the defaults and returns Tokens recording refresh tokens and
// the blacklist in d.
func New(cfg Config, d *db.DB) (*Tokens, error) {
	if d == nil {
		return nil, fmt.Errorf("%w: nil database", ErrConfig)
	}
	if err := cfg.fill(); err != nil {
		return nil, err
	}
	keys, err := newKeyring(&cfg)
	if err != nil {
		return nil, err
	}
	t := &Tokens{
		cfg:     cfg,
		names:   claimNames{typ: cfg.TokenTypeClaim, jti: cfg.JTIClaim, user: cfg.UserIDClaim},
		keys:    keys,
		checked: newCheckedTokens(),
		db:      d,
		// The algorithm allow-list is the keys' algorithms, each key bound to its own
		// (keyring.keyfunc). Claims are checked by decode, which reproduces PyJWT's and
		// simplejwt's checks and messages.
		parser: jwt.NewParser(
			jwt.WithValidMethods(keys.algs),
			jwt.WithJSONNumber(),
			jwt.WithoutClaimsValidation(),
		),
	}
	return t, nil
}

// fill puts simplejwt's defaults into the zero fields and checks the others.
func (c *Config) fill() error {
	if c.Algorithm == "" && len(c.Keys) == 0 {
		c.Algorithm = "HS256"
	}
	if c.AccessLifetime == 0 {
		c.AccessLifetime = 5 * time.Minute
	}
	if c.RefreshLifetime == 0 {
		c.RefreshLifetime = 24 * time.Hour
	}
	if c.AccessLifetime < 0 || c.RefreshLifetime < 0 || c.Leeway < 0 {
		return fmt.Errorf("%w: lifetimes and leeway must not be negative", ErrConfig)
	}
	switch c.UserIDField {
	case "":
		c.UserIDField = UserIDFieldID
	case UserIDFieldID, UserIDFieldUsername, UserIDFieldEmail:
	default:
		// The name goes into SQL text (recordRotated), so only these three are accepted.
		return fmt.Errorf("%w: user id field %q is not id, username or email", ErrConfig, c.UserIDField)
	}
	if c.UserIDClaim == "" {
		c.UserIDClaim = "user_id"
	}
	if c.TokenTypeClaim == "" {
		c.TokenTypeClaim = "token_type"
	}
	if c.JTIClaim == "" {
		c.JTIClaim = "jti"
	}
	if err := distinctClaims(len(c.CredentialKey) > 0, c.Sessions, c.UserIDClaim, c.TokenTypeClaim, c.JTIClaim); err != nil {
		return err
	}
	if c.HeaderName == "" {
		c.HeaderName = "Authorization"
	}
	c.HeaderName = http.CanonicalHeaderKey(c.HeaderName)
	if len(c.HeaderTypes) == 0 {
		c.HeaderTypes = []string{"Bearer"}
	}
	c.HeaderTypes = append([]string(nil), c.HeaderTypes...) // ours: the caller may reuse its slice
	for _, h := range c.HeaderTypes {
		if h == "" || strings.ContainsAny(h, " \t\r\n\v\f") {
			return fmt.Errorf("%w: header type %q must be one word", ErrConfig, h)
		}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = discard
	}
	if c.Cookies != nil {
		cookies := *c.Cookies // ours: the caller may reuse its value
		if err := cookies.fill(); err != nil {
			return fmt.Errorf("%w: %v", ErrConfig, err)
		}
		c.Cookies = &cookies
	}
	if c.ReuseDetection && !(c.RotateRefreshTokens && c.BlacklistAfterRotation) {
		return fmt.Errorf("%w: reuse detection needs RotateRefreshTokens and BlacklistAfterRotation", ErrConfig)
	}
	return nil
}

// distinctClaims refuses claim names that collide with each other or with the registered
// claims the package sets itself (and the stamp's and the sessions', when on). "jti" stays reserved under another JTIClaim: simplejwt
// never copies a claim of that name from a refresh token to its access token.
func distinctClaims(stamping, sessions bool, userID, tokenType, jti string) error {
	seen := map[string]bool{"exp": true, "iat": true, "nbf": true, "aud": true, "iss": true, StampClaim: stamping,
		SessionClaim: sessions, clientIPClaim: sessions, userAgentClaim: sessions}
	var errs []error
	for _, n := range []string{jti, userID, tokenType} {
		if seen[n] {
			errs = append(errs, fmt.Errorf("%w: claim name %q used twice or reserved", ErrConfig, n))
		}
		seen[n] = true
		seen["jti"] = true
	}
	return errors.Join(errs...)
}

// AuthenticateHeader is the WWW-Authenticate value of a 401 answered under JWT
// authentication: `Bearer realm="api"` with the first header type.
func (t *Tokens) AuthenticateHeader() string {
	return t.cfg.HeaderTypes[0] + ` realm="api"`
}
