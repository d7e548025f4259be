package fields_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/fields"
)

// A model field's validators run before the CharField's own checks, and every message is
// kept, in DRF's order: Django's username validator and ProhibitNullCharacters both refuse
// "a\x00b".
func TestStringValidatorsRunFirst(t *testing.T) {
	noDigits := func(s string) []string {
		for _, r := range s {
			if r >= '0' && r <= '9' {
				return []string{"No digits."}
			}
		}
		return nil
	}
	o := fields.StringOpts{MaxLength: 3, Validators: []func(string) []string{noDigits}}
	_, msgs := fields.String(json.RawMessage(`"a1\u0000b"`), o)
	require.Equal(t, []string{"No digits.", "Ensure this field has no more than 3 characters.", "Null characters are not allowed."}, msgs)

	// They see the trimmed text, and not a blank one (blank is judged first).
	var seen []string
	o = fields.StringOpts{AllowBlank: true, Validators: []func(string) []string{func(s string) []string {
		seen = append(seen, s)
		return nil
	}}}
	v, msgs := fields.String(json.RawMessage(`"  ok  "`), o)
	require.Nil(t, msgs)
	require.Equal(t, "ok", v)
	_, msgs = fields.String(json.RawMessage(`"   "`), o)
	require.Nil(t, msgs)
	require.Equal(t, []string{"ok"}, seen)

	// An EmailField's own validator still comes last.
	_, msgs = fields.Email(json.RawMessage(`"x1"`), fields.StringOpts{Validators: []func(string) []string{noDigits}})
	require.Equal(t, []string{"No digits.", "Enter a valid email address."}, msgs)
}
