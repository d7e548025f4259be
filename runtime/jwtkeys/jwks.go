package jwtkeys

import (
	"encoding/json"
	"net/http"

	"github.com/authgen/authgen/runtime/jwtauth"
)

// JWKSPath is where the JWKS document is served, as OpenID Connect discovery has made
// customary.
const JWKSPath = "/.well-known/jwks.json"

// Document is the JWKS document (RFC 7517 §5) of public keys: their public members only.
func Document(keys []jwtauth.Key) ([]byte, error) {
	doc := struct {
		Keys []jwk `json:"keys"`
	}{Keys: []jwk{}}
	for _, k := range keys {
		j, err := encode(k, false)
		if err != nil {
			return nil, err
		}
		if j.Kty == "oct" {
			continue // a shared secret is never published
		}
		doc.Keys = append(doc.Keys, j)
	}
	return json.Marshal(doc)
}

// Handler serves the JWKS document of the keys that verify tokens at the time of the
// request (a key leaves it when its rotation window ends). Verifiers may cache it for five
// minutes; a key is published from the moment it signs, so a verifier that meets an
// unknown kid fetches the document again.
func Handler(tokens *jwtauth.Tokens) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := Document(tokens.PublicKeys())
		if err != nil {
			http.Error(w, `{"detail":"A server error occurred."}`, http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "application/jwk-set+json")
		h.Set("Cache-Control", "public, max-age=300")
		h.Set("Access-Control-Allow-Origin", "*")
		w.Write(data)
	})
}
