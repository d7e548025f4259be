package jwtauth_test

import (
	"context"
	"crypto/elliptic"
	"testing"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
)

// BenchmarkAuthenticate is the cost JWT authentication adds to every request: header
// parsing, signature check and claim checks of an access token (no database query).
func BenchmarkAuthenticate(b *testing.B) {
	d := dbtest.OpenAuth(b, db.SQLite)
	user := dbtest.NewUser(b, d, "alice")
	for _, tc := range []struct {
		alg string
		key any
	}{
		{"HS256", hsKey},
		{"RS256", rsaKey()},
		{"ES256", ecKey(b, elliptic.P256())},
		{"EdDSA", edKey(b)},
	} {
		b.Run(tc.alg, func(b *testing.B) {
			tok, _ := newTokens(b, d, func(c *jwtauth.Config) { c.Algorithm, c.SigningKey = tc.alg, tc.key })
			access, _, err := tok.ObtainPair(context.Background(), user)
			if err != nil {
				b.Fatal(err)
			}
			r := request("Bearer " + access)
			b.ReportAllocs()
			for b.Loop() {
				if _, ok, err := tok.Authenticate(r); !ok || err != nil {
					b.Fatal(ok, err)
				}
			}
		})
	}
}
