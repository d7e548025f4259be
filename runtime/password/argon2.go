package password

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Django 3.2's Argon2PasswordHasher settings.
const (
	DefaultArgon2MemoryKiB   = 102400
	DefaultArgon2Iterations  = 2
	DefaultArgon2Parallelism = 8
)

// argon2KeyLength is argon2-cffi's DEFAULT_HASH_LENGTH, which Django uses.
const argon2KeyLength = 16

// Argon2 is Django's Argon2PasswordHasher: Argon2id, version 19, a 16-byte key, encoded as
//
//	argon2$argon2id$v=19$m=<memory KiB>,t=<iterations>,p=<parallelism>$<salt>$<key>
//
// with salt and key in unpadded standard base64 (the PHC string of the reference
// implementation after Django's "argon2" prefix). Like Django, the salt is 22 random
// alphanumeric characters, and its base64 is what appears in the hash. Verify also accepts
// Argon2i version 19 hashes (Django before 3.2 made those); Argon2d and version 16 hashes are
// reported with ErrUnsupported. The zero value uses Django 3.2's cost.
type Argon2 struct {
	// MemoryKiB is the memory cost m in KiB; zero means DefaultArgon2MemoryKiB. It must be at
	// least 8 KiB per lane.
	MemoryKiB uint32
	// Iterations is the time cost t; zero means DefaultArgon2Iterations.
	Iterations uint32
	// Parallelism is the number of lanes p; zero means DefaultArgon2Parallelism.
	Parallelism uint8
}

func (h Argon2) cost() (memory, iterations uint32, parallelism uint8) {
	memory, iterations, parallelism = h.MemoryKiB, h.Iterations, h.Parallelism
	if memory == 0 {
		memory = DefaultArgon2MemoryKiB
	}
	if iterations == 0 {
		iterations = DefaultArgon2Iterations
	}
	if parallelism == 0 {
		parallelism = DefaultArgon2Parallelism
	}
	return memory, iterations, parallelism
}

// Algorithm returns "argon2".
func (Argon2) Algorithm() string { return "argon2" }

// Encode hashes password with a fresh 22-character salt, as Django's make_password.
func (h Argon2) Encode(password string) (string, error) {
	return h.encode(password, newSalt())
}

// encode is Django's Argon2PasswordHasher.encode with an explicit salt.
func (h Argon2) encode(password, salt string) (string, error) {
	memory, iterations, parallelism := h.cost()
	if memory < 8*uint32(parallelism) {
		return "", fmt.Errorf("%w: argon2 memory %d KiB is below 8 KiB for each of %d lanes",
			ErrCost, memory, parallelism)
	}
	key := argon2.IDKey([]byte(password), []byte(salt), iterations, memory, parallelism, argon2KeyLength)
	return fmt.Sprintf("%s$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", h.Algorithm(), argon2.Version,
		memory, iterations, parallelism,
		base64.RawStdEncoding.EncodeToString([]byte(salt)),
		base64.RawStdEncoding.EncodeToString(key)), nil
}

// argon2Hash is a parsed Argon2 encoding.
type argon2Hash struct {
	variant            string // "argon2id" or "argon2i"
	version            int
	memory, iterations uint32
	parallelism        uint8
	salt, key          []byte
}

