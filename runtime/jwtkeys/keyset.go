package jwtkeys

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/authgen/authgen/runtime/jwtauth"
)

// Entry is one key of a key set file and when it was made.
type Entry struct {
	jwtauth.Key
	CreatedAt time.Time
}

// Set is a key set file: a JWK Set (RFC 7517 §5) holding private keys, newest first.
// Each key carries its "kid" and "alg", and the operator's "created_at" and, once another
// key replaced it, "retire_at".
type Set struct {
	Keys []Entry
}

// ErrNotFound: no key of the set has the id.
var ErrNotFound = errors.New("jwtkeys: no such key")

// Parse reads a key set document.
func Parse(data []byte) (*Set, error) {
	var doc struct {
		Keys []jwk `json:"keys"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: not a JWK Set: %v", ErrBadKey, err)
	}
	s := &Set{}
	seen := map[string]bool{}
	for _, j := range doc.Keys {
		k, err := decode(j)
		if err != nil {
			return nil, err
		}
		if seen[k.ID] {
			return nil, fmt.Errorf("%w: kid %q used twice", ErrBadKey, k.ID)
		}
		seen[k.ID] = true
		e := Entry{Key: k}
		if j.CreatedAt != nil {
			e.CreatedAt = j.CreatedAt.UTC()
		}
		if j.RetireAt != nil {
			e.RetireAt = j.RetireAt.UTC()
		}
		s.Keys = append(s.Keys, e)
	}
	return s, nil
}

// Marshal writes the set with its private keys, one key a line block, for the key file.
func (s *Set) Marshal() ([]byte, error) {
	doc := struct {
		Keys []jwk `json:"keys"`
	}{Keys: []jwk{}}
	for _, e := range s.Keys {
		j, err := encode(e.Key, true)
		if err != nil {
			return nil, err
		}
		if !e.CreatedAt.IsZero() {
			t := e.CreatedAt.UTC().Truncate(time.Second)
			j.CreatedAt = &t
		}
		if !e.RetireAt.IsZero() {
			t := e.RetireAt.UTC().Truncate(time.Second)
			j.RetireAt = &t
		}
		doc.Keys = append(doc.Keys, j)
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// ReadFile reads a key set file.
func ReadFile(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// WriteFile replaces the key set file at path, readable by its owner only: it is written
// beside it and renamed over it, so a reader never sees half a file.
func (s *Set) WriteFile(path string) error {
	data, err := s.Marshal()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing left to remove
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Current is the key that signs: the first one with a private key not being retired.
func (s *Set) Current() (Entry, bool) {
	for _, e := range s.Keys {
		if e.RetireAt.IsZero() && e.Private != nil {
			return e, true
		}
	}
	return Entry{}, false
}

// JWTKeys are the keys of the set still usable at now, for jwtauth.Config.Keys.
func (s *Set) JWTKeys(now time.Time) []jwtauth.Key {
	var keys []jwtauth.Key
	for _, e := range s.Keys {
		if e.RetireAt.IsZero() || now.Before(e.RetireAt) {
			keys = append(keys, e.Key)
		}
	}
	return keys
}

// Add puts e first, so that it signs from now on: Stage, then Promote.
func (s *Set) Add(e Entry, now time.Time, window time.Duration) error {
	if err := s.Stage(e, now); err != nil {
		return err
	}
	return s.Promote(e.ID, now, window)
}

// Stage adds e as a key that verifies but does not sign yet. Several instances sharing the
// set stage a key everywhere first, then promote it, so that no instance meets a token
// signed by a key it does not know. Keys whose window has ended are dropped.
func (s *Set) Stage(e Entry, now time.Time) error {
	if e.ID == "" {
		return fmt.Errorf("%w: the new key has no id", ErrBadKey)
	}
	var keys []Entry
	for _, old := range s.Keys {
		if old.ID == e.ID {
			return fmt.Errorf("%w: kid %q is already in the set", ErrBadKey, e.ID)
		}
		if !old.RetireAt.IsZero() && !now.Before(old.RetireAt) {
			continue
		}
		keys = append(keys, old)
	}
	s.Keys = append(keys, e)
	return nil
}

// Promote makes the key kid the signing one. The keys that signed until then keep
// verifying for window (the rotation window: long enough for every token they signed to
// expire, so nobody is logged out).
func (s *Set) Promote(kid string, now time.Time, window time.Duration) error {
	i := slices.IndexFunc(s.Keys, func(e Entry) bool { return e.ID == kid })
	if i < 0 {
		return fmt.Errorf("%w: %q", ErrNotFound, kid)
	}
	e := s.Keys[i]
	if e.Private == nil {
		return fmt.Errorf("key %q has no private key: it cannot sign", kid)
	}
	if !e.RetireAt.IsZero() {
		return fmt.Errorf("key %q is being retired: add a new key instead", kid)
	}
	cur, _ := s.Current()
	keys := []Entry{e}
	for _, old := range append(s.Keys[:i:i], s.Keys[i+1:]...) {
		if old.ID == cur.ID {
			old.RetireAt = now.Add(window)
		}
		keys = append(keys, old)
	}
	s.Keys = keys
	return nil
}

// Retire removes the key kid at once: tokens it signed are refused from then on, as after a
// leak. The key that signs is retired only by adding its successor first.
func (s *Set) Retire(kid string) error {
	for i, e := range s.Keys {
		if e.ID != kid {
			continue
		}
		if cur, ok := s.Current(); ok && cur.ID == kid {
			return fmt.Errorf("key %q signs the tokens being issued: add its successor first", kid)
		}
		s.Keys = append(s.Keys[:i:i], s.Keys[i+1:]...)
		return nil
	}
	return fmt.Errorf("%w: %q", ErrNotFound, kid)
}

// Generate makes a new key for alg, named by its RFC 7638 thumbprint: HS* get 64 random
// bytes, RS* 3072-bit RSA, ES* their curve, EdDSA Ed25519.
func Generate(alg string, now time.Time) (Entry, error) {
	var private any
	switch alg {
	case "HS256", "HS384", "HS512":
		secret := make([]byte, 64)
		rand.Read(secret) // never fails: crypto/rand crashes the program instead (Go 1.24+)
		private = secret
	case "RS256", "RS384", "RS512":
		k, err := rsa.GenerateKey(rand.Reader, 3072)
		if err != nil {
			return Entry{}, err
		}
		private = k
	case "ES256", "ES384", "ES512":
		for _, c := range curves {
			if c.alg == alg {
				k, err := ecdsa.GenerateKey(c.curve, rand.Reader)
				if err != nil {
					return Entry{}, err
				}
				private = k
			}
		}
	case "EdDSA":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return Entry{}, err
		}
		private = k
	default:
		return Entry{}, fmt.Errorf("%w: unsupported algorithm %q", ErrBadKey, alg)
	}
	return Imported(alg, private, now)
}

// Imported is an existing private key (from a PEM file, say) as a new entry of the set,
// named by its thumbprint.
func Imported(alg string, private any, now time.Time) (Entry, error) {
	e := Entry{Key: jwtauth.Key{Algorithm: alg, Private: private}, CreatedAt: now.UTC()}
	id, err := Thumbprint(e.Key)
	if err != nil {
		return Entry{}, err
	}
	e.ID = id
	// Read back as the key file will be, so that a key unfit for alg is refused now.
	j, err := encode(e.Key, true)
	if err != nil {
		return Entry{}, err
	}
	if _, err := decode(j); err != nil {
		return Entry{}, err
	}
	return e, nil
}
