package fields

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestIDNA: each want is Python's domain.encode("idna").
func TestIDNA(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"bücher.de", "xn--bcher-kva.de"},
		{"例え.テスト", "xn--r8jz45g.xn--zckzah"},
		{"straße.de", "strasse.de"},
		{"Ünïcödé.com", "xn--ncd-dma1a7bzb.com"},
		{"ÉXAMPLE.com", "xn--xample-9ua.com"},
		{"שלום.com", "xn--9dbne9b.com"},
		{"bücher。de", "xn--bcher-kva.de"},
		{"example.com", "example.com"},
	} {
		got, ok := idnaToASCII([]rune(c.in))
		require.True(t, ok, c.in)
		require.Equal(t, c.want, got, c.in)
	}
	for _, bad := range []string{"bücher..de", "ex\u3000ample.com", "\ue000.com", "שa\u05dd.com", "a\u05e9.com", "xn--bücher.de", strings.Repeat("é", 60) + ".com"} {
		_, ok := idnaToASCII([]rune(bad))
		require.False(t, ok, bad)
	}
}

// TestValidEmail: Django 3.2's EmailValidator (the Email cases of drfcases_test.go cover
// it through EmailField; these pin the exported helper).
func TestValidEmail(t *testing.T) {
	for _, ok := range []string{"bob@example.com", "bob@localhost", "bob@[::1]", "bob@[127.0.0.1]", `"a\ b"@example.com`, "bob@bücher.de", "a@ſ.com"} {
		require.True(t, ValidEmail(ok), ok)
	}
	for _, bad := range []string{"", "bob", "bob@", "bob@example", "bob@[1.2.3.04]", "bob@[fe80::1%eth0]", "a..b@example.com", "bob@LOCALHOST", strings.Repeat("a", 310) + "@example.com"} {
		require.False(t, ValidEmail(bad), bad)
	}
}
