package jwtauth

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"net/http"
	"time"
)

// ObtainPair is TokenObtainPairView once the credentials are checked: a refresh token for
// the user, recorded as outstanding, and an access token made from it. The user must exist.
// Under a UserIDField other than "id", or when stamping credentials, the user row is read
// from the database; a caller holding it uses ObtainPairFor.
func (t *Tokens) ObtainPair(ctx context.Context, userID int64) (access, refresh string, err error) {
	if t.cfg.UserIDField == UserIDFieldID && !t.stamping() {
		return t.ObtainPairFor(ctx, userID, userID, Credentials{})
	}
	claim, cred, err := t.holder(ctx, userID)
	if err != nil {
		return "", "", err
	}
	return t.ObtainPairFor(ctx, userID, claim, cred)
}

// ObtainPairFor is ObtainPair given the user's UserIDField value, the claim of its tokens:
// the primary key (an int64, equal to userID) under "id", the username or e-mail address
// (a non-empty string) otherwise; and its credentials, which the tokens are stamped with
// when Config.CredentialKey is set. userID, the primary key, goes into the outstanding
// token row.
func (t *Tokens) ObtainPairFor(ctx context.Context, userID int64, claimValue any, cred Credentials) (access, refresh string, err error) {
	claim, err := t.claimFor(userID, claimValue)
	if err != nil {
		return "", "", err
	}
	now := t.cfg.Now()
	rc := t.fresh(typeRefresh, now, t.cfg.RefreshLifetime)
	jti := t.refreshJTI("")
	rc[t.cfg.JTIClaim] = jti
	rc[t.cfg.UserIDClaim] = claim
	if t.cfg.Sessions {
		client := clientOf(ctx)
		rc[SessionClaim], rc[clientIPClaim], rc[userAgentClaim] = familyOf(jti), client.Addr, client.UserAgent
	}
	if t.stamping() {
		rc[StampClaim] = t.stampOf(cred)
	}
	if refresh, err = t.sign(rc); err != nil {
		return "", "", err
	}
	if access, err = t.sign(t.accessFrom(rc, now)); err != nil {
		return "", "", err
	}
	if err := t.recordOutstanding(ctx, t.db, refresh, rc, userID, now); err != nil {
		return "", "", err
	}
	return access, refresh, nil
}

// Refresh is TokenRefreshView: a new access token for a valid refresh token. With
// RotateRefreshTokens it also returns a new refresh token (newRefresh is "" otherwise),
// recorded as outstanding; with BlacklistAfterRotation the given one is blacklisted in the
// same transaction, so that of concurrent refreshes with one token exactly one succeeds
// and the others get "Token is blacklisted".
func (t *Tokens) Refresh(ctx context.Context, refresh string) (access, newRefresh string, err error) {
	return t.RefreshChecked(ctx, refresh, nil)
}

// RefreshChecked is Refresh that first asks userRule about the user the valid token names,
// as simplejwt 5.3's TokenRefreshSerializer applies USER_AUTHENTICATION_RULE: an error
// from it is the answer (RefreshNoActiveAccount for an inactive or deleted user). A nil
// userRule is Refresh, simplejwt 5.2's, which never looks at the user.
func (t *Tokens) RefreshChecked(ctx context.Context, refresh string, userRule func(context.Context, UserKey) error) (access, newRefresh string, err error) {
	now := t.cfg.Now()
	c, err := t.decodeRefresh(ctx, refresh, now)
	if err != nil {
		if t.cfg.ReuseDetection && errors.Is(err, ErrBlacklisted) {
			return "", "", t.reused(ctx, c, err)
		}
		return "", "", err
	}
	// simplejwt 5.3's rule first, so an inactive or deleted user gets its answer; then the
	// credential stamp.
	if userRule != nil {
		key, ok := t.userKey(c[t.cfg.UserIDClaim])
		if !ok {
			return "", "", RefreshNoActiveAccount()
		}
		if err := userRule(ctx, key); err != nil {
			return "", "", err
		}
	}
	if err := t.checkHolder(ctx, t.db, t.payloadOf(c)); err != nil {
		return "", "", err
	}
	if access, err = t.sign(t.accessFrom(c, now)); err != nil {
		return "", "", err
	}
	if !t.cfg.RotateRefreshTokens {
		return access, "", nil
	}
	// The old token's claims with a new jti, exp and iat (set_jti, set_exp, set_iat).
	next := maps.Clone(c)
	next[t.cfg.JTIClaim] = t.refreshJTI(familyOf(jtiKey(c[t.cfg.JTIClaim])))
	next["exp"] = now.Add(t.cfg.RefreshLifetime).Unix()
	next["iat"] = now.Unix()
	if newRefresh, err = t.sign(next); err != nil {
		return "", "", err
	}
	err = t.db.InTx(ctx, func(tx *sql.Tx) error {
		if t.cfg.BlacklistAfterRotation {
			if err := t.blacklistTx(ctx, tx, refresh, c, now); err != nil {
				return err
			}
		} else if err := t.refuseBlacklisted(ctx, tx, c); err != nil {
			return err
		}
		return t.recordRotated(ctx, tx, newRefresh, next, now)
	})
	if t.cfg.ReuseDetection && errors.Is(err, ErrBlacklisted) {
		// Another request rotated the same token first.
		return "", "", t.reused(ctx, c, err)
	}
	if err != nil {
		return "", "", err
	}
	return access, newRefresh, nil
}

// decodeRefresh is RefreshToken(raw): parsed, then BlacklistMixin.verify, which looks at
// the blacklist before Token.verify's claim checks. A blacklisted token's claims are
// returned with the refusal, for reuse detection. So a blacklisted token is "Token is
// blacklisted" even when its claims would fail too. (Without a jti simplejwt fails with a
// server error; here the claim check answers "Token has no id".)
func (t *Tokens) decodeRefresh(ctx context.Context, raw string, now time.Time) (claims, error) {
	c, p, e := t.parse(raw, now)
	if e != nil {
		return nil, e
	}
	if p.jti.ok {
		if err := t.refuseBlacklisted(ctx, t.db, c); err != nil {
			return c, err
		}
	}
	if e := t.verify(p, typeRefresh, now); e != nil {
		return nil, e
	}
	return c, nil
}

// refuseBlacklisted is BlacklistMixin.check_blacklist, run by every RefreshToken.
func (t *Tokens) refuseBlacklisted(ctx context.Context, q querier, c claims) error {
	blacklisted, err := t.isBlacklisted(ctx, q, jtiKey(c[t.cfg.JTIClaim]))
	if err != nil {
		return err
	}
	if blacklisted {
		return tokenError(msgBlacklisted, ErrBlacklisted)
	}
	return nil
}

// Verify is TokenVerifyView: a token of any type that is valid and not blacklisted.
// A blacklisted token gets the serializer's answer, 400 {"non_field_errors": ["Token is
// blacklisted"]}.
//
// simplejwt looks at the blacklist here only when BLACKLIST_AFTER_ROTATION is on; this
// package always does, so that a token revoked by logout never verifies.
func (t *Tokens) Verify(ctx context.Context, token string) error {
	p, e := t.check(token, typeUntyped, t.cfg.Now())
	if e != nil {
		return e
	}
	blacklisted, err := t.blacklistedNow(ctx, jtiKey(p.jti.v))
	if err != nil {
		return err
	}
	if blacklisted {
		return &Error{Status: http.StatusBadRequest, Detail: msgBlacklisted, Field: "non_field_errors", sentinel: ErrBlacklisted}
	}
	return t.checkHolder(ctx, t.db, &p)
}
