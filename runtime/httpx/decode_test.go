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

// echo answers with what Decode made of the body: each field as Body.Get reads it for a
// field that allows null, one that allows blank, a required one and a boolean.
func echo(w http.ResponseWriter, r *http.Request) {
	body, err := httpx.Decode(w, r, 0)
	if err != nil {
		return
	}
	partial := r.Method == http.MethodPatch
	out := map[string]any{"form": body.IsForm()}
	read := func(name string, f httpx.FieldRules) {
		if raw, ok := body.Get(name, f, partial); ok {
			out[name] = json.RawMessage(raw)
		}
	}
	read("nullable", httpx.FieldRules{AllowNull: true})
	read("blankable", httpx.FieldRules{AllowBlank: true})
	read("optional", httpx.FieldRules{})
	read("required", httpx.FieldRules{Required: true})
	read("flag", httpx.FieldRules{Bool: true})
	if raw, ok := body.GetList("tags", partial); ok {
		out["tags"] = json.RawMessage(raw)
	}
	httpx.JSON(w, http.StatusOK, out)
}

type answer struct {
	status int
	body   map[string]any
}

func post(t *testing.T, url, method, contentType, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	if contentType != "-" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	return answer{res.StatusCode, out}
}

func TestDecodeContentTypes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(echo))
	t.Cleanup(srv.Close)
	obj := `{"required": "x"}`
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "APPLICATION/JSON",
		"application/json;foo=bar", "application/*", "*/*", "application/json; charset=latin-1"} {
		a := post(t, srv.URL, "POST", ct, obj)
		require.Equal(t, http.StatusOK, a.status, ct)
		require.Equal(t, map[string]any{"form": false, "required": "x"}, a.body, ct)
	}
	for _, ct := range []string{"text/plain", "application/vnd.api+json", "text/json", "bogus", ""} {
		a := post(t, srv.URL, "POST", ct, obj)
		require.Equal(t, http.StatusUnsupportedMediaType, a.status, ct)
		require.Equal(t, `Unsupported media type "`+ct+`" in request.`, a.body["detail"])
	}
	a := post(t, srv.URL, "POST", "-", obj) // no Content-Type at all
	require.Equal(t, http.StatusUnsupportedMediaType, a.status)
	require.Equal(t, `Unsupported media type "" in request.`, a.body["detail"])

	// An empty body is no data, whatever its type: DRF does not parse it.
	a = post(t, srv.URL, "POST", "text/plain", "")
	require.Equal(t, map[string]any{"form": false}, a.body)
	a = post(t, srv.URL, "POST", "application/x-www-form-urlencoded", "")
	require.Equal(t, map[string]any{"form": true, "flag": false, "tags": []any{}}, a.body)
}

func TestDecodeJSONErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(echo))
	t.Cleanup(srv.Close)
	for body, kind := range map[string]string{`[1]`: "list", `"s"`: "str", `true`: "bool", `12`: "int", `1.5`: "float", `-2e3`: "float"} {
		a := post(t, srv.URL, "POST", "application/json", body)
		require.Equal(t, http.StatusBadRequest, a.status, body)
		require.Equal(t, []any{"Invalid data. Expected a dictionary, but got " + kind + "."}, a.body["non_field_errors"], body)
	}
	a := post(t, srv.URL, "POST", "application/json", "null")
	require.Equal(t, []any{"No data provided"}, a.body["non_field_errors"])
	for body, detail := range map[string]string{
		"{bad":              "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
		"   ":               "Expecting value: line 1 column 4 (char 3)",
		`{"a": NaN}`:        "Out of range float values are not JSON compliant: 'NaN'",
		`{"a": 1} trailing`: "Extra data: line 1 column 10 (char 9)",
	} {
		a := post(t, srv.URL, "POST", "application/json", body)
		require.Equal(t, http.StatusBadRequest, a.status, body)
		require.Equal(t, "JSON parse error - "+detail, a.body["detail"], body)
	}
}

func TestDecodeForms(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(echo))
	t.Cleanup(srv.Close)
	form := "application/x-www-form-urlencoded"

	// Values are strings, the last one of a repeated key; escapes and "+" decode.
	a := post(t, srv.URL, "POST", form, "required=a+b%21&required=c%20d&tags=1&tags=2&flag=true")
	require.Equal(t, map[string]any{"form": true, "required": "c d", "tags": []any{"1", "2"}, "flag": "true"}, a.body)

	// Blank values follow DRF's rules for HTML input; absent lists and booleans of a full
	// form are empty and false.
	a = post(t, srv.URL, "POST", form, "nullable=&blankable=&optional=&required=")
	require.Equal(t, map[string]any{"form": true, "nullable": nil, "blankable": "", "required": "", "tags": []any{}, "flag": false}, a.body)
	// A partial form leaves them absent.
	a = post(t, srv.URL, "PATCH", form, "blankable=x")
	require.Equal(t, map[string]any{"form": true, "blankable": "x"}, a.body)

	// Malformed input does not fail: QueryDict keeps what it can read.
	a = post(t, srv.URL, "POST", form, "%%%&required=%zz&=v&&x")
	require.Equal(t, http.StatusOK, a.status)
	require.Equal(t, "%zz", a.body["required"])
	a = post(t, srv.URL, "POST", form, "required=%ff%41")
	require.Equal(t, "\uFFFDA", a.body["required"])
	// JSON sent as a form is one odd key.
	a = post(t, srv.URL, "POST", form, `{"required": "x"}`)
	require.Equal(t, map[string]any{"form": true, "tags": []any{}, "flag": false}, a.body)
}

func TestDecodeMultipart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(echo))
	t.Cleanup(srv.Close)
	body := "--XyZ\r\nContent-Disposition: form-data; name=\"required\"\r\n\r\nhello\r\n" +
		"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nignored\r\n" +
		"--XyZ\r\nContent-Disposition: form-data; name=\"nullable\"\r\n\r\n\r\n--XyZ--\r\n"
	a := post(t, srv.URL, "POST", "multipart/form-data; boundary=XyZ", body)
	require.Equal(t, http.StatusOK, a.status)
	require.Equal(t, map[string]any{"form": true, "required": "hello", "nullable": nil, "tags": []any{}, "flag": false}, a.body)

	a = post(t, srv.URL, "POST", "multipart/form-data", body)
	require.Equal(t, http.StatusBadRequest, a.status)
	require.Equal(t, "Multipart form parse error - Invalid boundary in multipart: None", a.body["detail"])
	a = post(t, srv.URL, "POST", `multipart/form-data; boundary="bad "`, body)
	require.Equal(t, "Multipart form parse error - Invalid boundary in multipart: bad ", a.body["detail"])
	// A body that is not multipart: nothing read, as Django.
	a = post(t, srv.URL, "POST", "multipart/form-data; boundary=XyZ", "garbage")
	require.Equal(t, map[string]any{"form": true, "tags": []any{}, "flag": false}, a.body)
}

func TestDecodeLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := httpx.Decode(w, r, 10); err == nil {
			httpx.NoContent(w)
		}
	}))
	t.Cleanup(srv.Close)
	a := post(t, srv.URL, "POST", "application/json", `{"a": "0123456789"}`)
	require.Equal(t, http.StatusRequestEntityTooLarge, a.status)
}
