package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
)

// DefaultMaxBody is the body limit when the caller gives none: Django's
// DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB).
const DefaultMaxBody = 2_621_440

// Body is a decoded JSON object: each key keeps its raw JSON so a serializer can tell a
// missing key from null and report a wrong type per field.
type Body map[string]json.RawMessage

// ErrResponded means DecodeJSON has already written the error response.
var ErrResponded = errors.New("httpx: error response written")

// DecodeJSON reads the request body as a JSON object no larger than limit bytes (0: the
// default). An empty body is an empty object, as DRF treats it. On failure it writes DRF's
// error response and returns ErrResponded.
func DecodeJSON(w http.ResponseWriter, r *http.Request, limit int64) (Body, error) {
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			Detail(w, http.StatusUnsupportedMediaType, `Unsupported media type "`+ct+`" in request.`)
			return nil, ErrResponded
		}
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
	if len(bytes.TrimSpace(raw)) == 0 {
		return Body{}, nil
	}
	var body Body
	if err := json.Unmarshal(raw, &body); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			// Valid JSON that is not an object: DRF's serializers answer this.
			JSON(w, http.StatusBadRequest, FieldErrors{NonField: {"Invalid data. Expected a dictionary, but got " + jsonTypeName(raw) + "."}})
			return nil, ErrResponded
		}
		Detail(w, http.StatusBadRequest, "JSON parse error - "+err.Error())
		return nil, ErrResponded
	}
	if body == nil { // the literal null
		JSON(w, http.StatusBadRequest, FieldErrors{NonField: {"No data provided"}})
		return nil, ErrResponded
	}
	return body, nil
}

func jsonTypeName(raw []byte) string {
	switch bytes.TrimSpace(raw)[0] {
	case '[':
		return "list"
	case '"':
		return "str"
	case 't', 'f':
		return "bool"
	default:
		return "int"
	}
}
