package password

import "strings"

// unusablePrefix is Django's UNUSABLE_PASSWORD_PREFIX: no hasher's encoding starts with it.
const unusablePrefix = "!"

// unusableSuffixLength is Django's UNUSABLE_PASSWORD_SUFFIX_LENGTH.
const unusableSuffixLength = 40

// MakeUnusable returns a password that no password matches: "!" and 40 random characters,
// as Django's make_password(None) and set_unusable_password. The random part keeps two
// unusable passwords from being equal.
func MakeUnusable() string {
	return unusablePrefix + randomString(unusableSuffixLength)
}

// IsUsable reports whether encoded can ever match a password: Django's is_password_usable.
func IsUsable(encoded string) bool {
	return !strings.HasPrefix(encoded, unusablePrefix)
}
