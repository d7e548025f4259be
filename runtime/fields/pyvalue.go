package fields

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// DRF's fields see a request body after Python's json module has read it: integers of any
// size, floats that may have overflowed to infinity, strings that may hold lone surrogates,
// objects whose repeated keys keep their first position and last value. Every reader below
// starts from the same reading, so a message that quotes the input (str() of a float, the
// repr of a list) comes out as DRF writes it.

type pyKind uint8

const (
	pyNone pyKind = iota
	pyBool
	pyInt   // text: the decimal digits, sign only when negative ("-0" reads as 0)
	pyFloat // f: float64, ±Inf where Python overflows too
	pyStr   // runes: code points; a lone surrogate stays a value in 0xD800–0xDFFF
	pyList
	pyDict
)

type pyValue struct {
	kind  pyKind
	b     bool
	text  string
	f     float64
	runes []rune
	items []pyValue // list items, or dict values
	keys  [][]rune  // dict keys, in Python's insertion order
}

var errMalformed = errors.New("fields: malformed JSON value")

// parsePy reads one JSON value as Python's json.loads does.
func parsePy(raw json.RawMessage) (pyValue, error) {
	if !json.Valid(raw) {
		return pyValue{}, errMalformed
	}
	p := pyParser{data: raw}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return pyValue{}, err
	}
	p.space()
	if p.pos != len(p.data) {
		return pyValue{}, errMalformed
	}
	return v, nil
}

type pyParser struct {
	data []byte
	pos  int
}

// maxDepth bounds nesting the way Python's recursion limit does, so a hostile body cannot
// exhaust the stack.
const maxDepth = 1000

func (p *pyParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *pyParser) value(depth int) (pyValue, error) {
	if depth > maxDepth || p.pos >= len(p.data) {
		return pyValue{}, errMalformed
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		r, err := p.str()
		return pyValue{kind: pyStr, runes: r}, err
	case c == 't':
		return pyValue{kind: pyBool, b: true}, p.literal("true")
	case c == 'f':
		return pyValue{kind: pyBool}, p.literal("false")
	case c == 'n':
		return pyValue{kind: pyNone}, p.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return pyValue{}, errMalformed
}

func (p *pyParser) literal(word string) error {
	if len(p.data)-p.pos < len(word) || string(p.data[p.pos:p.pos+len(word)]) != word {
		return errMalformed
	}
	p.pos += len(word)
	return nil
}

func (p *pyParser) object(depth int) (pyValue, error) {
	v := pyValue{kind: pyDict}
	index := map[string]int{}
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return v, errMalformed
		}
		key, err := p.str()
		if err != nil {
			return v, err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return v, errMalformed
		}
		p.pos++
		p.space()
		item, err := p.value(depth + 1)
		if err != nil {
			return v, err
		}
		// A repeated key keeps the place of its first appearance and the last value, as a
		// Python dict does.
		if i, ok := index[string(key)]; ok {
			v.items[i] = item
		} else {
			index[string(key)] = len(v.keys)
			v.keys = append(v.keys, key)
			v.items = append(v.items, item)
		}
		p.space()
		if p.pos >= len(p.data) {
			return v, errMalformed
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return v, nil
		default:
			return v, errMalformed
		}
	}
}

func (p *pyParser) array(depth int) (pyValue, error) {
	v := pyValue{kind: pyList}
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return v, nil
	}
	for {
		p.space()
		item, err := p.value(depth + 1)
		if err != nil {
			return v, err
		}
		v.items = append(v.items, item)
		p.space()
		if p.pos >= len(p.data) {
			return v, errMalformed
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return v, nil
		default:
			return v, errMalformed
		}
	}
}

// str decodes a JSON string into code points. Unlike encoding/json it keeps a lone
// surrogate escape (\ud800) as the surrogate itself, because DRF reports those by number.
func (p *pyParser) str() ([]rune, error) {
	p.pos++ // opening quote
	var out []rune
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return out, nil
		case c == '\\':
			if p.pos+1 >= len(p.data) {
				return nil, errMalformed
			}
			esc := p.data[p.pos+1]
			p.pos += 2
			switch esc {
			case '"', '\\', '/':
				out = append(out, rune(esc))
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return nil, errMalformed
				}
				if utf16.IsSurrogate(r) && r < 0xDC00 && p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
					save := p.pos
					p.pos += 2
					if r2, ok := p.hex4(); ok && r2 >= 0xDC00 && r2 <= 0xDFFF {
						out = append(out, utf16.DecodeRune(r, r2))
						continue
					}
					p.pos = save
				}
				out = append(out, r)
			default:
				return nil, errMalformed
			}
		case c < 0x20:
			return nil, errMalformed
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			out = append(out, r) // invalid UTF-8 becomes U+FFFD, as encoding/json reads it
			p.pos += size
		}
	}
	return nil, errMalformed
}

func (p *pyParser) hex4() (rune, bool) {
	if len(p.data)-p.pos < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.pos += 4
	return rune(n), true
}

// number reads a JSON number: without a fraction or exponent it is a Python int of any
// size, otherwise a float (correctly rounded, ±Inf on overflow, 0 on underflow).
func (p *pyParser) number() (pyValue, error) {
	start := p.pos
	isFloat := false
	if p.data[p.pos] == '-' {
		p.pos++
	}
	digits := p.pos
scan:
	for ; p.pos < len(p.data); p.pos++ {
		switch c := p.data[p.pos]; {
		case c >= '0' && c <= '9':
		case c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && p.pos > digits):
			isFloat = true
		default:
			break scan
		}
	}
	text := string(p.data[start:p.pos])
	if p.pos == digits {
		return pyValue{}, errMalformed
	}
	if !isFloat {
		if text == "-0" {
			text = "0"
		}
		return pyValue{kind: pyInt, text: text}, nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !math.IsInf(f, 0) {
		return pyValue{}, errMalformed
	}
	return pyValue{kind: pyFloat, f: f}, nil
}
