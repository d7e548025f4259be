package password

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// cheapArgon2 keeps tests fast; the contract does not depend on the cost.
var cheapArgon2 = Argon2{MemoryKiB: 1024, Iterations: 1, Parallelism: 1}

// counting wraps a real hasher and counts the key derivations asked of it.
type counting struct {
	Hasher
	encodes, verifies atomic.Int32
}

func (c *counting) Encode(password string) (string, error) {
	c.encodes.Add(1)
	return c.Hasher.Encode(password)
}

func (c *counting) Verify(password, encoded string) (bool, error) {
	c.verifies.Add(1)
	return c.Hasher.Verify(password, encoded)
}

func TestHashersMakeAndCheck(t *testing.T) {
	hs := NewHashers(cheapArgon2, PBKDF2{})
	encoded, err := hs.Make("s3cret-Pass")
	require.NoError(t, err)
	require.Equal(t, "argon2", splitAlgorithm(encoded))

	require.True(t, hs.Check("s3cret-Pass", encoded))
	require.False(t, hs.Check("s3cret-pass", encoded))
	require.False(t, hs.NeedsRehash(encoded))
}

func TestHashersCheckDjangoHashThenRehash(t *testing.T) {
	hs := NewHashers(cheapArgon2, PBKDF2{})
	require.True(t, hs.Check("s3cret-Pass", djangoPBKDF2))
	require.True(t, hs.NeedsRehash(djangoPBKDF2), "an older hasher's hash is replaced at login")

	// The same set with PBKDF2 preferred keeps Django's hash as it is.
	django := NewHashers(PBKDF2{}, cheapArgon2)
	require.True(t, django.Check("s3cret-Pass", djangoPBKDF2))
	require.False(t, django.NeedsRehash(djangoPBKDF2))
}

// Everything Check refuses without a key derivation of its own costs one of the preferred
// hasher's, and a wrong password for a known hash costs its verification only.
func TestHashersCheckSpendsOneDerivation(t *testing.T) {
	tests := []struct {
		name, encoded    string
		encodes, verifys int32
	}{
		{"unusable", MakeUnusable(), 1, 0},
		{"empty", "", 1, 0},
		{"unknown algorithm", "bcrypt_sha256$$2b$12$abc", 1, 0},
		{"malformed", "argon2$argon2id$v=19$garbage", 1, 1},
		{"wrong password", "argon2$argon2id$v=19$m=64,t=1,p=2$QWJDZEVmR2hJaktsTW5PcFFyU3RVdg$SX/4WnNyk2vB3rCM5Rbw0g", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			preferred := &counting{Hasher: cheapArgon2}
			hs := NewHashers(preferred, PBKDF2{})
			require.False(t, hs.Check("not-the-password", tt.encoded))
			require.Equal(t, tt.encodes, preferred.encodes.Load(), "encodes")
			require.Equal(t, tt.verifys, preferred.verifies.Load(), "verifies")
		})
	}
}

func TestHashersCheckDummy(t *testing.T) {
	preferred := &counting{Hasher: cheapArgon2}
	NewHashers(preferred).CheckDummy("whatever")
	require.Equal(t, int32(1), preferred.encodes.Load())
}

func TestHashersNeedsRehash(t *testing.T) {
	hs := NewHashers(Argon2{MemoryKiB: 64, Iterations: 1, Parallelism: 2}, PBKDF2{})
	tests := []struct {
		name, encoded string
		want          bool
	}{
		{"preferred, current cost", referenceArgon2[1].encoded, false},
		{"preferred, other cost", referenceArgon2[0].encoded, true},
		{"other hasher", djangoPBKDF2, true},
		{"unusable", MakeUnusable(), false},
		{"unknown algorithm", "md5$salt$hash", false},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, hs.NeedsRehash(tt.encoded), tt.name)
	}
}

