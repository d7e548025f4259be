package fields

import "encoding/json"

// DecimalOpts configures a DecimalField. Django's model DecimalField always has both
// MaxDigits and DecimalPlaces; DecimalPlaces 0 means whole numbers. Min and Max are
// optional bounds, printed in their messages as written: Min: new(MustDecimal("0.01")).
type DecimalOpts struct {
	MaxDigits     int // digits in total; 0 means no limit (see ReadDecimal)
	DecimalPlaces int // digits after the point
	Min, Max      *Decimal
}

// pythonPrecision is the precision of Python's default decimal context, which bounds the
// quantized value when a field has no max_digits.
const pythonPrecision = 28

// ReadDecimal reads a DecimalField: str(data).strip() read as Python's Decimal (so "10",
// 10, 10.5 and " 1_000 " are numbers, and a float is taken as Python prints it: 1e2 is
// "100.0"). NaN, infinities, booleans, lists and objects are "A valid number is
// required."; text longer than 1000 characters is "String value too large.". Then, as
// DRF's validate_precision, the first failing of: digits in total, decimal places, digits
// before the point. The result is quantized to DecimalPlaces ("10" → 10.00), and last the
// bounds are checked (both, the maximum first).
//
// Without MaxDigits, DRF quantizes in Python's default 28-digit context and fails with a
// server error beyond it; ReadDecimal answers "A valid number is required." instead.
func ReadDecimal(raw json.RawMessage, o DecimalOpts) (Decimal, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return Decimal{}, []string{MsgInvalidNumber}
	}
	if v.kind == pyNone {
		return Decimal{}, []string{MsgNull}
	}
	return decimalField(v, o)
}

// NullDecimal is ReadDecimal for a field that allows null. As in DRF, JSON null and a
// string that is empty or only white space both give nil.
func NullDecimal(raw json.RawMessage, o DecimalOpts) (*Decimal, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return nil, []string{MsgInvalidNumber}
	}
	if v.kind == pyNone || v.kind == pyStr && len(pyStrip(v.runes)) == 0 {
		return nil, nil
	}
	return ptr(decimalField(v, o))
}

func decimalField(v pyValue, o DecimalOpts) (Decimal, []string) {
	text := pyStrip(pyStrRunes(v))
	if len(text) > maxNumberText {
		return Decimal{}, []string{MsgStringTooLarge}
	}
	if v.kind == pyBool || v.kind == pyNone {
		return Decimal{}, []string{MsgInvalidNumber}
	}
	p, ok := parsePyDecimal(text)
	if !ok || p.special {
		return Decimal{}, []string{MsgInvalidNumber}
	}
	if msg := checkPrecision(p, o); msg != "" {
		return Decimal{}, []string{msg}
	}
	if o.MaxDigits <= 0 && p.coef != "0" && int64(len(p.coef))+max(p.exp+int64(o.DecimalPlaces), 0) > pythonPrecision {
		return Decimal{}, []string{MsgInvalidNumber}
	}
	p.quantize(int64(-o.DecimalPlaces))
	d := Decimal{s: p.plain()}
	var msgs []string
	if o.Max != nil && d.Cmp(*o.Max) > 0 {
		msgs = append(msgs, MsgMaxValue(o.Max.String()))
	}
	if o.Min != nil && d.Cmp(*o.Min) < 0 {
		msgs = append(msgs, MsgMinValue(o.Min.String()))
	}
	if msgs != nil {
		return Decimal{}, msgs
	}
	return d, nil
}

// checkPrecision is DRF's DecimalField.validate_precision.
func checkPrecision(p decParts, o DecimalOpts) string {
	n := int64(len(p.coef))
	var total, whole, places int64
	switch {
	case p.exp >= 0: // 1234500.0
		total = n + p.exp
		whole = total
	case n > -p.exp: // 123.45
		total = n
		whole = n + p.exp
		places = -p.exp
	default: // 0.001234
		total = -p.exp
		places = total
	}
	maxWhole := int64(o.MaxDigits - o.DecimalPlaces)
	switch {
	case o.MaxDigits > 0 && total > int64(o.MaxDigits):
		return MsgMaxDigits(o.MaxDigits)
	case places > int64(o.DecimalPlaces):
		return MsgMaxDecimalPlaces(o.DecimalPlaces)
	case o.MaxDigits > 0 && whole > maxWhole:
		return MsgMaxWholeDigits(int(maxWhole))
	}
	return ""
}
