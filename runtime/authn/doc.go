// Package authn authenticates the requests of a generated app the way Django REST
// framework does with the authentication classes
//
//	rest_framework_simplejwt.authentication.JWTAuthentication
//	rest_framework.authentication.TokenAuthentication
//
// in that order.
//
// # Credentials
//
// An Authenticator looks at the request's Authorization header (simplejwt's HEADER_NAME for
// JWTs). A header of one of the configured JWT types ("Bearer", "JWT") must carry a valid
// access token; a header of type "Token" (when TokenAuth is on) must carry a known
// authtoken_token key. A header of any other type, or none, is no credential at all: the
// request is anonymous, and the permission checks decide whether that is enough.
//
// The token's user is then loaded. A JWT whose user no longer exists is refused with
// simplejwt's "User not found", one whose user is inactive with "User is inactive"; an opaque
// key of an inactive user with DRF's "User inactive or deleted.". Bad credentials are never
// treated as anonymous: the answer is 401 with the exact body simplejwt or DRF sends and the
// WWW-Authenticate challenge of the first authentication class (Challenge), even on views
// that allow anyone, as in DRF.
//
// # Subjects
//
// The result is an authz.Subject whose permissions are loaded from the users.Store on first
// use: Perms once per request, and each per-object answer once per request.
package authn
