// Package jwtauth issues and checks the credentials of a generated API the way
// djangorestframework-simplejwt 5.2 and DRF's authtoken do, over their own tables, so a
// client written against the Django app sees the same tokens, the same answers and the same
// error bodies.
//
// # JSON web tokens
//
// [New] takes a [Config] (simplejwt's SIMPLE_JWT settings, typed) and returns [Tokens]:
//
//   - [Tokens.ObtainPair] is TokenObtainPairView after the password check: a refresh token,
//     recorded in token_blacklist_outstandingtoken, and an access token made from it.
//     Tokens name their user by Config.UserIDField (USER_ID_FIELD): the primary key, or
//     the username or e-mail address ([Tokens.ObtainPairFor] takes it from the caller).
//   - [Tokens.Refresh] is TokenRefreshView. With RotateRefreshTokens it also returns a new
//     refresh token, and with BlacklistAfterRotation the old one is blacklisted in the same
//     transaction, so of two requests racing with one refresh token exactly one wins.
//   - [Tokens.Verify] is TokenVerifyView: any token type, and a blacklisted token fails.
//   - [Tokens.Blacklist] is TokenBlacklistView (logout).
//   - [Tokens.Authenticate] is JWTAuthentication: the Authorization header, then an ACCESS
//     token, answering the [UserKey] it names. Loading the user is the caller's; [UserNotFound] and [UserInactive] are the
//     answers it gives when that fails.
//   - [Tokens.FlushExpired] is the flushexpiredtokens command.
//
// The signing algorithm is pinned: a token is accepted only when its "alg" header names
// Config.Algorithm, so "none" and an RSA public key used as an HMAC secret are refused.
//
// # Key sets
//
// With Config.Keys instead of one key, every token names its key in the "kid" header and
// each [Key] verifies only its own algorithm. The first current key signs; a key with a
// RetireAt verifies until then (the rotation window); an unknown or retired kid is refused
// ([ErrRetiredKey] inside [ErrInvalid]). [Tokens.PublicKeys] are what a JWKS publishes;
// runtime/jwtkeys keeps the set in a file and serves it.
// A refresh token is never an access token, nor the reverse ("token_type" claim).
//
// # Opaque tokens
//
// [Opaque] is DRF's TokenAuthentication over authtoken_token: one 40-hex-digit key per user,
// sent as "Authorization: Token <key>".
//
// # Errors
//
// Every refusal is an [*Error] carrying the HTTP status and the exact JSON body that
// simplejwt or DRF answers ([Error.Body]); errors.Is matches it against [ErrInvalid],
// [ErrExpired], [ErrWrongType], [ErrBlacklisted], [ErrBadHeader], [ErrUserNotFound],
// [ErrUserInactive] and [ErrNoActiveAccount]. Database failures are returned wrapped, and
// are not [*Error]s: they are the server's fault, not the client's.
package jwtauth
