package password

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	tooShort  = "This password is too short. It must contain at least 8 characters."
	tooCommon = "This password is too common."
	numeric   = "This password is entirely numeric."
)

// Expected messages from Django 3.2's validate_password(password, User(**attrs)) with the
// four default validators (attrs nil: no user).
func TestDefaultValidatorsMatchDjango(t *testing.T) {
	tests := []struct {
		password string
		user     Attributes
		want     []string
	}{
		// The conformance recording's "short + common + numeric" and "weak new password".
		{"1234", nil, []string{tooShort, tooCommon, numeric}},
		{"", nil, []string{tooShort}},
		{"password", nil, []string{tooCommon}},
		{"  PassWord  ", nil, []string{tooCommon}},
		{"12345678901", nil, []string{tooCommon, numeric}},
		{"²³⁴⁵⁶⁷⁸⁹¹", nil, []string{numeric}},
		{"correct horse battery", nil, nil},
		{"alice2024", Attributes{"username": "alice2024"}, []string{"The password is too similar to the username."}},
		{"alicealice", Attributes{"username": "alice"}, nil},
		{"Smithereens", Attributes{"username": "bob", "first_name": "John", "last_name": "Smith"}, nil},
		{"johnsmith99", Attributes{"username": "bob", "first_name": "John", "last_name": "Smith"}, nil},
		{"tom@example.com", Attributes{"username": "tom", "email": "tom@example.com"}, []string{"The password is too similar to the email address."}},
		{"Examples1", Attributes{"username": "tom", "email": "tom@example.com"}, []string{"The password is too similar to the email address."}},
		{"tomtomtom", Attributes{"username": "x", "email": "tom@example.com"}, nil},
		{"ΣΊΣΥΦΟΣ-123", Attributes{"username": "σίσυφος"}, []string{"The password is too similar to the username."}},
		{"İstanbul34!", Attributes{"username": "istanbul"}, []string{"The password is too similar to the username."}},
		{"zq9#Lk2$wR", Attributes{"username": "zq9", "email": "wr@x.io"}, nil},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Attributes{"username": "a"}, nil},
		{"xyzxyzxyzxyzxyzxyzxyz", Attributes{"username": "xyz"}, nil},
		{"Mary-Ann Jones!", Attributes{"username": "mj", "first_name": "Mary-Ann"}, nil},
		{"12345678", Attributes{"username": "12345678"}, []string{"The password is too similar to the username.", tooCommon, numeric}},
		{"short", Attributes{"username": "shorty"}, []string{"The password is too similar to the username.", tooShort}},
		{"Smith1234", Attributes{"last_name": "Smith"}, []string{"The password is too similar to the last name."}},
		{"Johnny12", Attributes{"first_name": "John"}, []string{tooCommon}}, // quick_ratio 0.67 < 0.7
	}
	validators := DefaultValidators()
	for _, tt := range tests {
		t.Run(tt.password, func(t *testing.T) {
			require.Equal(t, tt.want, Validate(tt.password, tt.user, validators...))
		})
	}
}

func TestUserAttributeSimilarityOptions(t *testing.T) {
	// Django: UserAttributeSimilarityValidator(user_attributes=["email", "username"], max_similarity=0.5)
	v, err := UserAttributeSimilarity([]UserAttribute{
		{Name: "email", VerboseName: "email address"},
		{Name: "username", VerboseName: "username"},
	}, 0.5)
	require.NoError(t, err)
	user := Attributes{"username": "tom", "email": "tom@cats.com"}
	for _, pw := range []string{"tomcat99", "catsdogs"} {
		require.Equal(t, []string{"The password is too similar to the email address."}, Validate(pw, user, v), pw)
	}
	require.Empty(t, Validate("zebra-crossing", user, v))
}

// An empty password is similar to the empty part that re.split leaves before "@": Django
// reports it, and so do we.
func TestUserAttributeSimilarityEmptyPart(t *testing.T) {
	v, err := UserAttributeSimilarity(DefaultUserAttributes(), DefaultMaxSimilarity)
	require.NoError(t, err)
	user := Attributes{"username": "a", "email": "@x"}
	got := Validate("", user, v, MinimumLength(1))
	require.Equal(t, []string{
		"The password is too similar to the email address.",
		"This password is too short. It must contain at least 1 character.",
	}, got)
	require.Equal(t, []string{"This password is too short. It must contain at least 1 character."},
		Validate("", Attributes{"username": "ab"}, v, MinimumLength(1)))
}

