package password

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// DefaultPBKDF2Iterations is Django 3.2's PBKDF2PasswordHasher.iterations.
const DefaultPBKDF2Iterations = 260000

// PBKDF2 is Django's PBKDF2PasswordHasher: PBKDF2-HMAC-SHA256 with a 32-byte key, encoded as
//
//	pbkdf2_sha256$<iterations>$<salt>$<base64 key>
//
// It reads the hashes of a Django database as they are; the zero value uses Django 3.2's cost.
type PBKDF2 struct {
	// Iterations of the HMAC for new hashes; zero means DefaultPBKDF2Iterations. Hashes with
	// another count still verify, and NeedsUpdate reports them.
	Iterations int
}

func (h PBKDF2) iterations() int {
	if h.Iterations == 0 {
		return DefaultPBKDF2Iterations
	}
	return h.Iterations
}

// Algorithm returns "pbkdf2_sha256".
func (PBKDF2) Algorithm() string { return "pbkdf2_sha256" }

// Encode hashes password with a fresh 22-character salt, as Django's make_password.
func (h PBKDF2) Encode(password string) (string, error) {
	return h.encode(password, newSalt(), h.iterations())
}

// encode is Django's PBKDF2PasswordHasher.encode with an explicit salt and iteration count.
func (h PBKDF2) encode(password, salt string, iterations int) (string, error) {
	if iterations < 1 {
		return "", fmt.Errorf("%w: pbkdf2 iterations %d, must be at least 1", ErrCost, iterations)
	}
	if salt == "" || strings.Contains(salt, "$") {
		return "", fmt.Errorf("%w: pbkdf2 salt is empty or contains $", ErrMalformed)
	}
	key, err := pbkdf2.Key(sha256.New, password, []byte(salt), iterations, sha256.Size)
	if err != nil {
		return "", fmt.Errorf("password: pbkdf2: %w", err)
	}
	return fmt.Sprintf("%s$%d$%s$%s", h.Algorithm(), iterations, salt,
		base64.StdEncoding.EncodeToString(key)), nil
}

type pbkdf2Hash struct {
	iterations int
	salt       string
}

// decode splits encoded as Django's decode does: the key is everything after the third "$".
func (h PBKDF2) decode(encoded string) (pbkdf2Hash, error) {
	parts := strings.SplitN(encoded, "$", 4)
	if len(parts) != 4 || parts[0] != h.Algorithm() {
		return pbkdf2Hash{}, fmt.Errorf("%w: not %s$<iterations>$<salt>$<hash>", ErrMalformed, h.Algorithm())
	}
	iterations, err := strconv.Atoi(parts[1])
	if err != nil || iterations < 1 {
		return pbkdf2Hash{}, fmt.Errorf("%w: pbkdf2 iterations %q", ErrMalformed, parts[1])
	}
	if parts[2] == "" {
		return pbkdf2Hash{}, fmt.Errorf("%w: empty pbkdf2 salt", ErrMalformed)
	}
	return pbkdf2Hash{iterations: iterations, salt: parts[2]}, nil
}

// Verify encodes password again with the salt and iteration count of encoded and compares
// the two encodings in constant time, as Django does; so an encoding that is not canonical
// (an iteration count with a leading zero, say) never matches.
func (h PBKDF2) Verify(password, encoded string) (bool, error) {
	d, err := h.decode(encoded)
	if err != nil {
		return false, err
	}
	again, err := h.encode(password, d.salt, d.iterations)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare([]byte(encoded), []byte(again)) == 1, nil
}

// NeedsUpdate reports another iteration count than the hasher's, or a salt shorter than
// Django's 22 characters. An encoding it cannot read needs updating too.
func (h PBKDF2) NeedsUpdate(encoded string) bool {
	d, err := h.decode(encoded)
	if err != nil {
		return true
	}
	return d.iterations != h.iterations() || saltTooWeakString(d.salt)
}

// HardenRuntime runs the iterations that encoded lacks compared with the hasher's count, so
// that a wrong password costs the same whatever count the user's hash was made with.
func (h PBKDF2) HardenRuntime(password, encoded string) {
	d, err := h.decode(encoded)
	if err != nil {
		return
	}
	if extra := h.iterations() - d.iterations; extra > 0 {
		_, _ = h.encode(password, d.salt, extra)
	}
}
