package jwtauth

import (
	"errors"
	"net/http"
)

// Sentinel errors: errors.Is(err, ErrExpired) tells why a token was refused, whatever body
// the client is shown.
var (
	// ErrInvalid: malformed, badly signed, wrong algorithm, wrong audience or issuer, a
	// missing claim, or (opaque tokens) an unknown key.
	ErrInvalid = errors.New("jwtauth: token invalid")
	// ErrExpired: the "exp" claim has passed, leeway included.
	ErrExpired = errors.New("jwtauth: token expired")
	// ErrWrongType: a refresh token where an access token is wanted, or the reverse, or no
	// type at all.
	ErrWrongType = errors.New("jwtauth: wrong token type")
	// ErrBlacklisted: the refresh token was blacklisted (logout or rotation).
	ErrBlacklisted = errors.New("jwtauth: token blacklisted")
	// ErrBadHeader: an Authorization header of our scheme that is not "<scheme> <token>".
	ErrBadHeader = errors.New("jwtauth: bad authorization header")
	// ErrUserNotFound: the token names a user that does not exist.
	ErrUserNotFound = errors.New("jwtauth: user not found")
	// ErrUserInactive: the token's user exists but is inactive.
	ErrUserInactive = errors.New("jwtauth: user inactive")
	// ErrNoActiveAccount: a login with wrong credentials or for an inactive account.
	ErrNoActiveAccount = errors.New("jwtauth: no active account")
	// ErrConfig: New was given an unusable Config.
	ErrConfig = errors.New("jwtauth: bad config")
)

// simplejwt's and DRF's messages, word for word (they are the API).
const (
	msgInvalid        = "Token is invalid or expired"
	msgNoExp          = "Token has no 'exp' claim"
	msgExpClaim       = "Token 'exp' claim has expired"
	msgNoID           = "Token has no id"
	msgNoType         = "Token has no type"
	msgWrongType      = "Token has wrong type"
	msgBlacklisted    = "Token is blacklisted"
	msgNotValidAny    = "Given token not valid for any token type"
	msgNoUserID       = "Token contained no recognizable user identification"
	msgBadHeader      = "Authorization header must contain two space-delimited values"
	msgUserNotFound   = "User not found"
	msgUserInactive   = "User is inactive"
	msgNoActive       = "No active account found with the given credentials"
	msgRefreshNoUser  = "No active account found for the given credentials"
	msgOpaqueInvalid  = "Invalid token."
	msgOpaqueNoCreds  = "Invalid token header. No credentials provided."
	msgOpaqueSpaces   = "Invalid token header. Token string should not contain spaces."
	msgOpaqueChars    = "Invalid token header. Token string should not contain invalid characters."
	msgOpaqueInactive = "User inactive or deleted."

	codeTokenNotValid = "token_not_valid"
	codeBadHeader     = "bad_authorization_header"
	codeUserNotFound  = "user_not_found"
	codeUserInactive  = "user_inactive"
	codeNoActive      = "no_active_account"
)

// Error is a refusal with the answer simplejwt or DRF gives for it.
type Error struct {
	// Status is the HTTP status: 401, or 400 where a serializer refuses (Verify of a
	// blacklisted token). DRF answers 403 instead of 401 when the view's first
	// authentication class has no WWW-Authenticate header; that choice is the caller's.
	Status int
	// Detail is the human message, the body's "detail".
	Detail string
	// Code is simplejwt's "code" ("token_not_valid", …). DRF's own AuthenticationFailed
	// does not show its code, so Code is empty for those and absent from the body.
	Code string
	// Messages are JWTAuthentication's reasons, one per token class tried.
	Messages []Message
	// Field, when set, makes the body a serializer error: {Field: [Detail]}.
	Field string

	sentinel error
}

// Message is one entry of the "messages" list of JWTAuthentication's answer.
type Message struct {
	TokenClass string `json:"token_class"`
	TokenType  string `json:"token_type"`
	Message    string `json:"message"`
}

// Error returns the detail, with the reasons when there are some.
func (e *Error) Error() string {
	s := "jwtauth: " + e.Detail
	for _, m := range e.Messages {
		s += ": " + m.Message
	}
	return s
}

// Unwrap returns the sentinel the refusal stands for.
func (e *Error) Unwrap() error { return e.sentinel }

// Body returns the JSON body of the answer, e.g.
//
//	{"detail": "Token is blacklisted", "code": "token_not_valid"}
func (e *Error) Body() map[string]any {
	if e.Field != "" {
		return map[string]any{e.Field: []string{e.Detail}}
	}
	body := map[string]any{"detail": e.Detail}
	if e.Code != "" {
		body["code"] = e.Code
	}
	if len(e.Messages) > 0 {
		body["messages"] = e.Messages
	}
	return body
}

// tokenError is simplejwt's InvalidToken raised from a TokenError: what the token views
// (refresh, verify, blacklist) answer.
func tokenError(msg string, sentinel error) *Error {
	return &Error{Status: http.StatusUnauthorized, Detail: msg, Code: codeTokenNotValid, sentinel: sentinel}
}

// notValidForAnyType is JWTAuthentication's answer when the access token class refused.
func notValidForAnyType(reason *Error) *Error {
	return &Error{
		Status:   http.StatusUnauthorized,
		Detail:   msgNotValidAny,
		Code:     codeTokenNotValid,
		Messages: []Message{{TokenClass: "AccessToken", TokenType: typeAccess, Message: reason.Detail}},
		sentinel: reason.sentinel,
	}
}

// drfAuthFailed is DRF's AuthenticationFailed: {"detail": msg}, 401.
func drfAuthFailed(msg string, sentinel error) *Error {
	return &Error{Status: http.StatusUnauthorized, Detail: msg, sentinel: sentinel}
}

// UserNotFound is JWTAuthentication's answer when the access token's user does not exist:
// {"detail": "User not found", "code": "user_not_found"}.
func UserNotFound() *Error {
	return &Error{Status: http.StatusUnauthorized, Detail: msgUserNotFound, Code: codeUserNotFound, sentinel: ErrUserNotFound}
}

// UserInactive is JWTAuthentication's answer when the access token's user is inactive:
// {"detail": "User is inactive", "code": "user_inactive"}.
func UserInactive() *Error {
	return &Error{Status: http.StatusUnauthorized, Detail: msgUserInactive, Code: codeUserInactive, sentinel: ErrUserInactive}
}

// OpaqueUserInactive is TokenAuthentication's answer when the key's user is inactive:
// {"detail": "User inactive or deleted."}.
func OpaqueUserInactive() *Error {
	return drfAuthFailed(msgOpaqueInactive, ErrUserInactive)
}

// NoActiveAccount is TokenObtainPairView's answer to wrong credentials or an inactive
// account: {"detail": "No active account found with the given credentials"}.
func NoActiveAccount() *Error {
	return drfAuthFailed(msgNoActive, ErrNoActiveAccount)
}

// RefreshNoActiveAccount is TokenRefreshView's answer, since simplejwt 5.3, for a refresh
// token whose user is inactive or deleted: {"detail": "No active account found for the
// given credentials", "code": "no_active_account"}.
func RefreshNoActiveAccount() *Error {
	return &Error{Status: http.StatusUnauthorized, Detail: msgRefreshNoUser, Code: codeNoActive, sentinel: ErrNoActiveAccount}
}
