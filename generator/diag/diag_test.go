package diag_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/diag"
)

func TestErrorFormat(t *testing.T) {
	require.Equal(t, "authgen.yaml:12:5: boom", diag.Error{Pos: diag.Pos{File: "authgen.yaml", Line: 12, Col: 5}, Msg: "boom"}.Error())
	require.Equal(t, "authgen.yaml:3: boom", diag.Error{Pos: diag.Pos{File: "authgen.yaml", Line: 3}, Msg: "boom"}.Error())
	require.Equal(t, "authgen.yaml: boom", diag.Error{Pos: diag.Pos{File: "authgen.yaml"}, Msg: "boom"}.Error())
	require.Equal(t, "boom", diag.Error{Msg: "boom"}.Error())
}

func TestListSortsAndDeduplicates(t *testing.T) {
	var l diag.List
	require.NoError(t, l.Err())
	p := func(line, col int) diag.Pos { return diag.Pos{File: "a.yaml", Line: line, Col: col} }
	l.Add(p(9, 1), "third")
	l.Add(p(2, 7), "second %d", 2)
	l.Add(p(2, 3), "first")
	l.Add(p(9, 1), "third")
	err := l.Err()
	require.Error(t, err)
	require.Equal(t, "a.yaml:2:3: first\na.yaml:2:7: second 2\na.yaml:9:1: third", err.Error())
	require.Len(t, l, 4, "Err must not reorder or shrink the caller's list")
	l.Sort()
	require.Len(t, l, 3)
}

func TestSuggest(t *testing.T) {
	perms := []string{"store.add_product", "store.can_publish_product", "store.view_product"}
	for _, tc := range []struct {
		name, in string
		cands    []string
		want     string
	}{
		{"deletion", "store.can_publsh_product", perms, `; did you mean "store.can_publish_product"?`},
		{"transposition", "IsAuthenitcated", []string{"AllowAny", "IsAuthenticated"}, `; did you mean "IsAuthenticated"?`},
		{"case only", "isadminuser", []string{"IsAdminUser", "IsAuthenticated"}, `; did you mean "IsAdminUser"?`},
		{"too far", "colour", []string{"name", "price"}, ""},
		{"exact match is no suggestion", "name", []string{"name"}, ""},
		{"short names need a close match", "ab", []string{"xy"}, ""},
		{"tie goes to the first candidate", "cat", []string{"bat", "cap"}, `; did you mean "bat"?`},
		{"closest wins over first", "max_lenght", []string{"max_digits", "max_length"}, `; did you mean "max_length"?`},
		{"no candidates", "x", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, diag.Suggest(tc.in, tc.cands))
		})
	}
}
