package jwtkeys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/authgen/authgen/runtime/jwtauth"
)

// ErrBadKey: a JSON web key that cannot be read, or a key of a kind JWKs cannot carry.
var ErrBadKey = errors.New("jwtkeys: bad key")

// jwk is one JSON web key (RFC 7517, members of RFC 7518 and RFC 8037). The private
// members are set in a key set file only, never in a JWKS document; created_at and
// retire_at are this package's own, for the operator.
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid,omitempty"`
	Alg string `json:"alg"`
	Use string `json:"use,omitempty"`
	Crv string `json:"crv,omitempty"`
	N   string `json:"n,omitempty"`
	E   string `json:"e,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
	K   string `json:"k,omitempty"`
	D   string `json:"d,omitempty"`
	P   string `json:"p,omitempty"`
	Q   string `json:"q,omitempty"`
	DP  string `json:"dp,omitempty"`
	DQ  string `json:"dq,omitempty"`
	QI  string `json:"qi,omitempty"`

	CreatedAt *time.Time `json:"created_at,omitempty"`
	RetireAt  *time.Time `json:"retire_at,omitempty"`
}

var b64 = base64.RawURLEncoding

func b64int(n *big.Int) string { return b64.EncodeToString(n.Bytes()) }

// curves are the JWK names of the ECDSA curves, with the algorithm each is used with.
var curves = []struct {
	name  string
	curve elliptic.Curve
	alg   string
}{
	{"P-256", elliptic.P256(), "ES256"},
	{"P-384", elliptic.P384(), "ES384"},
	{"P-521", elliptic.P521(), "ES512"},
}

// encode writes k as a JWK; with private its private members too.
func encode(k jwtauth.Key, private bool) (jwk, error) {
	j := jwk{Kid: k.ID, Alg: k.Algorithm, Use: "sig"}
	pub := k.Public
	if pub == nil && k.Private != nil {
		pub = publicOf(k.Private)
	}
	switch p := pub.(type) {
	case *rsa.PublicKey:
		j.Kty, j.N, j.E = "RSA", b64int(p.N), b64int(big.NewInt(int64(p.E)))
	case *ecdsa.PublicKey:
		j.Kty = "EC"
		raw, err := p.Bytes()
		if err != nil {
			return j, fmt.Errorf("%w: %v", ErrBadKey, err)
		}
		if j.Crv = curveName(p.Curve); j.Crv == "" {
			return j, fmt.Errorf("%w: unsupported curve", ErrBadKey)
		}
		size := (len(raw) - 1) / 2 // raw is 0x04 || x || y
		j.X, j.Y = b64.EncodeToString(raw[1:1+size]), b64.EncodeToString(raw[1+size:])
	case ed25519.PublicKey:
		j.Kty, j.Crv, j.X = "OKP", "Ed25519", b64.EncodeToString(p)
	case nil:
		secret, ok := k.Private.([]byte)
		if !ok {
			return j, fmt.Errorf("%w: key %q has no key material", ErrBadKey, k.ID)
		}
		j.Kty = "oct"
		if private {
			j.K = b64.EncodeToString(secret)
		}
		return j, nil
	default:
		return j, fmt.Errorf("%w: unsupported public key type %T", ErrBadKey, pub)
	}
	if !private || k.Private == nil {
		return j, nil
	}
	switch p := k.Private.(type) {
	case *rsa.PrivateKey:
		if len(p.Primes) != 2 {
			return j, fmt.Errorf("%w: multi-prime RSA keys are not supported", ErrBadKey)
		}
		p.Precompute()
		j.D, j.P, j.Q = b64int(p.D), b64int(p.Primes[0]), b64int(p.Primes[1])
		j.DP, j.DQ, j.QI = b64int(p.Precomputed.Dp), b64int(p.Precomputed.Dq), b64int(p.Precomputed.Qinv)
	case *ecdsa.PrivateKey:
		d, err := p.Bytes()
		if err != nil {
			return j, fmt.Errorf("%w: %v", ErrBadKey, err)
		}
		j.D = b64.EncodeToString(d)
	case ed25519.PrivateKey:
		j.D = b64.EncodeToString(p.Seed())
	default:
		return j, fmt.Errorf("%w: unsupported private key type %T", ErrBadKey, k.Private)
	}
	return j, nil
}

func publicOf(private any) any {
	switch p := private.(type) {
	case *rsa.PrivateKey:
		return &p.PublicKey
	case *ecdsa.PrivateKey:
		return &p.PublicKey
	case ed25519.PrivateKey:
		return p.Public()
	}
	return nil
}

func curveName(c elliptic.Curve) string {
	for _, e := range curves {
		if e.curve == c {
			return e.name
		}
	}
	return ""
}

// decode reads a JWK into a key: private when it has private members, public otherwise.
// The algorithm must suit the key type: the key set is an allow-list, key by key.
func decode(j jwk) (jwtauth.Key, error) {
	k := jwtauth.Key{ID: j.Kid, Algorithm: j.Alg}
	if j.Kid == "" {
		return k, fmt.Errorf("%w: a key has no kid", ErrBadKey)
	}
	bad := func(format string, args ...any) (jwtauth.Key, error) {
		return k, fmt.Errorf("%w: key %q: %s", ErrBadKey, j.Kid, fmt.Sprintf(format, args...))
	}
	bytes := func(s string) []byte {
		b, err := b64.DecodeString(s)
		if err != nil || len(b) == 0 {
			return nil
		}
		return b
	}
	integer := func(s string) *big.Int {
		b := bytes(s)
		if b == nil {
			return nil
		}
		return new(big.Int).SetBytes(b)
	}
	switch j.Kty {
	case "oct":
		if j.Alg != "HS256" && j.Alg != "HS384" && j.Alg != "HS512" {
			return bad("kty oct is for HS256, HS384 or HS512, not %q", j.Alg)
		}
		secret := bytes(j.K)
		if secret == nil {
			return bad("no secret (k)")
		}
		k.Private = secret
	case "RSA":
		if j.Alg != "RS256" && j.Alg != "RS384" && j.Alg != "RS512" {
			return bad("kty RSA is for RS256, RS384 or RS512, not %q", j.Alg)
		}
		n, e := integer(j.N), integer(j.E)
		if n == nil || e == nil || !e.IsInt64() || e.Int64() > 1<<31-1 {
			return bad("bad modulus or exponent")
		}
		pub := rsa.PublicKey{N: n, E: int(e.Int64())}
		k.Public = &pub
		if j.D == "" {
			break
		}
		d, p, q := integer(j.D), integer(j.P), integer(j.Q)
		if d == nil || p == nil || q == nil {
			return bad("a private RSA key needs d, p and q")
		}
		priv := &rsa.PrivateKey{PublicKey: pub, D: d, Primes: []*big.Int{p, q}}
		if err := priv.Validate(); err != nil {
			return bad("%v", err)
		}
		priv.Precompute()
		k.Private, k.Public = priv, nil
	case "EC":
		var curve elliptic.Curve
		for _, c := range curves {
			if c.name == j.Crv {
				if c.alg != j.Alg {
					return bad("curve %s is for %s, not %q", j.Crv, c.alg, j.Alg)
				}
				curve = c.curve
			}
		}
		if curve == nil {
			return bad("unsupported curve %q", j.Crv)
		}
		x, y := bytes(j.X), bytes(j.Y)
		size := (curve.Params().BitSize + 7) / 8
		if len(x) != size || len(y) != size {
			return bad("x and y must be %d bytes", size)
		}
		pub, err := ecdsa.ParseUncompressedPublicKey(curve, append(append([]byte{4}, x...), y...))
		if err != nil {
			return bad("%v", err)
		}
		k.Public = pub
		if j.D == "" {
			break
		}
		priv, err := ecdsa.ParseRawPrivateKey(curve, bytes(j.D))
		if err != nil {
			return bad("%v", err)
		}
		if !priv.PublicKey.Equal(pub) {
			return bad("d does not match x and y")
		}
		k.Private, k.Public = priv, nil
	case "OKP":
		if j.Crv != "Ed25519" || j.Alg != "EdDSA" {
			return bad("kty OKP must be crv Ed25519 with alg EdDSA")
		}
		x := bytes(j.X)
		if len(x) != ed25519.PublicKeySize {
			return bad("x must be %d bytes", ed25519.PublicKeySize)
		}
		k.Public = ed25519.PublicKey(x)
		if j.D == "" {
			break
		}
		seed := bytes(j.D)
		if len(seed) != ed25519.SeedSize {
			return bad("d must be %d bytes", ed25519.SeedSize)
		}
		priv := ed25519.NewKeyFromSeed(seed)
		if !priv.Public().(ed25519.PublicKey).Equal(k.Public) {
			return bad("d does not match x")
		}
		k.Private, k.Public = priv, nil
	default:
		return bad("unsupported kty %q", j.Kty)
	}
	return k, nil
}

// Thumbprint is the RFC 7638 thumbprint of a key's public part (the secret's, for HMAC):
// the base64url SHA-256 of its required members in lexical order. It makes a key id that
// any party can recompute from the key.
func Thumbprint(k jwtauth.Key) (string, error) {
	j, err := encode(k, true)
	if err != nil {
		return "", err
	}
	var members any
	switch j.Kty {
	case "RSA":
		members = struct {
			E   string `json:"e"`
			Kty string `json:"kty"`
			N   string `json:"n"`
		}{j.E, j.Kty, j.N}
	case "EC":
		members = struct {
			Crv string `json:"crv"`
			Kty string `json:"kty"`
			X   string `json:"x"`
			Y   string `json:"y"`
		}{j.Crv, j.Kty, j.X, j.Y}
	case "OKP":
		members = struct {
			Crv string `json:"crv"`
			Kty string `json:"kty"`
			X   string `json:"x"`
		}{j.Crv, j.Kty, j.X}
	default:
		members = struct {
			K   string `json:"k"`
			Kty string `json:"kty"`
		}{j.K, j.Kty}
	}
	data, err := json.Marshal(members)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return b64.EncodeToString(sum[:]), nil
}