func TestHashersFirstOfAnAlgorithmWins(t *testing.T) {
	hs := NewHashers(cheapArgon2, Argon2{}, PBKDF2{Iterations: 1000}, PBKDF2{})
	encoded, err := hs.Make("pw")
	require.NoError(t, err)
	require.False(t, hs.NeedsRehash(encoded))
	require.Equal(t, cheapArgon2, hs.Preferred())

	old, err := PBKDF2{Iterations: 1000}.Encode("pw")
	require.NoError(t, err)
	require.True(t, hs.NeedsRehash(old), "another algorithm than the preferred one")
}

func TestDefaultHashers(t *testing.T) {
	hs := DefaultHashers()
	require.Equal(t, Argon2{}, hs.Preferred())
	require.True(t, hs.Check("s3cret-Pass", djangoPBKDF2))
	require.True(t, hs.Check("s3cret-Pass", referenceArgon2[0].encoded))
	require.False(t, hs.NeedsRehash(referenceArgon2[0].encoded))
}

func TestMakeUnusable(t *testing.T) {
	a, b := MakeUnusable(), MakeUnusable()
	require.Regexp(t, `^![a-zA-Z0-9]{40}$`, a)
	require.NotEqual(t, a, b)
	require.False(t, IsUsable(a))
	require.True(t, IsUsable(djangoPBKDF2))
	require.True(t, IsUsable(""), "Django: only the ! prefix makes a password unusable")

	hs := NewHashers(cheapArgon2)
	require.False(t, hs.Check(a, a))
	require.False(t, hs.Check("", a))
}

func TestRandomStringUsesTheWholeAlphabet(t *testing.T) {
	seen := map[rune]bool{}
	for range 50 {
		for _, r := range randomString(100) {
			seen[r] = true
		}
	}
	require.Len(t, seen, len(saltChars))
	require.Equal(t, 22, saltLength)
}

// gauge is a hasher that records how many of its derivations run at once.
type gauge struct {
	Hasher
	now, peak atomic.Int32
}

func (g *gauge) enter() func() {
	n := g.now.Add(1)
	for p := g.peak.Load(); n > p && !g.peak.CompareAndSwap(p, n); p = g.peak.Load() {
	}
	return func() { g.now.Add(-1) }
}

func (g *gauge) Encode(password string) (string, error) {
	defer g.enter()()
	time.Sleep(2 * time.Millisecond)
	return g.Hasher.Encode(password)
}

func (g *gauge) Verify(password, encoded string) (bool, error) {
	defer g.enter()()
	time.Sleep(2 * time.Millisecond)
	return g.Hasher.Verify(password, encoded)
}

// A burst of logins, registrations and unknown users runs at most the set's number of
// derivations at once, and every one of them completes with its right answer.
func TestHashersBoundConcurrentDerivations(t *testing.T) {
	g := &gauge{Hasher: cheapArgon2}
	hs := NewHashers(g).WithConcurrency(3)
	encoded, err := hs.Make("s3cret")
	require.NoError(t, err)

	var wg sync.WaitGroup
	var right atomic.Int32
	for i := range 60 {
		wg.Go(func() {
			switch i % 3 {
			case 0:
				if hs.Check("s3cret", encoded) {
					right.Add(1)
				}
			case 1:
				if e, err := hs.Make("other"); err == nil && hs.Check("other", e) {
					right.Add(1)
				}
			default:
				hs.CheckDummy("whoever")
				right.Add(1)
			}
		})
	}
	wg.Wait()
	require.EqualValues(t, 60, right.Load())
	require.LessOrEqual(t, g.peak.Load(), int32(3), "three at once at the most")
	require.Greater(t, g.peak.Load(), int32(1), "and not one by one")

	require.EqualValues(t, 1, cap(NewHashers(g).WithConcurrency(0).slots), "at least one")
	require.Equal(t, runtime.GOMAXPROCS(0), cap(NewHashers(g).slots))
}
