package jwtauth

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Key is one key of a key set (Config.Keys): its id, the one algorithm it is used with,
// and how long it verifies.
type Key struct {
	// ID is the "kid" header of the tokens it signs; unique in the set, never empty.
	ID string
	// Algorithm is the only algorithm the key signs and verifies with (RFC 8725 §3.1: a
	// key is bound to one algorithm, so a token's "alg" cannot choose how it is checked).
	Algorithm string
	// Private signs: a []byte secret for HS*, *rsa.PrivateKey, *ecdsa.PrivateKey or
	// ed25519.PrivateKey. Nil for a key that only verifies.
	Private any
	// Public verifies tokens of an asymmetric algorithm; derived from Private when nil.
	// Nil for HS*.
	Public any
	// RetireAt ends the key's use: a key with a RetireAt signs nothing and verifies tokens
	// until that instant (the rotation window), then none. Zero: the key is current.
	RetireAt time.Time
}

// ErrRetiredKey: the token names a key id that is unknown, or whose rotation window has
// ended. The client is told "Token is invalid or expired", as for any bad signature.
var ErrRetiredKey = errors.New("jwtauth: token signed by an unknown or retired key")

// verifier is one key as the parser uses it.
type verifier struct {
	alg      string
	key      any
	retireAt time.Time
}

// keyring is a Config's keys ready for use: the signing key, pinned header included, and
// the verifying keys by id ("" for the single key of Config.SigningKey, whose tokens carry
// no kid, like simplejwt's).
type keyring struct {
	method    jwt.SigningMethod // of the signing key; nil when Tokens only verifies
	signKey   any
	signID    string
	header    string // the encoded JOSE header of every token issued
	verifiers map[string]verifier
	algs      []string // the allow-list: every algorithm of the keys
	public    []Key    // the asymmetric keys, for a JWKS document
}

// newKeyring checks the keys of cfg: Config.Keys, or SigningKey and VerifyingKey as one
// key without an id.
func newKeyring(cfg *Config) (*keyring, error) {
	keys := cfg.Keys
	if len(keys) == 0 {
		keys = []Key{{Algorithm: cfg.Algorithm, Private: cfg.SigningKey, Public: cfg.VerifyingKey}}
	} else if cfg.SigningKey != nil || cfg.VerifyingKey != nil {
		return nil, fmt.Errorf("%w: give Keys or SigningKey/VerifyingKey, not both", ErrConfig)
	}
	r := &keyring{verifiers: make(map[string]verifier, len(keys))}
	for i, k := range keys {
		if len(cfg.Keys) > 0 && k.ID == "" {
			return nil, fmt.Errorf("%w: key %d has no ID", ErrConfig, i)
		}
		if _, dup := r.verifiers[k.ID]; dup {
			return nil, fmt.Errorf("%w: key ID %q used twice", ErrConfig, k.ID)
		}
		alg, ok := algorithms[k.Algorithm]
		if !ok {
			return nil, fmt.Errorf("%w: unrecognized algorithm %q", ErrConfig, k.Algorithm)
		}
		signKey, verifyKey, err := alg.keys(k.Private, k.Public)
		if err != nil {
			return nil, keyError(k.ID, err)
		}
		if signKey != nil {
			// A probe catches a signing key and a verifying key that are not a pair at
			// start-up rather than at the first login.
			sig, err := alg.method.Sign("probe", signKey)
			if err == nil {
				err = alg.method.Verify("probe", sig, verifyKey)
			}
			if err != nil {
				return nil, keyError(k.ID, fmt.Errorf("%w: SigningKey and VerifyingKey do not make a %s pair: %v", ErrConfig, k.Algorithm, err))
			}
		}
		r.verifiers[k.ID] = verifier{alg: k.Algorithm, key: verifyKey, retireAt: k.RetireAt}
		if !slices.Contains(r.algs, k.Algorithm) {
			r.algs = append(r.algs, k.Algorithm)
		}
		if alg.kind != kindHMAC {
			r.public = append(r.public, Key{ID: k.ID, Algorithm: k.Algorithm, Public: verifyKey, RetireAt: k.RetireAt})
		}
		if r.method == nil && signKey != nil && k.RetireAt.IsZero() {
			r.method, r.signKey, r.signID = alg.method, signKey, k.ID
			r.header = joseHeader(k.Algorithm, k.ID)
		}
	}
	if len(cfg.Keys) > 0 && cfg.Algorithm != "" && r.method != nil && r.method.Alg() != cfg.Algorithm {
		return nil, fmt.Errorf("%w: the signing key %q is %s, not the configured %s", ErrConfig, r.signID, r.method.Alg(), cfg.Algorithm)
	}
	return r, nil
}

func keyError(id string, err error) error {
	if id == "" {
		return err
	}
	return fmt.Errorf("key %q: %w", id, err)
}

// joseHeader is PyJWT's header, keys sorted: alg, kid when there is one, typ.
func joseHeader(alg, kid string) string {
	h := `{"alg":"` + alg + `"`
	if kid != "" {
		id, _ := json.Marshal(kid) // a string always marshals
		h += `,"kid":` + string(id)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(h + `,"typ":"JWT"}`))
}

// keyfunc picks the key a token names by its "kid" and refuses it unless the token's
// algorithm is the key's own and the key's rotation window has not ended at now.
func (r *keyring) keyfunc(now time.Time) jwt.Keyfunc {
	return func(tok *jwt.Token) (any, error) {
		kid := ""
		if v, ok := tok.Header["kid"]; ok {
			s, ok := v.(string)
			if !ok || s == "" {
				return nil, ErrRetiredKey
			}
			kid = s
		}
		v, ok := r.verifiers[kid]
		if !ok || (!v.retireAt.IsZero() && !now.Before(v.retireAt)) {
			return nil, ErrRetiredKey
		}
		if tok.Method.Alg() != v.alg {
			return nil, jwt.ErrTokenSignatureInvalid
		}
		return v.key, nil
	}
}

// retireAt is the end of the rotation window of the key that verified tok (keyfunc accepted
// it), zero for a current key.
func (r *keyring) retireAt(tok *jwt.Token) time.Time {
	kid, _ := tok.Header["kid"].(string)
	return r.verifiers[kid].retireAt
}

// PublicKeys are the asymmetric keys that verify tokens at the current time, each with its
// public key only: the content of a JWKS document. HMAC secrets are never among them.
func (t *Tokens) PublicKeys() []Key {
	now := t.cfg.Now()
	var keys []Key
	for _, k := range t.keys.public {
		if k.RetireAt.IsZero() || now.Before(k.RetireAt) {
			keys = append(keys, k)
		}
	}
	return keys
}
