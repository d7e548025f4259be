package fields

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number kept as its text in fixed notation ("10.50",
// "-0.00", "1000"), the way Python's Decimal keeps its digits: trailing zeros are part of
// the value's form, so a price read by Decimal with two places prints as "10.00". The zero
// value is 0.
//
// It encodes to JSON as a string, as DRF does with COERCE_DECIMAL_TO_STRING (its default),
// and decodes from a JSON string or number. As a database value it is its text; it scans
// the text, integers and floats that SQLite and PostgreSQL hand back (see Scan).
type Decimal struct {
	s string // fixed notation: -?digits(.digits)?; "" is 0
}

// ErrInvalidDecimal is returned for text that is not a finite decimal number.
var ErrInvalidDecimal = errors.New("fields: invalid decimal")

// maxDecimalText bounds what ParseDecimal expands an exponent into, so "1e999999999"
// cannot allocate a gigabyte.
const maxDecimalText = 1100

// ParseDecimal reads a decimal as Python's Decimal() does (sign, digits with an optional
// point, an exponent, underscores between digits, digits of any script, white space around),
// keeping its digits as written: ParseDecimal("1.50") is 1.50, not 1.5. NaN and infinities
// are refused.
func ParseDecimal(s string) (Decimal, error) {
	d, ok := parseDecimalText(s)
	if !ok || d.special || d.plainLen() > maxDecimalText {
		return Decimal{}, fmt.Errorf("%w: %q", ErrInvalidDecimal, s)
	}
	return Decimal{s: d.plain()}, nil
}

// MustDecimal is ParseDecimal for constants in generated code; it panics on bad text,
// which only a generator bug can produce.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String is the number in fixed notation, as DRF prints it ('{:f}').
func (d Decimal) String() string {
	if d.s == "" {
		return "0"
	}
	return d.s
}

// IsZero reports whether d is 0 (of any sign or scale).
func (d Decimal) IsZero() bool { return strings.Trim(d.String(), "-0.") == "" }

// Cmp compares d and e as numbers: -1, 0 or +1. Scale does not matter (1.5 equals 1.50)
// and neither does the sign of zero.
func (d Decimal) Cmp(e Decimal) int {
	a, b := d.parts(), e.parts()
	exp := min(a.exp, b.exp)
	return a.scaled(exp).Cmp(b.scaled(exp))
}

// Quantize rounds d to places digits after the point, half to even (Python's default
// context), padding with zeros where d has fewer.
func (d Decimal) Quantize(places int) Decimal {
	p := d.parts()
	p.quantize(int64(-places))
	return Decimal{s: p.plain()}
}

// MarshalJSON writes the number as a JSON string: "10.50". The text is digits, a sign and a
// point, which need no escaping.
func (d Decimal) MarshalJSON() ([]byte, error) {
	s := d.String()
	return d.AppendJSON(make([]byte, 0, len(s)+2)), nil
}

// AppendJSON appends what MarshalJSON returns, which json.Marshal writes as it is.
func (d Decimal) AppendJSON(b []byte) []byte {
	b = append(b, '"')
	b = append(b, d.String()...)
	return append(b, '"')
}

// UnmarshalJSON reads a JSON string or number.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("%w: %s", ErrInvalidDecimal, b)
		}
		s = n.String()
	}
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value implements driver.Valuer: the text, which PostgreSQL's numeric takes exactly and
// SQLite stores under NUMERIC affinity the way Django's DecimalField does.
func (d Decimal) Value() (driver.Value, error) { return d.String(), nil }

// Scan implements sql.Scanner for both dialects: PostgreSQL's numeric arrives as text;
// SQLite hands back an integer or a float (NUMERIC affinity stores "10.00" as 10 and "10.50"
// as 10.5). A float is read as Django's SQLite backend reads it, rounded to 15 significant
// digits. Scan keeps the digits it gets; Quantize gives them the field's scale.
func (d *Decimal) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	case int64:
		*d = Decimal{s: strconv.FormatInt(v, 10)}
		return nil
	case float64:
		// Django: decimal.Context(prec=15).create_decimal_from_float(value).
		return d.scanFloat(v)
	case nil:
		return fmt.Errorf("%w: NULL (scan into *Decimal for a nullable column)", ErrInvalidDecimal)
	}
	return fmt.Errorf("%w: cannot scan %T", ErrInvalidDecimal, src)
}

