package users

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// NormalizeUsername is Django's AbstractBaseUser.normalize_username: Unicode NFKC, so that
// look-alike spellings ("ｆｏｏ", "ﬁ") of one name cannot be registered twice.
func NormalizeUsername(username string) string { return norm.NFKC.String(username) }

// NormalizeEmail is Django's BaseUserManager.normalize_email: the domain part is lower-cased,
// the local part (which may be case-sensitive) is kept.
func NormalizeEmail(email string) string {
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return email
	}
	return email[:at] + "@" + strings.ToLower(email[at+1:])
}
