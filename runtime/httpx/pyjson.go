package httpx

import (
	"fmt"
	"strings"
)

// DRF's JSONParser answers a body Python's json module cannot read with "JSON parse error - "
// and the module's message, which says what it expected where: "Expecting ',' delimiter:
// line 1 column 8 (char 7)". Clients show it, and tests compare it, so the Go side gives the
// same words and the same position. pythonJSONError scans a document as json.loads does
// (CPython's scanner, with DRF's strict handling of NaN and Infinity) and returns the message
// of its first error.

// pythonJSONError is the message json.loads(doc, parse_constant=strict_constant) raises, or
// "" when Python would read doc.
func pythonJSONError(doc []byte) string {
	s := []rune(string(doc))
	if len(s) > 0 && s[0] == '\ufeff' {
		return pyErr(s, "Unexpected UTF-8 BOM (decode using utf-8-sig)", 0).Error()
	}
	p := pyScanner{s: s}
	end, err := p.value(p.ws(0))
	if err == nil {
		if i := p.ws(end); i != len(s) {
			err = pyErr(s, "Extra data", i)
		}
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// pyDecodeError is json.JSONDecodeError (or the ValueError of a constant DRF refuses).
type pyDecodeError struct{ msg string }

func (e *pyDecodeError) Error() string { return e.msg }

// pyErr is JSONDecodeError(msg, doc, pos): the line and column of the character pos.
func pyErr(s []rune, msg string, pos int) error {
	line, lastNewline := 1, -1
	for i := 0; i < pos && i < len(s); i++ {
		if s[i] == '\n' {
			line++
			lastNewline = i
		}
	}
	return &pyDecodeError{fmt.Sprintf("%s: line %d column %d (char %d)", msg, line, pos-lastNewline, pos)}
}

// pyScanner is CPython's json scanner over a document's characters.
type pyScanner struct{ s []rune }

// ws skips JSON white space from i.
func (p *pyScanner) ws(i int) int {
	for i < len(p.s) && strings.ContainsRune(" \t\n\r", p.s[i]) {
		i++
	}
	return i
}

// at reports whether the text at i is word.
func (p *pyScanner) at(i int, word string) bool {
	return strings.HasPrefix(string(p.s[i:min(len(p.s), i+len(word))]), word)
}

// value scans the value at i and returns where it ends (scan_once).
func (p *pyScanner) value(i int) (int, error) {
	if i >= len(p.s) {
		return 0, pyErr(p.s, "Expecting value", i)
	}
	switch c := p.s[i]; {
	case c == '"':
		return p.str(i + 1)
	case c == '{':
		return p.object(i + 1)
	case c == '[':
		return p.array(i + 1)
	case c == 'n' && p.at(i, "null"):
		return i + 4, nil
	case c == 't' && p.at(i, "true"):
		return i + 4, nil
	case c == 'f' && p.at(i, "false"):
		return i + 5, nil
	}
	for _, constant := range []string{"NaN", "Infinity", "-Infinity"} {
		if p.at(i, constant) {
			// DRF's parse_constant (strict JSON) refuses them as they are read.
			return 0, &pyDecodeError{"Out of range float values are not JSON compliant: '" + constant + "'"}
		}
	}
	if end := p.number(i); end > i {
		return end, nil
	}
	return 0, pyErr(p.s, "Expecting value", i)
}

// number returns the end of the number at i, or i when there is none: an integer part
// without leading zeros, then a fraction and an exponent only when digits follow them.
func (p *pyScanner) number(i int) int {
	digits := func(j int) int {
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		return j
	}
	j := i
	if j < len(p.s) && p.s[j] == '-' {
		j++
	}
	switch {
	case j < len(p.s) && p.s[j] == '0':
		j++
	case j < len(p.s) && p.s[j] >= '1' && p.s[j] <= '9':
		j = digits(j)
	default:
		return i
	}
	if j+1 < len(p.s) && p.s[j] == '.' && p.s[j+1] >= '0' && p.s[j+1] <= '9' {
		j = digits(j + 1)
	}
	if j < len(p.s) && (p.s[j] == 'e' || p.s[j] == 'E') {
		k := j + 1
		if k < len(p.s) && (p.s[k] == '+' || p.s[k] == '-') {
			k++
		}
		if e := digits(k); e > k {
			j = e
		}
	}
	return j
}

// str scans a string whose opening quote is at i-1 (scanstring, strict).
func (p *pyScanner) str(i int) (int, error) {
	begin := i - 1
	for j := i; j < len(p.s); j++ {
		switch c := p.s[j]; {
		case c == '"':
			return j + 1, nil
		case c < 0x20:
			return 0, pyErr(p.s, "Invalid control character at", j)
		case c == '\\':
			if j+1 >= len(p.s) {
				return 0, pyErr(p.s, "Unterminated string starting at", begin)
			}
			j++
			if p.s[j] != 'u' {
				if !strings.ContainsRune(`"\/bfnrt`, p.s[j]) {
					return 0, pyErr(p.s, `Invalid \escape`, j-1)
				}
				continue
			}
			if j+5 >= len(p.s) || !isHex4(p.s[j+1:j+5]) {
				return 0, pyErr(p.s, `Invalid \uXXXX escape`, j)
			}
			j += 4
		}
	}
	return 0, pyErr(p.s, "Unterminated string starting at", begin)
}

func isHex4(rs []rune) bool {
	for _, r := range rs {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// object scans an object whose brace is at i-1.
func (p *pyScanner) object(i int) (int, error) {
	j := p.ws(i)
	if j < len(p.s) && p.s[j] == '}' {
		return j + 1, nil
	}
	for {
		if j >= len(p.s) || p.s[j] != '"' {
			return 0, pyErr(p.s, "Expecting property name enclosed in double quotes", j)
		}
		end, err := p.str(j + 1)
		if err != nil {
			return 0, err
		}
		k := p.ws(end)
		if k >= len(p.s) || p.s[k] != ':' {
			return 0, pyErr(p.s, "Expecting ':' delimiter", k)
		}
		if end, err = p.value(p.ws(k + 1)); err != nil {
			return 0, err
		}
		m := p.ws(end)
		if m < len(p.s) && p.s[m] == '}' {
			return m + 1, nil
		}
		if m >= len(p.s) || p.s[m] != ',' {
			return 0, pyErr(p.s, "Expecting ',' delimiter", m)
		}
		j = p.ws(m + 1)
	}
}

// array scans an array whose bracket is at i-1.
func (p *pyScanner) array(i int) (int, error) {
	j := p.ws(i)
	if j < len(p.s) && p.s[j] == ']' {
		return j + 1, nil
	}
	for {
		end, err := p.value(j)
		if err != nil {
			return 0, err
		}
		m := p.ws(end)
		if m < len(p.s) && p.s[m] == ']' {
			return m + 1, nil
		}
		if m >= len(p.s) || p.s[m] != ',' {
			return 0, pyErr(p.s, "Expecting ',' delimiter", m)
		}
		j = p.ws(m + 1)
	}
}
