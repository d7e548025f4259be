package jwtauth

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// ErrCannotSign is returned when issuing with a Tokens that has no signing key.
var ErrCannotSign = errors.New("jwtauth: no signing key configured")

// sign is TokenBackend.encode: aud and iss are set from the config, then the payload is
// signed with the pinned algorithm.
func (t *Tokens) sign(c claims) (string, error) {
	if t.keys.signKey == nil {
		return "", ErrCannotSign
	}
	if t.cfg.Audience != "" {
		c["aud"] = t.cfg.Audience
	}
	if t.cfg.Issuer != "" {
		c["iss"] = t.cfg.Issuer
	}
	payload, err := t.marshal(c)
	if err != nil {
		return "", fmt.Errorf("jwtauth: encode claims: %w", err)
	}
	unsigned := t.keys.header + "." + base64.RawURLEncoding.EncodeToString(payload)
	sig, err := t.keys.method.Sign(unsigned, t.keys.signKey)
	if err != nil {
		return "", fmt.Errorf("jwtauth: sign: %w", err)
	}
	return unsigned + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}

// parse is TokenBackend.decode for a refresh token, whose claims its successors copy, with
// their payload:
// PyJWT's signature and registered-claim checks, all answered "Token is invalid or
// expired". A token that is only checked is parsed by check, into its payload alone.
func (t *Tokens) parse(raw string, now time.Time) (claims, *payload, *Error) {
	tok, err := t.parser.ParseWithClaims(raw, jwt.MapClaims{}, t.keys.keyfunc(now))
	if err != nil {
		return nil, nil, tokenError(msgInvalid, ErrInvalid)
	}
	c := claims(tok.Claims.(jwt.MapClaims))
	p := t.payloadOf(c)
	if e := t.registered(p, now); e != nil {
		return nil, nil, e
	}
	return c, p, nil
}

// verify is Token.verify: exp, jti and type, each with its own message.
func (t *Tokens) verify(p *payload, typ string, now time.Time) *Error {
	if !p.exp.ok {
		return tokenError(msgNoExp, ErrInvalid)
	}
	// simplejwt compares with the current time to the microsecond where PyJWT used whole
	// seconds, so a fractional leeway can still expire a token here.
	expAt := p.times.exp // a number: registered() checked it
	if expAt <= float64(now.UnixMicro())/1e6-t.cfg.Leeway.Seconds() {
		return tokenError(msgExpClaim, ErrExpired)
	}
	if !p.jti.ok {
		return tokenError(msgNoID, ErrInvalid)
	}
	if typ != typeUntyped {
		if !p.typ.ok {
			return tokenError(msgNoType, ErrWrongType)
		}
		if s, _ := p.typ.v.(string); s != typ {
			return tokenError(msgWrongType, ErrWrongType)
		}
	}
	return nil
}

// registered is PyJWT 2.6's claim validation: iat and nbf not in the future, exp not
// passed, compared with the current whole second, give or take the leeway; then iss and aud
// when configured. A claim of the wrong kind is invalid.
func (t *Tokens) registered(p *payload, now time.Time) *Error {
	sec := float64(now.Unix())
	leeway := t.cfg.Leeway.Seconds()
	invalid := func() *Error { return tokenError(msgInvalid, ErrInvalid) }
	if p.iat.ok {
		if !p.times.iatOK || p.times.iat > sec+leeway {
			return invalid()
		}
	}
	if p.nbf.ok {
		if !p.times.nbfOK || math.Trunc(p.times.nbf) > sec+leeway {
			return invalid()
		}
	}
	if p.exp.ok {
		if !p.times.expOK {
			return invalid()
		}
		if math.Trunc(p.times.exp) <= sec-leeway {
			return tokenError(msgInvalid, ErrExpired)
		}
	}
	if t.cfg.Issuer != "" {
		if iss, _ := p.iss.v.(string); iss != t.cfg.Issuer {
			return invalid()
		}
	}
	if t.cfg.Audience != "" && !hasAudience(p.aud.v, t.cfg.Audience) {
		return invalid()
	}
	return nil
}

// hasAudience is PyJWT's audience check: "aud" is a string or a list of strings naming want.
func hasAudience(aud any, want string) bool {
	switch a := aud.(type) {
	case string:
		return a == want
	case []any:
		found := false
		for _, v := range a {
			s, ok := v.(string)
			if !ok {
				return false
			}
			found = found || s == want
		}
		return found
	}
	return false
}
