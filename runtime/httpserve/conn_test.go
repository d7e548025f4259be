package httpserve

import (
	"testing"
	"time"
)

// validBlock's words agree with the byte-by-byte rule on every byte in every position.
func TestValidBlock(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := c >= ' ' && c != 0x7f || c == '\t' || c == '\n'
		for pos := 0; pos < 17; pos++ {
			b := []byte("abcdefghijklmnopq")
			b[pos] = byte(c)
			if got := validBlock(b); got != want {
				t.Errorf("byte %#x at %d: %v, want %v", c, pos, got, want)
			}
		}
	}
	for _, tc := range []struct {
		b    string
		want bool
	}{{"a\r\nb", true}, {"abcdefg\r\nh", true}, {"abcdefg\r", false}, {"a\rb", false}, {"abcdefgh\r\r\n", false}} {
		if got := validBlock([]byte(tc.b)); got != tc.want {
			t.Errorf("validBlock(%q) = %v, want %v", tc.b, got, tc.want)
		}
	}
}

func FuzzValidBlock(f *testing.F) {
	f.Add([]byte("GET / HTTP/1.1\r\nAuthorization: Bearer abc.def\r\n\r\n"))
	f.Add([]byte("a\x00b\x7fc\x80\xff\r"))
	f.Fuzz(func(t *testing.T, b []byte) {
		want := true
		for i, c := range b {
			if c < ' ' && c != '\t' && c != '\n' && (c != '\r' || i+1 == len(b) || b[i+1] != '\n') || c == 0x7f {
				want = false
			}
		}
		if got := validBlock(b); got != want {
			t.Errorf("validBlock(%q) = %v, want %v", b, got, want)
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
