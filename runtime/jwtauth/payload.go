package jwtauth

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authgen/authgen/runtime/internal/jsonobj"
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
	// times are iat, nbf and exp as numbers, read once when the claims are decoded: a
	// token checked again (checkedTokens) is neither parsed nor has its times read again.
	times times
}

// times are the time claims as number reads them; ok false where the claim is no finite
// number (or missing).
type times struct {
	iat, nbf, exp       float64
	iatOK, nbfOK, expOK bool
}

// readTimes fills p.times from the claims; every way a payload is decoded ends with it.
func (p *payload) readTimes() {
	p.times.iat, p.times.iatOK = number(p.iat.v)
	p.times.nbf, p.times.nbfOK = number(p.nbf.v)
	p.times.exp, p.times.expOK = number(p.exp.v)
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
	p.readTimes()
	return p
}

// UnmarshalJSON reads the claims the payload keeps from a JSON object and skips the others.
// The parser's json.Decoder has checked the whole value before it calls this, so the object
// is valid JSON; a later member of the same name wins, as in a map.
func (p *payload) UnmarshalJSON(b []byte) error {
	defer p.readTimes()
	return jsonobj.Members(b, func(key, raw []byte) error {
		name, err := jsonobj.String(key)
		if err != nil {
			return err
		}
		v, err := value(raw)
		if err != nil {
			return err
		}
		p.set(name, claim{v: v, ok: true})
		return nil
	})
}

// value decodes one JSON value as map[string]any with UseNumber holds it.
func value(raw []byte) (any, error) {
	switch raw[0] {
	case '"':
		return jsonobj.String(raw)
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
//
// A token whose signature was verified before is not parsed again (checkedTokens); every
// check that depends on the time runs all the same.
//
// The payload is returned as a value, so that the caller's copy stays on its stack: a token
// checked again costs no allocation.
func (t *Tokens) check(raw string, typ string, now time.Time) (payload, *Error) {
	p, known := t.checked.lookup(raw, now)
	var retireAt time.Time
	if !known {
		parsed := &payload{names: &t.names}
		tok, err := t.parser.ParseWithClaims(raw, parsed, t.keys.keyfunc(now))
		if err != nil {
			return payload{}, tokenError(msgInvalid, ErrInvalid)
		}
		p, retireAt = *parsed, t.keys.retireAt(tok)
	}
	if e := t.registered(&p, now); e != nil {
		return payload{}, e
	}
	if e := t.verify(&p, typ, now); e != nil {
		return payload{}, e
	}
	if !known {
		t.checked.store(raw, &p, retireAt)
	}
	return p, nil
}
