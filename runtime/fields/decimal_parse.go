package fields

import (
	"strconv"
	"strings"
)

// Limits of Python's decimal module (libmpdec on 64-bit) for a number read from text: the
// adjusted exponent may not pass EMAX and the exponent may not fall below ETINY.
const (
	decEmax  = 999_999_999_999_999_999
	decEtiny = -1_999_999_999_999_999_997
)

// parsePyDecimal is Python's Decimal(str): white space around is stripped, underscores
// anywhere are ignored, digits of any script count as digits; ok is false where Python
// raises InvalidOperation. NaN and infinities come back with special set.
func parsePyDecimal(s []rune) (decParts, bool) {
	s = pyStrip(s)
	var b strings.Builder
	for _, r := range s {
		switch d, isDigit := digitValue(r); {
		case r == '_':
		case r > 0 && r < 0x80:
			b.WriteRune(r)
		case isDigit:
			b.WriteByte(byte('0' + d))
		default:
			return decParts{}, false
		}
	}
	return parseASCIIDecimal(b.String())
}

// parseDecimalText is parsePyDecimal for Go text. Text of printable ASCII without white
// space or underscores (what databases, JSON numbers and Decimal itself give) needs neither
// the code points nor the rewriting: most decimals a request reads take this way.
func parseDecimalText(s string) (decParts, bool) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '_' {
			return parsePyDecimal([]rune(s))
		}
	}
	return parseASCIIDecimal(s)
}

// parseASCIIDecimal reads a decimal whose digits are ASCII, with no white space or underscores.
// It runs for every decimal a row or a body holds, so the common case allocates only the
// coefficient of a number with digits on both sides of its point.
func parseASCIIDecimal(a string) (decParts, bool) {
	var p decParts
	if a != "" && (a[0] == '+' || a[0] == '-') {
		p.neg = a[0] == '-'
		a = a[1:]
	}
	if a != "" && strings.IndexByte("iInNsS", a[0]) >= 0 { // only an infinity or a NaN starts so
		switch lower := strings.ToLower(a); {
		case lower == "inf" || lower == "infinity":
			p.special = true
			return p, true
		case strings.HasPrefix(lower, "nan") || strings.HasPrefix(lower, "snan"):
			payload := strings.TrimPrefix(strings.TrimPrefix(lower, "s"), "nan")
			p.special = true
			return p, strings.Trim(payload, "0123456789") == ""
		}
	}
	mant, expText, hasExp := a, "", false
	for i := 0; i < len(a); i++ {
		if a[i] == 'e' || a[i] == 'E' {
			mant, expText, hasExp = a[:i], a[i+1:], true
			break
		}
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if len(intPart)+len(frac) == 0 || !allDigits(intPart) || !allDigits(frac) {
		return decParts{}, false
	}
	var exp int64
	if hasExp {
		digits := expText
		if digits != "" && (digits[0] == '+' || digits[0] == '-') {
			digits = digits[1:]
		}
		if digits == "" || !allDigits(digits) {
			return decParts{}, false
		}
		var err error
		if exp, err = strconv.ParseInt(expText, 10, 64); err != nil {
			return decParts{}, false // beyond 64 bits: libmpdec refuses it too
		}
	}
	// The coefficient is the digits without leading zeros: intPart+frac, trimmed.
	switch intPart = strings.TrimLeft(intPart, "0"); {
	case intPart == "":
		p.coef = strings.TrimLeft(frac, "0")
	case frac == "":
		p.coef = intPart
	default:
		p.coef = intPart + frac
	}
	if p.coef == "" {
		p.coef = "0"
	}
	if exp < decEtiny { // also keeps the subtraction below from overflowing
		return decParts{}, false
	}
	p.exp = exp - int64(len(frac))
	if p.exp < decEtiny || p.exp+int64(len(p.coef))-1 > decEmax {
		return decParts{}, false
	}
	return p, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
