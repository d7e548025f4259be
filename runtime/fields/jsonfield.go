package fields

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// JSON reads a JSONField: any JSON value but null. It returns the value re-encoded the way
// DRF renders it (compact, a repeated key keeping its first place and last value, numbers
// as Python prints them: 1E2 becomes 100.0, -0 becomes 0), so what is stored and echoed is
// what the reference app stores and echoes.
//
// A number too large for a float (1e400) becomes infinity in Python, which DRF accepts and
// then cannot render (a server error); JSON answers "Value must be valid JSON." instead.
func JSON(raw json.RawMessage) (json.RawMessage, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return nil, []string{MsgInvalidJSON}
	}
	if v.kind == pyNone {
		return nil, []string{MsgNull}
	}
	var b strings.Builder
	if !writeJSON(&b, v) {
		return nil, []string{MsgInvalidJSON}
	}
	return json.RawMessage(b.String()), nil
}

// NullJSON is JSON for a field that allows null. JSON null gives a nil RawMessage, which
// encoding/json writes as null again.
func NullJSON(raw json.RawMessage) (json.RawMessage, []string) {
	if IsNull(raw) {
		return nil, nil
	}
	return JSON(raw)
}

// writeJSON is json.dumps(v, separators=(",", ":"), ensure_ascii=False, allow_nan=False),
// DRF's renderer; false where Python would refuse an infinity.
func writeJSON(b *strings.Builder, v pyValue) bool {
	switch v.kind {
	case pyNone:
		b.WriteString("null")
	case pyBool:
		b.WriteString(strconv.FormatBool(v.b))
	case pyInt:
		b.WriteString(v.text)
	case pyFloat:
		if math.IsInf(v.f, 0) || math.IsNaN(v.f) {
			return false
		}
		b.WriteString(pyFloatRepr(v.f))
	case pyStr:
		writeJSONString(b, v.runes)
	case pyList:
		b.WriteByte('[')
		for i, item := range v.items {
			if i > 0 {
				b.WriteByte(',')
			}
			if !writeJSON(b, item) {
				return false
			}
		}
		b.WriteByte(']')
	case pyDict:
		b.WriteByte('{')
		for i, key := range v.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, key)
			b.WriteByte(':')
			if !writeJSON(b, v.items[i]) {
				return false
			}
		}
		b.WriteByte('}')
	}
	return true
}

func writeJSONString(b *strings.Builder, s []rune) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || isSurrogate(r):
			// A lone surrogate stays an escape: raw, it would not be UTF-8.
			b.WriteString(`\u` + padHex(int(r), 4))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