// scanFloat is create_decimal_from_float with 15 significant digits: FormatFloat rounds the
// float's exact value as that does, and its digits and exponent are the decimal's, read
// without parsing its text (a SQLite column of NUMERIC affinity hands every price over as a
// float).
func (d *Decimal) scanFloat(v float64) error {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return d.scanText(strconv.FormatFloat(v, 'e', 14, 64)) // refused, with the text in the error
	}
	*d = Decimal{s: floatParts(v).plain()}
	return nil
}

// scanQuantized is Scan, then Quantize(places): for a float, the one SQLite hands back for
// every decimal, in one pass, the float's 15 digits rounded to places before they are
// written out.
func (d *Decimal) scanQuantized(src any, places int) error {
	switch v := src.(type) {
	case float64:
		if s, ok := quantizedFloat(v, places); ok {
			*d = Decimal{s: s}
			return nil
		}
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			p := floatParts(v)
			p.quantize(int64(-places))
			*d = Decimal{s: p.plain()}
			return nil
		}
	case int64:
		if s, ok := quantizedInt(v, places); ok {
			*d = Decimal{s: s}
			return nil
		}
	}
	if err := d.Scan(src); err != nil {
		return err
	}
	*d = d.Quantize(places)
	return nil
}

// maxQuickPlaces bounds the places quantizedFloat and quantizedInt write; more take the
// general way.
const maxQuickPlaces = 18

// pow10 are the powers of ten an int64 holds.
var pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
	1e14, 1e15, 1e16, 1e17, 1e18}

// quantizedFloat is the text of Scan(v) then Quantize(places) for a finite float, computed on
// the 15 digits as an integer and written in one allocation; false when v is not finite or
// the result needs more than 18 digits (the general way then writes it).
func quantizedFloat(v float64, places int) (string, bool) {
	if math.IsInf(v, 0) || math.IsNaN(v) || places < 0 || places > maxQuickPlaces {
		return "", false
	}
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], v, 'e', 14, 64) // [-]d.dddddddddddddde±dd
	neg := e[0] == '-'
	if neg {
		e = e[1:]
	}
	coef := int64(e[0] - '0')
	for _, c := range e[2:16] {
		coef = coef*10 + int64(c-'0')
	}
	exp := 0 // of the last digit: the exponent after "e", less 14
	for _, c := range e[18:] {
		exp = exp*10 + int(c-'0')
	}
	if e[17] == '-' {
		exp = -exp
	}
	exp -= 14
	switch shift := exp + places; {
	case shift > 0: // pad with zeros: 15 digits and 3 more fit
		if shift > 3 {
			return "", false
		}
		coef *= pow10[shift]
	case shift < 0: // drop -shift digits, rounding half to even
		if drop := -shift; drop > 15 {
			coef = 0 // below half of the first dropped digit's unit: 15 digits are < 10^15
		} else {
			unit := pow10[drop]
			q, r := coef/unit, coef%unit
			if half := unit / 2; r > half || r == half && q%2 == 1 {
				q++
			}
			coef = q
		}
	}
	return quantizedText(neg, coef, places), true
}

// quantizedInt is the text of Scan(v) then Quantize(places) for an integer; false for more
// places than maxQuickPlaces.
func quantizedInt(v int64, places int) (string, bool) {
	if places < 0 || places > maxQuickPlaces {
		return "", false
	}
	var buf [24 + maxQuickPlaces]byte
	b := strconv.AppendInt(buf[:0], v, 10)
	if places > 0 {
		b = append(b, '.')
		for range places {
			b = append(b, '0')
		}
	}
	return string(b), true
}

