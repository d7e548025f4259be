package fields

import "encoding/json"

// ChoiceOpts configures a ChoiceField. Choices are the keys as Python's str() prints them
// ("1" for the integer choice 1), in the model's order.
type ChoiceOpts struct {
	Choices    []string
	AllowBlank bool // accept "" (Django's blank=True on a field with choices)
}

// Choice reads a ChoiceField: str(data) must be one of the choices, so 1 and "1" both
// select the choice "1" (but 1.0, whose str() is "1.0", does not). It returns the matching
// choice. A miss is `"<str(data)>" is not a valid choice.`, with lists and objects printed as
// Python prints them.
func Choice(raw json.RawMessage, o ChoiceOpts) (string, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return "", []string{MsgInvalidChoice(string(raw))}
	}
	if v.kind == pyNone {
		return "", []string{MsgNull}
	}
	if o.AllowBlank && v.kind == pyStr && len(v.runes) == 0 {
		return "", nil
	}
	if !containsSurrogate(pyStrRunes(v)) {
		key := pyStrText(v)
		for _, c := range o.Choices {
			if c == key {
				return c, nil
			}
		}
	}
	return "", []string{MsgInvalidChoice(pyStrText(v))}
}

// NullChoice is Choice for a field that allows null: JSON null gives nil.
func NullChoice(raw json.RawMessage, o ChoiceOpts) (*string, []string) {
	if IsNull(raw) {
		return nil, nil
	}
	return ptr(Choice(raw, o))
}

// ChoiceOf is Choice for a field whose choices are not text (an int, bigint, decimal or
// uuid model field with choices): the choices are still matched as Python's str() prints
// them ("1", "2.50", "123e4567-…"), and the matching one is turned into the field's value by
// convert (MustInt, MustDecimal, MustUUID), which only ever sees one of o.Choices.
func ChoiceOf[T any](raw json.RawMessage, o ChoiceOpts, convert func(string) T) (T, []string) {
	key, msgs := Choice(raw, o)
	if msgs != nil {
		var zero T
		return zero, msgs
	}
	return convert(key), nil
}

// NullChoiceOf is ChoiceOf for a field that allows null: JSON null gives nil.
func NullChoiceOf[T any](raw json.RawMessage, o ChoiceOpts, convert func(string) T) (*T, []string) {
	if IsNull(raw) {
		return nil, nil
	}
	return ptr(ChoiceOf(raw, o, convert))
}
