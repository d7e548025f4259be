package fields

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPKText: the text DRF quotes, str() of the value (verified in the PK cases of
// drfcases_test.go).
func TestPKText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`99`, "99"},
		{`"99"`, "99"},
		{`"07"`, "07"},
		{`99.5`, "99.5"},
		{`1e20`, "1e+20"},
		{`"1_0"`, "1_0"},
	} {
		require.Equal(t, c.want, PKText(json.RawMessage(c.in)), c.in)
	}
	require.Equal(t, `Invalid pk "99" - object does not exist.`, DoesNotExist("99"))
}

func TestMessages(t *testing.T) {
	require.Equal(t, "category with this name already exists.", Unique("category", "name"))
	require.Equal(t, "Ensure this field has no more than 5 characters.", MsgMaxLength(5))
	require.Equal(t, "Ensure this field has at least 3 characters.", MsgMinLength(3))
	require.Equal(t, "Ensure this value is less than or equal to 5.", MsgMaxValue("5"))
	require.Equal(t, "Ensure this value is greater than or equal to 1.", MsgMinValue("1"))
	require.Equal(t, "Ensure that there are no more than 10 digits in total.", MsgMaxDigits(10))
	require.Equal(t, "Ensure that there are no more than 2 decimal places.", MsgMaxDecimalPlaces(2))
	require.Equal(t, "Ensure that there are no more than 8 digits before the decimal point.", MsgMaxWholeDigits(8))
	require.Equal(t, "Surrogate characters are not allowed: U+D800.", MsgSurrogate(0xD800))
	require.Equal(t, `"x" is not a valid choice.`, MsgInvalidChoice("x"))
	require.Equal(t, "Incorrect type. Expected pk value, received str.", MsgIncorrectPKType("str"))
}

// TestMalformedRaw: readers called with text that is not JSON (httpx.DecodeJSON never
// passes such) answer their field's invalid message instead of panicking.
func TestMalformedRaw(t *testing.T) {
	raw := json.RawMessage(`{"a":`)
	_, msgs := String(raw, StringOpts{})
	require.Equal(t, []string{MsgInvalidString}, msgs)
	_, msgs = Int(raw, IntOpts{})
	require.Equal(t, []string{MsgInvalidInt}, msgs)
	_, msgs = ReadDecimal(raw, DecimalOpts{MaxDigits: 5})
	require.Equal(t, []string{MsgInvalidNumber}, msgs)
	_, msgs = Bool(raw)
	require.Equal(t, []string{MsgInvalidBool}, msgs)
	_, msgs = ReadDate(raw)
	require.Equal(t, []string{MsgDateFormat}, msgs)
	_, msgs = ReadDateTime(raw)
	require.Equal(t, []string{MsgDateTimeFormat}, msgs)
	_, msgs = ReadUUID(raw)
	require.Equal(t, []string{MsgInvalidUUID}, msgs)
	_, msgs = JSON(raw)
	require.Equal(t, []string{MsgInvalidJSON}, msgs)
	_, msgs = PK(raw)
	require.Equal(t, []string{MsgIncorrectPKType("str")}, msgs)
	_, msgs = Email(raw, StringOpts{})
	require.Equal(t, []string{MsgInvalidEmail}, msgs)
}
