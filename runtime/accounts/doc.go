// Package accounts serves the account endpoints of a generated app: djoser 2.1's views with
// simplejwt 5.2's token views and DRF's authentication in front of them, answering as they
// do, status, body and headers.
//
// # Endpoints
//
// New takes the Settings the generator writes from the spec and the Deps the app builds at
// start-up; Register adds the endpoints to an http.ServeMux below a prefix ("/auth/"):
//
//	users/                        GET list (user_list), POST register (user_create)
//	users/me/                     GET, PUT, PATCH (user), DELETE with current_password (user_delete)
//	users/{id}/                   GET, PUT, PATCH (user), DELETE (user_delete); object checks
//	users/activation/             POST uid, token (activation)
//	users/resend_activation/      POST email (password_reset)
//	users/set_password/           POST current_password, new_password (set_password)
//	users/reset_password/         POST email (password_reset)
//	users/reset_password_confirm/ POST uid, token, new_password (password_reset_confirm)
//	users/set_username/           POST current_password, new_username (set_username)
//	users/reset_username/         POST email (username_reset)
//	users/reset_username_confirm/ POST uid, token, new_username (username_reset_confirm)
//	jwt/create/ jwt/refresh/ jwt/verify/    POST (no authentication, no permissions)
//	Settings.JWTBlacklistPath (an absolute path; only when set)    POST (the same)
//	token/login/ (token_create)  token/logout/ (token_destroy)
//
// The names in parentheses are djoser's PERMISSIONS keys (Settings.Permissions). With the
// login field "email" the three username routes are set_email/, reset_email/ and
// reset_email_confirm/, their fields new_email and re_new_email. The jwt/ routes exist when
// Deps.Authn has Tokens, the token/ routes when it has TokenAuth.
//
// # Order of checks
//
// Each request goes through DRF's APIView.dispatch: authentication (bad credentials are a
// 401 even where anyone is allowed), then the view's permissions, then the method (405
// with DRF's Allow header), then the body (JSON only, at most Settings.MaxBody bytes), then
// the serializer: every field's checks first, all errors reported together, and only for a
// valid form the serializer's validate() (password validators, retype matches, uid and
// token). Messages are DRF's, Django's and djoser's, word for word.
//
// With HideUsers, an authenticated user who may not list, read or update a user is told 404,
// not 403, and the list shows non-staff users only themselves.
//
// # Links and their tokens
//
// Activation and reset mails carry "{protocol}://{domain}/{url}" with url one of the
// Settings' link templates, {uid} the user's id in unpadded URL-safe base64 and {token} a
// TokenGenerator token (Django's PasswordResetTokenGenerator, keyed by Deps.SecretKey and
// byte-for-byte Django's). A token dies when the password, the last login (to the second)
// or the e-mail address changes, and after Settings.TokenTimeout; activation reports a
// token of an already active user as stale (403). The confirmations set the last login, so
// a link works once.
//
// # No user enumeration
//
// jwt/create and token/login spend a dummy password hash for an unknown login, so they
// take as long as a wrong password. Reset requests answer 204 whether or not the address
// is known (unless a ShowEmailNotFound setting says otherwise), and mails are sent in the
// background, so the answer's timing does not tell either; so does resend_activation
// (Settings.ResendActivationRevealsAccounts restores djoser 2.1's empty 400 for an address
// without an inactive account).
//
// # Mail
//
// Mails are rendered from Deps.Templates when the request is served and handed to
// Deps.Mailer in the background; a failure is logged, never answered. Wait blocks until
// the mails handed over so far are sent: call it on shutdown.
//
// # Differences from djoser
//
// Where djoser answers 500 (an anonymous request reaching a view that needs a user, an id
// that is no number, several users sharing a reset address) this package answers 4xx or
// does the evident thing (every user with the address gets the mail). An update mails an
// activation link only when it changed the e-mail address (djoser mails one after every
// update).
package accounts
