package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"

	"github.com/authgen/authgen/runtime/internal/jsonobj"
)

// DefaultMaxBody is the body limit when the caller gives none: Django's
// DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB).
const DefaultMaxBody = 2_621_440

// ErrResponded means Decode has already written the error response.
var ErrResponded = errors.New("httpx: error response written")

// The media types of DRF's default parsers, in the order DRF tries them (JSONParser,
// FormParser, MultiPartParser). OPTIONS lists them as "parses".
const (
	MediaJSON      = "application/json"
	MediaForm      = "application/x-www-form-urlencoded"
	MediaMultipart = "multipart/form-data"
)

// Parses are DRF's default parsers (DEFAULT_PARSER_CLASSES: JSONParser, FormParser,
// MultiPartParser), what an app without its own list parses and OPTIONS lists as "parses".
var Parses = []string{MediaJSON, MediaForm, MediaMultipart}

// Decode reads the request body as DRF's Request.data does with its default parsers: JSON,
// HTML form and multipart form, chosen by the Content-Type, each no larger than limit bytes
// (0: the default). An empty body is empty data whatever its type, as in DRF (its
// Content-Length of 0 skips the parsers). A type no parser takes is 415, as a missing
// Content-Type with a body is. On failure it writes DRF's error response and returns
// ErrResponded.
//
// A form reads into the same Body as JSON, each field's last value as a JSON string: DRF's
// fields then see the same text. What a form changes (blank values, absent booleans and
// lists) Body.Get and Body.GetList apply, as DRF's Field.get_value does for HTML input.
func Decode(w http.ResponseWriter, r *http.Request, limit int64) (Body, error) {
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			Detail(w, http.StatusRequestEntityTooLarge, MsgBodyTooLarge)
			return nil, ErrResponded
		}
		Detail(w, http.StatusBadRequest, "Could not read the request body.")
		return nil, ErrResponded
	}
	contentType := r.Header.Get("Content-Type")
	mt := parseMediaType(contentType)
	if len(raw) == 0 {
		if mt.is(MediaForm) || mt.is(MediaMultipart) {
			return formBody(nil), nil
		}
		return Body{}, nil
	}
	parsers := ParsersOf(r)
	switch {
	case mt.matches(MediaJSON) && slices.Contains(parsers, MediaJSON):
		return decodeJSONObject(w, raw)
	case mt.matches(MediaForm) && slices.Contains(parsers, MediaForm):
		return formBody(parseQuery(raw)), nil
	case mt.matches(MediaMultipart) && slices.Contains(parsers, MediaMultipart):
		values, err := parseMultipart(raw, mt.params["boundary"], mt.hasParam("boundary"))
		if err != nil {
			Detail(w, http.StatusBadRequest, "Multipart form parse error - "+err.Error())
			return nil, ErrResponded
		}
		return formBody(values), nil
	}
	Detail(w, http.StatusUnsupportedMediaType, `Unsupported media type "`+contentType+`" in request.`)
	return nil, ErrResponded
}

// DecodeJSON is Decode, under the name it had when JSON was the only parser.
func DecodeJSON(w http.ResponseWriter, r *http.Request, limit int64) (Body, error) {
	return Decode(w, r, limit)
}

// decodeJSONObject is JSONParser and then the serializer's first check, that the data is a
// dictionary.
func decodeJSONObject(w http.ResponseWriter, raw []byte) (Body, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		// Only white space: Python's json.loads fails on it.
		Detail(w, http.StatusBadRequest, "JSON parse error - "+pythonJSONError(raw))
		return nil, ErrResponded
	}
	if body, ok := objectMembers(raw); ok {
		return body, nil
	}
	var body Body
	if err := json.Unmarshal(raw, &body); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			// Valid JSON that is not an object: DRF's serializers answer this.
			JSON(w, http.StatusBadRequest, FieldErrors{NonField: {"Invalid data. Expected a dictionary, but got " + jsonTypeName(raw) + "."}})
			return nil, ErrResponded
		}
		msg := pythonJSONError(raw)
		if msg == "" {
			msg = err.Error() // what Python reads and Go does not (invalid UTF-8, deep nesting)
		}
		Detail(w, http.StatusBadRequest, "JSON parse error - "+msg)
		return nil, ErrResponded
	}
	if body == nil { // the literal null
		JSON(w, http.StatusBadRequest, FieldErrors{NonField: {"No data provided"}})
		return nil, ErrResponded
	}
	delete(body, formKey) // cannot be there (JSON keys are valid UTF-8), but never trust it
	return body, nil
}

// objectMembers is json.Unmarshal of a valid JSON object into a Body, walked member by member
// rather than decoded by reflection: the same keys and values, a later member of a name
// winning. ok is false for anything else (invalid JSON, another value, a key that does not
// decode), which json.Unmarshal then answers.
func objectMembers(raw []byte) (Body, bool) {
	if !json.Valid(raw) {
		return nil, false
	}
	body := Body{}
	err := jsonobj.Members(raw, func(key, value []byte) error {
		name, err := jsonobj.String(key)
		body[name] = value[:len(value):len(value)] // an append to it copies
		return err
	})
	if err != nil {
		return nil, false
	}
	delete(body, formKey) // cannot be there (JSON keys are valid UTF-8), but never trust it
	return body, true
}

// jsonTypeName is the Python type name of a JSON value that is not an object.
func jsonTypeName(raw []byte) string {
	v := bytes.TrimSpace(raw)
	switch v[0] {
	case '[':
		return "list"
	case '"':
		return "str"
	case 't', 'f':
		return "bool"
	}
	if bytes.ContainsAny(v, ".eE") {
		return "float"
	}
	return "int"
}
