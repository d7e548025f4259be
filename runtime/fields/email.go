package fields

import (
	"encoding/json"
	"net/netip"
	"regexp"
	"strings"
)

// Email reads an EmailField: a CharField (same options, same messages) whose value must
// also pass Django's EmailValidator; a value that is no string at all is "Enter a valid
// email address." too, as EmailField renames CharField's "invalid" message.
func Email(raw json.RawMessage, o StringOpts) (string, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return "", []string{MsgInvalidEmail}
	}
	if v.kind == pyNone {
		return "", []string{MsgNull}
	}
	return charField(v, o, MsgInvalidEmail, validateEmail)
}

// NullEmail is Email for a field that allows null: JSON null gives nil.
func NullEmail(raw json.RawMessage, o StringOpts) (*string, []string) {
	if IsNull(raw) {
		return nil, nil
	}
	return ptr(Email(raw, o))
}

func validateEmail(s []rune) []string {
	if !ValidEmail(string(s)) || containsSurrogate(s) {
		return []string{MsgInvalidEmail}
	}
	return nil
}

// Python's re.IGNORECASE lets [A-Z] match four non-ASCII letters too: İ ı ſ K.
const foldLetters = `A-Za-z\x{130}\x{131}\x{17F}\x{212A}`

var (
	emailUser = regexp.MustCompile(
		"^[-!#$%&'*+/=?^_`{}|~0-9" + foldLetters + "]+(?:\\.[-!#$%&'*+/=?^_`{}|~0-9" + foldLetters + "]+)*$" +
			`|^"(?:[\x01-\x08\x0b\x0c\x0e-\x1f!#-\[\]-\x7f\x{130}\x{131}\x{17F}\x{212A}]|\\[\x01-\x09\x0b\x0c\x0e-\x7f\x{130}\x{131}\x{17F}\x{212A}])*"$`)
	// The TLD is 2–63 letters, digits or hyphens not ending in a hyphen; Python writes the
	// last rule as a look-behind, which RE2 lacks.
	emailDomain = regexp.MustCompile(
		`^(?:[0-9` + foldLetters + `](?:[-0-9` + foldLetters + `]{0,61}[0-9` + foldLetters + `])?\.)+` +
			`[-0-9` + foldLetters + `]{1,62}[0-9` + foldLetters + `]$`)
)

// ValidEmail reports whether s passes Django 3.2's EmailValidator: at most 320 characters,
// a dot-atom or quoted local part, and a domain that is a dotted host name (directly or
// once IDNA-encoded), "localhost", or a bracketed IPv4/IPv6 literal.
func ValidEmail(s string) bool {
	r := []rune(s)
	if len(r) == 0 || len(r) > 320 {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return false
	}
	user, domain := s[:at], s[at+1:]
	if !emailUser.MatchString(user) {
		return false
	}
	if domain == "localhost" || validEmailDomain(domain) {
		return true
	}
	ascii, ok := idnaToASCII([]rune(domain))
	return ok && validEmailDomain(ascii)
}

func validEmailDomain(domain string) bool {
	if emailDomain.MatchString(domain) {
		return true
	}
	if len(domain) < 3 || domain[0] != '[' || domain[len(domain)-1] != ']' {
		return false
	}
	literal := domain[1 : len(domain)-1]
	for _, c := range literal {
		if !(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
			return false
		}
	}
	addr, err := netip.ParseAddr(literal)
	if err != nil {
		return false
	}
	// Python's ipaddress refuses IPv4 octets with leading zeros, as netip does.
	return addr.Is4() && !strings.Contains(literal, ":") || addr.Is6() && strings.Contains(literal, ":")
}
