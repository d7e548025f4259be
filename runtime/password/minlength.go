package password

import (
	"fmt"
	"unicode/utf8"
)

// DefaultMinLength is the default of Django's MinimumLengthValidator.
const DefaultMinLength = 8

// MinimumLength returns Django's MinimumLengthValidator: a password of fewer than min
// characters (code points, as Python counts) is rejected with
// "This password is too short. It must contain at least <min> characters."
// ("character." when min is 1).
func MinimumLength(min int) Validator {
	return ValidatorFunc(func(password string, _ Attributes) error {
		if utf8.RuneCountInString(password) >= min {
			return nil
		}
		noun := "characters"
		if min == 1 { // English plural rule of ngettext
			noun = "character"
		}
		return &ValidationError{
			Code:    "password_too_short",
			Message: fmt.Sprintf("This password is too short. It must contain at least %d %s.", min, noun),
		}
	})
}
