package jwtauth_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

// rsaKey is generated once: 2048-bit generation is slow.
var rsaKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

func ecKey(t testing.TB, curve elliptic.Curve) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(curve, rand.Reader)
	require.NoError(t, err)
	return k
}

func edKey(t testing.TB) ed25519.PrivateKey {
	_, k, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	return k
}

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func pkix8(t *testing.T, k any) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	require.NoError(t, err)
	return pemBlock("PRIVATE KEY", der)
}

func publicPEM(t testing.TB, k crypto.PublicKey) []byte {
	der, err := x509.MarshalPKIXPublicKey(k)
	require.NoError(t, err)
	return pemBlock("PUBLIC KEY", der)
}

func TestParseKeysPEM(t *testing.T) {
	rk, ek, dk := rsaKey(), ecKey(t, elliptic.P256()), edKey(t)
	sec1, err := x509.MarshalECPrivateKey(ek)
	require.NoError(t, err)

	for name, tc := range map[string]struct {
		pem  []byte
		want crypto.Signer
	}{
		"RSA PKCS#1": {pemBlock("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rk)), rk},
		"RSA PKCS#8": {pkix8(t, rk), rk},
		"EC SEC 1":   {append(pemBlock("EC PARAMETERS", []byte{6, 8, 42, 134, 72, 206, 61, 3, 1, 7}), pemBlock("EC PRIVATE KEY", sec1)...), ek},
		"EC PKCS#8":  {pkix8(t, ek), ek},
		"Ed25519":    {pkix8(t, dk), dk},
	} {
		got, err := jwtauth.ParsePrivateKeyPEM(tc.pem)
		require.NoError(t, err, name)
		require.True(t, tc.want.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(got.Public()), name)
	}
	_, err = jwtauth.ParsePrivateKeyPEM([]byte("not a key"))
	require.ErrorIs(t, err, jwtauth.ErrNoKey)
	_, err = jwtauth.ParsePrivateKeyPEM(pemBlock("ENCRYPTED PRIVATE KEY", []byte{1, 2, 3}))
	require.ErrorIs(t, err, jwtauth.ErrNoKey)
	_, err = jwtauth.ParsePrivateKeyPEM(pemBlock("RSA PRIVATE KEY", []byte{1, 2, 3}))
	require.Error(t, err)

	// Public keys: PKIX, PKCS #1, certificate.
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "jwt"}, NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	cert, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, ek.Public(), ek)
	require.NoError(t, err)
	for name, tc := range map[string]struct {
		pem  []byte
		want crypto.PublicKey
	}{
		"PKIX RSA":     {publicPEM(t, rk.Public()), rk.Public()},
		"PKCS#1 RSA":   {pemBlock("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&rk.PublicKey)), rk.Public()},
		"PKIX Ed25519": {publicPEM(t, dk.Public()), dk.Public()},
		"certificate":  {pemBlock("CERTIFICATE", cert), ek.Public()},
	} {
		got, err := jwtauth.ParsePublicKeyPEM(tc.pem)
		require.NoError(t, err, name)
		require.True(t, tc.want.(interface{ Equal(crypto.PublicKey) bool }).Equal(got), name)
	}
	_, err = jwtauth.ParsePublicKeyPEM(pkix8(t, dk))
	require.ErrorIs(t, err, jwtauth.ErrNoKey)
}

func TestLoadKeyFiles(t *testing.T) {
	dir := t.TempDir()
	k := ecKey(t, elliptic.P256())
	priv, pub := filepath.Join(dir, "jwt.key"), filepath.Join(dir, "jwt.pub")
	require.NoError(t, os.WriteFile(priv, pkix8(t, k), 0o600))
	require.NoError(t, os.WriteFile(pub, publicPEM(t, k.Public()), 0o644))

	s, v, err := jwtauth.LoadKeyFiles(priv, pub)
	require.NoError(t, err)
	require.True(t, k.Equal(s))
	require.True(t, k.PublicKey.Equal(v))

	s, v, err = jwtauth.LoadKeyFiles("", pub)
	require.NoError(t, err)
	require.Nil(t, s)
	require.NotNil(t, v)

	_, _, err = jwtauth.LoadKeyFiles("", "")
	require.ErrorIs(t, err, jwtauth.ErrNoKey)
	_, _, err = jwtauth.LoadKeyFiles(filepath.Join(dir, "missing"), "")
	require.ErrorIs(t, err, os.ErrNotExist)
	_, _, err = jwtauth.LoadKeyFiles(pub, "")
	require.ErrorIs(t, err, jwtauth.ErrNoKey, "a public key is no signing key")
}

func TestAsymmetricAlgorithms(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	ctx := context.Background()
	alice := dbtest.NewUser(t, d, "alice")
	for alg, key := range map[string]crypto.Signer{
		"RS256": rsaKey(),
		"RS512": rsaKey(),
		"ES256": ecKey(t, elliptic.P256()),
		"ES384": ecKey(t, elliptic.P384()),
		"ES512": ecKey(t, elliptic.P521()),
		"EdDSA": edKey(t),
	} {
		t.Run(alg, func(t *testing.T) {
			signer, clk := newTokens(t, d, func(c *jwtauth.Config) { c.Algorithm, c.SigningKey = alg, key })
			access, refresh, err := signer.ObtainPair(ctx, alice)
			require.NoError(t, err)
			require.Equal(t, alg, headerAlg(t, access))
			id, ok, err := signer.Authenticate(request("Bearer " + access))
			require.NoError(t, err)
			require.True(t, ok)
			require.Equal(t, alice, id.ID)

			// A verify-only instance with the public key alone.
			pub, err := jwtauth.ParsePublicKeyPEM(publicPEM(t, key.Public()))
			require.NoError(t, err)
			verifier, err := jwtauth.New(jwtauth.Config{Algorithm: alg, VerifyingKey: pub, Now: clk.Now}, d)
			require.NoError(t, err)
			id, ok, err = verifier.Authenticate(request("Bearer " + access))
			require.NoError(t, err)
			require.True(t, ok)
			require.Equal(t, alice, id.ID)
			_, _, err = verifier.ObtainPair(ctx, alice)
			require.ErrorIs(t, err, jwtauth.ErrCannotSign)
			_, _, err = verifier.Refresh(ctx, refresh)
			require.ErrorIs(t, err, jwtauth.ErrCannotSign)
		})
	}
}

func headerAlg(t *testing.T, token string) string {
	t.Helper()
	var h struct{ Alg string }
	require.NoError(t, jsonUnmarshal(decodeSegment(t, token, 0), &h))
	return h.Alg
}

// The algorithm is pinned: nothing but a token signed with the configured algorithm and key
// gets through.
func TestWrongAlgorithmRefused(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	ctx := context.Background()
	rk := rsaKey()
	tok, clk := newTokens(t, d, func(c *jwtauth.Config) { c.Algorithm, c.SigningKey = "RS256", rk })
	claims := accessClaims(clk.Now(), 1)

	pubPEM := publicPEM(t, rk.Public())
	pubDER, err := x509.MarshalPKIXPublicKey(rk.Public())
	require.NoError(t, err)
	otherRSA, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)

	for name, token := range map[string]string{
		// The classic confusion: the public key, which is public, as an HMAC secret.
		"HS256 with public key PEM": forge(t, jwt.SigningMethodHS256, pubPEM, claims),
		"HS256 with public key DER": forge(t, jwt.SigningMethodHS256, pubDER, claims),
		"HS512 with public key PEM": forge(t, jwt.SigningMethodHS512, pubPEM, claims),
		"none":                      forge(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims),
		"RS384 with the right key":  forge(t, jwt.SigningMethodRS384, rk, claims),
		"PS256 with the right key":  forge(t, jwt.SigningMethodPS256, rk, claims),
		"RS256 with another key":    forge(t, jwt.SigningMethodRS256, otherRSA, claims),
		"ES256":                     forge(t, jwt.SigningMethodES256, ecKey(t, elliptic.P256()), claims),
	} {
		_, ok, err := tok.Authenticate(request("Bearer " + token))
		require.False(t, ok, name)
		require.ErrorIs(t, err, jwtauth.ErrInvalid, name)
		requireBody(t, err, http.StatusUnauthorized, bodyNotValid("Token is invalid or expired"))
		require.ErrorIs(t, tok.Verify(ctx, token), jwtauth.ErrInvalid, name)
	}
	// The same claims, properly signed, pass: the refusals above are the algorithm's.
	_, ok, err := tok.Authenticate(request("Bearer " + forge(t, jwt.SigningMethodRS256, rk, claims)))
	require.NoError(t, err)
	require.True(t, ok)

	// And an HS256 deployment refuses "none" and other HMAC sizes with its own secret.
	hs, _ := newTokens(t, d, nil)
	for _, token := range []string{
		forge(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims),
		forge(t, jwt.SigningMethodHS512, hsKey, claims),
	} {
		_, _, err := hs.Authenticate(request("Bearer " + token))
		require.ErrorIs(t, err, jwtauth.ErrInvalid)
	}
}
