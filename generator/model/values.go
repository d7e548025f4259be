package model

import (
	"fmt"
	"math/big"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/authgen/authgen/generator/spec"
)

var (
	decimalText = regexp.MustCompile(`^[-+]?(\d+)(?:\.(\d*))?$`)
	uuidText    = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// literal converts a scalar to a Value of the field's type, or returns a message saying why it
// does not fit. Null is accepted here; callers decide whether the field allows it.
func literal(f *Field, s spec.Scalar) (Value, string) {
	if s.Tag == "!!null" {
		return Value{Kind: Null}, ""
	}
	found := describeScalar(s)
	switch f.Type {
	case Bool:
		if s.Tag != "!!bool" {
			return Value{}, "expected true or false, found " + found
		}
		return Value{Kind: BoolValue, Bool: s.Value == "true" || s.Value == "True" || s.Value == "TRUE"}, ""
	case Int, BigInt, SmallInt, PositiveInt, PositiveSmallInt, PositiveBigInt:
		if s.Tag != "!!int" {
			return Value{}, "expected an integer, found " + found
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(s.Value, "_", ""), 0, 64)
		if err != nil {
			return Value{}, fmt.Sprintf("integer %s is out of range", s.Value)
		}
		if lo, hi, _ := f.Type.IntegerRange(); n < lo || n > hi {
			article := "a"
			if f.Type == Int {
				article = "an"
			}
			return Value{}, fmt.Sprintf("%d is out of range for %s %s field (%d to %d%s)", n, article, f.Type, lo, hi, widerHint(f.Type, n))
		}
		return Value{Kind: IntValue, Int: n}, ""
	case Decimal:
		return decimalLiteral(f, s)
	case String, Text, Email:
		if s.Tag != "!!str" {
			return Value{}, "expected a string, found " + found + " (quote it)"
		}
		if f.MaxLength > 0 && utf8.RuneCountInString(s.Value) > f.MaxLength {
			return Value{}, fmt.Sprintf("%q is longer than max_length %d", s.Value, f.MaxLength)
		}
		if f.Type == Email && s.Value != "" {
			if a, err := mail.ParseAddress(s.Value); err != nil || a.Address != s.Value {
				return Value{}, fmt.Sprintf("%q is not an e-mail address", s.Value)
			}
		}
		return Value{Kind: StringValue, String: s.Value}, ""
	case Date:
		if _, err := time.Parse(time.DateOnly, s.Value); err != nil || (s.Tag != "!!str" && s.Tag != "!!timestamp") {
			return Value{}, "expected a date like 2024-01-31, found " + found
		}
		return Value{Kind: StringValue, String: s.Value}, ""
	case DateTime:
		t, err := time.Parse(time.RFC3339Nano, s.Value)
		if err != nil || (s.Tag != "!!str" && s.Tag != "!!timestamp") {
			return Value{}, "expected a date and time like 2024-01-31T12:00:00Z, found " + found
		}
		return Value{Kind: StringValue, String: t.UTC().Format(time.RFC3339Nano)}, ""
	case UUID:
		if s.Tag != "!!str" || !uuidText.MatchString(s.Value) {
			return Value{}, "expected a UUID like 123e4567-e89b-12d3-a456-426614174000, found " + found
		}
		return Value{Kind: StringValue, String: strings.ToLower(s.Value)}, ""
	}
	return Value{}, fmt.Sprintf("a %s field takes no literal values", f.Type)
}

// decimalLiteral reads a decimal as Django's DecimalField validates it: at most
// DecimalPlaces digits after the point and MaxDigits in all. The text is kept exact.
func decimalLiteral(f *Field, s spec.Scalar) (Value, string) {
	if s.Tag != "!!int" && s.Tag != "!!float" && s.Tag != "!!str" {
		return Value{}, "expected a decimal number, found " + describeScalar(s)
	}
	m := decimalText.FindStringSubmatch(s.Value)
	if m == nil {
		return Value{}, "expected a decimal number like 9.99, found " + describeScalar(s)
	}
	whole := strings.TrimLeft(m[1], "0")
	frac := strings.TrimRight(m[2], "0")
	if f.DecimalPlaces >= 0 && len(frac) > f.DecimalPlaces {
		return Value{}, fmt.Sprintf("%s has more than %d decimal places", s.Value, f.DecimalPlaces)
	}
	if f.MaxDigits > 0 && len(whole) > f.MaxDigits-f.DecimalPlaces {
		return Value{}, fmt.Sprintf("%s has more than %d digits before the decimal point", s.Value, f.MaxDigits-f.DecimalPlaces)
	}
	if whole == "" {
		whole = "0"
	}
	text := whole
	if f.DecimalPlaces > 0 {
		text += "." + frac + strings.Repeat("0", f.DecimalPlaces-len(frac))
	}
	if strings.HasPrefix(s.Value, "-") && strings.Trim(text, "0.") != "" {
		text = "-" + text
	}
	return Value{Kind: DecimalValue, String: text}, ""
}

// compareValues orders two values of the same numeric kind: -1, 0, 1.
func compareValues(a, b Value) int {
	if a.Kind == IntValue {
		switch {
		case a.Int < b.Int:
			return -1
		case a.Int > b.Int:
			return 1
		}
		return 0
	}
	x, _ := new(big.Rat).SetString(a.String)
	y, _ := new(big.Rat).SetString(b.String)
	if x == nil || y == nil {
		return 0
	}
	return x.Cmp(y)
}

// describeScalar names a scalar for messages: `string "x"`, `integer 5`.
func describeScalar(s spec.Scalar) string {
	switch s.Tag {
	case "!!str":
		return "string " + strconv.Quote(s.Value)
	case "!!int":
		return "integer " + s.Value
	case "!!float":
		return "number " + s.Value
	case "!!bool":
		return "boolean " + s.Value
	case "!!null":
		return "null"
	case "!!timestamp":
		return "timestamp " + s.Value
	}
	return strconv.Quote(s.Value)
}

// valueText renders a value as the user would write it, for messages.
func valueText(v Value) string {
	switch v.Kind {
	case Null:
		return "null"
	case BoolValue:
		return strconv.FormatBool(v.Bool)
	case IntValue:
		return strconv.FormatInt(v.Int, 10)
	case DecimalValue:
		return v.String
	}
	return strconv.Quote(v.String)
}

// widerHint says which type holds n, a value outside the range of the integer type t.
func widerHint(t FieldType, n int64) string {
	switch {
	case n < 0 && t.IsPositive():
		return "; a positive type holds no negative numbers"
	case t == SmallInt:
		return "; use int or bigint"
	case t == Int:
		return "; use bigint"
	case t == PositiveSmallInt:
		return "; use positive_int or positive_bigint"
	case t == PositiveInt:
		return "; use positive_bigint"
	}
	return ""
}
