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
		i = wordEnd(s, i)
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

// wordEnd returns the end of the word that starts at i: the index of the next white space
// byte, or len(s). The bytes of a token (base64url and dots) are all above ' ', so it steps
// over them eight at a time while no byte of the eight is at or below ' ', then a byte at a
// time; a control byte that is not white space (Python's split keeps it in the word) only
// takes it to the bytewise loop.
func wordEnd(s string, i int) int {
	for ; len(s)-i >= 8; i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if hasByteBelow(x, ' '+1) {
			break
		}
	}
	for i < len(s) && (s[i] > ' ' || !isSpace(s[i])) {
		i++
	}
	return i
}

// hasByteBelow reports whether one of the eight bytes of x is below n (n at most 128):
// subtracting n from each byte borrows into its high bit only where the byte is below n
// or already has that bit set, and the second case is masked out by ^x. A borrow from one
// byte can only mark the bytes above it, so the answer, whether any byte is below n, is
// exact.
func hasByteBelow(x uint64, n byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x-ones*uint64(n))&^x&highs != 0
}
