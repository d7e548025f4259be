package jwtauth

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"fmt"

	"github.com/golang-jwt/jwt/v5"
)

// keyKind is the kind of key an algorithm signs and verifies with.
type keyKind int

const (
	kindHMAC keyKind = iota
	kindRSA
	kindECDSA
	kindEd25519
)

type algorithm struct {
	method jwt.SigningMethod
	kind   keyKind
	curve  elliptic.Curve // ECDSA only: the curve the algorithm is defined on
}

// algorithms are simplejwt's ALLOWED_ALGORITHMS plus EdDSA. The PSS variants and "none"
// are left out on purpose.
var algorithms = map[string]algorithm{
	"HS256": {method: jwt.SigningMethodHS256, kind: kindHMAC},
	"HS384": {method: jwt.SigningMethodHS384, kind: kindHMAC},
	"HS512": {method: jwt.SigningMethodHS512, kind: kindHMAC},
	"RS256": {method: jwt.SigningMethodRS256, kind: kindRSA},
	"RS384": {method: jwt.SigningMethodRS384, kind: kindRSA},
	"RS512": {method: jwt.SigningMethodRS512, kind: kindRSA},
	"ES256": {method: jwt.SigningMethodES256, kind: kindECDSA, curve: elliptic.P256()},
	"ES384": {method: jwt.SigningMethodES384, kind: kindECDSA, curve: elliptic.P384()},
	"ES512": {method: jwt.SigningMethodES512, kind: kindECDSA, curve: elliptic.P521()},
	"EdDSA": {method: jwt.SigningMethodEdDSA, kind: kindEd25519},
}

// keys checks that signing and verifying keys suit the algorithm and returns them in the
// form golang-jwt takes. The verifying key is derived from the signing key when absent; a
// nil signing key (asymmetric algorithms only) makes a verify-only Tokens.
func (a algorithm) keys(signing, verifying any) (signKey, verifyKey any, err error) {
	name := a.method.Alg()
	switch a.kind {
	case kindHMAC:
		secret, ok := signing.([]byte)
		if !ok || len(secret) == 0 {
			return nil, nil, fmt.Errorf("%w: %s needs a non-empty []byte SigningKey, got %T", ErrConfig, name, signing)
		}
		// simplejwt ignores VERIFYING_KEY for HMAC; one set here is most likely a public
		// key meant for an asymmetric algorithm, so refuse the confusion outright.
		if verifying != nil {
			return nil, nil, fmt.Errorf("%w: %s verifies with its SigningKey; leave VerifyingKey nil", ErrConfig, name)
		}
		return secret, secret, nil
	case kindRSA:
		return pair[*rsa.PrivateKey, *rsa.PublicKey](name, signing, verifying,
			func(k *rsa.PrivateKey) *rsa.PublicKey { return &k.PublicKey }, nil, nil)
	case kindECDSA:
		return pair(name, signing, verifying,
			func(k *ecdsa.PrivateKey) *ecdsa.PublicKey { return &k.PublicKey },
			func(k *ecdsa.PrivateKey) bool { return k.Curve == a.curve },
			func(k *ecdsa.PublicKey) bool { return k.Curve == a.curve })
	case kindEd25519:
		return pair(name, signing, verifying,
			func(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) },
			func(k ed25519.PrivateKey) bool { return len(k) == ed25519.PrivateKeySize },
			func(k ed25519.PublicKey) bool { return len(k) == ed25519.PublicKeySize })
	}
	return nil, nil, fmt.Errorf("%w: unsupported algorithm %q", ErrConfig, name)
}

// pair checks an asymmetric key pair of types Priv and Pub; okPriv and okPub, when given,
// check what the types alone do not (the curve, the length).
func pair[Priv, Pub any](alg string, signing, verifying any, public func(Priv) Pub, okPriv func(Priv) bool, okPub func(Pub) bool) (any, any, error) {
	var signKey, verifyKey any
	if signing != nil {
		k, ok := signing.(Priv)
		if !ok || (okPriv != nil && !okPriv(k)) {
			return nil, nil, fmt.Errorf("%w: %s needs a SigningKey of type %T for its curve/size, got %T", ErrConfig, alg, *new(Priv), signing)
		}
		signKey, verifyKey = k, public(k)
	}
	if verifying != nil {
		k, ok := verifying.(Pub)
		if !ok || (okPub != nil && !okPub(k)) {
			return nil, nil, fmt.Errorf("%w: %s needs a VerifyingKey of type %T for its curve/size, got %T", ErrConfig, alg, *new(Pub), verifying)
		}
		verifyKey = k
	}
	if verifyKey == nil {
		return nil, nil, fmt.Errorf("%w: %s needs a SigningKey or a VerifyingKey", ErrConfig, alg)
	}
	return signKey, verifyKey, nil
}
