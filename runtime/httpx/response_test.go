package httpx_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/httpx"
)

var jsonStrings = []string{
	"", "plain text 123", `"quoted" and \back\slash`, "<script>&amp;</script>", "tab\tnew\nline\r",
	"\x00\x1f\x7f", "é ü 中文 😀", "\u2028\u2029", "\xff\xfe broken \xc3", "a/b", "'single'",
}

// TestAppendStringIsEncodingJSONs: a string appended is the bytes json.Marshal writes.
func TestAppendStringIsEncodingJSONs(t *testing.T) {
	for _, s := range jsonStrings {
		want, err := json.Marshal(s)
		require.NoError(t, err)
		require.Equal(t, string(want), string(httpx.AppendString([]byte("x"), s))[1:], "%q", s)
	}
}

// TestAppendStringEveryByte: each byte value, alone and between letters, as json.Marshal
// writes it.
func TestAppendStringEveryByte(t *testing.T) {
	for c := range 256 {
		for _, s := range []string{string([]byte{byte(c)}), "ab" + string([]byte{byte(c)}) + "cd"} {
			want, err := json.Marshal(s)
			require.NoError(t, err)
			require.Equal(t, string(want), string(httpx.AppendString(nil, s)), "byte %#x", c)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := httpx.AppendString(nil, s); string(got) != string(want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

// TestWriteJSONIsJSONs: WriteJSON of a value's encoding answers as JSON of the value does,
// and a handler adding to its headers changes no later answer.
func TestWriteJSONIsJSONs(t *testing.T) {
	v := map[string]any{"detail": "<x>"}
	body, err := json.Marshal(v)
	require.NoError(t, err)
	viaJSON, viaBytes := httptest.NewRecorder(), httptest.NewRecorder()
	httpx.JSON(viaJSON, http.StatusTeapot, v)
	httpx.WriteJSON(viaBytes, http.StatusTeapot, body)
	require.Equal(t, viaJSON.Result().Header, viaBytes.Result().Header)
	require.Equal(t, viaJSON.Code, viaBytes.Code)
	require.Equal(t, viaJSON.Body.String(), viaBytes.Body.String())

	viaBytes.Header().Add("Vary", "Cookie")
	again := httptest.NewRecorder()
	httpx.WriteJSON(again, http.StatusOK, body)
	require.Equal(t, []string{"Accept"}, again.Header().Values("Vary"))
}
