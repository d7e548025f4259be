package password

import "runtime"

// Hashers is Django's PASSWORD_HASHERS setting: the preferred hasher makes new hashes, and
// every listed hasher checks the hashes in its format. A Hashers is safe for concurrent use.
//
// It runs a bounded number of key derivations at once (see WithConcurrency), and the others
// wait their turn: at Django's cost one Argon2 derivation takes 100 MiB and all the cores for
// a fifth of a second, so a burst of logins would otherwise take memory without bound and
// finish no sooner. (Django gets the same bound from its fixed number of worker processes.)
type Hashers struct {
	preferred   Hasher
	byAlgorithm map[string]Hasher
	slots       chan struct{}
}

// NewHashers returns the set that makes hashes with preferred and checks hashes of preferred
// and of others. When two hashers share an algorithm, the first one listed serves it. It
// runs as many derivations at once as Go runs threads (GOMAXPROCS).
func NewHashers(preferred Hasher, others ...Hasher) *Hashers {
	h := &Hashers{preferred: preferred, byAlgorithm: make(map[string]Hasher, 1+len(others))}
	for _, hasher := range append([]Hasher{preferred}, others...) {
		if _, dup := h.byAlgorithm[hasher.Algorithm()]; !dup {
			h.byAlgorithm[hasher.Algorithm()] = hasher
		}
	}
	return h.WithConcurrency(runtime.GOMAXPROCS(0))
}

// WithConcurrency returns the same hashers running at most n key derivations at once (at
// least one).
func (h *Hashers) WithConcurrency(n int) *Hashers {
	return &Hashers{preferred: h.preferred, byAlgorithm: h.byAlgorithm, slots: make(chan struct{}, max(n, 1))}
}

// derive runs one key derivation (or a check that holds one) when a slot is free.
func (h *Hashers) derive(f func()) {
	h.slots <- struct{}{}
	defer func() { <-h.slots }()
	f()
}

// DefaultHashers returns Argon2 with Django 3.2's cost as the preferred hasher, and the
// others of Django's default PASSWORD_HASHERS (PBKDF2, PBKDF2 SHA-1, bcrypt SHA-256) with
// Django 3.2's cost so that the hashes of a Django database keep working (and are replaced
// by Argon2 hashes as their users log in, see NeedsRehash).
func DefaultHashers() *Hashers {
	return NewHashers(Argon2{}, PBKDF2{}, PBKDF2SHA1{}, BcryptSHA256{})
}

// Preferred returns the hasher that makes new hashes.
func (h *Hashers) Preferred() Hasher { return h.preferred }

// Make hashes password with the preferred hasher: Django's make_password.
func (h *Hashers) Make(password string) (encoded string, err error) {
	h.derive(func() { encoded, err = h.preferred.Encode(password) })
	return encoded, err
}

// Check reports whether password matches encoded: Django's check_password. It never
// matches an unusable password, an encoding of an algorithm that is not in the set, or one
// its hasher cannot read; in those cases it spends the time of a real check (CheckDummy),
// so the answer time does not tell them apart from a wrong password. When the password is
// wrong and encoded was made with a lower work factor of the preferred hasher, the hasher
// spends the difference (see Hardener).
func (h *Hashers) Check(password, encoded string) (ok bool) {
	h.derive(func() { ok = h.check(password, encoded) })
	return ok
}

// check is Check in a slot.
func (h *Hashers) check(password, encoded string) bool {
	hasher := h.hasherOf(encoded)
	if hasher == nil {
		h.dummy(password)
		return false
	}
	ok, err := hasher.Verify(password, encoded)
	if err != nil {
		h.dummy(password)
		return false
	}
	if !ok && h.isPreferred(hasher) && hasher.NeedsUpdate(encoded) {
		if hardener, is := hasher.(Hardener); is {
			hardener.HardenRuntime(password, encoded)
		}
	}
	return ok
}

// CheckDummy spends the time of checking password against a hash of the preferred hasher,
// and nothing else. Call it when there is no user to check against, so that logging in as
// an unknown user takes as long as a wrong password for a known one: Django's ModelBackend
// does the same (ticket #20760).
func (h *Hashers) CheckDummy(password string) {
	h.derive(func() { h.dummy(password) })
}

// dummy is CheckDummy in a slot. Encoding costs what verifying costs: one key derivation
// with the preferred settings.
func (h *Hashers) dummy(password string) {
	_, _ = h.preferred.Encode(password)
}

// NeedsRehash reports whether encoded should be replaced by Make(password) once Check has
// accepted password: it was made by another hasher than the preferred one, or by the
// preferred one with other settings. It is false for unusable passwords and for algorithms
// the set does not know, which Check never accepts.
func (h *Hashers) NeedsRehash(encoded string) bool {
	hasher := h.hasherOf(encoded)
	if hasher == nil {
		return false
	}
	return !h.isPreferred(hasher) || hasher.NeedsUpdate(encoded)
}

// hasherOf returns the hasher of encoded's algorithm, or nil when encoded is unusable or of
// an algorithm the set does not hold.
func (h *Hashers) hasherOf(encoded string) Hasher {
	if !IsUsable(encoded) {
		return nil
	}
	return h.byAlgorithm[splitAlgorithm(encoded)]
}

// isPreferred compares algorithms, as Django does, rather than interface values, which
// would panic for a hasher of an incomparable type.
func (h *Hashers) isPreferred(hasher Hasher) bool {
	return hasher.Algorithm() == h.preferred.Algorithm()
}
