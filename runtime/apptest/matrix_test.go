package apptest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseMatrix(t *testing.T) {
	object := func(t *testing.T, s *Server, owner int64) string { return "1" }
	cells, err := ParseMatrix(`
`+MatrixHeader+`
GET /shop/items/ | 200 | ✓ ✓ ✓ ✓ ✓ ✓
PUT /shop/items/{id}/ Item | 200 400 | 401 403 403 ✓ 403 ✓ | shop.change_item=✓
	shop.view_item=403
`, Objects{"Item": object})
	require.NoError(t, err)
	require.Len(t, cells, 2)
	require.Equal(t, "GET", cells[0].Method)
	require.Equal(t, "/shop/items/", cells[0].Path)
	require.Nil(t, cells[0].Object)
	require.Equal(t, []int{200}, cells[0].OK)
	require.Equal(t, "✓ ✓ ✓ ✓ ✓ ✓", cells[0].Want)
	require.Empty(t, cells[0].Perms)
	require.NotNil(t, cells[1].Object)
	require.Equal(t, []int{200, 400}, cells[1].OK)
	require.Equal(t, []string{"shop.change_item", "shop.view_item"}, cells[1].Perms)
	require.Equal(t, "✓ 403", cells[1].Alone)
}

// A row that cannot be read fails the test with its line, rather than checking less.
func TestParseMatrixRefuses(t *testing.T) {
	for row, msg := range map[string]string{
		"GET /a/ 200 ✓ ✓ ✓ ✓ ✓ ✓":                 "1 columns",
		"GET /a/ | 200 | ✓ ✓ ✓ ✓ ✓":               "5 answers",
		"GET | 200 | ✓ ✓ ✓ ✓ ✓ ✓":                 "the request is a method, a route",
		"GET /a/{id}/ Thing | 200 | ✓ ✓ ✓ ✓ ✓ ✓":  "no fixture Thing",
		"GET /a/ | OK | ✓ ✓ ✓ ✓ ✓ ✓":              `"OK" is no status`,
		"GET /a/ |  | ✓ ✓ ✓ ✓ ✓ ✓":                "no status",
		"GET /a/ | 200 | ✓ ✓ ✓ ✓ ✓ ✓ | shop.view": `"shop.view" is not permission=answer`,
		"GET /a/ | 200 | ✓ ✓ ✓ ✓ ✓ ✓ | a=✓ | b=✓": "5 columns",
	} {
		_, err := ParseMatrix("\nGET /ok/ | 200 | ✓ ✓ ✓ ✓ ✓ ✓\n"+row+"\n", Objects{})
		require.ErrorContains(t, err, "line 3: "+msg, row)
	}
	_, err := ParseMatrix("\n\tshop.view_item=403\n", Objects{})
	require.ErrorContains(t, err, "line 2: continues no row")
	// The header names the personas in their order, and comes first.
	_, err = ParseMatrix("\n# request | ok | anonymous authenticated owner staff permission-holder superuser | permission=alone\n", Objects{})
	require.ErrorContains(t, err, "line 2: ")
	require.ErrorContains(t, err, "is not the header")
	_, err = ParseMatrix("\nGET /ok/ | 200 | ✓ ✓ ✓ ✓ ✓ ✓\n"+MatrixHeader+"\n", Objects{})
	require.ErrorContains(t, err, "line 3: ")
	require.Equal(t, "# request | ok | anonymous authenticated owner permission-holder staff superuser | permission=alone", MatrixHeader)
}
