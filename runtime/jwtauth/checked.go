package jwtauth

import (
	"crypto/subtle"
	"strings"
	"sync"
	"time"
)

// checkedTokens remembers the tokens whose signature a check verified, so that the next
// request with the same token is spared parsing and verifying it again: a client sends its
// access token with every request, and parsing it (two base64 segments, two JSON objects,
// the HMAC) was a quarter of what an authenticated request cost.
//
// An entry is keyed by the token's signing input (header and payload as sent) and holds the
// signature segment that was verified for it, compared with the one presented in constant
// time, as the verification it stands for compares MACs; a different signature is verified
// afresh. It also holds the decoded claims and the end of the verifying key's rotation
// window. What depends on the time or the database is checked on every request as before:
// the registered claims, expiry, type, the key's window, the blacklist and the user. Only a
// token that passed every check is remembered, so neither forged nor expired tokens can fill
// it; a full table is emptied rather than grown.
type checkedTokens struct {
	mu      sync.RWMutex
	entries map[string]*checkedToken
}

// checkedToken is a token whose signature was verified.
type checkedToken struct {
	signature string
	claims    payload
	retireAt  time.Time // of the key that verified it; zero: the key is current
}

// maxCheckedTokens bounds the entries: about 1 KB each.
const maxCheckedTokens = 10_000

func newCheckedTokens() *checkedTokens {
	return &checkedTokens{entries: map[string]*checkedToken{}}
}

// splitSignature cuts a compact token into its signing input and its signature segment.
func splitSignature(raw string) (signed, signature string, ok bool) {
	i := strings.LastIndexByte(raw, '.')
	if i < 0 {
		return "", "", false
	}
	return raw[:i], raw[i+1:], true
}

// lookup returns a copy of the claims of raw if its signature was verified before and the
// key that verified it still verifies at now.
func (c *checkedTokens) lookup(raw string, now time.Time) (payload, bool) {
	signed, signature, ok := splitSignature(raw)
	if !ok {
		return payload{}, false
	}
	c.mu.RLock()
	e := c.entries[signed]
	c.mu.RUnlock()
	if e == nil || !equalConstantTime(e.signature, signature) {
		return payload{}, false
	}
	if !e.retireAt.IsZero() && !now.Before(e.retireAt) {
		return payload{}, false
	}
	return e.claims, true
}

// store remembers raw, verified by a key whose window ends at retireAt, with its claims.
func (c *checkedTokens) store(raw string, p *payload, retireAt time.Time) {
	signed, signature, ok := splitSignature(raw)
	if !ok {
		return
	}
	e := &checkedToken{signature: signature, claims: *p, retireAt: retireAt}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxCheckedTokens {
		clear(c.entries)
	}
	c.entries[signed] = e
}

// equalConstantTime is subtle.ConstantTimeCompare over strings, without copying them to
// byte slices: its time depends on the lengths only.
func equalConstantTime(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	var v byte
	for i := 0; i < len(a); i++ {
		v |= a[i] ^ b[i]
	}
	return subtle.ConstantTimeByteEq(v, 0) == 1
}
