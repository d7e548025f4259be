package jwtauth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
)

// A refresh token's family is every refresh token descended by rotation from one log-in.
// Under reuse detection its jti is the family's id, 16 hex digits, then a uuid4 hex of its
// own: the family is found in token_blacklist_outstandingtoken by a range over the unique
// jti index, with no table or column beside simplejwt's.
const familyLen = 16

// newFamily is a new family's id: 64 random bits in hex.
func newFamily() string {
	var b [familyLen / 2]byte
	rand.Read(b[:]) // never fails: crypto/rand crashes the program instead (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// familyOf is the family of a refresh token's jti, "" for a jti made without one (by
// simplejwt, or before reuse detection was on).
func familyOf(jti string) string {
	if len(jti) != familyLen+32 {
		return ""
	}
	if _, err := hex.DecodeString(jti); err != nil {
		return ""
	}
	return jti[:familyLen]
}

// refreshJTI is the jti of a new refresh token: of family fam under reuse detection or
// sessions (a new family when fam is ""), simplejwt's uuid4 hex otherwise.
func (t *Tokens) refreshJTI(fam string) string {
	if !t.cfg.ReuseDetection && !t.cfg.Sessions {
		return newJTI()
	}
	if fam == "" {
		fam = newFamily()
	}
	return fam + newJTI()
}

// reused answers the presentation of a refresh token already blacklisted, under reuse
// detection: once rotated, a refresh token is presented again only by whoever copied it,
// or by its owner after a thief rotated it first. Either way one of them is an attacker,
// and the OAuth 2.0 Security BCP (§4.14.2) revokes the whole family, the token the other
// party received included. The refusal itself stays "Token is blacklisted".
func (t *Tokens) reused(ctx context.Context, c claims, refusal error) error {
	jti := jtiKey(c[t.cfg.JTIClaim])
	fam := familyOf(jti)
	if fam == "" {
		t.cfg.Logger.WarnContext(ctx, "jwtauth: blacklisted refresh token presented again; it belongs to no family",
			"jti", jti, "user", c[t.cfg.UserIDClaim])
		return refusal
	}
	n, err := t.revokeFamily(ctx, fam)
	if err != nil {
		return err
	}
	t.cfg.Logger.WarnContext(ctx, "jwtauth: refresh token reuse: family revoked",
		"family", fam, "jti", jti, "user", c[t.cfg.UserIDClaim], "revoked", n)
	return refusal
}

// revokeFamily blacklists every outstanding token of the family and returns how many were
// not blacklisted yet. Hex digits sort before "g" in every collation, so the range holds
// exactly the jtis that begin with fam.
func (t *Tokens) revokeFamily(ctx context.Context, fam string) (int64, error) {
	return t.blacklistWhere(ctx, `o.jti >= $2 AND o.jti < $3`, fam, fam+"g")
}

// discard is the logger of a Config without one.
var discard = slog.New(slog.DiscardHandler)
