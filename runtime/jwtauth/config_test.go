package jwtauth_test

import (
	"crypto/elliptic"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func TestNewRefusesBadConfig(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	p256, p384 := ecKey(t, elliptic.P256()), ecKey(t, elliptic.P384())
	ed := edKey(t)

	for name, cfg := range map[string]jwtauth.Config{
		"alg none":               {Algorithm: "none", SigningKey: hsKey},
		"alg PS256":              {Algorithm: "PS256", SigningKey: rsaKey()},
		"alg lower case":         {Algorithm: "hs256", SigningKey: hsKey},
		"HS no key":              {},
		"HS empty key":           {SigningKey: []byte{}},
		"HS string key":          {SigningKey: "secret"},
		"HS with verifying key":  {SigningKey: hsKey, VerifyingKey: rsaKey().Public()},
		"HS with RSA key":        {SigningKey: rsaKey()},
		"RS no keys":             {Algorithm: "RS256"},
		"RS with EC key":         {Algorithm: "RS256", SigningKey: p256},
		"RS with HMAC secret":    {Algorithm: "RS256", SigningKey: hsKey},
		"RS public as signing":   {Algorithm: "RS256", SigningKey: rsaKey().Public()},
		"ES256 on P-384":         {Algorithm: "ES256", SigningKey: p384},
		"ES256 verifying P-384":  {Algorithm: "ES256", VerifyingKey: &p384.PublicKey},
		"ES256 keys not a pair":  {Algorithm: "ES256", SigningKey: p256, VerifyingKey: &ecKey(t, elliptic.P256()).PublicKey},
		"EdDSA with EC key":      {Algorithm: "EdDSA", SigningKey: p256},
		"EdDSA truncated key":    {Algorithm: "EdDSA", SigningKey: ed[:10]},
		"negative lifetime":      {SigningKey: hsKey, AccessLifetime: -time.Minute},
		"negative leeway":        {SigningKey: hsKey, Leeway: -time.Second},
		"claim named exp":        {SigningKey: hsKey, UserIDClaim: "exp"},
		"claims colliding":       {SigningKey: hsKey, UserIDClaim: "jti"},
		"header type with space": {SigningKey: hsKey, HeaderTypes: []string{"Bearer token"}},
		"empty header type":      {SigningKey: hsKey, HeaderTypes: []string{""}},
	} {
		_, err := jwtauth.New(cfg, d)
		require.ErrorIs(t, err, jwtauth.ErrConfig, name)
	}
	_, err := jwtauth.New(jwtauth.Config{SigningKey: hsKey}, nil)
	require.ErrorIs(t, err, jwtauth.ErrConfig, "nil database")
}

func TestNewAcceptsGoodConfig(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	for name, cfg := range map[string]jwtauth.Config{
		"defaults":             {SigningKey: hsKey},
		"HS512":                {Algorithm: "HS512", SigningKey: hsKey},
		"RS256 signing only":   {Algorithm: "RS256", SigningKey: rsaKey()},
		"RS256 verifying only": {Algorithm: "RS256", VerifyingKey: rsaKey().Public()},
		"RS256 both":           {Algorithm: "RS256", SigningKey: rsaKey(), VerifyingKey: rsaKey().Public()},
		"EdDSA":                {Algorithm: "EdDSA", SigningKey: edKey(t)},
	} {
		_, err := jwtauth.New(cfg, d)
		require.NoError(t, err, name)
	}
}

func TestConfigNotAliased(t *testing.T) {
	// New keeps its own copy of HeaderTypes.
	d := dbtest.Open(t, db.SQLite)
	types := []string{"Bearer"}
	tok, err := jwtauth.New(jwtauth.Config{SigningKey: hsKey, HeaderTypes: types}, d)
	require.NoError(t, err)
	types[0] = "Evil"
	require.Equal(t, `Bearer realm="api"`, tok.AuthenticateHeader())
}
