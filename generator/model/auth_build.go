package model

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/authgen/authgen/generator/spec"
)

var (
	envName   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	httpToken = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
	jwtAlgs   = []string{"EdDSA", "ES256", "HS256", "HS384", "HS512", "RS256"}
	hashers   = []string{HasherArgon2, HasherPBKDF2, HasherPBKDF2SHA1, HasherBcryptSHA256, HasherBcrypt}
	// defaultHashers verify what Django's default PASSWORD_HASHERS write; argon2id makes new ones.
	defaultHashers = []string{HasherArgon2, HasherPBKDF2, HasherPBKDF2SHA1, HasherBcryptSHA256}
	validators     = []string{ValidatorCommonPassword, ValidatorMinimumLength, ValidatorNumericPassword, ValidatorUserAttributeSimilarity}
	defaultAttr    = []string{"username", "first_name", "last_name", "email"}
)

func (b *builder) buildAuth() {
	a := &b.app.Auth
	sa := b.f.Auth
	if sa == nil {
		sa = &spec.Auth{}
	}
	a.Pos = sa.Pos
	a.LoginField = "username"
	if sa.LoginField != nil {
		switch v := sa.LoginField.Value; v {
		case "username", "email":
			a.LoginField = v
		default:
			b.errorf(sa.LoginField.Pos, "login_field must be username or email, not %q%s", v, suggest(v, []string{"email", "username"}))
		}
	}
	a.UserFields = b.buildFields(nil, sa.UserFields)
	b.fieldRenamesUnique(a.UserFields)
	b.resolveDisplays() // user fields exist now, so user displays can be checked
	a.TokenAuth = boolean(sa.TokenAuth, false)
	a.RevokeOnCredentialChange = boolean(sa.RevokeOnCredentialChange, true)
	b.buildPassword(sa.Password)
	b.buildJWT(sa.JWT)
}

func (b *builder) buildPassword(sp *spec.Password) {
	p := &b.app.Auth.Password
	if sp == nil {
		sp = &spec.Password{}
	}
	p.Hashers = b.hashers(sp)
	p.Argon2 = Argon2{MemoryKiB: 65536, Iterations: 2, Parallelism: 2}
	if a := sp.Argon2; a != nil {
		p.Argon2.Parallelism = uint8(b.intRange(a.Parallelism, "parallelism", int64(p.Argon2.Parallelism), 1, 255))
		p.Argon2.Iterations = uint32(b.intRange(a.Iterations, "iterations", int64(p.Argon2.Iterations), 1, 1<<20))
		// argon2 needs at least 8 KiB per lane.
		minMem := int64(8 * int(p.Argon2.Parallelism))
		p.Argon2.MemoryKiB = uint32(b.intRange(a.MemoryKiB, "memory_kib", int64(p.Argon2.MemoryKiB), minMem, 1<<22))
	}
	p.PBKDF2Iterations = int(b.intRange(sp.PBKDF2Iterations, "pbkdf2_iterations", 600000, 1, 1<<30))
	if sp.Validators == nil {
		p.Validators = []Validator{
			{Kind: ValidatorUserAttributeSimilarity, Attributes: defaultAttr, MaxSimilarity: 0.7},
			{Kind: ValidatorMinimumLength, MinLength: 8},
			{Kind: ValidatorCommonPassword},
			{Kind: ValidatorNumericPassword},
		}
		return
	}
	p.Validators = []Validator{}
	seen := map[string]bool{}
	for _, sv := range sp.Validators {
		if v, ok := b.validator(sv); ok {
			if seen[v.Kind] {
				b.errorf(sv.Kind.Pos, "validator %q is listed twice", v.Kind)
				continue
			}
			seen[v.Kind] = true
			p.Validators = append(p.Validators, v)
		}
	}
}

