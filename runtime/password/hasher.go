package password

import (
	"crypto/rand"
	"errors"
	"math"
	"strings"
	"unicode/utf8"
)

// Errors returned by the hashers, wrapped with the detail.
var (
	// ErrMalformed reports an encoded password that its hasher cannot parse.
	ErrMalformed = errors.New("password: malformed encoded password")
	// ErrUnsupported reports an encoded password in a variant this package cannot compute,
	// such as Argon2d or Argon2 version 1.0.
	ErrUnsupported = errors.New("password: unsupported encoded password")
	// ErrCost reports hasher settings that cannot produce a hash.
	ErrCost = errors.New("password: invalid hasher cost")
)

// A Hasher turns passwords into one of Django's encoded formats, "<algorithm>$…", and checks
// passwords against them. Implementations are safe for concurrent use.
type Hasher interface {
	// Algorithm is the prefix of the encoded passwords, Django's hasher.algorithm.
	Algorithm() string
	// Encode hashes password with a fresh random salt.
	Encode(password string) (string, error)
	// Verify reports whether password matches encoded, comparing in constant time. An error
	// means encoded is not this hasher's format, or a variant it cannot compute.
	Verify(password, encoded string) (bool, error)
	// NeedsUpdate reports whether encoded was made with other settings than the hasher's
	// current ones (cost, variant, a salt with too little entropy), so that the password
	// should be encoded again once it is known: Django's must_update.
	NeedsUpdate(encoded string) bool
}

// A Hardener is a Hasher whose verification time depends on a work factor stored in the
// encoded password. HardenRuntime spends the time that verifying with the hasher's current
// work factor would have taken beyond verifying encoded, so that a failed login does not
// reveal that a user's hash is older: Django's harden_runtime.
type Hardener interface {
	HardenRuntime(password, encoded string)
}

// saltChars is Django's RANDOM_STRING_CHARS, the alphabet of salts and unusable passwords.
const saltChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// saltEntropy is Django's BasePasswordHasher.salt_entropy, in bits.
const saltEntropy = 128

// saltLength is how many saltChars carry saltEntropy bits: Django's 22.
var saltLength = int(math.Ceil(saltEntropy / math.Log2(float64(len(saltChars)))))

// newSalt is Django's BasePasswordHasher.salt().
func newSalt() string { return randomString(saltLength) }

// saltTooWeak is Django's must_update_salt: whether a salt of n characters from saltChars
// carries less than saltEntropy bits.
func saltTooWeak(n int) bool {
	return float64(n)*math.Log2(float64(len(saltChars))) < saltEntropy
}

// saltTooWeakString counts the salt's characters as Python does: code points.
func saltTooWeakString(salt string) bool { return saltTooWeak(utf8.RuneCountInString(salt)) }

// randomString is Django's get_random_string: n characters of saltChars drawn uniformly
// from crypto/rand.
func randomString(n int) string {
	// Bytes at or above the largest multiple of len(saltChars) are dropped so that every
	// character is equally likely.
	const limit = 256 - 256%len(saltChars)
	var b strings.Builder
	b.Grow(n)
	buf := make([]byte, n+n/2)
	for b.Len() < n {
		rand.Read(buf) // never fails: crypto/rand crashes the program instead (Go 1.24+)
		for _, c := range buf {
			if int(c) < limit && b.Len() < n {
				b.WriteByte(saltChars[int(c)%len(saltChars)])
			}
		}
	}
	return b.String()
}

// splitAlgorithm returns the part of encoded before its first "$": Django's identify_hasher
// (without the unsalted MD5 and SHA-1 formats of Django 1.x, which have no hasher here).
func splitAlgorithm(encoded string) string {
	algorithm, _, _ := strings.Cut(encoded, "$")
	return algorithm
}
