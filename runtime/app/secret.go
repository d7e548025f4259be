package app

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
)

// MinSecretKeyBytes is the shortest SECRET_KEY serve accepts: 256 bits, the strength of
// HS256's output, so the key is never the weakest part of a token.
const MinSecretKeyBytes = 32

// ErrWeakSecretKey is returned by serve when the signing secret is too short or published.
var ErrWeakSecretKey = errors.New("weak secret key")

// errGuessableSecretKey marks the weaknesses Definition.WeakSecretKey lets serve start with
// (short, few distinct characters), as opposed to keys printed somewhere for anyone to read.
var errGuessableSecretKey = fmt.Errorf("%w", ErrWeakSecretKey)

// publishedSecretKeys are keys printed in earlier versions of this code and in the reference
// app, long enough to pass the length check: anyone can sign tokens with them.
var publishedSecretKeys = []string{
	"authgen-insecure-development-key-change-me",      // authgen's own development default until 2026-12
	"reference-insecure-default-secret-key-change-me", // the Django reference app's fallback
}

// serveSecretKey returns the secret that signs tokens and mailed links for serve. Unset, it
// is random for this process, with a warning that tokens and links die with it, so trying
// the app needs no setting and production cannot run on a constant; set, it must be long
// and unpublished, else serve refuses to start. An app whose spec restores Django's
// acceptance of any key (def.WeakSecretKey) starts on a short one with a warning; a
// published key is refused all the same.
func serveSecretKey(def *Definition, env Env) ([]byte, error) {
	name := secretKeyEnv(def)
	key := env.Getenv(name)
	if key == "" {
		fmt.Fprintf(env.Stderr, "warning: %s is not set; signing with a random key for this process only: "+
			"tokens and mailed links stop working when it exits. Set %s to at least %d random bytes "+
			"(for example: head -c 48 /dev/urandom | base64).\n", name, name, MinSecretKeyBytes)
		return randomKey(), nil
	}
	if err := checkSecretKey(key); err != nil {
		if !def.WeakSecretKey || !errors.Is(err, errGuessableSecretKey) {
			return nil, fmt.Errorf("%s: %w (for example: head -c 48 /dev/urandom | base64)", name, err)
		}
		fmt.Fprintf(env.Stderr, "warning: %s: %v; serving anyway (security.legacy.weak_secret_key): "+
			"anyone who guesses it can sign tokens (for example: head -c 48 /dev/urandom | base64).\n", name, err)
	}
	return []byte(key), nil
}

// checkSecretKey refuses a key anyone could guess: short, of very few distinct characters
// (Django's check), Django's startproject prefix, or one published elsewhere.
func checkSecretKey(key string) error {
	if len(key) < MinSecretKeyBytes {
		return fmt.Errorf("%w: it is %d bytes long; at least %d are needed", errGuessableSecretKey, len(key), MinSecretKeyBytes)
	}
	if strings.HasPrefix(key, "django-insecure-") {
		return fmt.Errorf("%w: it is one of Django's insecure development keys (django-insecure-…)", ErrWeakSecretKey)
	}
	for _, p := range publishedSecretKeys {
		if strings.EqualFold(key, p) {
			return fmt.Errorf("%w: it is a published default key", ErrWeakSecretKey)
		}
	}
	distinct := map[rune]bool{}
	for _, r := range key {
		distinct[r] = true
	}
	if len(distinct) < 5 {
		return fmt.Errorf("%w: it has fewer than 5 distinct characters", errGuessableSecretKey)
	}
	return nil
}

// secretKeyEnv names the environment variable holding the secret.
func secretKeyEnv(def *Definition) string {
	if def.SigningKeyEnv != "" {
		return def.SigningKeyEnv
	}
	return "SECRET_KEY"
}

// randomKey is 64 bytes from the system's random source.
func randomKey() []byte {
	key := make([]byte, 64)
	rand.Read(key) // never returns an error (crypto/rand, Go 1.24)
	return key
}
