package fields

import (
	"strconv"
	"strings"
)

// DRF's messages, word for word (rest_framework/fields.py, relations.py, validators.py and
// Django's validators), for the generated code and the readers below.
const (
	MsgRequired = "This field is required."
	MsgNull     = "This field may not be null."
	MsgBlank    = "This field may not be blank."

	MsgInvalidString  = "Not a valid string."
	MsgInvalidEmail   = "Enter a valid email address."
	MsgInvalidInt     = "A valid integer is required."
	MsgInvalidNumber  = "A valid number is required."
	MsgInvalidBool    = "Must be a valid boolean."
	MsgInvalidUUID    = "Must be a valid UUID."
	MsgInvalidJSON    = "Value must be valid JSON."
	MsgStringTooLarge = "String value too large." // numbers given as more than 1000 characters

	MsgNullCharacters = "Null characters are not allowed."

	MsgDateFormat       = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
	MsgDateTimeFormat   = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
	MsgDateTimeOverflow = "Datetime value out of range."

	// MsgNotUnique is UniqueValidator's own message, used when the model field gives none;
	// ModelSerializer passes the model's message instead (see Unique).
	MsgNotUnique = "This field must be unique."
)

// MsgMaxLength is CharField's max_length message.
func MsgMaxLength(n int) string {
	return "Ensure this field has no more than " + strconv.Itoa(n) + " characters."
}

// MsgMinLength is CharField's min_length message.
func MsgMinLength(n int) string {
	return "Ensure this field has at least " + strconv.Itoa(n) + " characters."
}

// MsgMaxValue is the max_value message of the number fields; limit is printed as Python
// prints the bound (an int, or a Decimal such as "10.50").
func MsgMaxValue(limit string) string {
	return "Ensure this value is less than or equal to " + limit + "."
}

// MsgMinValue is the min_value message of the number fields.
func MsgMinValue(limit string) string {
	return "Ensure this value is greater than or equal to " + limit + "."
}

// MsgMaxDigits is DecimalField's max_digits message.
func MsgMaxDigits(n int) string {
	return "Ensure that there are no more than " + strconv.Itoa(n) + " digits in total."
}

// MsgMaxDecimalPlaces is DecimalField's max_decimal_places message.
func MsgMaxDecimalPlaces(n int) string {
	return "Ensure that there are no more than " + strconv.Itoa(n) + " decimal places."
}

// MsgMaxWholeDigits is DecimalField's max_whole_digits message.
func MsgMaxWholeDigits(n int) string {
	return "Ensure that there are no more than " + strconv.Itoa(n) + " digits before the decimal point."
}

// MsgSurrogate is DRF's ProhibitSurrogateCharactersValidator message for code point r.
func MsgSurrogate(r rune) string {
	return "Surrogate characters are not allowed: U+" + strings.ToUpper(strconv.FormatInt(int64(r), 16)) + "."
}

// MsgInvalidChoice is ChoiceField's message; input is str() of what was sent.
func MsgInvalidChoice(input string) string {
	return `"` + input + `" is not a valid choice.`
}

// MsgIncorrectPKType is PrimaryKeyRelatedField's message for a value that is no pk at all;
// pyType is the Python type DRF names: "str", "bool", "list" or "dict".
func MsgIncorrectPKType(pyType string) string {
	return "Incorrect type. Expected pk value, received " + pyType + "."
}

// DoesNotExist is PrimaryKeyRelatedField's message for a pk that names no row; pk is the
// input as Python prints it (see PKText).
func DoesNotExist(pk string) string {
	return `Invalid pk "` + pk + `" - object does not exist.`
}

// Unique is the message ModelSerializer gives a unique model field: Django's
// "%(model_name)s with this %(field_label)s already exists." with the model's and the
// field's verbose names as they are (lower case unless the model says otherwise), e.g.
// Unique("category", "name") is "category with this name already exists.".
func Unique(modelVerboseName, fieldVerboseName string) string {
	return modelVerboseName + " with this " + fieldVerboseName + " already exists."
}

// UniqueTogether is DRF's UniqueTogetherValidator message for a unique_together set, its
// fields named in the set's order: "The fields doctor, starts_at must make a unique set.".
func UniqueTogether(fieldNames ...string) string {
	return "The fields " + strings.Join(fieldNames, ", ") + " must make a unique set."
}
