package jwtauth

import (
	"net/http"
)

// Authenticate is JWTAuthentication.authenticate without loading the user:
//
//   - no header, an empty one, or one of another scheme: (0, false, nil), not ours, so the
//     next authentication scheme may try, or the request is anonymous;
//   - our scheme but not "<type> <token>", or a token that is not a valid access token:
//     (0, false, *Error), to be answered 401 with the error's body;
//   - a valid access token: (the user it names, true, nil). The caller loads the user by
//     the key's field and answers UserNotFound or UserInactive when it cannot.
//
// No database query is made: access tokens are not blacklisted, as in simplejwt.
func (t *Tokens) Authenticate(r *http.Request) (user UserKey, ok bool, err error) {
	parts, n := splitHeader(r.Header.Get(t.cfg.HeaderName))
	var token string
	switch {
	case n > 0 && t.ourScheme(parts[0]):
		if n != 2 {
			return UserKey{}, false, &Error{Status: http.StatusUnauthorized, Detail: msgBadHeader, Code: codeBadHeader, sentinel: ErrBadHeader}
		}
		token = parts[1]
	case t.cfg.Cookies != nil && t.cfg.Cookies.Access:
		// No header of ours: the access cookie, which a browser sends on its own, so a
		// request that may change something must also prove it comes from our pages.
		ck, err := r.Cookie(AccessCookie)
		if err != nil || ck.Value == "" {
			return UserKey{}, false, nil
		}
		if !safeMethod(r.Method) {
			if e := t.checkCSRF(r); e != nil {
				return UserKey{}, false, e
			}
		}
		token = ck.Value
	default:
		return UserKey{}, false, nil
	}
	p, e := t.check(token, typeAccess, t.cfg.Now())
	if e != nil {
		return UserKey{}, false, notValidForAnyType(e)
	}
	if !p.user.ok {
		return UserKey{}, false, tokenError(msgNoUserID, ErrInvalid)
	}
	k, usable := t.userKey(p.user.v)
	if !usable {
		// Django's lookup by a value that is no id finds no user.
		return UserKey{}, false, UserNotFound()
	}
	k.stamp, _ = p.stamp.v.(string)
	k.Session, _ = p.sid.v.(string)
	return k, true, nil
}

func (t *Tokens) ourScheme(word string) bool {
	for _, h := range t.cfg.HeaderTypes {
		if word == h {
			return true
		}
	}
	return false
}

// splitHeader is Python's bytes.split() on a header value, up to three words: n is the
// number of words, 3 standing for "three or more". Only ASCII whitespace separates, as
// for bytes; Go's strings.Fields would also split on Unicode spaces.
func splitHeader(s string) (parts [2]string, n int) {
	i := 0
	for n < 3 {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) {
			return parts, n
		}
		start := i
		for i < len(s) && (s[i] > ' ' || !isSpace(s[i])) { // a token's bytes are all above ' '
			i++
		}
		if n < 2 {
			parts[n] = s[start:i]
		}
		n++
	}
	return parts, n
}

func isSpace(b byte) bool {
	switch b {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return false
}
