package jwtauth

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"time"
)

// claims is a token's payload. Decoded payloads hold numbers as json.Number, so user ids
// beyond 2^53 survive and copied claims are re-encoded exactly as they came.
type claims = map[string]any

const (
	typeAccess  = "access"
	typeRefresh = "refresh"
	typeUntyped = "" // TokenVerifyView's UntypedToken: any type
)

// newJTI is uuid4().hex: 32 lowercase hex digits of a random version-4 UUID.
func newJTI() string {
	var b [16]byte
	rand.Read(b[:]) // never fails: crypto/rand crashes the program instead (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return hex.EncodeToString(b[:])
}

// fresh is a new simplejwt Token's payload: type, exp, iat and jti.
func (t *Tokens) fresh(typ string, now time.Time, lifetime time.Duration) claims {
	return claims{
		t.cfg.TokenTypeClaim: typ,
		"exp":                now.Add(lifetime).Unix(),
		"iat":                now.Unix(),
		t.cfg.JTIClaim:       newJTI(),
	}
}

// accessFrom is RefreshToken.access_token: a new access token carrying every claim of the
// refresh token but its type, exp and jti. "iat" is among those copied, so an access token
// made by a refresh has the refresh token's iat, as in simplejwt 5.2.
func (t *Tokens) accessFrom(refresh claims, now time.Time) claims {
	access := t.fresh(typeAccess, now, t.cfg.AccessLifetime)
	for k, v := range refresh {
		switch k {
		case t.cfg.TokenTypeClaim, "exp", t.cfg.JTIClaim, "jti":
			continue
		case clientIPClaim, userAgentClaim:
			if t.cfg.Sessions {
				continue // read back from the refresh token only
			}
		}
		access[k] = v
	}
	return access
}

// marshal encodes a payload with simplejwt's claim order (type, exp, iat, jti, user id),
// then any other claims sorted, then aud and iss, which TokenBackend.encode appends.
func (t *Tokens) marshal(c claims) ([]byte, error) {
	first := [...]string{t.cfg.TokenTypeClaim, "exp", "iat", t.cfg.JTIClaim, t.cfg.UserIDClaim}
	var rest []string
	for k := range c {
		switch k {
		case first[0], first[1], first[2], first[3], first[4], "aud", "iss":
			continue
		}
		rest = append(rest, k)
	}
	sort.Strings(rest)
	var buf bytes.Buffer
	buf.WriteByte('{')
	write := func(k string) error {
		v, ok := c[k]
		if !ok {
			return nil
		}
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k) // a string always marshals
		buf.Write(kb)
		buf.WriteByte(':')
		vb, err := json.Marshal(v)
		if err != nil {
			return err
		}
		buf.Write(vb)
		return nil
	}
	for _, group := range [][]string{first[:], rest, {"aud", "iss"}} {
		for _, k := range group {
			if err := write(k); err != nil {
				return nil, err
			}
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// number reads a numeric claim.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
	case float64:
		return n, true
	case int64:
		return float64(n), true
	}
	return 0, false
}

// claimUserID reads the user id claim: an integer, or a string of one (simplejwt writes
// str(pk) for non-integer primary keys, and Django's lookup accepts "5" for 5).
func claimUserID(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		id, err := strconv.ParseInt(n.String(), 10, 64)
		return id, err == nil
	case int64:
		return n, true
	case string:
		id, err := strconv.ParseInt(n, 10, 64)
		return id, err == nil
	}
	return 0, false
}

// jtiKey is the jti claim as stored in token_blacklist_outstandingtoken.jti (a varchar):
// Django stores str(value). Tokens issued here always have a string jti.
func jtiKey(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case json.Number:
		return s.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// epoch turns a numeric claim into a time (simplejwt's datetime_from_epoch).
func epoch(f float64) time.Time {
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}

// dbTime is a timestamp as written to the database: UTC (SQLite compares the text), to
// the microsecond (PostgreSQL's precision).
func dbTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}