// decode parses encoded with the rules of the reference implementation's decode_string:
// fields in order, decimal numbers, unpadded base64, and its minimum salt and key lengths.
func (h Argon2) decode(encoded string) (argon2Hash, error) {
	rest, ok := strings.CutPrefix(encoded, h.Algorithm()+"$")
	if !ok {
		return argon2Hash{}, fmt.Errorf("%w: no %s$ prefix", ErrMalformed, h.Algorithm())
	}
	fields := strings.Split(rest, "$")
	var d argon2Hash
	switch {
	case len(fields) == 4:
		return argon2Hash{}, fmt.Errorf("%w: argon2 version 16 (no v= field)", ErrUnsupported)
	case len(fields) != 5:
		return argon2Hash{}, fmt.Errorf("%w: argon2 hash has %d fields, want 5", ErrMalformed, len(fields))
	}
	switch d.variant = fields[0]; d.variant {
	case "argon2id", "argon2i":
	case "argon2d":
		return argon2Hash{}, fmt.Errorf("%w: argon2d", ErrUnsupported)
	default:
		return argon2Hash{}, fmt.Errorf("%w: argon2 variant %q", ErrMalformed, d.variant)
	}
	version, ok := strings.CutPrefix(fields[1], "v=")
	if !ok {
		return argon2Hash{}, fmt.Errorf("%w: argon2 version field %q", ErrMalformed, fields[1])
	}
	v, err := parseDecimal(version)
	if err != nil {
		return argon2Hash{}, fmt.Errorf("%w: argon2 version %q", ErrMalformed, version)
	}
	if d.version = int(v); d.version != argon2.Version {
		return argon2Hash{}, fmt.Errorf("%w: argon2 version %d", ErrUnsupported, d.version)
	}
	if err := d.parseCost(fields[2]); err != nil {
		return argon2Hash{}, err
	}
	if d.salt, err = base64.RawStdEncoding.DecodeString(fields[3]); err != nil || len(d.salt) < 8 {
		return argon2Hash{}, fmt.Errorf("%w: argon2 salt %q", ErrMalformed, fields[3])
	}
	if d.key, err = base64.RawStdEncoding.DecodeString(fields[4]); err != nil || len(d.key) < 4 {
		return argon2Hash{}, fmt.Errorf("%w: argon2 hash %q", ErrMalformed, fields[4])
	}
	return d, nil
}

// parseCost reads "m=<memory>,t=<iterations>,p=<parallelism>".
func (d *argon2Hash) parseCost(field string) error {
	var values [3]uint32
	parts := strings.Split(field, ",")
	if len(parts) != len(values) {
		return fmt.Errorf("%w: argon2 cost %q", ErrMalformed, field)
	}
	for i, name := range []string{"m=", "t=", "p="} {
		digits, ok := strings.CutPrefix(parts[i], name)
		v, err := parseDecimal(digits)
		if !ok || err != nil {
			return fmt.Errorf("%w: argon2 cost %q", ErrMalformed, field)
		}
		values[i] = v
	}
	memory, iterations, parallelism := values[0], values[1], values[2]
	switch {
	case iterations < 1 || parallelism < 1 || uint64(memory) < 8*uint64(parallelism):
		return fmt.Errorf("%w: argon2 cost %q out of range", ErrMalformed, field)
	case parallelism > 255:
		// The reference allows up to 2^24-1 lanes; x/crypto/argon2 takes a uint8.
		return fmt.Errorf("%w: argon2 parallelism %d above 255", ErrUnsupported, parallelism)
	}
	d.memory, d.iterations, d.parallelism = memory, iterations, uint8(parallelism)
	return nil
}

// parseDecimal accepts only ASCII digits, as the reference's decode_decimal.
func parseDecimal(s string) (uint32, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, strconv.ErrSyntax
	}
	v, err := strconv.ParseUint(s, 10, 32)
	return uint32(v), err
}

// Verify computes the key of password with the variant, cost, salt and key length of
// encoded, whatever the hasher's own cost, and compares it in constant time.
func (h Argon2) Verify(password, encoded string) (bool, error) {
	d, err := h.decode(encoded)
	if err != nil {
		return false, err
	}
	derive := argon2.IDKey
	if d.variant == "argon2i" {
		derive = argon2.Key
	}
	key := derive([]byte(password), d.salt, d.iterations, d.memory, d.parallelism, uint32(len(d.key)))
	return subtle.ConstantTimeCompare(key, d.key) == 1, nil
}

// NeedsUpdate reports, as Django's must_update, a hash whose variant, version, cost or key
// length differs from what Encode makes, or whose salt is shorter than 22 bytes (the 16-byte
// salts of argon2-cffi's own PasswordHasher included). An encoding it cannot read needs
// updating too.
func (h Argon2) NeedsUpdate(encoded string) bool {
	d, err := h.decode(encoded)
	if err != nil {
		return true
	}
	memory, iterations, parallelism := h.cost()
	return d.variant != "argon2id" || d.version != argon2.Version ||
		d.memory != memory || d.iterations != iterations || d.parallelism != parallelism ||
		len(d.key) != argon2KeyLength || saltTooWeak(len(d.salt))
}
