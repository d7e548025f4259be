package password

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// python3-argon2 (argon2-cffi) is not installed here, so these hashes were made with the C
// library it wraps, libargon2 20171227, through ctypes: argon2id_hash_encoded (or
// argon2i_hash_encoded) with a 16-byte key unless stated, prefixed with "argon2" as Django's
// Argon2PasswordHasher.encode does.
var referenceArgon2 = []struct {
	name, password, salt, encoded string
}{
	{"django defaults", "s3cret-Pass", "AbCdEfGhIjKlMnOpQrStUv",
		"argon2$argon2id$v=19$m=102400,t=2,p=8$QWJDZEVmR2hJaktsTW5PcFFyU3RVdg$0X2oF8tZCNTluCEW5iX45g"},
	{"small cost", "s3cret-Pass", "AbCdEfGhIjKlMnOpQrStUv",
		"argon2$argon2id$v=19$m=64,t=1,p=2$QWJDZEVmR2hJaktsTW5PcFFyU3RVdg$SX/4WnNyk2vB3rCM5Rbw0g"},
	{"unicode password", "lètmein ünïcode", "0123456789abcdefghijkl",
		"argon2$argon2id$v=19$m=256,t=3,p=4$MDEyMzQ1Njc4OWFiY2RlZmdoaWprbA$qatqCY8K0vYIMIP/hPsXoQ"},
	{"empty password, minimum memory", "", "AbCdEfGhIjKlMnOpQrStUv",
		"argon2$argon2id$v=19$m=8,t=1,p=1$QWJDZEVmR2hJaktsTW5PcFFyU3RVdg$0oGYzbJOL1f6hcXXbVJBvA"},
	{"memory not a multiple of 4 lanes", "s3cret-Pass", "AbCdEfGhIjKlMnOpQrStUv",
		"argon2$argon2id$v=19$m=100,t=1,p=3$QWJDZEVmR2hJaktsTW5PcFFyU3RVdg$aQjajecN5gFD7bUXntdKjA"},
	{"binary salt, 32-byte key", "s3cret-Pass", "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f",
		"argon2$argon2id$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$+DhS0G5dHGbHw8Y8ujVOzrjmArgUxBL4cUdXYaC1B+Y"},
	{"argon2i of Django before 3.2", "s3cret-Pass", "AbCdEfGhIjKlMnOpQrStUv",
		"argon2$argon2i$v=19$m=128,t=2,p=2$QWJDZEVmR2hJaktsTW5PcFFyU3RVdg$DeD/RvNn5Mk0UaV8/ulRDQ"},
}

func TestArgon2VerifiesReferenceHashes(t *testing.T) {
	for _, tt := range referenceArgon2 {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := Argon2{}.Verify(tt.password, tt.encoded)
			require.NoError(t, err)
			require.True(t, ok)

			ok, err = Argon2{}.Verify(tt.password+"x", tt.encoded)
			require.NoError(t, err)
			require.False(t, ok)
		})
	}
}

// Encode with the reference's variant, cost and salt gives the reference's bytes.
func TestArgon2EncodeMatchesReference(t *testing.T) {
	for _, tt := range referenceArgon2 {
		if !strings.HasPrefix(tt.encoded, "argon2$argon2id$") || len(tt.salt) != 22 {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			d, err := Argon2{}.decode(tt.encoded)
			require.NoError(t, err)
			h := Argon2{MemoryKiB: d.memory, Iterations: d.iterations, Parallelism: d.parallelism}
			got, err := h.encode(tt.password, tt.salt)
			require.NoError(t, err)
			require.Equal(t, tt.encoded, got)
			require.False(t, h.NeedsUpdate(got))
		})
	}
}

func TestArgon2RoundTrip(t *testing.T) {
	h := Argon2{MemoryKiB: 1024, Iterations: 1, Parallelism: 2}
	encoded, err := h.Encode("correct horse")
	require.NoError(t, err)

	fields := strings.Split(encoded, "$")
	require.Len(t, fields, 6)
	require.Equal(t, []string{"argon2", "argon2id", "v=19", "m=1024,t=1,p=2"}, fields[:4])
	salt, err := base64.RawStdEncoding.DecodeString(fields[4])
	require.NoError(t, err)
	require.Regexp(t, `^[a-zA-Z0-9]{22}$`, string(salt), "Django's salt: 22 alphanumerics")
	key, err := base64.RawStdEncoding.DecodeString(fields[5])
	require.NoError(t, err)
	require.Len(t, key, 16)

	ok, err := h.Verify("correct horse", encoded)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = h.Verify("Correct horse", encoded)
	require.NoError(t, err)
	require.False(t, ok)

	again, err := h.Encode("correct horse")
	require.NoError(t, err)
	require.NotEqual(t, encoded, again, "fresh salt each time")
}

func TestArgon2ZeroValueIsDjangoCost(t *testing.T) {
	m, it, p := Argon2{}.cost()
	require.Equal(t, []uint32{102400, 2, 8}, []uint32{m, it, uint32(p)})
	require.False(t, Argon2{}.NeedsUpdate(referenceArgon2[0].encoded))
}

