package fields

import (
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// UUID is a 128-bit UUID, Django's UUIDField. It encodes to JSON as DRF's default
// hex_verbose form, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11". It is stored as 32 hex digits,
// the text Django keeps in SQLite's char(32), which PostgreSQL's uuid type also accepts.
type UUID [16]byte

// ErrInvalidUUID is returned for text or database values that are not a UUID.
var ErrInvalidUUID = errors.New("fields: invalid UUID")

// ParseUUID reads a UUID as Python's uuid.UUID(hex=s) does (see ReadUUID).
func ParseUUID(s string) (UUID, error) {
	u, ok := uuidFromHex([]rune(s))
	if !ok {
		return UUID{}, fmt.Errorf("%w: %q", ErrInvalidUUID, s)
	}
	return u, nil
}

// String is the hex_verbose form: lower case, hyphenated.
func (u UUID) String() string {
	h := hex.EncodeToString(u[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// IsZero reports whether u is the nil UUID.
func (u UUID) IsZero() bool { return u == UUID{} }

// MarshalJSON writes the hex_verbose form.
func (u UUID) MarshalJSON() ([]byte, error) { return json.Marshal(u.String()) }

// UnmarshalJSON reads any form ParseUUID reads.
func (u *UUID) UnmarshalJSON(b []byte) error {
	v, err := readJSONString(b, ParseUUID, ErrInvalidUUID)
	if err == nil {
		*u = v
	}
	return err
}

// Value implements driver.Valuer: 32 lower-case hex digits.
func (u UUID) Value() (driver.Value, error) { return hex.EncodeToString(u[:]), nil }

// Scan implements sql.Scanner: text in any form ParseUUID reads, or 16 raw bytes.
func (u *UUID) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return u.scanText(v)
	case []byte:
		if len(v) == 16 {
			copy(u[:], v)
			return nil
		}
		return u.scanText(string(v))
	case nil:
		return fmt.Errorf("%w: NULL (scan into *UUID for a nullable column)", ErrInvalidUUID)
	}
	return fmt.Errorf("%w: cannot scan %T", ErrInvalidUUID, src)
}

func (u *UUID) scanText(s string) error {
	v, err := ParseUUID(strings.TrimSpace(s))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

var uuidLimit = new(big.Int).Lsh(big.NewInt(1), 128)

// uuidFromHex is uuid.UUID(hex=s): every "urn:" and "uuid:" removed, braces stripped from
// both ends, every hyphen removed, then exactly 32 characters read by int(s, 16).
func uuidFromHex(s []rune) (UUID, bool) {
	if containsSurrogate(s) {
		return UUID{}, false // int() refuses them; Go text could not carry them anyway
	}
	t := strings.ReplaceAll(strings.ReplaceAll(string(s), "urn:", ""), "uuid:", "")
	r := []rune(strings.ReplaceAll(strings.Trim(t, "{}"), "-", ""))
	if len(r) != 32 {
		return UUID{}, false
	}
	n, ok := parsePyInt(r, 16)
	if !ok {
		return UUID{}, false
	}
	return uuidFromInt(n)
}

func uuidFromInt(n *big.Int) (UUID, bool) {
	if n.Sign() < 0 || n.Cmp(uuidLimit) >= 0 {
		return UUID{}, false
	}
	var u UUID
	n.FillBytes(u[:])
	return u, true
}

// ReadUUID reads a UUIDField: a string in any form uuid.UUID(hex=…) takes (hyphens and
// braces optional, a "urn:uuid:" prefix, any case), or an integer below 2**128 (true and
// false count as 1 and 0, as in Python). Anything else is "Must be a valid UUID.".
func ReadUUID(raw json.RawMessage) (UUID, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return UUID{}, []string{MsgInvalidUUID}
	}
	var u UUID
	ok := false
	switch v.kind {
	case pyNone:
		return UUID{}, []string{MsgNull}
	case pyStr:
		u, ok = uuidFromHex(v.runes)
	case pyInt:
		n, _ := new(big.Int).SetString(v.text, 10)
		u, ok = uuidFromInt(n)
	case pyBool:
		if v.b {
			u[15] = 1
		}
		ok = true
	}
	if !ok {
		return UUID{}, []string{MsgInvalidUUID}
	}
	return u, nil
}

// NullUUID is ReadUUID for a field that allows null: JSON null gives nil.
func NullUUID(raw json.RawMessage) (*UUID, []string) {
	if IsNull(raw) {
		return nil, nil
	}
	return ptr(ReadUUID(raw))
}