// validator checks one password validator and fills Django's defaults.
func (b *builder) validator(sv *spec.Validator) (Validator, bool) {
	kind := sv.Kind.Value
	if !contains(validators, kind) {
		b.errorf(sv.Kind.Pos, "unknown password validator %q%s", kind, suggest(kind, validators))
		return Validator{}, false
	}
	v := Validator{Kind: kind}
	misplaced := func(p Pos, option string) {
		b.errorf(p, "validator %q has no option %s", kind, option)
	}
	if sv.MinLength != nil {
		if kind != ValidatorMinimumLength {
			misplaced(sv.MinLength.Pos, "min_length")
		}
	}
	if sv.AttributesSet && kind != ValidatorUserAttributeSimilarity {
		misplaced(sv.Kind.Pos, "attributes")
	}
	if sv.MaxSimilarity != nil && kind != ValidatorUserAttributeSimilarity {
		misplaced(sv.MaxSimilarity.Pos, "max_similarity")
	}
	switch kind {
	case ValidatorMinimumLength:
		v.MinLength = int(b.intRange(sv.MinLength, "min_length", 8, 1, 4096))
	case ValidatorUserAttributeSimilarity:
		v.Attributes, v.MaxSimilarity = defaultAttr, 0.7
		if sv.AttributesSet {
			allowed := append(append([]string{}, defaultAttr...), fieldNames(b.app.Auth.UserFields)...)
			v.Attributes = []string{}
			for _, a := range sv.Attributes {
				if !contains(allowed, a.Value) {
					b.errorf(a.Pos, "attributes: %q is not a user field%s", a.Value, suggest(a.Value, allowed))
					continue
				}
				v.Attributes = append(v.Attributes, a.Value)
			}
		}
		if s := sv.MaxSimilarity; s != nil {
			f, err := strconv.ParseFloat(s.Value, 64)
			// Django refuses values under 0.1, which would reject nearly every password.
			if (s.Tag != "!!float" && s.Tag != "!!int") || err != nil || f < 0.1 || f > 1 {
				b.errorf(s.Pos, "max_similarity must be a number from 0.1 to 1, found %s", describeScalar(*s))
			} else {
				v.MaxSimilarity = f
			}
		}
	}
	return v, true
}

// intRange resolves an optional integer within [lo, hi].
func (b *builder) intRange(v *spec.Int, key string, def, lo, hi int64) int64 {
	if v == nil {
		return def
	}
	if v.Value < lo || v.Value > hi {
		b.errorf(v.Pos, "%s must be between %d and %d", key, lo, hi)
		return def
	}
	return v.Value
}

func (b *builder) buildJWT(sj *spec.JWT) {
	j := &b.app.Auth.JWT
	if sj == nil {
		sj = &spec.JWT{}
	}
	j.Algorithm = "HS256"
	if sj.Algorithm != nil {
		if contains(jwtAlgs, sj.Algorithm.Value) {
			j.Algorithm = sj.Algorithm.Value
		} else {
			b.errorf(sj.Algorithm.Pos, "unsupported JWT algorithm %q (one of %s)%s", sj.Algorithm.Value, strings.Join(jwtAlgs, ", "), suggest(sj.Algorithm.Value, jwtAlgs))
		}
	}
	symmetric := j.Algorithm[:2] == "HS"
	j.SigningKeyEnv = str(sj.SigningKeyEnv, "")
	j.SigningKeyFile = str(sj.SigningKeyFile, "")
	j.VerifyingKeyFile = str(sj.VerifyingKeyFile, "")
	j.KeysFile = str(sj.KeysFile, "")
	j.KeysEnv = str(sj.KeysEnv, "")
	keySet := b.jwtKeySet(sj)
	if symmetric || keySet {
		if j.SigningKeyEnv == "" && sj.SigningKeyEnv == nil {
			j.SigningKeyEnv = "SECRET_KEY"
		}
		for _, s := range []*spec.Str{sj.SigningKeyFile, sj.VerifyingKeyFile} {
			switch {
			case s == nil:
			case keySet:
				b.errorf(s.Pos, "the key set of keys_file/keys_env holds the keys; leave out signing_key_file and verifying_key_file")
			default:
				b.errorf(s.Pos, "%s signs with a shared secret from signing_key_env; key files are for RS256, ES256 and EdDSA (or a key set: keys_file)", j.Algorithm)
			}
		}
	} else {
		if sj.SigningKeyEnv != nil {
			b.errorf(sj.SigningKeyEnv.Pos, "%s signs with a private key: use signing_key_file and verifying_key_file", j.Algorithm)
		}
		if j.SigningKeyFile == "" || j.VerifyingKeyFile == "" {
			at := b.f.Pos
			if sj.Algorithm != nil {
				at = sj.Algorithm.Pos
			}
			b.errorf(at, "%s needs signing_key_file and verifying_key_file (PEM files)", j.Algorithm)
		}
	}
	if sj.SigningKeyEnv != nil && !envName.MatchString(j.SigningKeyEnv) {
		b.errorf(sj.SigningKeyEnv.Pos, "signing_key_env %q is not an environment variable name", j.SigningKeyEnv)
	}
	j.HeaderTypes = []string{"Bearer"}
	if sj.HeaderTypesPos != nil {
		j.HeaderTypes = []string{}
		for _, h := range sj.HeaderTypes {
			if !httpToken.MatchString(h.Value) {
				b.errorf(h.Pos, "header type %q must be a single word, like Bearer", h.Value)
				continue
			}
			if contains(j.HeaderTypes, h.Value) {
				b.errorf(h.Pos, "header type %q is listed twice", h.Value)
				continue
			}
			j.HeaderTypes = append(j.HeaderTypes, h.Value)
		}
		if len(sj.HeaderTypes) == 0 {
			b.errorf(*sj.HeaderTypesPos, "header_types must list at least one type, like Bearer")
		}
	}
	j.HeaderName = str(sj.HeaderName, "Authorization")
	if !httpToken.MatchString(j.HeaderName) {
		b.errorf(sj.HeaderName.Pos, "header_name %q is not an HTTP header name", j.HeaderName)
	}
	j.AccessLifetime = b.duration(sj.AccessLifetime, "access_lifetime", 5*time.Minute, true)
	j.RefreshLifetime = b.duration(sj.RefreshLifetime, "refresh_lifetime", 24*time.Hour, true)
	j.Leeway = b.duration(sj.Leeway, "leeway", 0, false)
	j.RotationWindow = b.duration(sj.RotationWindow, "rotation_window", j.RefreshLifetime, true)
	if sj.RotationWindow != nil && !keySet {
		b.errorf(sj.RotationWindow.Pos, "rotation_window applies to a key set: set keys_file or keys_env")
	}
	if !keySet {
		j.RotationWindow = 0
	}
	j.Audience = str(sj.Audience, "")
	j.Issuer = str(sj.Issuer, "")
	j.UserIDField = b.userIDField(sj.UserIDField)
	j.UserIDClaim = b.claim(sj.UserIDClaim, "user_id_claim", "user_id")
	j.TokenTypeClaim = b.claim(sj.TokenTypeClaim, "token_type_claim", "token_type")
	j.JTIClaim = b.claim(sj.JTIClaim, "jti_claim", "jti")
	claims := []struct {
		key, value string
		at         *spec.Str
	}{{"user_id_claim", j.UserIDClaim, sj.UserIDClaim}, {"token_type_claim", j.TokenTypeClaim, sj.TokenTypeClaim}, {"jti_claim", j.JTIClaim, sj.JTIClaim}}
	for i, c := range claims {
		for _, prev := range claims[:i] {
			if c.value == prev.value {
				at := c.at
				if at == nil {
					at = prev.at
				}
				b.errorf(at.Pos, "%s %q is the same claim as %s", c.key, c.value, prev.key)
			}
		}
	}
	j.RotateRefreshTokens = boolean(sj.RotateRefreshTokens, false)
	j.BlacklistAfterRotation = boolean(sj.BlacklistAfterRotation, false)
	j.Sessions = boolean(sj.Sessions, true)
	b.buildCookies(j, sj)
	rotating := j.RotateRefreshTokens && j.BlacklistAfterRotation
	j.ReuseDetection = boolean(sj.ReuseDetection, rotating)
	if j.ReuseDetection && !rotating {
		b.errorf(sj.ReuseDetection.Pos, "reuse_detection needs rotate_refresh_tokens and blacklist_after_rotation")
		j.ReuseDetection = false
	}
	j.UpdateLastLogin = boolean(sj.UpdateLastLogin, false)
}

