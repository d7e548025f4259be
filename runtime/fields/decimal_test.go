package fields

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseDecimal(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"10", "10"},
		{"10.50", "10.50"}, // digits kept as written, as Python's Decimal keeps them
		{"-0.00", "-0.00"},
		{"1E+3", "1000"},
		{"1.5e-3", "0.0015"},
		{"  +7 ", "7"},
		{"1_000.5", "1000.5"},
		{"\u0663.\u0665", "3.5"},
		{".5", "0.5"},
		{"5.", "5"},
		{"0e5", "0"},
		{"00012.50", "12.50"},
	} {
		d, err := ParseDecimal(c.in)
		require.NoError(t, err, c.in)
		require.Equal(t, c.want, d.String(), c.in)
	}
	for _, in := range []string{"", "abc", "NaN", "inf", "-Infinity", "1e", ".", "1.2.3", "1 0", "1e999999999", "0x10"} {
		_, err := ParseDecimal(in)
		require.ErrorIs(t, err, ErrInvalidDecimal, in)
	}
	require.Panics(t, func() { MustDecimal("x") })
}

// The way for plain ASCII text reads every text as Python's Decimal does.
func TestParseDecimalTextAgreesWithPython(t *testing.T) {
	for _, in := range []string{"10", "10.50", "-0.00", "+7", "1E+3", "1.5e-3", "1.05000000000000e+01",
		"-9.99999999999999e+14", ".5", "5.", "0e5", "00012.50", "", ".", "-", "e5", "1e", "1e+", "1.2.3",
		"0x10", "NaN", "snan12", "Inf", "-infinity", "1e999999999999999999999", "1e-2000000000000000000",
		" 1", "1_0", "1\x00", "\u0663", "1 ", "\t2"} {
		want, wantOK := parsePyDecimal([]rune(in))
		got, ok := parseDecimalText(in)
		require.Equal(t, wantOK, ok, "%q", in)
		require.Equal(t, want, got, "%q", in)
	}
}

// TestDecimalQuantize: rounding half to even, as Python's default context (each verified
// with '{:f}'.format(Decimal(s).quantize(Decimal('.1') ** places))).
func TestDecimalQuantize(t *testing.T) {
	for _, c := range []struct {
		in     string
		places int
		want   string
	}{
		{"2.675", 2, "2.68"},
		{"2.665", 2, "2.66"},
		{"-2.675", 2, "-2.68"},
		{"0.005", 2, "0.00"},
		{"0.015", 2, "0.02"},
		{"9.995", 2, "10.00"},
		{"1", 2, "1.00"},
		{"-0.001", 2, "-0.00"},
		{"123.456", 0, "123"},
		{"0.5", 0, "0"},
		{"1.5", 0, "2"},
		{"10.5", 2, "10.50"},
		{"0", 3, "0.000"},
	} {
		require.Equal(t, c.want, MustDecimal(c.in).Quantize(c.places).String(), "%s to %d places", c.in, c.places)
	}
}

func TestDecimalCmp(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"1.5", "1.50", 0},
		{"-0", "0.00", 0},
		{"10", "9.99", 1},
		{"-10", "-9.99", -1},
		{"0.01", "0.009", 1},
		{"99999999.99", "100000000", -1},
	} {
		require.Equal(t, c.want, MustDecimal(c.a).Cmp(MustDecimal(c.b)), "%s vs %s", c.a, c.b)
	}
	require.True(t, Decimal{}.IsZero())
	require.True(t, MustDecimal("-0.00").IsZero())
	require.False(t, MustDecimal("0.01").IsZero())
	require.Equal(t, "0", Decimal{}.String())
}

func TestDecimalJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		Price Decimal  `json:"price"`
		Old   *Decimal `json:"old"`
	}{Price: MustDecimal("10.00")})
	require.NoError(t, err)
	require.JSONEq(t, `{"price":"10.00","old":null}`, string(b))

	var d Decimal
	require.NoError(t, json.Unmarshal([]byte(`"10.50"`), &d))
	require.Equal(t, "10.50", d.String())
	require.NoError(t, json.Unmarshal([]byte(`10.5`), &d))
	require.Equal(t, "10.5", d.String())
	require.ErrorIs(t, json.Unmarshal([]byte(`"x"`), &d), ErrInvalidDecimal)
	require.ErrorIs(t, json.Unmarshal([]byte(`true`), &d), ErrInvalidDecimal)
}

// TestDecimalScan: what each driver hands back. The float case follows Django's SQLite
// converter, Context(prec=15).create_decimal_from_float, then the field's quantize.
func TestDecimalScan(t *testing.T) {
	for _, c := range []struct {
		src  any
		want string
	}{
		{"10.50", "10.50"},
		{[]byte("10.50"), "10.50"},
		{int64(10), "10.00"},
		{float64(10.5), "10.50"},
		{0.1 + 0.2, "0.30"},
		{float64(99999999.99), "99999999.99"},
		{float64(2.675), "2.68"}, // 2.67499999999999982… rounds to 15 digits first: 2.67500000000000
	} {
		var d Decimal
		require.NoError(t, d.Scan(c.src), "%v", c.src)
		require.Equal(t, c.want, d.Quantize(2).String(), "%#v", c.src)
	}
	var d Decimal
	require.ErrorIs(t, d.Scan(nil), ErrInvalidDecimal)
	require.ErrorIs(t, d.Scan(true), ErrInvalidDecimal)
	require.ErrorIs(t, d.Scan("abc"), ErrInvalidDecimal)
	v, err := MustDecimal("10.50").Value()
	require.NoError(t, err)
	require.Equal(t, "10.50", v)
}

// TestReadDecimalWithoutMaxDigits: no digit limit, but nothing Python's 28-digit context
// could not quantize.
func TestReadDecimalWithoutMaxDigits(t *testing.T) {
	d, msgs := ReadDecimal(json.RawMessage(`"123456789012345678901234.5"`), DecimalOpts{DecimalPlaces: 2})
	require.Nil(t, msgs)
	require.Equal(t, "123456789012345678901234.50", d.String())
	_, msgs = ReadDecimal(json.RawMessage(`"1e30"`), DecimalOpts{DecimalPlaces: 2})
	require.Equal(t, []string{MsgInvalidNumber}, msgs)
	d, msgs = ReadDecimal(json.RawMessage(`"0e50"`), DecimalOpts{DecimalPlaces: 2})
	require.Nil(t, msgs)
	require.Equal(t, "0.00", d.String())
}
