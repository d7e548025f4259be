package emit

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRawStrings(t *testing.T) {
	tests := []struct{ in, want string }{
		{`q := "SELECT \"id\" FROM \"t\""`, "q := `SELECT \"id\" FROM \"t\"`"},
		{`m := "no quotes here"`, `m := "no quotes here"`},
		{"m := \"has a \\\"quote\\\" and a `tick`\"", "m := \"has a \\\"quote\\\" and a `tick`\""},
		{`m := "two\nlines \"x\""`, `m := "two\nlines \"x\""`},
		{"type T struct{ A int `json:\"a\"` }", "type T struct{ A int `json:\"a\"` }"},
		{`a, b := "\"x\"", "y"`, "a, b := `\"x\"`, \"y\""},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, string(rawStrings([]byte(tt.in))), tt.in)
	}
}
