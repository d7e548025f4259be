package jwtauth

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// splitHeaderBytewise is splitHeader as it was before wordEnd: every byte of a word tested
// on its own. It is the reference the word-at-a-time scan is held to.
func splitHeaderBytewise(s string) (parts [2]string, n int) {
	i := 0
	for n < 3 {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) {
			return parts, n
		}
		start := i
		for i < len(s) && (s[i] > ' ' || !isSpace(s[i])) {
			i++
		}
		if n < 2 {
			parts[n] = s[start:i]
		}
		n++
	}
	return parts, n
}

// splitCases put white space and control bytes at every place of an eight-byte step.
func splitCases() []string {
	token := "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2ln"
	cases := []string{"", " ", "Bearer", "Bearer " + token, "  Bearer \t " + token + " \r\n", "Bearer a b c d",
		"Bearer\u00a0" + token, "Bearer " + token + "\x00\x01\x1f" + token, "\x7f\x80\xff \xc3\xa9"}
	for _, c := range []byte{' ', '\t', '\n', '\v', '\f', '\r', 0, 1, 0x1f, '!', 0x7f, 0x80, 0xa0, 0xff} {
		for i := range 2*8 + 1 {
			tok := []byte(token[:24])
			if i < len(tok) {
				tok[i] = c
			} else {
				tok = append(tok, c)
			}
			cases = append(cases, "Bearer "+string(tok), "JWT "+string(tok)+" x", string(tok))
		}
	}
	return cases
}

func TestSplitHeaderAsBytewise(t *testing.T) {
	for _, s := range splitCases() {
		parts, n := splitHeader(s)
		wantParts, wantN := splitHeaderBytewise(s)
		require.Equal(t, wantN, n, "%q", s)
		require.Equal(t, wantParts, parts, "%q", s)
	}
}

func TestHasByteBelow(t *testing.T) {
	for b := range 256 {
		for pos := range 8 {
			for _, fill := range []byte{'A', 0xff, '!', 0x80} {
				var x uint64
				for j := range 8 {
					v := uint64(fill)
					if j == pos {
						v = uint64(b)
					}
					x |= v << (8 * j)
				}
				want := b <= ' ' || fill <= ' '
				require.Equal(t, want, hasByteBelow(x, ' '+1), "byte %#x at %d among %#x", b, pos, fill)
			}
		}
	}
}

func FuzzSplitHeader(f *testing.F) {
	for _, s := range splitCases() {
		f.Add(s)
	}
	f.Add(strings.Repeat("a ", 20))
	f.Fuzz(func(t *testing.T, s string) {
		parts, n := splitHeader(s)
		wantParts, wantN := splitHeaderBytewise(s)
		if n != wantN || parts != wantParts {
			t.Fatalf("%q: %q %d, bytewise %q %d", s, parts, n, wantParts, wantN)
		}
	})
}
