package jwtauth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
)

// StampClaim carries the credential stamp of a token's user when Config.CredentialKey is
// set.
const StampClaim = "stamp"

// ErrRevoked: the token was issued before its user's password, username or e-mail address
// changed, or its user is gone or inactive when it is refreshed.
var ErrRevoked = errors.New("jwtauth: token revoked by a credential change")

// Credentials are what a user's tokens are stamped with: a change of any of them revokes
// every token issued before it, whichever way the change was made (an account endpoint, an
// operator's command, another program writing the same table), since the stamp is derived
// from the user row itself rather than stored beside it.
type Credentials struct {
	Password string // the encoded hash: a new password, a reset, an unusable password
	Username string
	Email    string
}

// stampOf is the credential stamp: HMAC-SHA256 under Config.CredentialKey of the fields,
// each length-prefixed so that no two sets of fields read alike, cut to 128 bits. The key
// keeps a token's reader from testing guesses of the password hash against it.
func (t *Tokens) stampOf(c Credentials) string {
	if t.cfg.UsernameNotCredential {
		c.Username = ""
	}
	mac := hmac.New(sha256.New, t.cfg.CredentialKey)
	for _, f := range []string{c.Password, c.Username, c.Email} {
		fmt.Fprintf(mac, "%d:%s", len(f), f)
	}
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:16])
}

// stamping reports whether tokens carry and are checked for the credential stamp.
func (t *Tokens) stamping() bool { return len(t.cfg.CredentialKey) > 0 }

// CheckStamp checks an access token's stamp against its user's credentials as loaded to
// serve the request, so revocation costs no query of its own. A token without a stamp (from
// before stamping was turned on, or from another issuer) is refused as well.
func (t *Tokens) CheckStamp(k UserKey, c Credentials) error {
	if !t.stamping() || hmac.Equal([]byte(k.stamp), []byte(t.stampOf(c))) {
		return nil
	}
	return notValidForAnyType(tokenError(msgInvalid, ErrRevoked))
}

// checkHolder is CheckStamp for a refresh token, or one given to TokenVerifyView: no user
// row is at hand, so it reads the credentials of the user the claims name. A user that is
// gone or inactive revokes the token as well.
func (t *Tokens) checkHolder(ctx context.Context, q querier, p *payload) error {
	if !t.stamping() {
		return nil
	}
	k, ok := t.userKey(p.user.v)
	stamp, _ := p.stamp.v.(string)
	if !ok || stamp == "" {
		return tokenError(msgInvalid, ErrRevoked)
	}
	var key any = k.ID
	if k.Field != UserIDFieldID {
		key = k.Value
	}
	var cred Credentials
	var active bool
	// The column is one of the three UserIDField values New accepts, never input.
	err := q.QueryRowContext(ctx, `SELECT password, username, email, is_active FROM auth_user WHERE `+t.cfg.UserIDField+` = $1`, key).
		Scan(&cred.Password, &cred.Username, &cred.Email, &active)
	if errors.Is(err, sql.ErrNoRows) {
		return tokenError(msgInvalid, ErrRevoked)
	}
	if err != nil {
		return fmt.Errorf("jwtauth: read the credentials of the token's user: %w", err)
	}
	if !active || !hmac.Equal([]byte(stamp), []byte(t.stampOf(cred))) {
		return tokenError(msgInvalid, ErrRevoked)
	}
	return nil
}

// holder reads what ObtainPair needs of user userID: its UserIDField value and, when
// stamping, its credentials.
func (t *Tokens) holder(ctx context.Context, userID int64) (claim any, cred Credentials, err error) {
	err = t.db.QueryRowContext(ctx, `SELECT password, username, email FROM auth_user WHERE id = $1`, userID).
		Scan(&cred.Password, &cred.Username, &cred.Email)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, cred, fmt.Errorf("jwtauth: no user %d", userID)
	}
	if err != nil {
		return nil, cred, fmt.Errorf("jwtauth: read user %d: %w", userID, err)
	}
	switch t.cfg.UserIDField {
	case UserIDFieldUsername:
		return cred.Username, cred, nil
	case UserIDFieldEmail:
		return cred.Email, cred, nil
	}
	return userID, cred, nil
}
