package accounts

import (
	"encoding/json"
	"fmt"

	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/fieldtype"
	"github.com/authgen/authgen/runtime/users"
)

// The readers below are DRF's to_internal_value of the fields a ModelSerializer makes for
// the kinds of extra user fields that are not text, returning the value in package users'
// Go type for the kind, or DRF's messages. Package fields does the DRF parsing shared with
// the generated model serializers.

// Bounds of Django's IntegerField on PostgreSQL, which DRF turns into min_value and
// max_value; Django's SQLite backend gives the column no range (integer_field_range is
// (None, None)), so there a field has only the bounds of its own.
const (
	minInt32 = -1 << 31
	maxInt32 = 1<<31 - 1
)

func readInt(raw json.RawMessage, f *users.Field, dialect db.Dialect) (any, []string) {
	o := fields.IntOpts{Min: f.Min, Max: f.Max}
	if f.Kind == fieldtype.Int && dialect == db.Postgres {
		lo, hi := int64(minInt32), int64(maxInt32)
		if o.Min == nil {
			o.Min = &lo
		}
		if o.Max == nil {
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