// quantizedText writes the decimal coef×10^-places (a sign, then coef ≥ 0) in fixed
// notation, as decParts.plain does.
func quantizedText(neg bool, coef int64, places int) string {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], coef, 10)
	var buf [24 + maxQuickPlaces]byte
	b := buf[:0]
	if neg {
		b = append(b, '-')
	}
	switch {
	case places == 0:
		b = append(b, d...)
	case len(d) > places:
		b = append(b, d[:len(d)-places]...)
		b = append(b, '.')
		b = append(b, d[len(d)-places:]...)
	default:
		b = append(b, "0."...)
		for range places - len(d) {
			b = append(b, '0')
		}
		b = append(b, d...)
	}
	return string(b)
}

// floatParts are the parts of a finite float rounded to 15 significant digits.
func floatParts(v float64) decParts {
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], v, 'e', 14, 64) // [-]d.dddddddddddddde±dd
	p := decParts{neg: e[0] == '-'}
	if p.neg {
		e = e[1:]
	}
	exp, _ := strconv.Atoi(string(e[17:])) // after "d.dddddddddddddde": a valid exponent
	p.exp = int64(exp) - 14
	digits := append(e[:1:1], e[2:16]...)
	p.coef = strings.TrimLeft(string(digits), "0")
	if p.coef == "" {
		p.coef = "0"
	}
	return p
}

func (d *Decimal) scanText(s string) error {
	v, err := ParseDecimal(strings.TrimSpace(s))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// decParts is a decimal as Python's Decimal.as_tuple() gives it: a sign, the coefficient's
// digits (no leading zeros; "0" for zero) and an exponent.
type decParts struct {
	neg     bool
	coef    string
	exp     int64
	special bool // NaN or an infinity
}

func (d Decimal) parts() decParts {
	p, _ := parseDecimalText(d.String())
	return p
}

// plainLen is the length of p in fixed notation, computed without building it.
func (p decParts) plainLen() int64 {
	n := int64(len(p.coef))
	switch {
	case p.exp >= 0:
		n += p.exp
	case -p.exp >= n:
		n = -p.exp + 2
	default:
		n++
	}
	if p.neg {
		n++
	}
	return n
}

// plain is '{:f}'.format(Decimal) for p, written into one allocation.
func (p decParts) plain() string {
	var b strings.Builder
	b.Grow(int(p.plainLen()))
	if p.neg {
		b.WriteByte('-')
	}
	switch {
	case p.exp >= 0:
		b.WriteString(p.coef)
		if p.coef != "0" {
			for range p.exp {
				b.WriteByte('0')
			}
		}
	case int64(len(p.coef)) > -p.exp:
		point := len(p.coef) + int(p.exp)
		b.WriteString(p.coef[:point])
		b.WriteByte('.')
		b.WriteString(p.coef[point:])
	default:
		b.WriteString("0.")
		for range int(-p.exp) - len(p.coef) {
			b.WriteByte('0')
		}
		b.WriteString(p.coef)
	}
	return b.String()
}

func (p decParts) scaled(exp int64) *big.Int {
	n, _ := new(big.Int).SetString(p.coef, 10)
	if p.exp > exp {
		n.Mul(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(p.exp-exp), nil))
	}
	if p.neg {
		n.Neg(n)
	}
	return n
}

// quantize sets the exponent to exp, padding with zeros or rounding half to even.
func (p *decParts) quantize(exp int64) {
	switch {
	case p.exp > exp:
		if p.coef != "0" {
			p.coef += strings.Repeat("0", int(p.exp-exp))
		}
	case p.exp < exp:
		drop := int(exp - p.exp)
		keep := len(p.coef) - drop
		head, tail := "0", ""
		if keep > 0 {
			head, tail = p.coef[:keep], p.coef[keep:]
		} else {
			tail = strings.Repeat("0", -keep) + p.coef
		}
		if roundsUp(head, tail) {
			head = incrementDigits(head)
		}
		p.coef = strings.TrimLeft(head, "0")
		if p.coef == "" {
			p.coef = "0"
		}
	}
	p.exp = exp
}

// roundsUp decides ROUND_HALF_EVEN for the kept digits head and the dropped digits tail.
func roundsUp(head, tail string) bool {
	switch {
	case tail[0] > '5':
		return true
	case tail[0] < '5':
		return false
	case strings.Trim(tail[1:], "0") != "":
		return true
	}
	return (head[len(head)-1]-'0')%2 == 1
}

func incrementDigits(s string) string {
	b := []byte(s)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}
