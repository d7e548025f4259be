package fields

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
)

// Python's idea of text, where DRF's behaviour depends on it: str.isspace and str.strip,
// str(x) and repr(x) of what json.loads returns, and int(s, base) with its leniency
// (white space, Unicode digits, underscores between digits).

// pyIsSpace is str.isspace: Unicode White_Space plus the ASCII separators U+001C–U+001F.
func pyIsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ', 0x85, 0xa0, 0x1680,
		0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// pyStrip is str.strip() with no argument.
func pyStrip(s []rune) []rune {
	i, j := 0, len(s)
	for i < j && pyIsSpace(s[i]) {
		i++
	}
	for j > i && pyIsSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

// digitValue is the value of a decimal digit in any script (Unicode category Nd), which
// Python's int(), Decimal() and the \d of its regular expressions all accept. Unicode
// guarantees each run of Nd code points is a whole number of 0…9 sequences.
func digitValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if r < 0x80 || !unicode.IsDigit(r) {
		return 0, false
	}
	n := 0
	for unicode.IsDigit(r - rune(n) - 1) {
		n++
	}
	return n % 10, true
}

// asciiNumeric rewrites s the way CPython prepares a string for int(): non-ASCII white
// space becomes ' ', other-script digits become ASCII digits, anything else non-ASCII makes
// the string invalid.
func asciiNumeric(s []rune) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch d, isDigit := digitValue(r); {
		case r < 0x80:
			b.WriteRune(r)
		case pyIsSpace(r):
			b.WriteByte(' ')
		case isDigit:
			b.WriteByte(byte('0' + d))
		default:
			return "", false
		}
	}
	return b.String(), true
}

// parsePyInt is Python's int(s, base) for base 10 or 16.
func parsePyInt(s []rune, base int) (*big.Int, bool) {
	a, ok := asciiNumeric(s)
	if !ok {
		return nil, false
	}
	a = strings.Trim(a, " \t\n\v\f\r")
	neg := false
	if a != "" && (a[0] == '+' || a[0] == '-') {
		neg = a[0] == '-'
		a = a[1:]
	}
	underscoreOK := false // an underscore may follow the 0x prefix or a digit
	if base == 16 && len(a) >= 2 && a[0] == '0' && (a[1] == 'x' || a[1] == 'X') {
		a = a[2:]
		underscoreOK = true
	}
	var digits strings.Builder
	for i := 0; i < len(a); i++ {
		c := a[i]
		if c == '_' {
			if !underscoreOK || i == len(a)-1 {
				return nil, false
			}
			underscoreOK = false
			continue
		}
		if !isBaseDigit(c, base) {
			return nil, false
		}
		digits.WriteByte(c)
		underscoreOK = true
	}
	if digits.Len() == 0 {
		return nil, false
	}
	n, ok := new(big.Int).SetString(digits.String(), base)
	if !ok {
		return nil, false
	}
	if neg {
		n.Neg(n)
	}
	return n, true
}

func isBaseDigit(c byte, base int) bool {
	switch {
	case c >= '0' && c <= '9':
		return true
	case base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')):
		return true
	}
	return false
}

// pyFloatRepr is repr(float): the shortest text that reads back as f, in fixed notation
// for 1e-4 <= |f| < 1e16 (always with a fractional part) and scientific otherwise.
func pyFloatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	digits := strings.Replace(mant, ".", "", 1)
	var out string
	switch {
	case exp < -4 || exp >= 16:
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		}
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		e := strconv.Itoa(exp)
		if len(e) < 2 {
			e = "0" + e
		}
		out = m + "e" + sign + e
	case exp < 0:
		out = "0." + strings.Repeat("0", -exp-1) + digits
	case len(digits) <= exp+1:
		out = digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
	default:
		out = digits[:exp+1] + "." + digits[exp+1:]
	}
	if neg {
		return "-" + out
	}
	return out
}

// pyStrRunes is str(v) as code points: a string as it is, numbers as Python prints them,
// True/False/None, and the repr of lists and dicts.
func pyStrRunes(v pyValue) []rune {
	if v.kind == pyStr {
		return v.runes
	}
	return []rune(pyRepr(v))
}

// pyStrText is str(v) as Go text (a lone surrogate shows as U+FFFD).
func pyStrText(v pyValue) string {
	if v.kind == pyStr {
		return string(v.runes)
	}
	return pyRepr(v)
}

// pyRepr is repr(v).
func pyRepr(v pyValue) string {
	var b strings.Builder
	writeRepr(&b, v)
	return b.String()
}

func writeRepr(b *strings.Builder, v pyValue) {
	switch v.kind {
	case pyNone:
		b.WriteString("None")
	case pyBool:
		if v.b {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case pyInt:
		b.WriteString(v.text)
	case pyFloat:
		b.WriteString(pyFloatRepr(v.f))
	case pyStr:
		writeStrRepr(b, v.runes)
	case pyList:
		b.WriteByte('[')
		for i, item := range v.items {
			if i > 0 {
				b.WriteString(", ")
			}
			writeRepr(b, item)
		}
		b.WriteByte(']')
	case pyDict:
		b.WriteByte('{')
		for i, key := range v.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			writeStrRepr(b, key)
			b.WriteString(": ")
			writeRepr(b, v.items[i])
		}
		b.WriteByte('}')
	}
}

// writeStrRepr is repr(str): single quotes unless the text holds a single quote and no
// double quote; backslash escapes for the quote, backslash, \t \n \r and every
// non-printable code point.
func writeStrRepr(b *strings.Builder, s []rune) {
	quote := '\''
	if containsRune(s, '\'') && !containsRune(s, '"') {
		quote = '"'
	}
	b.WriteRune(quote)
	for _, r := range s {
		switch {
		case r == quote || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < ' ' || r == 0x7f:
			b.WriteString(`\x` + hex2(int(r)))
		case r < 0x7f, (r < 0xD800 || r > 0xDFFF) && unicode.IsPrint(r):
			b.WriteRune(r)
		default:
			writeUnicodeEscape(b, r)
		}
	}
	b.WriteRune(quote)
}

func writeUnicodeEscape(b *strings.Builder, r rune) {
	switch {
	case r <= 0xff:
		b.WriteString(`\x` + hex2(int(r)))
	case r <= 0xffff:
		b.WriteString(`\u` + padHex(int(r), 4))
	default:
		b.WriteString(`\U` + padHex(int(r), 8))
	}
}

func hex2(n int) string { return padHex(n, 2) }

func padHex(n, width int) string {
	s := strconv.FormatInt(int64(n), 16)
	return strings.Repeat("0", width-len(s)) + s
}

func containsRune(s []rune, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}
