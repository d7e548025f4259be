package password

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Hashes made by Django 3.2's BCryptSHA256PasswordHasher and BCryptPasswordHasher (rounds 4)
// with Debian's python3-bcrypt.
func TestBcryptVerifiesDjango(t *testing.T) {
	for _, tt := range []struct {
		h        Hasher
		password string
		encoded  string
	}{
		{BcryptSHA256{}, "pässword", "bcrypt_sha256$$2b$04$Vs2eEXl2pQjZHcYCDG3equtSTa2TJ0F67aGvsOBIJ5bIMx/xhMNk2"},
		{Bcrypt{}, strings.Repeat("x", 80), "bcrypt$$2b$04$ULEgZb/c7SOtSs4vBDOiy.DMoGaHISDfKNtg0t9y8.00Sexj0397y"},
	} {
		ok, err := tt.h.Verify(tt.password, tt.encoded)
		require.NoError(t, err)
		require.True(t, ok, tt.encoded)
		ok, err = tt.h.Verify(tt.password[:len(tt.password)-1], tt.encoded)
		require.NoError(t, err)
		require.Equal(t, tt.h.Algorithm() == "bcrypt", ok, "plain bcrypt reads 72 bytes; bcrypt_sha256 all of them")
		require.True(t, tt.h.NeedsUpdate(tt.encoded), "4 rounds, not Django's 12")
	}
	_, err := BcryptSHA256{}.Verify("x", "bcrypt$$2b$04$ULEgZb/c7SOtSs4vBDOiy.DMoGaHISDfKNtg0t9y8.00Sexj0397y")
	require.ErrorIs(t, err, ErrMalformed)
}

func TestBcryptRoundTrip(t *testing.T) {
	for _, h := range []Hasher{BcryptSHA256{Rounds: 4}, Bcrypt{Rounds: 4}} {
		encoded, err := h.Encode("correct horse")
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(encoded, h.Algorithm()+"$$2b$04$"), encoded)
		ok, err := h.Verify("correct horse", encoded)
		require.NoError(t, err)
		require.True(t, ok)
		ok, err = h.Verify("correct horsE", encoded)
		require.NoError(t, err)
		require.False(t, ok)
		require.False(t, h.NeedsUpdate(encoded))
	}
	_, err := BcryptSHA256{Rounds: 40}.Encode("x")
	require.ErrorIs(t, err, ErrCost)
}
