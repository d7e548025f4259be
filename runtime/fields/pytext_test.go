package fields

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPyFloatRepr: each want is Python 3.11's repr() of the same float.
func TestPyFloatRepr(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want string
	}{
		{0.1, "0.1"},
		{1e16, "1e+16"},
		{9999999999999998.0, "9999999999999998.0"},
		{1e-5, "1e-05"},
		{0.0001, "0.0001"},
		{1.5e300, "1.5e+300"},
		{5e-324, "5e-324"},
		{math.Copysign(0, -1), "-0.0"},
		{123456789.123, "123456789.123"},
		{1e22, "1e+22"},
		{2.5, "2.5"},
		{100, "100.0"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
	} {
		require.Equal(t, c.want, pyFloatRepr(c.f), "%v", c.f)
	}
}

// TestPyRepr: each want is Python's str() of json.loads(in).
func TestPyRepr(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`[1, "a", true, null, 1.5]`, `[1, 'a', True, None, 1.5]`},
		{`{"a": [1]}`, `{'a': [1]}`},
		{`{"b": 1, "a": 2, "b": 3}`, `{'b': 3, 'a': 2}`},
		{`["it's", "say \"hi\""]`, `["it's", 'say "hi"']`},
		{`["\n\t\\"]`, `['\n\t\\']`},
		{`["\u00e9\u0000\u007f\u0085\u00a0\u2028\ud83d\ude00"]`, `['é\x00\x7f\x85\xa0\u2028😀']`},
		{`["\ud800"]`, `['\ud800']`},
		{`[-0, -0.0, 1E2, 12345678901234567890123]`, `[0, -0.0, 100.0, 12345678901234567890123]`},
		{`"plain"`, `plain`},
	} {
		v, err := parsePy(json.RawMessage(c.in))
		require.NoError(t, err, c.in)
		require.Equal(t, c.want, pyStrText(v), c.in)
	}
	_, err := parsePy(json.RawMessage(`{"a":`))
	require.ErrorIs(t, err, errMalformed)
}

// TestParsePyInt: Python's int(s) and int(s, 16).
func TestParsePyInt(t *testing.T) {
	for _, c := range []struct {
		in   string
		base int
		want string // "" when Python raises ValueError
	}{
		{" 12 ", 10, "12"},
		{"+3", 10, "3"},
		{"-0", 10, "0"},
		{"1_000", 10, "1000"},
		{"_1", 10, ""},
		{"1__0", 10, ""},
		{"1_", 10, ""},
		{"\u0661\u0662", 10, "12"},
		{"\u00a03\u2003", 10, "3"},
		{"\x1c3", 10, ""},
		{"0x10", 10, ""},
		{"0x10", 16, "16"},
		{"0x_10", 16, "16"},
		{"ff", 16, "255"},
		{"", 10, ""},
		{"-", 10, ""},
	} {
		n, ok := parsePyInt([]rune(c.in), c.base)
		if c.want == "" {
			require.False(t, ok, "%q", c.in)
			continue
		}
		require.True(t, ok, "%q", c.in)
		require.Equal(t, c.want, n.String(), "%q", c.in)
	}
}

func TestPyStrip(t *testing.T) {
	require.Equal(t, "a b", string(pyStrip([]rune("\t\n\x1c\u00a0\u3000a b\u2029\u0085 "))))
	require.Equal(t, "\u200bx", string(pyStrip([]rune("\u200bx")))) // not white space to Python
	d, ok := digitValue('\U0001D7D8')                               // MATHEMATICAL DOUBLE-STRUCK DIGIT ZERO
	require.True(t, ok)
	require.Equal(t, 0, d)
	d, ok = digitValue('\uff19')
	require.True(t, ok)
	require.Equal(t, 9, d)
	_, ok = digitValue('x')
	require.False(t, ok)
}

func TestIsNull(t *testing.T) {
	require.True(t, IsNull(json.RawMessage(` null `)))
	require.False(t, IsNull(json.RawMessage(`"null"`)))
	require.False(t, IsNull(json.RawMessage(`0`)))
}

// String's way for plain text answers as the full reading does, messages included.
func TestStringPlainTextAgreesWithPythonReading(t *testing.T) {
	short := func(s string) []string {
		if len(s) < 3 {
			return []string{"too short"}
		}
		return nil
	}
	for _, o := range []StringOpts{{}, {MaxLength: 3, MinLength: 2}, {AllowBlank: true, Validators: []func(string) []string{short}}} {
		for _, raw := range []string{`"ab"`, `"abcd"`, `"a"`, `" ab"`, `"ab "`, `""`, `" "`, `"a\"b"`, `"a\\b"`,
			`"a\u0000"`, `"\ud800"`, `"é"`, "\"a\tb\"", `12`, `null`, `"~!@#$%^&*()"`} {
			v, err := parsePy([]byte(raw))
			var want string
			var wantMsgs []string
			if err != nil {
				wantMsgs = []string{MsgInvalidString}
			} else if v.kind == pyNone {
				wantMsgs = []string{MsgNull}
			} else {
				want, wantMsgs = charField(v, o, MsgInvalidString, nil)
			}
			got, msgs := String([]byte(raw), o)
			require.Equal(t, wantMsgs, msgs, "%s %+v", raw, o)
			require.Equal(t, want, got, "%s %+v", raw, o)
		}
	}
}
