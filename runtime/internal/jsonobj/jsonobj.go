// Package jsonobj reads the members of a JSON object that encoding/json has already found
// valid, without decoding them: the claims of a token, the fields of a request body. Each
// member's key and value come back as their bytes in the object, in order, so that a caller
// keeps the members it wants as encoding/json would have decoded them into a map (a later
// member of the same name wins) and skips the others.
package jsonobj

import (
	"encoding/json"
	"errors"
)

// ErrNotObject: the JSON value is not an object.
var ErrNotObject = errors.New("jsonobj: not a JSON object")

// Members calls member with the key (a JSON string, quotes included) and the value of each
// member of the object b, which must be valid JSON; ErrNotObject when b is another value.
// An error from member stops the walk and is returned.
func Members(b []byte, member func(key, value []byte) error) error {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return ErrNotObject
	}
	i = skipSpace(b, i+1)
	for i < len(b) && b[i] != '}' {
		keyEnd := skipValue(b, i)
		start := skipSpace(b, skipSpace(b, keyEnd)+1) // past the colon
		end := skipValue(b, start)
		if err := member(b[i:keyEnd], b[start:end]); err != nil {
			return err
		}
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return nil
}

// String decodes a JSON string (quotes included) as encoding/json does: directly when it is
// printable ASCII without escapes, else by encoding/json, which also replaces invalid UTF-8.
func String(raw []byte) (string, error) {
	inner := raw[1 : len(raw)-1]
	for _, c := range inner {
		if c < 0x20 || c > 0x7e || c == '\\' {
			var s string
			err := json.Unmarshal(raw, &s)
			return s, err
		}
	}
	return string(inner), nil
}

// skipSpace returns the index of the first byte at or after i that is not JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the index just past the valid JSON value that starts at i.
func skipValue(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
			continue
		case '}', ']':
			depth--
		default:
			if depth == 0 {
				// A number or a literal ends before the delimiter that follows it.
				for i < len(b) && !endsScalar(b[i]) {
					i++
				}
				return i
			}
			continue
		}
		if depth == 0 {
			return i + 1
		}
	}
	return i
}

// endsScalar reports whether c is a delimiter that can follow a number or a literal.
func endsScalar(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}
