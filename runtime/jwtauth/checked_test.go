package jwtauth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// checkedFixture is Tokens over two HMAC keys, "old" retiring, and an ECDSA key (whose
// signatures differ on every signing), with a settable clock.
type checkedFixture struct {
	tokens *Tokens
	now    time.Time
	keys   map[string]any // kid → signing key
	retire time.Time
}

func newCheckedFixture(t testing.TB) *checkedFixture {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	f := &checkedFixture{now: time.Date(2026, 12, 5, 12, 0, 0, 250_000_000, time.UTC)}
	f.retire = f.now.Add(time.Hour)
	f.keys = map[string]any{"new": []byte("checked-test-key-new-0123456789abcdef"), "old": []byte("checked-test-key-old-0123456789abcdef"), "ec": ec}
	cfg := Config{
		Keys: []Key{
			{ID: "new", Algorithm: "HS256", Private: f.keys["new"]},
			{ID: "old", Algorithm: "HS256", Private: f.keys["old"], RetireAt: f.retire},
			{ID: "ec", Algorithm: "ES256", Private: ec},
		},
		Now: func() time.Time { return f.now },
	}
	f.tokens, err = New(cfg, dbtest.Open(t, db.SQLite))
	require.NoError(t, err)
	return f
}

// sign signs claims with the key kid under alg.
func (f *checkedFixture) sign(t testing.TB, kid, alg string, c jwt.MapClaims) string {
	tok := jwt.NewWithClaims(jwt.GetSigningMethod(alg), c)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(f.keys[kid])
	require.NoError(t, err)
	return s
}

// cold checks raw as a Tokens that has verified nothing before.
func (f *checkedFixture) cold(raw, typ string) (payload, *Error) {
	fresh := *f.tokens
	fresh.checked = newCheckedTokens()
	return fresh.check(raw, typ, f.now)
}

// same requires that the warm Tokens and a cold one check raw alike.
func (f *checkedFixture) same(t *testing.T, raw, typ, what string) {
	t.Helper()
	wp, we := f.tokens.check(raw, typ, f.now)
	cp, ce := f.cold(raw, typ)
	require.Equal(t, ce, we, "%s: %q", what, raw)
	require.Equal(t, cp, wp, "%s: %q", what, raw)
}

// variants are tokens that differ from raw a little: each of its signature's characters
// changed, the signature cut, lengthened, emptied or another's, the segments moved.
func variants(raw, other string) []string {
	signed, sig, _ := splitSignature(raw)
	_, otherSig, _ := splitSignature(other)
	out := []string{raw, signed + ".", signed, signed + "." + sig + "A", signed + "." + sig[:len(sig)-1],
		signed + "." + otherSig, signed + "." + sig + "." + sig, "." + raw, raw + ".", strings.ToUpper(raw),
		strings.Replace(raw, ".", "..", 1)}
	for i := range len(sig) {
		for _, c := range []byte{'A', '_'} {
			if sig[i] != c {
				out = append(out, signed+"."+sig[:i]+string(c)+sig[i+1:])
			}
		}
	}
	return out
}

