package password

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Expected values printed by CPython 3.11's difflib:
//
//	s = SequenceMatcher(a=a, b=b)
//	s.ratio(), s.quick_ratio(), s.real_quick_ratio(), s.get_matching_blocks()
func TestSequenceMatcherMatchesPython(t *testing.T) {
	tests := []struct {
		name, a, b              string
		ratio, quick, realQuick float64
		blocks                  []match
	}{
		{"both empty", "", "", 1.0, 1.0, 1.0, []match{{0, 0, 0}}},
		{"b empty", "abc", "", 0.0, 0.0, 0.0, []match{{3, 0, 0}}},
		{"a empty", "", "abc", 0.0, 0.0, 0.0, []match{{0, 3, 0}}},
		{"shifted", "abcd", "bcde", 0.75, 0.75, 1.0, []match{{1, 0, 3}, {4, 4, 0}}},
		{"equal", "alice2024", "alice2024", 1.0, 1.0, 1.0, []match{{0, 0, 9}, {9, 9, 0}}},
		{"several blocks", "private volunteer", "pirate volunteers",
			0.8823529411764706, 0.9411764705882353, 1.0,
			[]match{{0, 0, 1}, {1, 2, 1}, {4, 3, 13}, {17, 17, 0}}},
		{"difflib docs", "qabxcd", "abycdf", 0.6666666666666666, 0.6666666666666666, 1.0,
			[]match{{1, 0, 2}, {4, 3, 2}, {6, 6, 0}}},
		{"email part", "tom@example.com", "example",
			0.6363636363636364, 0.6363636363636364, 0.6363636363636364, []match{{4, 0, 7}, {15, 7, 0}}},
		{"code points, not bytes", "σίσυφος-123", "σίσυφος",
			0.7777777777777778, 0.7777777777777778, 0.7777777777777778, []match{{0, 0, 7}, {11, 7, 0}}},
		{"crossing", "abcabcabcabc", "cbacbacba", 0.38095238095238093, 0.8571428571428571, 0.8571428571428571,
			[]match{{0, 2, 1}, {1, 4, 1}, {2, 6, 1}, {3, 8, 1}, {12, 9, 0}}},

		// autojunk: in a b of 200 or more elements, the popular ones are not indexed, so only
		// the extension of another match can cover them.
		{"autojunk, extended over popular", strings.Repeat("a", 10), strings.Repeat("a", 300),
			0.06451612903225806, 0.06451612903225806, 0.06451612903225806, []match{{0, 0, 10}, {10, 300, 0}}},
		{"autojunk, popular run skipped", "b" + strings.Repeat("a", 250) + "c", "aaabc" + strings.Repeat("a", 240) + "xyc",
			0.008, 0.98, 0.992, []match{{0, 3, 1}, {251, 4, 1}, {252, 248, 0}}},
		{"autojunk, nearly all popular", strings.Repeat("the quick brown fox ", 12), strings.Repeat("the lazy dog jumps over ", 10),
			0.016666666666666666, 0.5, 1.0, []match{{0, 0, 4}, {240, 240, 0}}},
		{"autojunk, everything popular", strings.Repeat("ababababab", 25), strings.Repeat("babababab", 25) + "z",
			0.0, 0.9453781512605042, 0.9495798319327731, []match{{250, 226, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newSequenceMatcher([]rune(tt.a), []rune(tt.b))
			require.Equal(t, tt.blocks, m.matchingBlocks())
			// Exact equality: the same integer counts divided as Python divides them.
			require.Equal(t, tt.ratio, m.ratio(), "ratio")
			require.Equal(t, tt.quick, m.quickRatio(), "quick_ratio")
			require.Equal(t, tt.realQuick, m.realQuickRatio(), "real_quick_ratio")
		})
	}
}
