// Package jwtkeys keeps the signing keys of a generated API's JSON web tokens: a key set
// file an operator rotates, and the JWKS document other services verify tokens with.
//
// # Key set files
//
// A key set is a JWK Set (RFC 7517) holding private keys, newest first ([Set]). The first
// key without a "retire_at" signs; [Set.Add] makes a new key the signing one and gives
// the keys it replaces a "retire_at" at the end of the rotation window, until which they
// keep verifying the tokens they signed; [Set.Retire] removes a key at once, after a leak.
// Keys are named by their RFC 7638 thumbprint ([Thumbprint]), which goes into every token's
// "kid" header, and each is bound to one algorithm ("alg").
//
// The file is read at start-up into jwtauth.Config.Keys ([Set.JWTKeys]); it is written
// with mode 0600 and replaced by a rename ([Set.WriteFile]).
//
// # JWKS
//
// [Handler] serves the public keys that verify tokens ([Document]) at [JWKSPath]. HMAC
// secrets are never published: a service that verifies HS* tokens holds the secret.
package jwtkeys
