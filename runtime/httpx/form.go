package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"regexp"
	"strings"
	"unicode/utf8"
)

// formValues are the fields of a form in their order, each with all its values.
type formValues struct {
	names  []string
	values map[string][]string
}

func (f *formValues) add(name, value string) {
	if f.values == nil {
		f.values = map[string][]string{}
	}
	if _, seen := f.values[name]; !seen {
		f.names = append(f.names, name)
	}
	f.values[name] = append(f.values[name], value)
}

// formBody is the Body of a form: each field's last value as a JSON string (a QueryDict's
// item), and under formKey every value of every field, for the fields that read lists.
func formBody(f *formValues) Body {
	b := Body{}
	all := map[string][]string{}
	if f != nil {
		for _, name := range f.names {
			vs := f.values[name]
			b[name] = mustJSON(vs[len(vs)-1])
			all[name] = vs
		}
	}
	b[formKey] = mustJSON(all)
	return b
}

func mustJSON(v any) json.RawMessage {
	out, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings and string lists always encode
	}
	return out
}

// parseQuery is QueryDict(body): Python's parse_qsl with blank values kept. It never fails:
// a pair without "=" is a name with a blank value, an invalid escape stays as it is, bytes
// that are not UTF-8 become U+FFFD.
func parseQuery(raw []byte) *formValues {
	f := &formValues{}
	for _, pair := range bytes.Split(raw, []byte("&")) {
		if len(pair) == 0 {
			continue
		}
		name, value, _ := bytes.Cut(pair, []byte("="))
		f.add(unquotePlus(name), unquotePlus(value))
	}
	return f
}

// unquotePlus is urllib.parse.unquote_plus with errors="replace".
func unquotePlus(s []byte) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			out = append(out, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			out = append(out, c)
		}
	}
	return validUTF8(out)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// validUTF8 decodes b as Python's bytes.decode("utf-8", "replace") does: each byte that
// begins no valid sequence is one U+FFFD.
func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		sb.WriteRune(r) // utf8.RuneError for an invalid byte
		b = b[size:]
	}
	return sb.String()
}

// validBoundary is Python's cgi.valid_boundary, which Django's MultiPartParser applies.
var validBoundary = regexp.MustCompile(`^[ -~]{0,200}[!-~]$`)

// errBoundary is Django's MultiPartParserError for a missing or invalid boundary; its text
// names the boundary as Python prints it.
type errBoundary struct {
	boundary string
	given    bool
}

func (e errBoundary) Error() string {
	if !e.given {
		return "Invalid boundary in multipart: None"
	}
	return "Invalid boundary in multipart: " + e.boundary
}

// parseMultipart reads the fields of a multipart/form-data body as Django's
// MultiPartParser: the text fields, in order. File parts are left out (no endpoint takes
// files). Like Django it stops quietly at a malformed part: what came before is kept.
func parseMultipart(raw []byte, boundary string, given bool) (*formValues, error) {
	if !given || !validBoundary.MatchString(boundary) {
		return nil, errBoundary{boundary: boundary, given: given}
	}
	f := &formValues{}
	mr := multipart.NewReader(bytes.NewReader(raw), boundary)
	for {
		part, err := mr.NextRawPart()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return f, nil
			}
			return f, nil // a malformed body: Django keeps what it read
		}
		name := part.FormName()
		if name == "" || part.FileName() != "" {
			continue
		}
		value, err := io.ReadAll(part)
		if err != nil {
			return f, nil
		}
		f.add(name, validUTF8(value))
	}
}
