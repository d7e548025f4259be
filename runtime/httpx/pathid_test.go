package httpx

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

// PathID is ok for any int64, whatever row it names; anything else matches no row.
func TestPathID(t *testing.T) {
	for raw, want := range map[string]bool{"7": true, "0": true, "-3": true, "x": false, "": false, "99999999999999999999": false, "1.5": false} {
		r := httptest.NewRequest("GET", "/x/", nil)
		r.SetPathValue("id", raw)
		_, ok := PathID(r)
		require.Equal(t, want, ok, raw)
	}
}
