package password

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Expected values printed by CPython 3.11 (Unicode 14). During development every code point
// was also compared with Python's lower, isdigit, isspace, \w and the Cased and
// Case_Ignorable behaviour of lower; they differ only on characters new in Unicode 15.
func TestPyLower(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ΣΊΣΥΦΟΣ", "σίσυφος"},
		{"ΣΑΣ ΣΑΣ.", "σας σας."},
		{"Σ", "σ"},
		{"AΣ", "aς"},
		{"AΣB", "aσb"},
		{"AΣ'", "aς'"},
		{"AΣ'B", "aσ'b"},         // the apostrophe is case-ignorable
		{"A\u0301Σ", "a\u0301ς"}, // so is a combining accent
		{"ʰΣ", "ʰσ"},             // a modifier letter is case-ignorable before it is cased
		{"İstanbul", "i\u0307stanbul"},
		{"ÀÉÎ ŒUVRE", "àéî œuvre"},
		{"Straße", "straße"},
		{"ǅ", "ǆ"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, pyLower(tt.in), tt.in)
	}
}

func TestSplitNonWord(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"john.doe@example.com", []string{"john", "doe", "example", "com"}},
		{"@abc", []string{"", "abc"}},
		{"abc@", []string{"abc", ""}},
		{"a--b", []string{"a", "b"}},
		{"x_y z", []string{"x_y", "z"}},
		{"i\u0307stanbul", []string{"i", "stanbul"}},
		{"日本語テキスト", []string{"日本語テキスト"}},
		{"½x", []string{"½x"}},
		{"", []string{""}},
		{"..", []string{"", ""}},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, splitNonWord(tt.in), tt.in)
	}
}

func TestPyIsDigit(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"123", true},
		{"", false},
		{"١٢٣", true},
		{"²", true},
		{"½", false},
		{"12a", false},
		{"①②", true},
		{"𝟙𝟚", true},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, pyIsDigit(tt.in), tt.in)
	}
}

func TestPyStrip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\x1c pw \x1f", "pw"},
		{"\u00a0pw\u2003", "pw"},
		{"\u200bpw", "\u200bpw"},
		{"pw\u0085", "pw"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, pyStrip(tt.in), tt.in)
	}
}
