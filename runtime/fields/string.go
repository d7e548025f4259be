package fields

import (
	"bytes"
	"encoding/json"
)

// IsNull reports whether a present raw value is JSON null.
func IsNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// StringOpts configures a CharField (and a TextField, which is one without MaxLength).
// The zero value is DRF's default: no length limits, blank refused, white space trimmed.
type StringOpts struct {
	MaxLength  int  // characters (code points); 0 means no limit
	MinLength  int  // characters; 0 means no limit
	AllowBlank bool // accept "" (and, when trimming, white space only) as ""
	// KeepWhitespace is DRF's trim_whitespace=False. It is spelled the other way round so
	// that the zero value trims, as DRF does unless told otherwise.
	KeepWhitespace bool
	// Validators are the model field's validators, which a ModelSerializer hands to the
	// field: they run on the trimmed text before the CharField's own checks (length, NUL
	// characters, surrogates), and every message of every check is kept, in that order.
	Validators []func(string) []string
}

// String reads a CharField. Strings are taken as they are, numbers as Python prints them
// (12 → "12", 1.0 → "1.0", 1e16 → "1e+16"); booleans, lists and objects are "Not a valid
// string.". After trimming (Python's str.strip) it checks, reporting every failure as DRF
// does: max length, min length, NUL characters, lone surrogates.
func String(raw json.RawMessage, o StringOpts) (string, []string) {
	if s, ok := plainText(raw); ok {
		if msgs := o.check(s, len(s)); msgs != nil {
			return "", msgs
		}
		return s, nil
	}
	v, err := parsePy(raw)
	if err != nil {
		return "", []string{MsgInvalidString}
	}
	if v.kind == pyNone {
		return "", []string{MsgNull}
	}
	return charField(v, o, MsgInvalidString, nil)
}

// NullString is String for a field that allows null: JSON null gives nil.
func NullString(raw json.RawMessage, o StringOpts) (*string, []string) {
	if IsNull(raw) {
		return nil, nil
	}
	return ptr(String(raw, o))
}

// charField is CharField.run_validation for a present, non-null value; invalid is the
// field's "invalid" message and validate runs after the CharField validators.
func charField(v pyValue, o StringOpts, invalid string, validate func([]rune) []string) (string, []string) {
	if v.kind == pyStr && (len(v.runes) == 0 || !o.KeepWhitespace && len(pyStrip(v.runes)) == 0) {
		// DRF tests for blank before anything else, so no other validator sees "".
		if !o.AllowBlank {
			return "", []string{MsgBlank}
		}
		return "", nil
	}
	if v.kind != pyStr && v.kind != pyInt && v.kind != pyFloat {
		return "", []string{invalid}
	}
	s := pyStrRunes(v)
	if !o.KeepWhitespace {
		s = pyStrip(s)
	}
	text := string(s)
	msgs := o.check(text, len(s))
	if containsRune(s, 0) {
		msgs = append(msgs, MsgNullCharacters)
	}
	for _, r := range s {
		if isSurrogate(r) {
			msgs = append(msgs, MsgSurrogate(r))
			break
		}
	}
	if validate != nil {
		msgs = append(msgs, validate(s)...)
	}
	if msgs != nil {
		return "", msgs
	}
	return text, nil
}

// check runs the validators on the trimmed text, then the length limits on its n code points.
func (o StringOpts) check(text string, n int) []string {
	var msgs []string
	for _, v := range o.Validators {
		msgs = append(msgs, v(text)...)
	}
	if o.MaxLength > 0 && n > o.MaxLength {
		msgs = append(msgs, MsgMaxLength(o.MaxLength))
	}
	if o.MinLength > 0 && n < o.MinLength {
		msgs = append(msgs, MsgMinLength(o.MinLength))
	}
	return msgs
}

// plainText returns the text of raw when raw is a JSON string of printable ASCII with no
// escapes and no space at either end: what a CharField reads most often, and text that
// Python's reading would leave as it is (nothing to unescape or trim, no NUL, no
// surrogate), so that String can skip that reading.
func plainText(raw json.RawMessage) (string, bool) {
	n := len(raw)
	if n < 3 || raw[0] != '"' || raw[n-1] != '"' || raw[1] == ' ' || raw[n-2] == ' ' {
		return "", false
	}
	for _, c := range raw[1 : n-1] {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return "", false
		}
	}
	return string(raw[1 : n-1]), true
}

func isSurrogate(r rune) bool { return r >= 0xD800 && r <= 0xDFFF }

func containsSurrogate(s []rune) bool {
	for _, r := range s {
		if isSurrogate(r) {
			return true
		}
	}
	return false
}

// ptr turns a reader's (value, messages) into the nullable form's (pointer, messages).
func ptr[T any](v T, msgs []string) (*T, []string) {
	if msgs != nil {
		return nil, msgs
	}
	return &v, nil
}
