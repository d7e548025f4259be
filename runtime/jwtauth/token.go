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

// decode is simplejwt's Token(raw) for a token class without the blacklist: parse, then
// Token.verify. typ is typeUntyped for TokenVerifyView.
func (t *Tokens) decode(raw string, typ string, now time.Time) (claims, *Error) {
	c, e := t.parse(raw, now)
	if e != nil {
		return nil, e
	}
	if e := t.verify(c, typ, now); e != nil {
		return nil, e
	}
	return c, nil
}

// parse is TokenBackend.decode: PyJWT's signature and registered-claim checks, all
// answered "Token is invalid or expired".
func (t *Tokens) parse(raw string, now time.Time) (claims, *Error) {
	tok, err := t.parser.ParseWithClaims(raw, jwt.MapClaims{}, t.keys.keyfunc(now))
	if err != nil {
		return nil, tokenError(msgInvalid, ErrInvalid)
	}
	c := tok.Claims.(jwt.MapClaims)
	if e := t.registered(c, now); e != nil {
		return nil, e
	}
	return claims(c), nil
}

// verify is Token.verify: exp, jti and type, each with its own message.
func (t *Tokens) verify(c claims, typ string, now time.Time) *Error {
	exp, ok := c["exp"]
	if !ok {
		return tokenError(msgNoExp, ErrInvalid)
	}
	// simplejwt compares with the current time to the microsecond where PyJWT used whole
	// seconds, so a fractional leeway can still expire a token here.
	expAt, _ := number(exp) // a number: registered() checked it
	if expAt <= float64(now.UnixMicro())/1e6-t.cfg.Leeway.Seconds() {
		return tokenError(msgExpClaim, ErrExpired)
	}
	if _, ok := c[t.cfg.JTIClaim]; !ok {
		return tokenError(msgNoID, ErrInvalid)
	}
	if typ != typeUntyped {
		got, ok := c[t.cfg.TokenTypeClaim]
		if !ok {
			return tokenError(msgNoType, ErrWrongType)
		}
		if s, _ := got.(string); s != typ {
			return tokenError(msgWrongType, ErrWrongType)
		}
	}
	return nil
}

// registered is PyJWT 2.6's claim validation: iat and nbf not in the future, exp not
// passed, compared with the current whole second, give or take the leeway; then iss and aud
// when configured. A claim of the wrong kind is invalid.
func (t *Tokens) registered(c jwt.MapClaims, now time.Time) *Error {
	sec := float64(now.Unix())
	leeway := t.cfg.Leeway.Seconds()
	invalid := func() *Error { return tokenError(msgInvalid, ErrInvalid) }
	if v, ok := c["iat"]; ok {
		iat, ok := number(v)
		if !ok || iat > sec+leeway {
			return invalid()
		}
	}
	if v, ok := c["nbf"]; ok {
		nbf, ok := number(v)
		if !ok || math.Trunc(nbf) > sec+leeway {
			return invalid()
		}
	}
	if v, ok := c["exp"]; ok {
		exp, ok := number(v)
		if !ok {
			return invalid()
		}
		if math.Trunc(exp) <= sec-leeway {
			return tokenError(msgInvalid, ErrExpired)
		}
	}
	if t.cfg.Issuer != "" {
		if iss, _ := c["iss"].(string); iss != t.cfg.Issuer {
			return invalid()
		}
	}
	if t.cfg.Audience != "" && !hasAudience(c["aud"], t.cfg.Audience) {
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
