package password

import (
	"fmt"
	"testing"
)

// BenchmarkCheck measures what one login costs with each hasher setting: a successful Check
// of a hash made with it (a wrong password costs the same), and CheckDummy for an unknown
// user. Report ns/op as the login time and B/op as the memory each concurrent login holds.
//
//	go test -run '^$' -bench Check -benchmem ./runtime/password
func BenchmarkCheck(b *testing.B) {
	settings := []Hasher{
		Argon2{}, // Django 3.2: m=102400, t=2, p=8
		Argon2{MemoryKiB: 65536, Iterations: 3, Parallelism: 4}, // RFC 9106's second recommendation
		Argon2{MemoryKiB: 19456, Iterations: 2, Parallelism: 1}, // OWASP's minimum
		PBKDF2{},                   // Django 3.2: 260000 iterations
		PBKDF2{Iterations: 600000}, // OWASP's recommendation for PBKDF2-HMAC-SHA256
	}
	for _, hasher := range settings {
		hs := NewHashers(hasher)
		encoded, err := hs.Make("s3cret-Pass")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(benchName(hasher), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !hs.Check("s3cret-Pass", encoded) {
					b.Fatal("Check refused the right password")
				}
			}
		})
		b.Run(benchName(hasher)+"/unknown-user", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				hs.CheckDummy("s3cret-Pass")
			}
		})
	}
}

func benchName(h Hasher) string {
	switch h := h.(type) {
	case Argon2:
		m, t, p := h.cost()
		return fmt.Sprintf("argon2/m=%d,t=%d,p=%d", m, t, p)
	case PBKDF2:
		return fmt.Sprintf("pbkdf2_sha256/%d", h.iterations())
	}
	return h.Algorithm()
}

// BenchmarkRefusals prints what each kind of refused login costs, to compare by eye (or with
// benchstat): a wrong password, an unknown user (CheckDummy), an unusable password, and a
// wrong password on an old cheap PBKDF2 hash (topped up to the preferred count, Django's
// harden_runtime). The counting tests pin that each refusal runs the hasher; this shows the
// time is alike, without a wall-clock assertion that would fail on a loaded machine.
func BenchmarkRefusals(b *testing.B) {
	hs := NewHashers(PBKDF2{Iterations: 100000})
	full, err := PBKDF2{Iterations: 100000}.Encode("s3cret-Pass")
	if err != nil {
		b.Fatal(err)
	}
	weak, err := PBKDF2{Iterations: 1}.Encode("s3cret-Pass")
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		fn   func()
	}{
		{"wrong-password", func() { hs.Check("wrong", full) }},
		{"unknown-user", func() { hs.CheckDummy("wrong") }},
		{"unusable-password", func() { hs.Check("wrong", "!unusable") }},
		{"wrong-on-weak-hash", func() { hs.Check("wrong", weak) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.fn()
			}
		})
	}
}
