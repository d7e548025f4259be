package httpx

import (
	"net/http"
	"strconv"
)

// PathID reads the {id} of a detail route. A malformed id is not ok: it matches no row, a
// 404 as in DRF.
func PathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil
}
