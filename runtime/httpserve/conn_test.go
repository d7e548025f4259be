package httpserve

import (
	"testing"
	"time"
)

// validValue's words agree with the byte-by-byte rule on every byte in every position.
func TestValidValue(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := c >= ' ' && c != 0x7f || c == '\t'
		for pos := 0; pos < 17; pos++ {
			b := []byte("abcdefghijklmnopq")
			b[pos] = byte(c)
			if got := validValue(string(b)); got != want {
				t.Errorf("byte %#x at %d: %v, want %v", c, pos, got, want)
			}
		}
	}
}

func FuzzValidValue(f *testing.F) {
	f.Add("Bearer abc.def")
	f.Add("a\x00b\x7fc\x80\xff")
	f.Fuzz(func(t *testing.T, v string) {
		want := true
		for i := 0; i < len(v); i++ {
			if c := v[i]; c < ' ' && c != '\t' || c == 0x7f {
				want = false
			}
		}
		if got := validValue(v); got != want {
			t.Errorf("validValue(%q) = %v, want %v", v, got, want)
		}
	})
}

func TestKeepDeadline(t *testing.T) {
	now := time.Now()
	for _, tc := range []struct {
		old, t time.Time
		keep   bool
	}{
		{time.Time{}, time.Time{}, true},
		{time.Time{}, now, false},
		{now, time.Time{}, false},
		{now, now, true},
		{now, now.Add(deadlineSlack), true},
		{now, now.Add(deadlineSlack + 1), false},
		{now, now.Add(-1), false}, // never later than asked
	} {
		if got := keepDeadline(tc.old, tc.t); got != tc.keep {
			t.Errorf("keepDeadline(%v, %v) = %v, want %v", tc.old, tc.t, got, tc.keep)
		}
	}
}
