package jwtauth

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"
)

// payloadCases are claims a token may carry, the odd ones among them: duplicate and
// case-variant names, escapes, invalid UTF-8, nulls, nested values, whitespace, trailing
// data, and JSON that is not an object.
var payloadCases = []string{
	`{"token_type":"access","exp":1700000000,"iat":1699999000,"jti":"abc","user_id":5}`,
	`{"exp":1,"exp":2e10,"EXP":3,"Exp":4}`,
	`{"token_type":"access","Token_Type":"refresh","JTI":"x"}`,
	`{"\u0065xp":12.5,"j\u0074i":"\u00e9\"\\","user_id":"7","token_type":"acc\u0065ss"}`,
	"{\"jti\":\"\xff\xfe\",\"sub\":\"\xc3\"}",
	`{"exp":null,"jti":null,"user_id":null,"aud":null,"iss":null}`,
	`{"aud":["a","b",{"c":[1,2,{"d":"]}"}]}],"iss":{"x":"}"},"nbf":-0.5e-3,"iat":true,"stamp":false}`,
	` { "exp" : 1 , "jti" : "a b" ,
	"sid":"s1"	} `,
	`{"exp":1}{"exp":2}`,
	`{"user_id":123456789012345678901234567890,"jti":1e400}`,
	`{}`,
	`null`,
	`[1,2]`,
	`"exp"`,
	`12`,
	`{"exp":1,}`,
	`{"exp":`,
}

// decodeBoth decodes b as the parser does, into a map (then payloadOf) and into a payload.
func decodeBoth(t testing.TB, tokens *Tokens, b []byte) (fromMap, direct *payload, mapErr, directErr error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	m := jwt.MapClaims{}
	mapErr = dec.Decode(&m)
	fromMap = tokens.payloadOf(claims(m))

	dec = json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	direct = &payload{names: &tokens.names}
	var c jwt.Claims = direct
	directErr = dec.Decode(&c)
	return fromMap, direct, mapErr, directErr
}

func payloadTokens(t testing.TB, cfg Config) *Tokens {
	t.Helper()
	cfg.SigningKey = []byte("payload-test-key")
	require.NoError(t, cfg.fill())
	return &Tokens{cfg: cfg, names: claimNames{typ: cfg.TokenTypeClaim, jti: cfg.JTIClaim, user: cfg.UserIDClaim}}
}

// TestPayloadIsTheMapsView: decoding the claims into a payload gives what decoding them into
// a map gives under every name checking reads, refuses what the map refuses, and so checks
// every token alike, with the default claim names and with names that are also the
// stamp's and the session's.
func TestPayloadIsTheMapsView(t *testing.T) {
	for _, cfg := range []Config{{}, {UserIDClaim: "sid", JTIClaim: "stamp", TokenTypeClaim: "typ"}} {
		tokens := payloadTokens(t, cfg)
		for _, c := range payloadCases {
			fromMap, direct, mapErr, directErr := decodeBoth(t, tokens, []byte(c))
			require.Equal(t, mapErr != nil, directErr != nil, "%s: map %v, payload %v", c, mapErr, directErr)
			if mapErr == nil {
				require.Equal(t, fromMap, direct, c)
			}
		}
	}
}

// TestPayloadTimesAsNumber: the times read once when a payload is decoded are what number
// reads from the claims on every check, decoded either way.
func TestPayloadTimesAsNumber(t *testing.T) {
	tokens := payloadTokens(t, Config{})
	for _, c := range append(payloadCases, `{"exp":"1","iat":1e400,"nbf":-1e400}`, `{"exp":1.5e9,"iat":-0,"nbf":12}`) {
		fromMap, direct, _, directErr := decodeBoth(t, tokens, []byte(c))
		for _, p := range []*payload{fromMap, direct} {
			if p == direct && directErr != nil {
				continue
			}
			for _, tc := range []struct {
				claim claim
				n     float64
				ok    bool
			}{{p.iat, p.times.iat, p.times.iatOK}, {p.nbf, p.times.nbf, p.times.nbfOK}, {p.exp, p.times.exp, p.times.expOK}} {
				n, ok := number(tc.claim.v)
				require.Equal(t, ok, tc.ok, c)
				require.Equal(t, n, tc.n, c)
			}
		}
	}
}

func FuzzPayload(f *testing.F) {
	for _, c := range payloadCases {
		f.Add([]byte(c))
	}
	tokens := payloadTokens(f, Config{})
	f.Fuzz(func(t *testing.T, b []byte) {
		fromMap, direct, mapErr, directErr := decodeBoth(t, tokens, b)
		if (mapErr != nil) != (directErr != nil) {
			t.Fatalf("%q: map %v, payload %v", b, mapErr, directErr)
		}
		if mapErr == nil {
			require.Equal(t, fromMap, direct, "%q", b)
		}
	})
}
