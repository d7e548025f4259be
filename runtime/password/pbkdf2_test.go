package password

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Made by Django 3.2:
//
//	python3 -c "import django; from django.conf import settings; settings.configure(); django.setup();
//	  from django.contrib.auth.hashers import make_password; print(make_password('s3cret-Pass', hasher='pbkdf2_sha256'))"
const djangoPBKDF2 = "pbkdf2_sha256$260000$577D5Zu9YmZKJUPdAE6la1$eRQtohhVoNZUWx51wRXYMadyV8tS1It0aJmcuaCqJ0k="

func TestPBKDF2VerifiesDjangoHash(t *testing.T) {
	h := PBKDF2{}
	ok, err := h.Verify("s3cret-Pass", djangoPBKDF2)
	require.NoError(t, err)
	require.True(t, ok)

	for _, wrong := range []string{"s3cret-pass", "s3cret-Pass ", ""} {
		ok, err := h.Verify(wrong, djangoPBKDF2)
		require.NoError(t, err)
		require.False(t, ok, wrong)
	}
	require.False(t, h.NeedsUpdate(djangoPBKDF2))
	require.True(t, PBKDF2{Iterations: 300000}.NeedsUpdate(djangoPBKDF2))
}

// Expected encodings from Django's PBKDF2PasswordHasher().encode(password, salt, iterations).
func TestPBKDF2EncodeMatchesDjango(t *testing.T) {
	tests := []struct {
		password, salt string
		iterations     int
		want           string
	}{
		{"s3cret-Pass", "seasalt", 1000, "pbkdf2_sha256$1000$seasalt$WdFkJ3pZ7yz54fO7qu157AQz7VcWBs1W2xfeh0HkBxs="},
		{"lètmein ünïcode", "AbCdEfGhIjKlMnOpQrStUv", 2, "pbkdf2_sha256$2$AbCdEfGhIjKlMnOpQrStUv$eK1yPZaUyJ7KOqShjtAdaJhDeEO+ztBQv3f5YI9NImE="},
		{"", "x", 1, "pbkdf2_sha256$1$x$yb9iKunqNijXRQKUvO6LoyiwVgfOzKs1+3gaWy8rzxc="},
		{"pass$word", "salt", 10, "pbkdf2_sha256$10$salt$qLfNEWMp18PDhkhN4HwvZxXjnaqRpuQUo6T7WW/3szw="},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got, err := PBKDF2{}.encode(tt.password, tt.salt, tt.iterations)
			require.NoError(t, err)
			require.Equal(t, tt.want, got)

			ok, err := PBKDF2{}.Verify(tt.password, tt.want)
			require.NoError(t, err)
			require.True(t, ok)
		})
	}
}

func TestPBKDF2RoundTrip(t *testing.T) {
	h := PBKDF2{Iterations: 1000}
	encoded, err := h.Encode("correct horse")
	require.NoError(t, err)

	parts := strings.Split(encoded, "$")
	require.Len(t, parts, 4)
	require.Equal(t, []string{"pbkdf2_sha256", "1000"}, parts[:2])
	require.Len(t, parts[2], 22, "Django's salt length")
	require.Len(t, parts[3], 44, "base64 of 32 bytes")

	ok, err := h.Verify("correct horse", encoded)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = h.Verify("correct horsE", encoded)
	require.NoError(t, err)
	require.False(t, ok)

	again, err := h.Encode("correct horse")
	require.NoError(t, err)
	require.NotEqual(t, encoded, again, "fresh salt each time")
	require.False(t, h.NeedsUpdate(encoded))
}

