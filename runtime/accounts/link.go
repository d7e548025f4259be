package accounts

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// EncodeUID is djoser's encode_uid: the user's id in URL-safe base64 without padding
// (1 → "MQ").
func EncodeUID(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(id, 10)))
}

// DecodeUID is djoser's decode_uid followed by the id lookup's conversion: ok is false for
// anything that is not the encoding of a positive integer. Padding is accepted, as Django's
// urlsafe_base64_decode restores it.
func DecodeUID(uid string) (id int64, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(uid, "="))
	if err != nil || len(raw) == 0 || len(raw) > 19 {
		return 0, false
	}
	for _, c := range raw {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	id, err = strconv.ParseInt(string(raw), 10, 64)
	return id, err == nil && id > 0
}

// linkValues are the names a link template may use, as djoser's str.format context.
type linkValues struct {
	uid, token, protocol, domain, siteName string
}

// formatLink is Python's str.format over the link context: "{name}" is replaced, "{{" and
// "}}" are literal braces, and an unknown name or a lone brace is an error (found when
// New checks the settings, not when a user signs up).
func formatLink(tmpl string, v linkValues) (string, error) {
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		switch {
		case c == '{' && i+1 < len(tmpl) && tmpl[i+1] == '{', c == '}' && i+1 < len(tmpl) && tmpl[i+1] == '}':
			b.WriteByte(c)
			i++
		case c == '{':
			end := strings.IndexByte(tmpl[i:], '}')
			if end < 0 {
				return "", fmt.Errorf("accounts: link %q: unclosed {", tmpl)
			}
			name := tmpl[i+1 : i+end]
			switch name {
			case "uid":
				b.WriteString(v.uid)
			case "token":
				b.WriteString(v.token)
			case "protocol":
				b.WriteString(v.protocol)
			case "domain":
				b.WriteString(v.domain)
			case "site_name":
				b.WriteString(v.siteName)
			default:
				return "", fmt.Errorf("accounts: link %q: unknown name {%s} (want uid, token, protocol, domain or site_name)", tmpl, name)
			}
			i += end
		case c == '}':
			return "", fmt.Errorf("accounts: link %q: single }", tmpl)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}
