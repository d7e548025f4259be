package password

// NumericPassword returns Django's NumericPasswordValidator: a password made only of digits
// (Python's str.isdigit, which counts superscript and circled digits too) is rejected with
// "This password is entirely numeric.".
func NumericPassword() Validator {
	return ValidatorFunc(func(password string, _ Attributes) error {
		if !pyIsDigit(password) {
			return nil
		}
		return &ValidationError{
			Code:    "password_entirely_numeric",
			Message: "This password is entirely numeric.",
		}
	})
}
