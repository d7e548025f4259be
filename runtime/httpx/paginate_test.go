package httpx

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

// Window reads DRF's query parameters for either style; Slice cuts a list held in memory
// as the window says, whatever the offset.
func TestPaginationWindowAndSlice(t *testing.T) {
	items := []string{"a", "b", "c", "d", "e"}
	window := func(p Pagination, query string) (Window, bool) {
		return p.Window(httptest.NewRequest("GET", "/x/"+query, nil))
	}

	pages := Pagination{PageSize: 2, MaxPageSize: 3}
	w, ok := window(pages, "?page=2")
	require.True(t, ok)
	require.True(t, w.Resolve(int64(len(items))))
	require.Equal(t, []string{"c", "d"}, Slice(w, items))
	w, _ = window(pages, "?page=3&page_size=3")
	require.False(t, w.Resolve(int64(len(items))), "two pages of 3")
	w, _ = window(pages, "?page=last")
	require.True(t, w.Resolve(int64(len(items))))
	require.Equal(t, []string{"e"}, Slice(w, items))
	_, ok = window(pages, "?page=x")
	require.False(t, ok)

	limits := Pagination{LimitOffset: true, PageSize: 2, MaxPageSize: 4}
	for query, want := range map[string][]string{
		"":                   {"a", "b"},
		"?limit=9&offset=3":  {"d", "e"},
		"?offset=5":          {},
		"?offset=99":         {},
		"?limit=x&offset=-1": {"a", "b"},
	} {
		w, ok := window(limits, query)
		require.True(t, ok)
		require.True(t, w.Resolve(int64(len(items))))
		require.Equal(t, want, Slice(w, items), query)
	}
}
