package httpx_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/httpx"
)

func TestOptions(t *testing.T) {
	five, one := 5, 1
	fields := httpx.Fields{
		{Name: "id", Info: httpx.FieldInfo{Type: "integer", ReadOnly: true, Label: "ID"}},
		{Name: "rating", Info: httpx.FieldInfo{Type: "integer", Required: true, Label: "Rating", MinValue: "1", MaxValue: "5"}},
		{Name: "name", Info: httpx.FieldInfo{Type: "string", Required: true, Label: "Name", MinLength: &one, MaxLength: &five, HelpText: "Short."}},
		{Name: "size", Info: httpx.FieldInfo{Type: "choice", Label: "Size", Choices: []httpx.Choice{{Value: "s", DisplayName: "Small"}}}},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("actions") == "" {
			httpx.Options(w, r, "GET, OPTIONS", "Thing List", "Lists things.")
			return
		}
		httpx.Options(w, r, "GET, POST, OPTIONS", "Thing List", "", httpx.Action{Method: "POST", Fields: fields})
	}))
	t.Cleanup(srv.Close)

	read := func(query string) (http.Header, string) {
		res, err := http.Get(srv.URL + query)
		require.NoError(t, err)
		defer res.Body.Close()
		raw, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res.Header, string(raw)
	}
	h, body := read("")
	require.Equal(t, "GET, OPTIONS", h.Get("Allow"))
	require.JSONEq(t, `{"name": "Thing List", "description": "Lists things.", "renders": ["application/json", "text/html"],
		"parses": ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]}`, body)

	_, body = read("?actions=1")
	require.JSONEq(t, `{"name": "Thing List", "description": "", "renders": ["application/json", "text/html"],
		"parses": ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
		"actions": {"POST": {
			"id": {"type": "integer", "required": false, "read_only": true, "label": "ID"},
			"rating": {"type": "integer", "required": true, "read_only": false, "label": "Rating", "min_value": 1, "max_value": 5},
			"name": {"type": "string", "required": true, "read_only": false, "label": "Name", "help_text": "Short.", "min_length": 1, "max_length": 5},
			"size": {"type": "choice", "required": false, "read_only": false, "label": "Size", "choices": [{"value": "s", "display_name": "Small"}]}
		}}}`, body)
	// The fields keep the serializer's order.
	var doc struct {
		Actions map[string]json.RawMessage `json:"actions"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &doc))
	raw := string(doc.Actions["POST"])
	require.Less(t, strings.Index(raw, `"id"`), strings.Index(raw, `"rating"`))
	require.Less(t, strings.Index(raw, `"rating"`), strings.Index(raw, `"name"`))
}
