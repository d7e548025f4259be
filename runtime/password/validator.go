package password

import "errors"

// Attributes are the user's fields that validators compare a password with: attribute name
// (username, first_name, last_name, email or an extra user field) → value. A nil or empty
// Attributes means there is no user, as when Django validates without one.
type Attributes map[string]string

// A Validator judges a new password: Django's AUTH_PASSWORD_VALIDATORS entries. Validate
// returns nil for an acceptable password, and otherwise a *ValidationError (or several
// joined with errors.Join) whose message is shown to the user.
type Validator interface {
	Validate(password string, user Attributes) error
}

// ValidatorFunc adapts a function to a Validator.
type ValidatorFunc func(password string, user Attributes) error

// Validate calls f(password, user).
func (f ValidatorFunc) Validate(password string, user Attributes) error { return f(password, user) }

// ValidationError is a password rejected by a validator.
type ValidationError struct {
	// Code is Django's error code, such as "password_too_short".
	Code string
	// Message is Django's English message, such as "This password is too common.".
	Message string
}

// Error returns the message, as shown to the user.
func (e *ValidationError) Error() string { return e.Message }

// Validate runs every validator on password and returns all their messages in validator
// order, as Django's validate_password collects them; nil means the password is accepted.
func Validate(password string, user Attributes, validators ...Validator) []string {
	var messages []string
	for _, v := range validators {
		messages = appendMessages(messages, v.Validate(password, user))
	}
	return messages
}

// appendMessages adds err's message, or the message of each error that err joins.
func appendMessages(messages []string, err error) []string {
	if err == nil {
		return messages
	}
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		for _, e := range joined.Unwrap() {
			messages = appendMessages(messages, e)
		}
		return messages
	}
	return append(messages, err.Error())
}

// DefaultValidators returns Django's four validators with their default options, in the
// order of Django's project template: user attribute similarity, minimum length 8, common
// passwords, entirely numeric.
func DefaultValidators() []Validator {
	similarity, _ := UserAttributeSimilarity(DefaultUserAttributes(), DefaultMaxSimilarity) // 0.7 ≥ 0.1: no error
	return []Validator{
		similarity,
		MinimumLength(DefaultMinLength),
		CommonPassword(),
		NumericPassword(),
	}
}
