package httpx_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/httpx"
)

// TestWithParsers: the app's parser list (DRF's DEFAULT_PARSER_CLASSES) decides which bodies
// are read and what OPTIONS lists; without one, DRF's three.
func TestWithParsers(t *testing.T) {
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			httpx.Options(w, r, "POST, OPTIONS", "Thing List", "")
			return
		}
		body, err := httpx.Decode(w, r, 0)
		if err != nil {
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]int{"keys": len(body)})
	})
	post := func(h http.Handler, contentType, body string) (int, string) {
		r := httptest.NewRequest(http.MethodPost, "/things/", strings.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code, w.Body.String()
	}
	parses := func(h http.Handler) []string {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodOptions, "/things/", nil))
		var m struct{ Parses []string }
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &m))
		return m.Parses
	}

	all := httpx.WithMedia(echo, httpx.Media{})
	code, _ := post(all, httpx.MediaForm, "a=1")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, httpx.Parses, parses(all))

	jsonOnly := httpx.WithMedia(echo, httpx.Media{Parsers: []string{httpx.MediaJSON}})
	code, body := post(jsonOnly, httpx.MediaForm, "a=1")
	require.Equal(t, http.StatusUnsupportedMediaType, code)
	require.JSONEq(t, `{"detail": "Unsupported media type \"application/x-www-form-urlencoded\" in request."}`, body)
	code, _ = post(jsonOnly, "multipart/form-data; boundary=x", "--x--")
	require.Equal(t, http.StatusUnsupportedMediaType, code)
	code, _ = post(jsonOnly, httpx.MediaJSON, `{"a": 1}`)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, []string{httpx.MediaJSON}, parses(jsonOnly))
}
