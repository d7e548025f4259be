package accounts

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/fields"
)

// TestObjectJSONIsEncodingJSONs: an object is written as encoding/json wrote it when each
// member was encoded by json.Marshal and the whole compacted with HTML escaping.
func TestObjectJSONIsEncodingJSONs(t *testing.T) {
	o := object{
		{"id", int64(-42)}, {"email", "<a&b>@example.com"}, {"first_name", "Zoë \u2028"},
		{"is_active", true}, {"last_login", nil}, {"bio", "\xff"}, {"score", 1.5},
		{"price", fields.MustDecimal("10.50")}, {"tags", []string{"<x>"}}, {"k\"ey", map[string]int{"b": 1, "a": 2}},
	}
	raw := "{"
	for i, m := range o {
		if i > 0 {
			raw += ","
		}
		k, err := json.Marshal(m.key)
		require.NoError(t, err)
		v, err := json.Marshal(m.value)
		require.NoError(t, err)
		raw += string(k) + ":" + string(v)
	}
	want, err := json.Marshal(json.RawMessage(raw + "}"))
	require.NoError(t, err)
	got, err := o.appendJSON(nil)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))
	viaMarshal, err := json.Marshal(o)
	require.NoError(t, err)
	require.Equal(t, string(want), string(viaMarshal))
}
