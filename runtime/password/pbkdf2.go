package password

import (
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"hash"
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
func (PBKDF2) Algorithm() string { return pbkdf2SHA256.algorithm }

// Encode hashes password with a fresh 22-character salt, as Django's make_password.
func (h PBKDF2) Encode(password string) (string, error) {
	return pbkdf2SHA256.encode(password, newSalt(), h.iterations())
}

// encode is Django's PBKDF2PasswordHasher.encode with an explicit salt and iteration count.
func (h PBKDF2) encode(password, salt string, iterations int) (string, error) {
	return pbkdf2SHA256.encode(password, salt, iterations)
}

// Verify encodes password again with the salt and iteration count of encoded and compares
// the two encodings in constant time, as Django does; so an encoding that is not canonical
// (an iteration count with a leading zero, say) never matches.
func (h PBKDF2) Verify(password, encoded string) (bool, error) {
	return pbkdf2SHA256.verify(password, encoded)
}

// NeedsUpdate reports another iteration count than the hasher's, or a salt shorter than
// Django's 22 characters. An encoding it cannot read needs updating too.
func (h PBKDF2) NeedsUpdate(encoded string) bool {
	return pbkdf2SHA256.needsUpdate(encoded, h.iterations())
}

// HardenRuntime runs the iterations that encoded lacks compared with the hasher's count, so
// that a wrong password costs the same whatever count the user's hash was made with.
func (h PBKDF2) HardenRuntime(password, encoded string) {
	pbkdf2SHA256.harden(password, encoded, h.iterations())
}

// PBKDF2SHA1 is Django's PBKDF2SHA1PasswordHasher, the second of Django's default
// PASSWORD_HASHERS: PBKDF2-HMAC-SHA1 with a 20-byte key, encoded as
//
//	pbkdf2_sha1$<iterations>$<salt>$<base64 key>
//
// Listed after another hasher it lets the users of a Django database whose hashes Django
// made with it log in (and get the first hasher's hash). The zero value uses Django 3.2's
// cost.
type PBKDF2SHA1 struct {
	// Iterations of the HMAC for new hashes; zero means DefaultPBKDF2Iterations.
	Iterations int
}

func (h PBKDF2SHA1) iterations() int {
	if h.Iterations == 0 {
		return DefaultPBKDF2Iterations
	}
	return h.Iterations
}

// Algorithm returns "pbkdf2_sha1".
func (PBKDF2SHA1) Algorithm() string { return pbkdf2SHA1.algorithm }

// Encode hashes password with a fresh 22-character salt.
func (h PBKDF2SHA1) Encode(password string) (string, error) {
	return pbkdf2SHA1.encode(password, newSalt(), h.iterations())
}

// Verify compares as PBKDF2's Verify does.
func (h PBKDF2SHA1) Verify(password, encoded string) (bool, error) {
	return pbkdf2SHA1.verify(password, encoded)
}

// NeedsUpdate reports another iteration count or a weak salt, as PBKDF2's does.
func (h PBKDF2SHA1) NeedsUpdate(encoded string) bool {
	return pbkdf2SHA1.needsUpdate(encoded, h.iterations())
}

// HardenRuntime runs the iterations that encoded lacks, as PBKDF2's does.
func (h PBKDF2SHA1) HardenRuntime(password, encoded string) {
	pbkdf2SHA1.harden(password, encoded, h.iterations())
}

// pbkdf2Variant is what Django's two PBKDF2 hashers differ in.
type pbkdf2Variant struct {
	algorithm string
	digest    func() hash.Hash
	size      int // bytes of the derived key: the digest's size, as Django's dklen=None
}

var (
	pbkdf2SHA256 = pbkdf2Variant{algorithm: "pbkdf2_sha256", digest: sha256.New, size: sha256.Size}
	pbkdf2SHA1   = pbkdf2Variant{algorithm: "pbkdf2_sha1", digest: sha1.New, size: sha1.Size}
)

func (v pbkdf2Variant) encode(password, salt string, iterations int) (string, error) {
	if iterations < 1 {
		return "", fmt.Errorf("%w: pbkdf2 iterations %d, must be at least 1", ErrCost, iterations)
	}
	if salt == "" || strings.Contains(salt, "$") {
		return "", fmt.Errorf("%w: pbkdf2 salt is empty or contains $", ErrMalformed)
	}
	key, err := pbkdf2.Key(v.digest, password, []byte(salt), iterations, v.size)
	if err != nil {
		return "", fmt.Errorf("password: pbkdf2: %w", err)
	}
	return fmt.Sprintf("%s$%d$%s$%s", v.algorithm, iterations, salt,
		base64.StdEncoding.EncodeToString(key)), nil
}

type pbkdf2Hash struct {
	iterations int
	salt       string
}

// decode splits encoded as Django's decode does: the key is everything after the third "$".
func (v pbkdf2Variant) decode(encoded string) (pbkdf2Hash, error) {
	parts := strings.SplitN(encoded, "$", 4)
	if len(parts) != 4 || parts[0] != v.algorithm {
		return pbkdf2Hash{}, fmt.Errorf("%w: not %s$<iterations>$<salt>$<hash>", ErrMalformed, v.algorithm)
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

func (v pbkdf2Variant) verify(password, encoded string) (bool, error) {
	d, err := v.decode(encoded)
	if err != nil {
		return false, err
	}
	again, err := v.encode(password, d.salt, d.iterations)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare([]byte(encoded), []byte(again)) == 1, nil
}

func (v pbkdf2Variant) needsUpdate(encoded string, iterations int) bool {
	d, err := v.decode(encoded)
	if err != nil {
		return true
	}
	return d.iterations != iterations || saltTooWeakString(d.salt)
}

func (v pbkdf2Variant) harden(password, encoded string, iterations int) {
	d, err := v.decode(encoded)
	if err != nil {
		return
	}
	if extra := iterations - d.iterations; extra > 0 {
		_, _ = v.encode(password, d.salt, extra)
	}
}
