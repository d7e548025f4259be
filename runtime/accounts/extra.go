package accounts

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/users"
)

// The readers below are DRF's to_internal_value of the fields a ModelSerializer makes for
// the kinds of extra user fields that are not text, returning the value in package users'
// Go type for the kind, or DRF's messages. Package fields does the DRF parsing shared with
// the generated model serializers.

// readInt reads an integer field as DRF's IntegerField with the bounds of the model field:
// its own, else its column's range, which Django's PostgreSQL backend gives it
// (integer_field_range) and its SQLite backend does not. The 0 of a positive type holds on
// both: SQLite's CHECK ("col" >= 0) would refuse the row as a server error.
func readInt(raw json.RawMessage, f *users.Field, dialect db.Dialect) (any, []string) {
	o := fields.IntOpts{Min: f.Min, Max: f.Max}
	if lo, hi, ok := f.Kind.IntegerRange(); ok {
		if o.Min == nil && (dialect == db.Postgres || f.Kind.IsPositive()) && lo != math.MinInt64 {
			o.Min = &lo
		}
		if o.Max == nil && dialect == db.Postgres && hi != math.MaxInt64 {
			o.Max = &hi
		}
	}
	n, msgs := fields.Int(raw, o)
	if msgs != nil {
		return nil, msgs
	}
	return n, nil
}

func readBool(raw json.RawMessage) (any, []string) {
	b, msgs := fields.Bool(raw)
	if msgs != nil {
		return nil, msgs
	}
	return b, nil
}

func readDecimal(raw json.RawMessage, f *users.Field) (any, []string) {
	d, msgs := fields.ReadDecimal(raw, fields.DecimalOpts{MaxDigits: f.MaxDigits, DecimalPlaces: f.DecimalPlaces})
	if msgs != nil {
		return nil, msgs
	}
	return d.String(), nil
}

func readDate(raw json.RawMessage) (any, []string) {
	d, msgs := fields.ReadDate(raw)
	if msgs != nil {
		return nil, msgs
	}
	return d.String(), nil
}

func readDatetime(raw json.RawMessage) (any, []string) {
	t, msgs := fields.ReadDateTime(raw)
	if msgs != nil {
		return nil, msgs
	}
	return t.Time(), nil
}

// readUUID is DRF's UUIDField (hex_verbose), as Python's uuid.UUID prints it.
func readUUID(raw json.RawMessage) (any, []string) {
	u, msgs := fields.ReadUUID(raw)
	if msgs != nil {
		return nil, msgs
	}
	return u.String(), nil
}

// readJSON is DRF's JSONField, rendered as DRF renders it.
func readJSON(raw json.RawMessage) (any, []string) {
	v, msgs := fields.JSON(raw)
	if msgs != nil {
		return nil, msgs
	}
	return v, nil
}

// readChoice is DRF's ChoiceField: str() of the input must be the text of a choice.
func readChoice(raw json.RawMessage, f *users.Field, allowBlank bool) (any, []string) {
	texts := make([]string, len(f.Choices))
	for i, c := range f.Choices {
		texts[i] = fmt.Sprint(c)
	}
	text, msgs := fields.Choice(raw, fields.ChoiceOpts{Choices: texts, AllowBlank: allowBlank})
	if msgs != nil {
		return nil, msgs
	}
	if text == "" && allowBlank {
		return "", nil
	}
	for i, t := range texts {
		if t == text {
			return f.Choices[i], nil
		}
	}
	return nil, []string{fields.MsgInvalidChoice(text)}
}
