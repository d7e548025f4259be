package jwtauth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/authgen/authgen/runtime/db"
)

// Opaque is DRF's token authentication (rest_framework.authtoken): one random key per user
// in authtoken_token, sent as "Authorization: Token <key>". It is safe for concurrent use.
type Opaque struct {
	db *db.DB
}

// NewOpaque returns the opaque tokens stored in d.
func NewOpaque(d *db.DB) *Opaque { return &Opaque{db: d} }

// keyLen is authtoken_token.key's varchar(40): DRF's keys are 20 random bytes in hex.
const keyLen = 40

// generateKey is Token.generate_key: binascii.hexlify(os.urandom(20)).
func generateKey() string {
	var b [keyLen / 2]byte
	rand.Read(b[:]) // never fails: crypto/rand crashes the program instead (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// GetOrCreate is Token.objects.get_or_create(user=user), what djoser's token login does:
// the user's key, made on first use. Concurrent calls for one user return the same key.
func (o *Opaque) GetOrCreate(ctx context.Context, userID int64) (string, error) {
	for attempt := 0; ; attempt++ {
		var key string
		err := o.db.QueryRowContext(ctx, `SELECT "key" FROM authtoken_token WHERE user_id = $1`, userID).Scan(&key)
		if err == nil {
			return key, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("jwtauth: get token: %w", err)
		}
		// Nothing happens on conflict: either another request made the user's key (read
		// it on the next turn) or the new key collided with another user's (try another).
		if attempt == 3 {
			return "", fmt.Errorf("jwtauth: create token for user %d: no key after %d attempts", userID, attempt)
		}
		if _, err := o.db.ExecContext(ctx,
			`INSERT INTO authtoken_token ("key", created, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			generateKey(), dbTime(time.Now()), userID); err != nil {
			return "", fmt.Errorf("jwtauth: create token: %w", err)
		}
	}
}

// Lookup is TokenAuthentication.authenticate_credentials without loading the user: the
// user id of key, or "Invalid token.". The row is found by its primary key and the key
// compared again in constant time, so no comparison in Go depends on how much of a guess
// was right.
func (o *Opaque) Lookup(ctx context.Context, key string) (int64, error) {
	// What cannot be in the column is refused before the query: longer than its
	// varchar(40), or with a NUL, which PostgreSQL rejects as text.
	if key == "" || utf8.RuneCountInString(key) > keyLen || strings.IndexByte(key, 0) >= 0 || !utf8.ValidString(key) {
		return 0, drfAuthFailed(msgOpaqueInvalid, ErrInvalid)
	}
	var stored string
	var userID int64
	err := o.db.QueryRowContext(ctx, `SELECT "key", user_id FROM authtoken_token WHERE "key" = $1`, key).Scan(&stored, &userID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, drfAuthFailed(msgOpaqueInvalid, ErrInvalid)
	}
	if err != nil {
		return 0, fmt.Errorf("jwtauth: look up token: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(stored), []byte(key)) != 1 {
		return 0, drfAuthFailed(msgOpaqueInvalid, ErrInvalid)
	}
	return userID, nil
}

// Delete removes the user's key (djoser's token logout). No key is not an error.
func (o *Opaque) Delete(ctx context.Context, userID int64) error {
	if _, err := o.db.ExecContext(ctx, `DELETE FROM authtoken_token WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("jwtauth: delete token: %w", err)
	}
	return nil
}

// Authenticate is TokenAuthentication.authenticate without loading the user; its results
// mean what Tokens.Authenticate's do. The scheme word "Token" is matched
// case-insensitively, as DRF does. The caller answers OpaqueUserInactive for an inactive
// or missing user.
func (o *Opaque) Authenticate(r *http.Request) (userID int64, ok bool, err error) {
	parts, n := splitHeader(r.Header.Get("Authorization"))
	if n == 0 || !asciiEqualFold(parts[0], "token") {
		return 0, false, nil
	}
	switch {
	case n == 1:
		return 0, false, drfAuthFailed(msgOpaqueNoCreds, ErrBadHeader)
	case n > 2:
		return 0, false, drfAuthFailed(msgOpaqueSpaces, ErrBadHeader)
	case !utf8.ValidString(parts[1]):
		return 0, false, drfAuthFailed(msgOpaqueChars, ErrBadHeader)
	}
	id, err := o.Lookup(r.Context(), parts[1])
	if err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// AuthenticateHeader is the WWW-Authenticate value under token authentication: "Token".
func (o *Opaque) AuthenticateHeader() string { return "Token" }

// asciiEqualFold is bytes.lower() == want for an ASCII lower-case want; strings.EqualFold
// would also fold Unicode (the Kelvin sign K matches k).
func asciiEqualFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
