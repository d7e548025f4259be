package jwtauth

import (
	"bytes"
	"encoding/json"
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// payload is what checking a token reads of its claims: the registered claims, the claims
// Config names (type, id, user), the stamp and the session. A token that is only checked (an
// access token authenticating a request, a token given to TokenVerifyView) is decoded into
// it directly; a refresh token is decoded into a map, which its successors copy, and
// payloadOf takes the same view of that map. Either way each claim holds what decoding the
// whole object into map[string]any with UseNumber would have put under its name, so both
// are checked alike.
type payload struct {
	names                   *claimNames
	exp, iat, nbf, iss, aud claim
	typ, jti, user          claim
	stamp, sid              claim
}

// claim is one claim's value (string, json.Number, bool, nil, []any or map[string]any) and
// whether the token has it at all: a null claim is there.
type claim struct {
	v  any
	ok bool
}

// claimNames are the configured names of the type, id and user claims.
type claimNames struct{ typ, jti, user string }

// set puts v under name in every claim of that name. A name fills more than one claim when
// a configured name is also that of the stamp or the session, which Config allows while
// those are off: a map would answer both lookups with the one value.
func (p *payload) set(name string, v claim) {
	for _, c := range [...]struct {
		name string
		to   *claim
	}{
		{"exp", &p.exp}, {"iat", &p.iat}, {"nbf", &p.nbf}, {"iss", &p.iss}, {"aud", &p.aud},
		{p.names.typ, &p.typ}, {p.names.jti, &p.jti}, {p.names.user, &p.user},
		{StampClaim, &p.stamp}, {SessionClaim, &p.sid},
	} {
		if name == c.name {
			*c.to = v
		}
	}
}

// payloadOf is the view of a refresh token's decoded claims.
func (t *Tokens) payloadOf(c claims) *payload {
	p := &payload{names: &t.names}
	for _, name := range [...]string{"exp", "iat", "nbf", "iss", "aud", t.names.typ, t.names.jti, t.names.user, StampClaim, SessionClaim} {
		if v, ok := c[name]; ok {
			p.set(name, claim{v: v, ok: true})
		}
	}
	return p
}

// errNotObject: the claims are JSON but not an object, which no map decodes from.
var errNotObject = errors.New("jwtauth: the claims are not a JSON object")

// UnmarshalJSON reads the claims the payload keeps from a JSON object and skips the others.
// The parser's json.Decoder has checked the whole value before it calls this, so the object
// is valid JSON; a later member of the same name wins, as in a map.
func (p *payload) UnmarshalJSON(b []byte) error {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return errNotObject
	}
	i = skipSpace(b, i+1)
	for i < len(b) && b[i] != '}' {
		end := skipValue(b, i) // the key, a string
		name, err := text(b[i:end])
		if err != nil {
			return err
		}
		start := skipSpace(b, skipSpace(b, end)+1) // past the colon
		end = skipValue(b, start)
		if v, err := value(b[start:end]); err != nil {
			return err
		} else {
			p.set(name, claim{v: v, ok: true})
		}
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return nil
}

// value decodes one JSON value as map[string]any with UseNumber holds it.
func value(raw []byte) (any, error) {
	switch raw[0] {
	case '"':
		return text(raw)
	case 't':
		return true, nil
	case 'f':
		return false, nil
	case 'n':
		return nil, nil
	case '{', '[':
		var v any
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		err := dec.Decode(&v)
		return v, err
	}
	return json.Number(raw), nil
}

// text decodes a JSON string: directly when it is printable ASCII without escapes, else
// by encoding/json, which also replaces invalid UTF-8 as a map's decoding does.
func text(raw []byte) (string, error) {
	inner := raw[1 : len(raw)-1]
	for _, c := range inner {
		if c < 0x20 || c > 0x7e || c == '\\' {
			var s string
			err := json.Unmarshal(raw, &s)
			return s, err
		}
	}
	return string(inner), nil
}

// skipSpace returns the index of the first byte at or after i that is not JSON whitespace.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the index just past the valid JSON value that starts at i.
func skipValue(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
			continue
		case '}', ']':
			depth--
		default:
			if depth == 0 {
				// A number or a literal ends before the delimiter that follows it.
				for i < len(b) && !endsScalar(b[i]) {
					i++
				}
				return i
			}
			continue
		}
		if depth == 0 {
			return i + 1
		}
	}
	return i
}

// endsScalar reports whether c is a delimiter that can follow a number or a literal.
func endsScalar(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

// The jwt.Claims methods: the parser runs no validator (WithoutClaimsValidation), so
// nothing asks; registered and verify check the claims as PyJWT and simplejwt do.

func (p *payload) GetExpirationTime() (*jwt.NumericDate, error) { return nil, nil }
func (p *payload) GetIssuedAt() (*jwt.NumericDate, error)       { return nil, nil }
func (p *payload) GetNotBefore() (*jwt.NumericDate, error)      { return nil, nil }
func (p *payload) GetIssuer() (string, error)                   { return "", nil }
func (p *payload) GetSubject() (string, error)                  { return "", nil }
func (p *payload) GetAudience() (jwt.ClaimStrings, error)       { return nil, nil }

// check is TokenBackend.decode then Token.verify for a token that is only checked: parsed
// into a payload, without a map.
func (t *Tokens) check(raw string, typ string, now time.Time) (*payload, *Error) {
	p := &payload{names: &t.names}
	if _, err := t.parser.ParseWithClaims(raw, p, t.keys.keyfunc(now)); err != nil {
		return nil, tokenError(msgInvalid, ErrInvalid)
	}
	if e := t.registered(p, now); e != nil {
		return nil, e
	}
	if e := t.verify(p, typ, now); e != nil {
		return nil, e
	}
	return p, nil
}
