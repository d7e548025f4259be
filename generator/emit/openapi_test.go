package emit

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// indentJSON writes what encoding/json's Encoder writes with SetIndent("", "  ").
func TestIndentJSONAsEncodingJSON(t *testing.T) {
	for _, v := range []any{
		map[string]any{},
		[]any{},
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{1, "x", nil, true, 2.5}},
		map[string]any{`q"{[,:]}"`: `a "quoted" \ {text}, [with]: brackets`, "nested": []any{[]any{map[string]any{"x": []any{}}}}},
		"a string alone",
		[]any{"<&>", "\u2028", "é", `\"`},
	} {
		var compact, want bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(v))
		enc = json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		require.NoError(t, enc.Encode(v))
		require.Equal(t, want.String(), string(indentJSON(nil, compact.Bytes())))
	}
}
