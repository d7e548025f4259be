package jsontext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestQuote compares Quote, fast path included, with encoding/json for every ASCII
// character and a few strings around them.
func TestQuote(t *testing.T) {
	encode := func(s string) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(s))
		return strings.TrimSuffix(b.String(), "\n")
	}
	inputs := []string{"", "store_product", "varchar(100)", "a <b> & c", "é", "line\nbreak", "\u2028", "\xff"}
	for c := range 0x80 {
		inputs = append(inputs, "x"+string(rune(c))+"y")
	}
	for _, s := range inputs {
		require.Equal(t, encode(s), Quote(s), "%q", s)
	}
}
