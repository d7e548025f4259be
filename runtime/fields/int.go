package fields

import (
	"encoding/json"
	"math"
	"math/big"
	"strconv"
)

// IntOpts configures an IntegerField; nil means no bound. Write bounds with new:
// IntOpts{Min: new(int64(1)), Max: new(int64(5))}.
type IntOpts struct {
	Min, Max *int64
}

// maxNumberText is DRF's MAX_STRING_LENGTH guard on numbers sent as strings.
const maxNumberText = 1000

var (
	bigMaxInt64 = big.NewInt(math.MaxInt64)
	bigMinInt64 = big.NewInt(math.MinInt64)
)

// Int reads an IntegerField the way DRF does: int(str(data)) after dropping a trailing
// ".000" (so 3.0, "3.0" and "3." are 3 but 3.5 is not), which also admits " 3 ", "+3",
// "1_000" and digits of other scripts, and refuses booleans, 1e16 (Python prints it
// "1e+16") and strings longer than 1000 characters ("String value too large."). The bounds
// are checked like DRF's validators: both run, the maximum first.
//
// One deliberate difference: Python's integers are unbounded and DRF accepts any size when
// no bound is set, leaving the database to fail (a server error). Int answers a value
// outside int64 with the max or min message for the int64 limit instead.
func Int(raw json.RawMessage, o IntOpts) (int64, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return 0, []string{MsgInvalidInt}
	}
	switch v.kind {
	case pyNone:
		return 0, []string{MsgNull}
	case pyStr:
		if len(v.runes) > maxNumberText {
			return 0, []string{MsgStringTooLarge}
		}
	case pyBool, pyList, pyDict:
		return 0, []string{MsgInvalidInt} // int("True"), int("[…]") fail in Python too
	}
	n, ok := parsePyInt(dropZeroFraction(pyStrRunes(v)), 10)
	if !ok {
		return 0, []string{MsgInvalidInt}
	}
	var msgs []string
	if o.Max != nil && n.Cmp(big.NewInt(*o.Max)) > 0 {
		msgs = append(msgs, MsgMaxValue(strconv.FormatInt(*o.Max, 10)))
	} else if o.Max == nil && n.Cmp(bigMaxInt64) > 0 {
		msgs = append(msgs, MsgMaxValue(bigMaxInt64.String()))
	}
	if o.Min != nil && n.Cmp(big.NewInt(*o.Min)) < 0 {
		msgs = append(msgs, MsgMinValue(strconv.FormatInt(*o.Min, 10)))
	} else if o.Min == nil && n.Cmp(bigMinInt64) < 0 {
		msgs = append(msgs, MsgMinValue(bigMinInt64.String()))
	}
	if msgs != nil {
		return 0, msgs
	}
	return n.Int64(), nil
}

// NullInt is Int for a field that allows null: JSON null gives nil.
func NullInt(raw json.RawMessage, o IntOpts) (*int64, []string) {
	if IsNull(raw) {
		return nil, nil
	}
	return ptr(Int(raw, o))
}

// dropZeroFraction is DRF's re.sub(r'\.0*\s*$', "", s): the last '.' goes, with what
// follows it, when only zeros and then white space follow it.
func dropZeroFraction(s []rune) []rune {
	dot := -1
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			dot = i
			break
		}
	}
	if dot < 0 {
		return s
	}
	i := dot + 1
	for i < len(s) && s[i] == '0' {
		i++
	}
	for i < len(s) && pyIsSpace(s[i]) {
		i++
	}
	if i != len(s) {
		return s
	}
	return s[:dot]
}