// buildCookies resolves the browser transport's settings, which need cookies: true.
func (b *builder) buildCookies(j *JWT, sj *spec.JWT) {
	j.Cookies = boolean(sj.Cookies, false)
	j.CookieAccess = boolean(sj.CookieAccess, false)
	j.CookieSecure = boolean(sj.CookieSecure, true)
	j.CookieSameSite = str(sj.CookieSameSite, "Lax")
	j.CookieDomain = str(sj.CookieDomain, "")
	sameSites := []string{"Lax", "Strict", "None"}
	if sj.CookieSameSite != nil && !contains(sameSites, j.CookieSameSite) {
		b.errorf(sj.CookieSameSite.Pos, "cookie_same_site must be Lax, Strict or None, not %q%s", j.CookieSameSite, suggest(j.CookieSameSite, sameSites))
	}
	if j.CookieSameSite == "None" && !j.CookieSecure {
		b.errorf(sj.CookieSameSite.Pos, "cookie_same_site None needs cookie_secure: browsers refuse the cookie otherwise")
	}
	if j.Cookies {
		// Browsers log out at TokenBlacklistView, which clears the cookies; it must lie
		// where the refresh cookie is sent (jwtauth.Cookies.Path).
		jwtPath := b.app.AuthMount + "jwt/"
		switch p := b.app.JWTBlacklistPath; {
		case p == "" && (b.f.Mount == nil || b.f.Mount.JWTBlacklist == nil):
			b.errorf(sj.Cookies.Pos, "cookies: true needs mount.jwt_blacklist, where browsers log out (it clears the cookies), e.g. %q", jwtPath+"blacklist/")
		case p != "" && !strings.HasPrefix(p, jwtPath):
			b.errorf(b.f.Mount.JWTBlacklist.Pos, "path %q: with auth.jwt.cookies the log-out route must lie under %q, the refresh cookie's path (did you mean %q?)",
				p, jwtPath, jwtPath+"blacklist/")
		}
	}
	if !j.Cookies {
		for _, s := range []*spec.Str{sj.CookieSameSite, sj.CookieDomain} {
			if s != nil {
				b.errorf(s.Pos, "cookie settings need cookies: true")
			}
		}
		for _, s := range []*spec.Bool{sj.CookieAccess, sj.CookieSecure} {
			if s != nil {
				b.errorf(s.Pos, "cookie settings need cookies: true")
			}
		}
	}
}

