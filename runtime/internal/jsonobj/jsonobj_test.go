package jsonobj

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMembers: keys and values as they stand in the object, nested values and strings with
// brackets and escaped quotes skipped whole; other values are not objects.
func TestMembers(t *testing.T) {
	var got [][2]string
	err := Members([]byte(` { "a" : 1 , "b\"}" : [1, {"c": "}]\\"}], "d":null,"e":-2.5e+3}`), func(k, v []byte) error {
		got = append(got, [2]string{string(k), string(v)})
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, [][2]string{{`"a"`, `1`}, {`"b\"}"`, `[1, {"c": "}]\\"}]`}, {`"d"`, `null`}, {`"e"`, `-2.5e+3`}}, got)
	for _, v := range []string{`[]`, `null`, `"{}"`, ``, ` 1`} {
		require.ErrorIs(t, Members([]byte(v), nil), ErrNotObject, v)
	}
	s, err := String([]byte(`"\u00e9\"x"`))
	require.NoError(t, err)
	require.Equal(t, `é"x`, s)
}