func TestUserAttributeSimilarityNamesAttribute(t *testing.T) {
	v, err := UserAttributeSimilarity([]UserAttribute{{Name: "nickname"}, {Name: "company_name", VerboseName: "company name"}}, 0.7)
	require.NoError(t, err)
	require.Equal(t, []string{"The password is too similar to the nickname."},
		Validate("Zorro123", Attributes{"nickname": "zorro123"}, v))
	require.Equal(t, []string{"The password is too similar to the company name."},
		Validate("acme-corp", Attributes{"company_name": "Acme Corp"}, v))
	require.Empty(t, Validate("acme-corp", nil, v), "no user, nothing to compare with")

	// Django: quick_ratio("johnny12", "john") is 0.67, below 0.7.
	defaults, err := UserAttributeSimilarity(DefaultUserAttributes(), DefaultMaxSimilarity)
	require.NoError(t, err)
	require.Empty(t, Validate("Johnny12", Attributes{"first_name": "John"}, defaults))
	require.Empty(t, Validate("acme-corp", Attributes{"company_name": ""}, v))
}

func TestUserAttributeSimilarityRejectsLowThreshold(t *testing.T) {
	_, err := UserAttributeSimilarity(DefaultUserAttributes(), 0.09)
	require.ErrorIs(t, err, ErrMaxSimilarity)
	_, err = UserAttributeSimilarity(DefaultUserAttributes(), 0.1)
	require.NoError(t, err)
}

func TestMinimumLength(t *testing.T) {
	tests := []struct {
		min      int
		password string
		want     []string
	}{
		{8, "1234567", []string{tooShort}},
		{8, "abcdefgh", nil},
		{8, "ééééééé", []string{tooShort}}, // 7 code points, 14 bytes
		{8, "éééééééé", nil},
		{1, "", []string{"This password is too short. It must contain at least 1 character."}},
		{12, "abcdefghijk", []string{"This password is too short. It must contain at least 12 characters."}},
		{0, "", nil},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, Validate(tt.password, nil, MinimumLength(tt.min)), tt.password)
	}
}

func TestCommonPassword(t *testing.T) {
	v := CommonPassword()
	for _, pw := range []string{"password", "PASSWORD", "\tqwerty\n", "bigpimpin1", "sandy123"} {
		require.Equal(t, []string{tooCommon}, Validate(pw, nil, v), pw)
	}
	require.Empty(t, Validate("correct horse battery staple 9", nil, v))
	require.Equal(t, 19727, len(commonPasswords()), "the size of Django's set")
}

func TestNumericPassword(t *testing.T) {
	v := NumericPassword()
	for _, pw := range []string{"12345678", "١٢٣٤٥٦٧٨", "①②③"} {
		require.Equal(t, []string{numeric}, Validate(pw, nil, v), pw)
	}
	for _, pw := range []string{"", "1234567a", "½½½", "12 34"} {
		require.Empty(t, Validate(pw, nil, v), pw)
	}
}

func TestValidateErrorsAndCodes(t *testing.T) {
	var tooShortErr *ValidationError
	require.ErrorAs(t, MinimumLength(8).Validate("x", nil), &tooShortErr)
	require.Equal(t, "password_too_short", tooShortErr.Code)

	codes := map[string]error{
		"password_too_common":       CommonPassword().Validate("password", nil),
		"password_entirely_numeric": NumericPassword().Validate("123", nil),
	}
	similarity, err := UserAttributeSimilarity(DefaultUserAttributes(), DefaultMaxSimilarity)
	require.NoError(t, err)
	codes["password_too_similar"] = similarity.Validate("alice", Attributes{"username": "alice"})
	for code, err := range codes {
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		require.Equal(t, code, ve.Code)
	}

	// A custom validator may report several messages at once, joined.
	several := ValidatorFunc(func(string, Attributes) error {
		return errors.Join(&ValidationError{Message: "one"}, errors.Join(errors.New("two"), nil))
	})
	require.Equal(t, []string{"one", "two", tooCommon}, Validate("password", nil, several, CommonPassword()))
}
