package users

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fieldtype"
)

// Kind is the type of an extra auth_user column: one of runtime/fieldtype's plain column
// types (fieldtype.String, fieldtype.Int, …), the table the generator's model shares.
// Relations are not allowed on auth_user.
type Kind = fieldtype.Type

// Field describes one extra auth_user column (auth.user.fields of the spec).
type Field struct {
	Name   string // JSON key and key of User.Extra: "display_name"
	Column string // SQL column, "" meaning Name
	Kind   Kind

	MaxLength     int // String (required), Email (default 254)
	MaxDigits     int // Decimal
	DecimalPlaces int // Decimal

	Null   bool // the column accepts NULL (Extra value nil)
	Blank  bool // "" is a valid value (String, Text, Email)
	Unique bool // no two users share a value

	// Default is the value of a new user that was given none, of the Go type of the Kind
	// (see the package doc); nil means the kind's zero value, or NULL when Null.
	Default any
	// Choices, when not empty, are the only values accepted (Go type of the Kind).
	Choices []any
	// Min and Max bound integer values (every integer kind) when not nil.
	Min, Max *int64
}

var identifier = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// builtinNames are the columns of Django's auth_user, which extra fields cannot take.
var builtinNames = []string{"id", "password", "last_login", "is_superuser", "username",
	"first_name", "last_name", "email", "is_staff", "is_active", "date_joined"}

func (f *Field) check() error {
	if f.Column == "" {
		f.Column = f.Name
	}
	// Column names are written into SQL text, so only plain lower-case identifiers pass.
	if !identifier.MatchString(f.Name) || !identifier.MatchString(f.Column) {
		return fmt.Errorf("%w: %q (column %q) is not a lower-case identifier", ErrInvalidField, f.Name, f.Column)
	}
	for _, b := range builtinNames {
		if f.Name == b || f.Column == b {
			return fmt.Errorf("%w: %q is a column of Django's auth_user", ErrInvalidField, f.Name)
		}
	}
	if !f.Kind.Column() {
		return fmt.Errorf("%w: %q has no valid kind", ErrInvalidField, f.Name)
	}
	if f.Kind == fieldtype.Email && f.MaxLength == 0 {
		f.MaxLength = 254
	}
	if f.Default != nil {
		if _, err := f.toDB(f.Default); err != nil {
			return fmt.Errorf("default: %w", err)
		}
	}
	return nil
}

// zero is the value of a new user's column that was given none.
func (f *Field) zero() any {
	if f.Default != nil {
		return f.Default
	}
	if f.Null {
		return nil
	}
	switch f.Kind {
	case fieldtype.Int, fieldtype.BigInt, fieldtype.SmallInt, fieldtype.PositiveInt, fieldtype.PositiveSmallInt, fieldtype.PositiveBigInt:
		return int64(0)
	case fieldtype.Bool:
		return false
	case fieldtype.Decimal:
		return "0"
	case fieldtype.JSON:
		return json.RawMessage("null")
	case fieldtype.DateTime:
		return time.Time{}
	case fieldtype.Date:
		return "0001-01-01"
	}
	return ""
}

// toDB checks v's Go type against the kind and returns what the drivers store.
func (f *Field) toDB(v any) (any, error) {
	if v == nil {
		if !f.Null {
			return nil, fmt.Errorf("%w: %s may not be null", ErrInvalidField, f.Name)
		}
		return nil, nil
	}
	bad := func() (any, error) {
		return nil, fmt.Errorf("%w: %s (%s) cannot hold a %T", ErrInvalidField, f.Name, f.Kind, v)
	}
	switch f.Kind {
	case fieldtype.String, fieldtype.Text, fieldtype.Email, fieldtype.UUID, fieldtype.Decimal, fieldtype.Date:
		s, ok := v.(string)
		if !ok {
			return bad()
		}
		return s, nil
	case fieldtype.Int, fieldtype.BigInt, fieldtype.SmallInt, fieldtype.PositiveInt, fieldtype.PositiveSmallInt, fieldtype.PositiveBigInt:
		switch n := v.(type) {
		case int64:
			return n, nil
		case int:
			return int64(n), nil
		}
		return bad()
	case fieldtype.Bool:
		b, ok := v.(bool)
		if !ok {
			return bad()
		}
		return b, nil
	case fieldtype.DateTime:
		t, ok := v.(time.Time)
		if !ok {
			return bad()
		}
		return t.UTC(), nil
	case fieldtype.JSON:
		switch j := v.(type) {
		case json.RawMessage:
			return string(j), nil
		case []byte:
			return string(j), nil
		}
		return bad()
	}
	return bad()
}

// fromDB turns what a driver scanned into the kind's Go type.
func (f *Field) fromDB(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch f.Kind {
	case fieldtype.String, fieldtype.Text, fieldtype.Email, fieldtype.UUID:
		return asString(v), nil
	case fieldtype.Int, fieldtype.BigInt, fieldtype.SmallInt, fieldtype.PositiveInt, fieldtype.PositiveSmallInt, fieldtype.PositiveBigInt:
		switch n := v.(type) {
		case int64:
			return n, nil
		case float64:
			return int64(n), nil
		}
		return strconv.ParseInt(asString(v), 10, 64)
	case fieldtype.Bool:
		switch b := v.(type) {
		case bool:
			return b, nil
		case int64:
			return b != 0, nil
		}
		return strconv.ParseBool(asString(v))
	case fieldtype.Decimal:
		return f.decimalText(v), nil
	case fieldtype.Date:
		if t, ok := v.(time.Time); ok {
			return t.Format(time.DateOnly), nil
		}
		s := asString(v)
		if len(s) > len(time.DateOnly) {
			s = s[:len(time.DateOnly)]
		}
		return s, nil
	case fieldtype.DateTime:
		var t db.Time
		if err := t.Scan(v); err != nil {
			return nil, err
		}
		return t.Time, nil
	case fieldtype.JSON:
		return json.RawMessage(asString(v)), nil
	}
	return nil, fmt.Errorf("%w: %s has no valid kind", ErrInvalidField, f.Name)
}

// decimalText renders a decimal with the field's places, whatever the driver handed over:
// SQLite may store "10.00" as the REAL 10.
func (f *Field) decimalText(v any) string {
	var s string
	switch n := v.(type) {
	case float64:
		return strconv.FormatFloat(n, 'f', f.DecimalPlaces, 64)
	case int64:
		s = strconv.FormatInt(n, 10)
	default:
		s = asString(v)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if f.DecimalPlaces == 0 {
		return intPart
	}
	for len(frac) < f.DecimalPlaces {
		frac += "0"
	}
	return intPart + "." + frac[:f.DecimalPlaces]
}

func asString(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	}
	return fmt.Sprint(v)
}
