package accounts_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/password"
)

// Logging in as an unknown user must cost what a wrong password costs: the handlers spend a
// dummy hash (Hashers.CheckDummy → the preferred hasher's Encode) instead of answering at
// once. The counting hasher shows which work was done; wall-clock time is not measured.
func TestNoEnumerationByTiming(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		alice := e.user("alice", nil)
		h := e.hasher
		type work struct{ encodes, verifies int64 }
		measure := func(f func()) work {
			enc, ver := h.encodes.Load(), h.verifies.Load()
			f()
			return work{h.encodes.Load() - enc, h.verifies.Load() - ver}
		}

		for _, path := range []string{"/auth/jwt/create/", "/auth/token/login/"} {
			unknown := measure(func() {
				r := e.do("POST", path, "", map[string]any{"username": "ghost", "password": "Whatever-123"})
				require.Contains(t, []int{http.StatusUnauthorized, http.StatusBadRequest}, r.status)
			})
			require.Equal(t, work{encodes: 1}, unknown, "%s: one dummy hash for an unknown user", path)
			wrong := measure(func() {
				r := e.do("POST", path, "", map[string]any{"username": "alice", "password": "Wrong-123"})
				require.Contains(t, []int{http.StatusUnauthorized, http.StatusBadRequest}, r.status)
			})
			require.Equal(t, work{verifies: 1}, wrong, "%s: one real check for a wrong password", path)
		}

		// Reset and re-activation requests answer alike for known and unknown addresses, and
		// do not wait for the mail server.
		known := e.do("POST", "/auth/users/reset_password/", "", map[string]any{"email": alice.email})
		unknown := e.do("POST", "/auth/users/reset_password/", "", map[string]any{"email": "ghost@example.com"})
		require.Equal(t, known.status, unknown.status)
		require.Equal(t, known.raw, unknown.raw)
		known = e.do("POST", "/auth/users/reset_username/", "", map[string]any{"email": alice.email})
		unknown = e.do("POST", "/auth/users/reset_username/", "", map[string]any{"email": "ghost@example.com"})
		require.Equal(t, known.status, unknown.status)
	})
}

// A hash made with other settings is replaced at the next successful login (Django's
// check_password setter), and the login goes on.
func TestPasswordHashUpgrade(t *testing.T) {
	e := newEnv(t, db.SQLite, options{})
	alice := e.user("alice", nil)
	u := e.dbUser(alice.id)
	old, err := password.PBKDF2{Iterations: 500}.Encode(alice.password)
	require.NoError(t, err)
	u.Password = old
	require.NoError(t, e.store.Update(t.Context(), u, "password"))
	e.login("alice")
	upgraded := e.dbUser(alice.id).Password
	require.NotEqual(t, old, upgraded)
	require.Contains(t, upgraded, "$1000$", "re-encoded with the preferred hasher's cost")
	e.login("alice")
}

// Hashers are Django's PASSWORD_HASHERS: any listed one verifies, the first replaces the
// others' hashes, and only an accepted log-in rewrites a hash (not a wrong password, not an
// inactive user, unlike Django's ModelBackend which upgrades before it checks is_active).
func TestPasswordHashersList(t *testing.T) {
	e := newEnv(t, db.SQLite, options{hashers: []password.Hasher{password.PBKDF2SHA1{Iterations: 10}}})
	alice := e.user("alice", nil)
	bob := e.user("bob", nil)
	setHash := func(c *creds, h password.Hasher) string {
		u := e.dbUser(c.id)
		encoded, err := h.Encode(c.password)
		require.NoError(t, err)
		u.Password = encoded
		require.NoError(t, e.store.Update(t.Context(), u, "password"))
		return encoded
	}
	refused := func(c *creds, pw string) {
		r := e.do("POST", "/auth/jwt/create/", "", map[string]any{"username": c.username, "password": pw})
		require.Equal(t, http.StatusUnauthorized, r.status, string(r.raw))
	}

	// A listed hasher's hash logs in and becomes the first hasher's.
	setHash(alice, password.PBKDF2SHA1{Iterations: 10})
	e.login("alice")
	require.True(t, strings.HasPrefix(e.dbUser(alice.id).Password, "pbkdf2_sha256$1000$"), e.dbUser(alice.id).Password)

	// A wrong password and an inactive user leave the old hash alone.
	old := setHash(bob, password.PBKDF2SHA1{Iterations: 10})
	refused(bob, "Wrong-123")
	require.Equal(t, old, e.dbUser(bob.id).Password)
	u := e.dbUser(bob.id)
	u.IsActive = false
	require.NoError(t, e.store.Update(t.Context(), u, "is_active"))
	refused(bob, bob.password)
	require.Equal(t, old, e.dbUser(bob.id).Password, "a refused log-in never rewrites a hash")

	// An algorithm that is not listed does not verify.
	setHash(alice, password.Argon2{MemoryKiB: 64, Iterations: 1, Parallelism: 1})
	refused(alice, alice.password)
}
