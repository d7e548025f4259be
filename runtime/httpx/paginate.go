package httpx

import (
	"net/http"
	"net/url"
	"strconv"
)

// Page is DRF's paginated list body.
type Page[T any] struct {
	Count    int64   `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// Pagination is how a list is paginated: DRF's PageNumberPagination, or its
// LimitOffsetPagination when LimitOffset is set, with PageSize (the page size, or the
// default limit) and MaxPageSize, the largest size a client may ask for (0: the page size
// is fixed; the limit is not capped).
type Pagination struct {
	LimitOffset bool
	PageSize    int64
	MaxPageSize int64
}

// Window reads the part of the list r asks for. It is false for a malformed page number,
// which DRF answers with 404 MsgInvalidPage.
func (p Pagination) Window(r *http.Request) (Window, bool) {
	if p.LimitOffset {
		return LimitOffset(r, p.PageSize, p.MaxPageSize), true
	}
	return PageNumber(r, p.PageSize, p.MaxPageSize)
}

// Window is the slice of a list a paginated request asks for.
type Window struct {
	Limit, Offset int64
	page          int64 // page number pagination only
	pageNumber    bool
}

// MsgInvalidPage is DRF's 404 detail for a page number out of range.
const MsgInvalidPage = "Invalid page."

// PageNumber reads ?page= (and ?page_size= when maxSize > 0) as DRF's PageNumberPagination.
// The page is checked against count later, by PageNumberPage.
func PageNumber(r *http.Request, size, maxSize int64) (Window, bool) {
	q := r.URL.Query()
	if maxSize > 0 {
		if n, ok := positiveInt(q.Get("page_size"), true); ok {
			size = min(n, maxSize)
		}
	}
	page := int64(1)
	if p := q.Get("page"); p != "" && p != "last" {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 1 {
			return Window{}, false
		}
		page = n
	} else if p == "last" {
		page = -1
	}
	return Window{Limit: size, Offset: (max(page, 1) - 1) * size, page: page, pageNumber: true}, true
}

// Resolve fixes the window once the total is known: "last" becomes a number, and a page
// beyond the last is reported as false (DRF's "Invalid page.", allowing an empty first page).
func (w *Window) Resolve(count int64) bool {
	if !w.pageNumber {
		return true
	}
	pages := max((count+w.Limit-1)/w.Limit, 1)
	if w.page == -1 {
		w.page = pages
		w.Offset = (pages - 1) * w.Limit
	}
	return w.page <= pages
}

// LimitOffset reads ?limit= and ?offset= as DRF's LimitOffsetPagination: a bad or missing
// limit is the default, capped at maxLimit when it is above zero.
func LimitOffset(r *http.Request, defaultLimit, maxLimit int64) Window {
	q := r.URL.Query()
	limit := defaultLimit
	if n, ok := positiveInt(q.Get("limit"), true); ok {
		limit = n
	}
	if maxLimit > 0 {
		limit = min(limit, maxLimit)
	}
	offset, _ := positiveInt(q.Get("offset"), false)
	return Window{Limit: limit, Offset: offset}
}

func positiveInt(s string, strict bool) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || (strict && n == 0) {
		return 0, false
	}
	return n, true
}

// Slice is the part of items, the whole list, that w covers.
func Slice[T any](w Window, items []T) []T {
	start := min(max(w.Offset, 0), int64(len(items)))
	return items[start:min(start+w.Limit, int64(len(items)))]
}

// NewPage builds the body of one page, with DRF's next and previous links.
func NewPage[T any](r *http.Request, w Window, count int64, results []T) Page[T] {
	p := Page[T]{Count: count, Results: results}
	if w.pageNumber {
		if w.Offset+w.Limit < count {
			p.Next = link(r, map[string]string{"page": strconv.FormatInt(w.page+1, 10)}, "")
		}
		switch {
		case w.page == 2:
			p.Previous = link(r, nil, "page")
		case w.page > 2:
			p.Previous = link(r, map[string]string{"page": strconv.FormatInt(w.page-1, 10)}, "")
		}
		return p
	}
	if w.Offset+w.Limit < count {
		p.Next = link(r, map[string]string{"limit": strconv.FormatInt(w.Limit, 10), "offset": strconv.FormatInt(w.Offset+w.Limit, 10)}, "")
	}
	switch {
	case w.Offset <= 0:
	case w.Offset-w.Limit <= 0:
		p.Previous = link(r, map[string]string{"limit": strconv.FormatInt(w.Limit, 10)}, "offset")
	default:
		p.Previous = link(r, map[string]string{"limit": strconv.FormatInt(w.Limit, 10), "offset": strconv.FormatInt(w.Offset-w.Limit, 10)}, "")
	}
	return p
}

func link(r *http.Request, set map[string]string, remove string) *string {
	q := r.URL.Query()
	for k, v := range set {
		q.Set(k, v)
	}
	if remove != "" {
		q.Del(remove)
	}
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	s := BaseURL(r) + u.String()
	return &s
}
