package password

import (
	"errors"
	"fmt"
)

// DefaultMaxSimilarity is the default of Django's UserAttributeSimilarityValidator.
const DefaultMaxSimilarity = 0.7

// ErrMaxSimilarity is returned by UserAttributeSimilarity for a threshold below 0.1, which
// Django refuses because nearly every password would be rejected.
var ErrMaxSimilarity = errors.New("password: max_similarity must be at least 0.1")

// A UserAttribute names a user field that passwords must not resemble.
type UserAttribute struct {
	// Name is the key in Attributes, e.g. "first_name".
	Name string
	// VerboseName is how the message names it, e.g. "first name"; empty means Name, as
	// Django does for an attribute that is not a model field.
	VerboseName string
}

// DefaultUserAttributes returns Django's DEFAULT_USER_ATTRIBUTES with the verbose names of
// Django's User model: username, first name, last name, email address.
func DefaultUserAttributes() []UserAttribute {
	return []UserAttribute{
		{Name: "username", VerboseName: "username"},
		{Name: "first_name", VerboseName: "first name"},
		{Name: "last_name", VerboseName: "last name"},
		{Name: "email", VerboseName: "email address"},
	}
}

// UserAttributeSimilarity returns Django's UserAttributeSimilarityValidator. For each
// attribute in order with a non-empty value, the lowercased password is compared with the
// lowercased value and with each of its parts between non-word characters (so both halves
// of an e-mail address count); when difflib's quick_ratio reaches maxSimilarity the password
// is rejected with "The password is too similar to the <verbose name>.". The first similar
// attribute is the only one reported, as in Django.
func UserAttributeSimilarity(attributes []UserAttribute, maxSimilarity float64) (Validator, error) {
	if maxSimilarity < 0.1 {
		return nil, fmt.Errorf("%w: got %v", ErrMaxSimilarity, maxSimilarity)
	}
	v := similarityValidator{attributes: append([]UserAttribute(nil), attributes...), maxSimilarity: maxSimilarity}
	return v, nil
}

type similarityValidator struct {
	attributes    []UserAttribute
	maxSimilarity float64
}

func (v similarityValidator) Validate(password string, user Attributes) error {
	if len(user) == 0 {
		return nil
	}
	lowered := []rune(pyLower(password))
	for _, attr := range v.attributes {
		value := user[attr.Name]
		if value == "" {
			continue
		}
		valueLower := pyLower(value)
		for _, part := range append(splitNonWord(valueLower), valueLower) {
			if v.similar(lowered, []rune(part)) {
				return v.tooSimilar(attr)
			}
		}
	}
	return nil
}

// similar is the test of Django's loop body: skip a part so much shorter than the password
// that it cannot reach the threshold (exceeds_maximum_length_ratio), else quick_ratio.
func (v similarityValidator) similar(password, part []rune) bool {
	if exceedsMaximumLengthRatio(len(password), v.maxSimilarity, len(part)) {
		return false
	}
	return newSequenceMatcher(password, part).quickRatio() >= v.maxSimilarity
}

// exceedsMaximumLengthRatio is Django's function of that name, with its float arithmetic.
func exceedsMaximumLengthRatio(passwordLen int, maxSimilarity float64, valueLen int) bool {
	lengthBoundSimilarity := maxSimilarity / 2 * float64(passwordLen)
	return passwordLen >= 10*valueLen && float64(valueLen) < lengthBoundSimilarity
}

func (similarityValidator) tooSimilar(attr UserAttribute) error {
	name := attr.VerboseName
	if name == "" {
		name = attr.Name
	}
	return &ValidationError{
		Code:    "password_too_similar",
		Message: fmt.Sprintf("The password is too similar to the %s.", name),
	}
}