// TestCheckedTokensCheckAsParsing: a Tokens that verified a token before checks it, and
// every token near it, as one that never saw it: the same claims or the same error, as
// time passes its expiry and its key's rotation window, for each type asked.
func TestCheckedTokensCheckAsParsing(t *testing.T) {
	f := newCheckedFixture(t)
	exp := f.now.Add(30 * time.Minute).Unix()
	claims := func(typ string) jwt.MapClaims {
		return jwt.MapClaims{"token_type": typ, "exp": exp, "iat": f.now.Unix(), "jti": "j-" + typ, "user_id": 7}
	}
	var tokens []string
	for _, kid := range []string{"new", "old"} {
		tokens = append(tokens, f.sign(t, kid, "HS256", claims("access")), f.sign(t, kid, "HS256", claims("refresh")))
	}
	ec1, ec2 := f.sign(t, "ec", "ES256", claims("access")), f.sign(t, "ec", "ES256", claims("access"))
	require.NotEqual(t, ec1, ec2, "ECDSA signs the same input two ways")
	tokens = append(tokens, ec1, ec2,
		f.sign(t, "new", "HS256", jwt.MapClaims{"token_type": "access", "jti": "no-exp", "user_id": 7}),
		f.sign(t, "new", "HS384", claims("access")),                      // not the key's algorithm
		f.sign(t, "old", "HS256", jwt.MapClaims{"exp": exp, "jti": "x"}), // no type
	)
	forged := f.sign(t, "new", "HS256", claims("access"))
	signed, _, _ := splitSignature(forged)
	tokens = append(tokens, signed+"."+strings.Repeat("A", 43)) // a forged signature

	start := f.now
	for _, at := range []time.Duration{0, 30 * time.Minute, time.Hour} {
		f.now = start.Add(at)
		for i, raw := range tokens {
			for _, typ := range []string{typeAccess, typeRefresh, typeUntyped} {
				f.same(t, raw, typ, "first") // warms the entry
				for _, v := range variants(raw, tokens[(i+1)%len(tokens)]) {
					f.same(t, v, typ, "variant")
				}
			}
		}
	}

	// The entries are there, and used: none from a token that failed.
	f.now = start
	f.tokens.checked = newCheckedTokens()
	_, e := f.tokens.check(tokens[0], typeAccess, f.now)
	require.Nil(t, e)
	_, _ = f.tokens.check(tokens[len(tokens)-1], typeAccess, f.now)
	require.Len(t, f.tokens.checked.entries, 1, "only the token that passed")
	p, ok := f.tokens.checked.lookup(tokens[0], f.now)
	require.True(t, ok)
	cp, _ := f.cold(tokens[0], typeAccess)
	require.Equal(t, cp, p)
	p.jti = claim{v: "changed", ok: true}
	again, _ := f.tokens.checked.lookup(tokens[0], f.now)
	require.Equal(t, cp, again, "a caller's copy does not change the entry")
}

// TestCheckedTokensBounded: a full table is emptied, not grown.
func TestCheckedTokensBounded(t *testing.T) {
	c := newCheckedTokens()
	p := &payload{}
	for i := range maxCheckedTokens + 10 {
		c.store("h."+strings.Repeat("x", i%7)+string(rune('a'+i%26))+strconv.Itoa(i)+".sig", p, time.Time{})
		require.LessOrEqual(t, len(c.entries), maxCheckedTokens)
	}
	require.Equal(t, 10, len(c.entries))
}

func TestEqualConstantTime(t *testing.T) {
	for _, c := range [][2]string{{"", ""}, {"a", "a"}, {"a", "b"}, {"ab", "a"}, {"abc", "abd"}, {"xbc", "abc"}} {
		require.Equal(t, c[0] == c[1], equalConstantTime(c[0], c[1]), "%q %q", c[0], c[1])
	}
}

func FuzzCheckedTokens(f *testing.F) {
	fx := newCheckedFixture(f)
	exp := fx.now.Add(30 * time.Minute).Unix()
	valid := fx.sign(f, "old", "HS256", jwt.MapClaims{"token_type": "access", "exp": exp, "jti": "j", "user_id": 7})
	for _, v := range variants(valid, valid) {
		f.Add(v, int64(0))
	}
	f.Add(valid, int64(30*time.Minute))
	f.Add(valid, int64(time.Hour))
	f.Fuzz(func(t *testing.T, raw string, later int64) {
		now := fx.now
		_, _ = fx.tokens.check(valid, typeAccess, now) // the valid token is known
		defer func() { fx.now = now }()
		fx.now = now.Add(time.Duration(later % int64(3*time.Hour)))
		fx.same(t, raw, typeAccess, "fuzzed")
		fx.same(t, raw, typeUntyped, "fuzzed")
	})
}
