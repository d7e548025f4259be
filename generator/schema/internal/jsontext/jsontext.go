// Package jsontext quotes the strings of schema.json. It is a package of its own, not a file
// of generator/schema, so that its test is not an internal test of schema: one would make
// the go command compile generator/emit, plan and generator a second time for schema's test
// binary.
package jsontext

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Quote encodes a string as JSON without HTML escapes (a "<" stays a "<").
func Quote(s string) string {
	// Names and SQL types, nearly every string here, are printable ASCII that JSON quotes as
	// they are: an encoder for each of them was a third of the time of writing schema.json.
	if plain(s) {
		return `"` + s + `"`
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// plain reports whether s is printable ASCII without a quote or a backslash: what
// encoding/json writes between quotes unchanged.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
