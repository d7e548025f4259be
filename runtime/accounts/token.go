package accounts

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/authgen/authgen/runtime/users"
)

// TokenGenerator makes and checks the tokens of the mailed links, as Django 3.2's
// PasswordResetTokenGenerator: "<timestamp in base 36>-<MAC>", where the MAC covers the
// user's id, password hash, last login (to the second), the timestamp and e-mail address,
// keyed by the secret key. A token therefore dies when the password changes, when the user
// logs in, when the e-mail address changes, and after Timeout. It does not die when the user
// is activated: djoser tells that "stale" case apart itself.
//
// Tokens are byte-for-byte those Django makes with the same SECRET_KEY, so links mailed by
// a Django deployment keep working after a move.
type TokenGenerator struct {
	Secret  []byte
	Timeout time.Duration
	Now     func() time.Time
}

// keySalt is PasswordResetTokenGenerator.key_salt.
const keySalt = "django.contrib.auth.tokens.PasswordResetTokenGenerator"

// epoch2001 is the origin of the timestamps: datetime(2001, 1, 1).
var epoch2001 = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)

// Make returns a token for u, valid from now.
func (g TokenGenerator) Make(u *users.User) string {
	return g.withTimestamp(u, g.seconds(g.Now()))
}

// Check reports whether token was made for u in its current state and has not expired.
func (g TokenGenerator) Check(u *users.User, token string) bool {
	if u == nil || token == "" {
		return false
	}
	tsText, _, ok := strings.Cut(token, "-")
	// Django refuses base-36 input longer than 13 characters before converting it.
	if !ok || strings.Count(token, "-") != 1 || tsText == "" || len(tsText) > 13 {
		return false
	}
	ts, err := strconv.ParseInt(tsText, 36, 64)
	if err != nil || ts < 0 {
		return false
	}
	if subtle.ConstantTimeCompare([]byte(g.withTimestamp(u, ts)), []byte(token)) != 1 {
		return false
	}
	return g.seconds(g.Now())-ts <= int64(g.Timeout/time.Second)
}

func (g TokenGenerator) seconds(t time.Time) int64 {
	return int64(t.UTC().Sub(epoch2001) / time.Second)
}

// withTimestamp is _make_token_with_timestamp: salted_hmac(key_salt, hash value, secret,
// sha256), every second hex digit.
func (g TokenGenerator) withTimestamp(u *users.User, ts int64) string {
	key := sha256.Sum256(append([]byte(keySalt), g.Secret...))
	mac := hmac.New(sha256.New, key[:])
	mac.Write([]byte(hashValue(u, ts)))
	full := hex.EncodeToString(mac.Sum(nil))
	half := make([]byte, 0, len(full)/2)
	for i := 0; i < len(full); i += 2 {
		half = append(half, full[i])
	}
	return strconv.FormatInt(ts, 36) + "-" + string(half)
}

// hashValue is _make_hash_value: id, password, last login without microseconds or zone
// (as Python prints a naive datetime), timestamp, e-mail.
func hashValue(u *users.User, ts int64) string {
	login := ""
	if u.LastLogin != nil {
		login = u.LastLogin.UTC().Format("2006-01-02 15:04:05")
	}
	return strconv.FormatInt(u.ID, 10) + u.Password + login + strconv.FormatInt(ts, 10) + u.Email
}