// jwtKeySet checks keys_file and keys_env and tells whether the tokens are signed by a
// key set.
func (b *builder) jwtKeySet(sj *spec.JWT) bool {
	if sj.KeysFile != nil && sj.KeysFile.Value == "" {
		b.errorf(sj.KeysFile.Pos, "keys_file must name a file")
	}
	if sj.KeysEnv != nil && !envName.MatchString(sj.KeysEnv.Value) {
		b.errorf(sj.KeysEnv.Pos, "keys_env %q is not an environment variable name", sj.KeysEnv.Value)
	}
	return sj.KeysFile != nil || sj.KeysEnv != nil
}

// userIDFields are the user fields a token may identify its user by: unique ones only.
var userIDFields = []string{"id", "username", "email"}

// userIDField resolves user_id_field. E-mail addresses are unique only when they are the
// login field, and a token must name one user.
func (b *builder) userIDField(s *spec.Str) string {
	if s == nil {
		return "id"
	}
	switch v := s.Value; {
	case !contains(userIDFields, v):
		b.errorf(s.Pos, "user_id_field must be id, username or email, not %q%s", v, suggest(v, userIDFields))
	case v == "email" && b.app.Auth.LoginField != "email":
		b.errorf(s.Pos, "user_id_field email needs login_field: email (only then are e-mail addresses unique)")
	default:
		return v
	}
	return "id"
}

// registeredClaims are set or checked by the token machinery itself (runtime/jwtauth refuses
// them too) and cannot be renamed onto. "sub" is free: simplejwt neither sets nor checks it,
// and USER_ID_CLAIM = "sub" is a common setting.
var registeredClaims = []string{"exp", "iat", "nbf", "aud", "iss"}

func (b *builder) claim(s *spec.Str, key, def string) string {
	if s == nil {
		return def
	}
	switch {
	case s.Value == "":
		b.errorf(s.Pos, "%s must not be empty", key)
	case contains(registeredClaims, s.Value):
		b.errorf(s.Pos, "%s: %q is a registered claim the tokens already use", key, s.Value)
	default:
		return s.Value
	}
	return def
}

// The hashers a spec may list, by Django's algorithm names (argon2id for Django's argon2,
// which is Argon2id).
const (
	HasherArgon2       = "argon2id"
	HasherPBKDF2       = "pbkdf2_sha256"
	HasherPBKDF2SHA1   = "pbkdf2_sha1"
	HasherBcryptSHA256 = "bcrypt_sha256"
	HasherBcrypt       = "bcrypt"
)

// hashers reads `hashers:` (an ordered list, Django's PASSWORD_HASHERS) or its shorthand
// `hasher: X` (X first, then the other defaults). The defaults verify what Django's default
// PASSWORD_HASHERS write, and argon2id makes new hashes.
func (b *builder) hashers(sp *spec.Password) []string {
	known := func(s spec.Str) bool {
		if contains(hashers, s.Value) {
			return true
		}
		b.errorf(s.Pos, "unknown hasher %q (%s)%s", s.Value, strings.Join(hashers, ", "), suggest(s.Value, hashers))
		return false
	}
	if sp.Hasher != nil && sp.Hashers != nil {
		b.errorf(sp.Hasher.Pos, "give hasher or hashers, not both (hashers lists the first and the others)")
	}
	switch {
	case sp.Hashers != nil:
		var out []string
		for _, s := range sp.Hashers {
			switch {
			case !known(s):
			case contains(out, s.Value):
				b.errorf(s.Pos, "hasher %s is listed twice", s.Value)
			default:
				out = append(out, s.Value)
			}
		}
		if len(out) == 0 && len(sp.Hashers) == 0 {
			b.errorf(*sp.HashersPos, "hashers needs at least one hasher: the first makes new hashes")
		}
		if len(out) == 0 {
			return defaultHashers
		}
		return out
	case sp.Hasher != nil && known(*sp.Hasher):
		out := []string{sp.Hasher.Value}
		for _, h := range defaultHashers {
			if h != sp.Hasher.Value {
				out = append(out, h)
			}
		}
		return out
	}
	return defaultHashers
}
