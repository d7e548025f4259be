package password

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// DefaultBcryptRounds is Django's BCryptSHA256PasswordHasher.rounds: bcrypt's log2 cost.
const DefaultBcryptRounds = 12

// bcryptMaxInput is what bcrypt reads of its input; Django's library ignores the rest.
const bcryptMaxInput = 72

// BcryptSHA256 is Django's BCryptSHA256PasswordHasher, the fourth of Django's default
// PASSWORD_HASHERS: bcrypt of the hex SHA-256 of the password (so that every byte of a long
// password counts), encoded as
//
//	bcrypt_sha256$$2b$<rounds>$<salt and hash>
//
// The zero value uses Django's 12 rounds.
type BcryptSHA256 struct {
	// Rounds is the log2 cost of new hashes; zero means DefaultBcryptRounds.
	Rounds int
}

// Bcrypt is Django's BCryptPasswordHasher: bcrypt of the password itself, of which bcrypt
// reads the first 72 bytes, encoded as bcrypt$$2b$<rounds>$<salt and hash>. The zero value
// uses Django's 12 rounds.
type Bcrypt struct {
	// Rounds is the log2 cost of new hashes; zero means DefaultBcryptRounds.
	Rounds int
}

// Algorithm returns "bcrypt_sha256".
func (BcryptSHA256) Algorithm() string { return bcryptSHA256.algorithm }

// Encode hashes password with a fresh salt.
func (h BcryptSHA256) Encode(password string) (string, error) {
	return bcryptSHA256.encode(password, h.Rounds)
}

// Verify reports whether password matches encoded; bcrypt compares in constant time.
func (h BcryptSHA256) Verify(password, encoded string) (bool, error) {
	return bcryptSHA256.verify(password, encoded)
}

// NeedsUpdate reports another cost than the hasher's.
func (h BcryptSHA256) NeedsUpdate(encoded string) bool {
	return bcryptSHA256.needsUpdate(encoded, h.Rounds)
}

// Algorithm returns "bcrypt".
func (Bcrypt) Algorithm() string { return bcryptPlain.algorithm }

// Encode hashes password with a fresh salt.
func (h Bcrypt) Encode(password string) (string, error) {
	return bcryptPlain.encode(password, h.Rounds)
}

// Verify reports whether password matches encoded; bcrypt compares in constant time.
func (h Bcrypt) Verify(password, encoded string) (bool, error) {
	return bcryptPlain.verify(password, encoded)
}

// NeedsUpdate reports another cost than the hasher's.
func (h Bcrypt) NeedsUpdate(encoded string) bool { return bcryptPlain.needsUpdate(encoded, h.Rounds) }

// bcryptVariant is what Django's two bcrypt hashers differ in.
type bcryptVariant struct {
	algorithm string
	prehash   bool // the hex SHA-256 of the password is hashed, not the password
}

var (
	bcryptSHA256 = bcryptVariant{algorithm: "bcrypt_sha256", prehash: true}
	bcryptPlain  = bcryptVariant{algorithm: "bcrypt"}
)

func (v bcryptVariant) input(password string) []byte {
	if v.prehash {
		sum := sha256.Sum256([]byte(password))
		return []byte(hex.EncodeToString(sum[:]))
	}
	in := []byte(password)
	return in[:min(len(in), bcryptMaxInput)]
}

func (v bcryptVariant) encode(password string, rounds int) (string, error) {
	if rounds == 0 {
		rounds = DefaultBcryptRounds
	}
	if rounds < bcrypt.MinCost || rounds > bcrypt.MaxCost {
		return "", fmt.Errorf("%w: bcrypt rounds %d, must be between %d and %d", ErrCost, rounds, bcrypt.MinCost, bcrypt.MaxCost)
	}
	hash, err := bcrypt.GenerateFromPassword(v.input(password), rounds)
	if err != nil {
		return "", fmt.Errorf("password: bcrypt: %w", err)
	}
	// Go writes version 2a, Python's bcrypt 2b: the same hash for inputs of at most 72 bytes,
	// which is all bcrypt reads. Django's prefix keeps the encodings alike.
	return v.algorithm + "$" + strings.Replace(string(hash), "$2a$", "$2b$", 1), nil
}

// hash returns the bcrypt part of encoded.
func (v bcryptVariant) hash(encoded string) ([]byte, error) {
	data, ok := strings.CutPrefix(encoded, v.algorithm+"$")
	if !ok || !strings.HasPrefix(data, "$2") {
		return nil, fmt.Errorf("%w: not %s$<bcrypt hash>", ErrMalformed, v.algorithm)
	}
	return []byte(data), nil
}

func (v bcryptVariant) verify(password, encoded string) (bool, error) {
	hash, err := v.hash(encoded)
	if err != nil {
		return false, err
	}
	err = bcrypt.CompareHashAndPassword(hash, v.input(password))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, bcrypt.ErrMismatchedHashAndPassword):
		return false, nil
	}
	return false, fmt.Errorf("%w: %w", ErrMalformed, err)
}

func (v bcryptVariant) needsUpdate(encoded string, rounds int) bool {
	if rounds == 0 {
		rounds = DefaultBcryptRounds
	}
	hash, err := v.hash(encoded)
	if err != nil {
		return true
	}
	cost, err := bcrypt.Cost(hash)
	return err != nil || cost != rounds
}
