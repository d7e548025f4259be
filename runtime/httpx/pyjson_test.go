package httpx

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// A body Python's json module cannot read gets its message, position included, as DRF's
// JSONParser answers it. Each expected message was printed by Python 3.11's
// json.loads(doc, parse_constant=rest_framework's strict_constant).
func TestPythonJSONErrors(t *testing.T) {
	for _, c := range [][2]string{
		{`{bad`, `Expecting property name enclosed in double quotes: line 1 column 2 (char 1)`},
		{`   `, `Expecting value: line 1 column 4 (char 3)`},
		{" \n\t", `Expecting value: line 2 column 2 (char 3)`},
		{`{"a": NaN}`, `Out of range float values are not JSON compliant: 'NaN'`},
		{`{"a": 1} trailing`, `Extra data: line 1 column 10 (char 9)`},
		{`{doctor: 1`, `Expecting property name enclosed in double quotes: line 1 column 2 (char 1)`},
		{`{`, `Expecting property name enclosed in double quotes: line 1 column 2 (char 1)`},
		{`{"a"`, `Expecting ':' delimiter: line 1 column 5 (char 4)`},
		{`{"a" 1}`, `Expecting ':' delimiter: line 1 column 6 (char 5)`},
		{`{"a":}`, `Expecting value: line 1 column 6 (char 5)`},
		{`{"a":1,}`, `Expecting property name enclosed in double quotes: line 1 column 8 (char 7)`},
		{`{"a":1 "b":2}`, `Expecting ',' delimiter: line 1 column 8 (char 7)`},
		{`[1,]`, `Expecting value: line 1 column 4 (char 3)`},
		{`[1 2]`, `Expecting ',' delimiter: line 1 column 4 (char 3)`},
		{`"abc`, `Unterminated string starting at: line 1 column 1 (char 0)`},
		{`{"a":"x\qy"}`, `Invalid \escape: line 1 column 8 (char 7)`},
		{`{"a":"\u12"}`, `Invalid \uXXXX escape: line 1 column 8 (char 7)`},
		{`{"a":"\u12zz"}`, `Invalid \uXXXX escape: line 1 column 8 (char 7)`},
		{`{"a":"\u1234`, `Invalid \uXXXX escape: line 1 column 8 (char 7)`},
		{"{\"a\":\"x\ty\"}", `Invalid control character at: line 1 column 8 (char 7)`},
		{`{"a": -}`, `Expecting value: line 1 column 7 (char 6)`},
		{`{"a": 01}`, `Expecting ',' delimiter: line 1 column 8 (char 7)`},
		{`{"a": 1.}`, `Expecting ',' delimiter: line 1 column 8 (char 7)`},
		{`{"a": 1e}`, `Expecting ',' delimiter: line 1 column 8 (char 7)`},
		{`{"a": 1e+}`, `Expecting ',' delimiter: line 1 column 8 (char 7)`},
		{`{"a": 2.5e-3x}`, `Expecting ',' delimiter: line 1 column 13 (char 12)`},
		{"\n\n  {\"a\":\n x}", `Expecting value: line 4 column 2 (char 11)`},
		{`{"é": x}`, `Expecting value: line 1 column 7 (char 6)`},
		{"\ufeff{}", `Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)`},
		{`{"a": -Infinity}`, `Out of range float values are not JSON compliant: '-Infinity'`},
		{`{"a": Infinity}`, `Out of range float values are not JSON compliant: 'Infinity'`},
		{`{"a": tru}`, `Expecting value: line 1 column 7 (char 6)`},
		{`{"a": nul}`, `Expecting value: line 1 column 7 (char 6)`},
		{`{"a":"x\`, `Unterminated string starting at: line 1 column 6 (char 5)`},
		{`{"a":[1,2`, `Expecting ',' delimiter: line 1 column 10 (char 9)`},
		{`{"a":{"b":`, `Expecting value: line 1 column 11 (char 10)`},
		{`,`, `Expecting value: line 1 column 1 (char 0)`},
		{`{"a":1}}`, `Extra data: line 1 column 8 (char 7)`},
		{`ü`, `Expecting value: line 1 column 1 (char 0)`},
		{`{"a": [true, false, null, {}], "b": "\"\n\u00e9"} x`, `Extra data: line 1 column 51 (char 50)`},
		{`{'a': 1}`, `Expecting property name enclosed in double quotes: line 1 column 2 (char 1)`},
		{"{\"a\": 1}\n\n", ``},
		{`[]]`, `Extra data: line 1 column 3 (char 2)`},
	} {
		require.Equal(t, c[1], pythonJSONError([]byte(c[0])), "%q", c[0])
		if c[1] == "" {
			require.True(t, json.Valid([]byte(c[0])), "%q: Python and Go read the same documents", c[0])
		}
	}
}