func TestPBKDF2Malformed(t *testing.T) {
	key := "WdFkJ3pZ7yz54fO7qu157AQz7VcWBs1W2xfeh0HkBxs="
	tests := []struct {
		name, encoded string
		err           error
	}{
		{"other algorithm", "pbkdf2_sha1$1000$seasalt$" + key, ErrMalformed},
		{"too few fields", "pbkdf2_sha256$1000$seasalt", ErrMalformed},
		{"iterations not a number", "pbkdf2_sha256$many$seasalt$" + key, ErrMalformed},
		{"zero iterations", "pbkdf2_sha256$0$seasalt$" + key, ErrMalformed},
		{"negative iterations", "pbkdf2_sha256$-5$seasalt$" + key, ErrMalformed},
		{"empty salt", "pbkdf2_sha256$1000$$" + key, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := PBKDF2{}.Verify("s3cret-Pass", tt.encoded)
			require.ErrorIs(t, err, tt.err)
			require.False(t, ok)
			require.True(t, PBKDF2{}.NeedsUpdate(tt.encoded))
		})
	}
}

// Django compares whole encodings, so one that is not canonical fails without an error.
func TestPBKDF2NonCanonicalNeverMatches(t *testing.T) {
	key := "WdFkJ3pZ7yz54fO7qu157AQz7VcWBs1W2xfeh0HkBxs="
	for _, encoded := range []string{
		"pbkdf2_sha256$01000$seasalt$" + key,
		"pbkdf2_sha256$+1000$seasalt$" + key,
		"pbkdf2_sha256$1000$seasalt$" + strings.TrimSuffix(key, "="),
		"pbkdf2_sha256$1000$seasalt$" + key + "$",
	} {
		ok, err := PBKDF2{}.Verify("s3cret-Pass", encoded)
		require.NoError(t, err, encoded)
		require.False(t, ok, encoded)
	}
}

func TestPBKDF2NeedsUpdate(t *testing.T) {
	h := PBKDF2{Iterations: 1000}
	tests := []struct {
		encoded string
		want    bool
	}{
		{"pbkdf2_sha256$1000$AbCdEfGhIjKlMnOpQrStUv$x", false},
		{"pbkdf2_sha256$999$AbCdEfGhIjKlMnOpQrStUv$x", true},
		{"pbkdf2_sha256$1000$AbCdEfGhIjKlMnOpQrStU$x", true}, // 21 characters: 125 bits
		{"pbkdf2_sha256$1000$seasalt$x", true},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, h.NeedsUpdate(tt.encoded), tt.encoded)
	}
}

func TestPBKDF2RejectsBadCost(t *testing.T) {
	_, err := PBKDF2{Iterations: -1}.Encode("pw")
	require.ErrorIs(t, err, ErrCost)
}

// Expected encodings from Django 3.2's PBKDF2SHA1PasswordHasher().encode(password, salt,
// iterations), run with Debian's python3-django.
func TestPBKDF2SHA1MatchesDjango(t *testing.T) {
	for _, tt := range []struct {
		password, salt string
		iterations     int
		want           string
	}{
		{"pässword", "seasalt2", 1000, "pbkdf2_sha1$1000$seasalt2$9Osd52COip5Jo/Hp74A8NPJ1h/U="},
		{"x", "abcdefghijklmnopqrstuv", 260000, "pbkdf2_sha1$260000$abcdefghijklmnopqrstuv$k/Ca/Oy1SVaNAJPS7TbYspPeeBM="},
	} {
		got, err := pbkdf2SHA1.encode(tt.password, tt.salt, tt.iterations)
		require.NoError(t, err)
		require.Equal(t, tt.want, got)
		h := PBKDF2SHA1{}
		ok, err := h.Verify(tt.password, tt.want)
		require.NoError(t, err)
		require.True(t, ok)
		ok, err = h.Verify(tt.password+"!", tt.want)
		require.NoError(t, err)
		require.False(t, ok)
		require.Equal(t, tt.iterations != DefaultPBKDF2Iterations || len(tt.salt) < 22, h.NeedsUpdate(tt.want))
	}
	_, err := PBKDF2SHA1{}.Verify("x", "pbkdf2_sha256$1$x$yb9iKunqNijXRQKUvO6LoyiwVgfOzKs1+3gaWy8rzxc=")
	require.ErrorIs(t, err, ErrMalformed, "another algorithm's hash")
}
