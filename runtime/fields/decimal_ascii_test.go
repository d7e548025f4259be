package fields

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// asciiDecimalCases are texts the fast reading of decimals must read as before.
var asciiDecimalCases = []string{
	"10.00", "0", "00", "0.000", "-0e-3", ".5", "5.", ".", "", "+", "-", "1e", "E5", "1E5", "1e+5",
	"1e-5", "1.5E-7", "0001200.0340", "12.3.4", "1e5e6", "INF", "-Infinity", "inf", "nan", "NaN12",
	"sNaN", "snan0x", "infinite", "n", "S", "33.75000000000000", "1e999999999999999999999",
	"9e-1999999999999999997", "1e-1999999999999999998", "abc", "1_0", "1,5",
}

// TestASCIIDecimalReadsAsBefore: the reading that allocates less reads every text as the
// one before it (parseASCIIDecimalBefore, below), number, refusal and special alike.
func TestASCIIDecimalReadsAsBefore(t *testing.T) {
	for _, s := range asciiDecimalCases {
		got, ok := parseASCIIDecimal(s)
		want, wantOK := parseASCIIDecimalBefore(s)
		if got != want || ok != wantOK {
			t.Errorf("%q: got %+v %v, want %+v %v", s, got, ok, want, wantOK)
		}
	}
}

func FuzzASCIIDecimal(f *testing.F) {
	for _, s := range asciiDecimalCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return // the reading's input is ASCII
			}
		}
		got, ok := parseASCIIDecimal(s)
		want, wantOK := parseASCIIDecimalBefore(s)
		if got != want || ok != wantOK {
			t.Fatalf("%q: got %+v %v, want %+v %v", s, got, ok, want, wantOK)
		}
	})
}

// parseASCIIDecimalBefore is parseASCIIDecimal as it was before it stopped lowering and
// joining its text, kept as the reference of the tests above.
func parseASCIIDecimalBefore(a string) (decParts, bool) {
	var p decParts
	if a != "" && (a[0] == '+' || a[0] == '-') {
		p.neg = a[0] == '-'
		a = a[1:]
	}
	switch lower := strings.ToLower(a); {
	case lower == "inf" || lower == "infinity":
		p.special = true
		return p, true
	case strings.HasPrefix(lower, "nan") || strings.HasPrefix(lower, "snan"):
		payload := strings.TrimPrefix(strings.TrimPrefix(lower, "s"), "nan")
		p.special = true
		return p, strings.Trim(payload, "0123456789") == ""
	}
	mant, expText, hasExp := strings.Cut(strings.ToLower(a), "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart+frac == "" || !allDigits(intPart) || !allDigits(frac) {
		return decParts{}, false
	}
	var exp int64
	if hasExp {
		digits := expText
		if digits != "" && (digits[0] == '+' || digits[0] == '-') {
			digits = digits[1:]
		}
		if digits == "" || !allDigits(digits) {
			return decParts{}, false
		}
		var err error
		if exp, err = strconv.ParseInt(expText, 10, 64); err != nil {
			return decParts{}, false // beyond 64 bits: libmpdec refuses it too
		}
	}
	p.coef = strings.TrimLeft(intPart+frac, "0")
	if p.coef == "" {
		p.coef = "0"
	}
	if exp < decEtiny { // also keeps the subtraction below from overflowing
		return decParts{}, false
	}
	p.exp = exp - int64(len(frac))
	if p.exp < decEtiny || p.exp+int64(len(p.coef))-1 > decEmax {
		return decParts{}, false
	}
	return p, true
}

// floatCases are floats as SQLite hands decimal columns over.
var floatCases = []float64{0, math.Copysign(0, -1), 10, 10.5, 33.75, 0.1, 1.0 / 3, -2.675, 1e-7, 123456789012345678, 1.7976931348623157e308,
	5e-324, -1e21, 999999999999999.9, 0.005, 1e15}

// TestScanFloatReadsAsItsText: a float is scanned as the decimal its 15-digit text parses to.
func TestScanFloatReadsAsItsText(t *testing.T) {
	for _, f := range floatCases {
		checkScanFloat(t, f)
	}
}

func FuzzScanFloat(f *testing.F) {
	for _, v := range floatCases {
		f.Add(v)
	}
	f.Fuzz(checkScanFloat)
}

func checkScanFloat(t *testing.T, f float64) {
	var got, want Decimal
	gotErr := got.Scan(f)
	wantErr := want.scanText(strconv.FormatFloat(f, 'e', 14, 64))
	if got != want || (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%v: got %q %v, want %q %v", f, got.s, gotErr, want.s, wantErr)
	}
}
