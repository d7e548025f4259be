package httpx

import (
	"bytes"
	"encoding/json"
	"net/mail"
	"strings"
)

// The field readers below turn one raw JSON value into a Go value the way DRF's fields do
// (CharField, EmailField, BooleanField, …), returning DRF's message on failure. ok is false
// when the key was absent: the caller decides whether that is "This field is required.".

// IsNull reports whether a present raw value is JSON null.
func IsNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// String reads a CharField: strings, and numbers as their text (DRF accepts 1 for "1").
// Surrounding white space is trimmed, as DRF's trim_whitespace does.
func String(raw json.RawMessage) (string, string) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), ""
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), ""
	}
	return "", MsgInvalidString
}

// Email reads an EmailField.
func Email(raw json.RawMessage) (string, string) {
	s, msg := String(raw)
	if msg != "" {
		return "", msg
	}
	if s == "" {
		return "", ""
	}
	if !ValidEmail(s) {
		return "", MsgInvalidEmail
	}
	return s, ""
}

// ValidEmail approximates Django's EmailValidator: one @, a user part, a dotted domain, no
// display name or spaces.
func ValidEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t\r\n<>") {
		return false
	}
	domain := s[at+1:]
	if !strings.Contains(domain, ".") && domain != "localhost" {
		return false
	}
	if strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return false
	}
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s
}

// Bool reads a BooleanField with DRF's accepted spellings.
func Bool(raw json.RawMessage) (bool, string) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return false, MsgInvalidBool
	}
	switch t := v.(type) {
	case bool:
		return t, ""
	case float64:
		if t == 1 {
			return true, ""
		}
		if t == 0 {
			return false, ""
		}
	case string:
		switch strings.ToLower(t) {
		case "true", "1", "yes", "y", "t", "on":
			return true, ""
		case "false", "0", "no", "n", "f", "off":
			return false, ""
		}
	}
	return false, MsgInvalidBool
}