func TestArgon2NeedsUpdate(t *testing.T) {
	h := Argon2{MemoryKiB: 64, Iterations: 1, Parallelism: 2}
	const salt22 = "QWJDZEVmR2hJaktsTW5PcFFyU3RVdg" // "AbCdEfGhIjKlMnOpQrStUv"
	const salt16 = "AAECAwQFBgcICQoLDA0ODw"
	tests := []struct {
		name, encoded string
		want          bool
	}{
		{"current", "argon2$argon2id$v=19$m=64,t=1,p=2$" + salt22 + "$SX/4WnNyk2vB3rCM5Rbw0g", false},
		{"memory", "argon2$argon2id$v=19$m=128,t=1,p=2$" + salt22 + "$SX/4WnNyk2vB3rCM5Rbw0g", true},
		{"iterations", "argon2$argon2id$v=19$m=64,t=2,p=2$" + salt22 + "$SX/4WnNyk2vB3rCM5Rbw0g", true},
		{"parallelism", "argon2$argon2id$v=19$m=64,t=1,p=1$" + salt22 + "$SX/4WnNyk2vB3rCM5Rbw0g", true},
		{"argon2i", "argon2$argon2i$v=19$m=64,t=1,p=2$" + salt22 + "$SX/4WnNyk2vB3rCM5Rbw0g", true},
		{"32-byte key", "argon2$argon2id$v=19$m=64,t=1,p=2$" + salt22 + "$+DhS0G5dHGbHw8Y8ujVOzrjmArgUxBL4cUdXYaC1B+Y", true},
		{"16-byte salt", "argon2$argon2id$v=19$m=64,t=1,p=2$" + salt16 + "$SX/4WnNyk2vB3rCM5Rbw0g", true},
		{"unreadable", "argon2$argon2id$v=19$m=64$" + salt22 + "$SX/4WnNyk2vB3rCM5Rbw0g", true},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, h.NeedsUpdate(tt.encoded), tt.name)
	}
}

func TestArgon2Malformed(t *testing.T) {
	const tail = "$QWJDZEVmR2hJaktsTW5PcFFyU3RVdg$SX/4WnNyk2vB3rCM5Rbw0g"
	tests := []struct {
		name, encoded string
		err           error
	}{
		{"no prefix", "$argon2id$v=19$m=64,t=1,p=2" + tail, ErrMalformed},
		{"argon2d", "argon2$argon2d$v=19$m=64,t=1,p=2" + tail, ErrUnsupported},
		{"version 16", "argon2$argon2id$v=16$m=64,t=1,p=2" + tail, ErrUnsupported},
		{"no version", "argon2$argon2i$m=64,t=1,p=2" + tail, ErrUnsupported},
		{"unknown variant", "argon2$argon2x$v=19$m=64,t=1,p=2" + tail, ErrMalformed},
		{"version not a number", "argon2$argon2id$v=x$m=64,t=1,p=2" + tail, ErrMalformed},
		{"cost out of order", "argon2$argon2id$v=19$t=1,m=64,p=2" + tail, ErrMalformed},
		{"signed number", "argon2$argon2id$v=19$m=+64,t=1,p=2" + tail, ErrMalformed},
		{"zero iterations", "argon2$argon2id$v=19$m=64,t=0,p=2" + tail, ErrMalformed},
		{"zero lanes", "argon2$argon2id$v=19$m=64,t=1,p=0" + tail, ErrMalformed},
		{"memory below 8 KiB a lane", "argon2$argon2id$v=19$m=15,t=1,p=2" + tail, ErrMalformed},
		{"more lanes than x/crypto takes", "argon2$argon2id$v=19$m=4096,t=1,p=256" + tail, ErrUnsupported},
		{"memory overflows uint32", "argon2$argon2id$v=19$m=4294967296,t=1,p=2" + tail, ErrMalformed},
		{"padded base64", "argon2$argon2id$v=19$m=64,t=1,p=2$QWJDZEVmR2hJaktsTW5PcFFyU3RVdg==$SX/4WnNyk2vB3rCM5Rbw0g", ErrMalformed},
		{"salt below 8 bytes", "argon2$argon2id$v=19$m=64,t=1,p=2$c2FsdA$SX/4WnNyk2vB3rCM5Rbw0g", ErrMalformed},
		{"key below 4 bytes", "argon2$argon2id$v=19$m=64,t=1,p=2$QWJDZEVmR2hJaktsTW5PcFFyU3RVdg$SX8", ErrMalformed},
		{"extra field", "argon2$argon2id$v=19$m=64,t=1,p=2" + tail + "$x", ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := Argon2{}.Verify("s3cret-Pass", tt.encoded)
			require.ErrorIs(t, err, tt.err)
			require.False(t, ok)
		})
	}
}

func TestArgon2RejectsBadCost(t *testing.T) {
	_, err := Argon2{MemoryKiB: 15, Parallelism: 2}.Encode("pw")
	require.ErrorIs(t, err, ErrCost)
}
