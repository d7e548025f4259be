package fields

import "strconv"

// FloatDecimal is a decimal as DRF renders a decimal field that has choices: ModelSerializer
// makes it a ChoiceField, which hands the Decimal to DRF's JSON encoder unformatted, and the
// encoder writes a Decimal as a float: 1.5 and 2.0 where a DecimalField answers "1.50" and
// "2.00". Generated JSON shapes convert the row's value: fields.FloatDecimal(v.Grade), or
// (*fields.FloatDecimal)(v.Grade) when it may be null.
type FloatDecimal Decimal

// MarshalJSON writes the decimal as Python's json module writes float(d).
func (d FloatDecimal) MarshalJSON() ([]byte, error) {
	f, err := strconv.ParseFloat(Decimal(d).String(), 64)
	if err != nil {
		return nil, err
	}
	return []byte(pyFloatRepr(f)), nil
}
