package accounts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/users"
)

// The readers below are DRF's to_internal_value of the fields a ModelSerializer makes for
// the kinds of extra user fields that are not text, returning the value in package users'
// Go type for the kind, or DRF's messages. Package fields does the DRF parsing shared with
// the generated model serializers.

// Bounds of Django's IntegerField, which DRF turns into min_value and max_value.
const (
	minInt32 = -1 << 31
	maxInt32 = 1<<31 - 1
)

func readInt(raw json.RawMessage, f *users.Field) (any, []string) {
	o := fields.IntOpts{Min: f.Min, Max: f.Max}
	if f.Kind == users.Int {
		lo, hi := int64(minInt32), int64(maxInt32)
		if o.Min == nil {
			o.Min = &lo
		}
		if o.Max == nil {
			o.Max = &hi
		}
	}
	n, msgs := fields.Int(raw, o)
	if msgs != nil {
		return nil, msgs
	}
	return n, nil
}

func readBool(raw json.RawMessage) (any, []string) {
	b, msgs := fields.Bool(raw)
	if msgs != nil {
		return nil, msgs
	}
	return b, nil
}

func readDecimal(raw json.RawMessage, f *users.Field) (any, []string) {
	d, msgs := fields.ReadDecimal(raw, fields.DecimalOpts{MaxDigits: f.MaxDigits, DecimalPlaces: f.DecimalPlaces})
	if msgs != nil {
		return nil, msgs
	}
	return d.String(), nil
}

func readDate(raw json.RawMessage) (any, []string) {
	d, msgs := fields.ReadDate(raw)
	if msgs != nil {
		return nil, msgs
	}
	return d.String(), nil
}

func readDatetime(raw json.RawMessage) (any, []string) {
	t, msgs := fields.ReadDateTime(raw)
	if msgs != nil {
		return nil, msgs
	}
	return t.Time(), nil
}

var uuidText = regexp.MustCompile(`^(?i:urn:uuid:)?\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$`)

// readUUID is DRF's UUIDField (hex_verbose), normalised as Python's uuid.UUID prints it.
func readUUID(raw json.RawMessage) (any, []string) {
	s, msg := httpx.String(raw)
	if msg != "" || !uuidText.MatchString(s) {
		return nil, []string{"Must be a valid UUID."}
	}
	h := strings.ToLower(s)
	h = strings.NewReplacer("urn:uuid:", "", "{", "", "}", "", "-", "").Replace(h)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
}

// readJSON is DRF's JSONField: any JSON value, kept compact.
func readJSON(raw json.RawMessage) (any, []string) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return nil, []string{"Value must be valid JSON."}
	}
	return json.RawMessage(compact.Bytes()), nil
}

// scalarText is str(data) of a JSON string or number; ok is false for other JSON values.
func scalarText(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), true
	}
	return "", false
}

// readChoice is DRF's ChoiceField: the input's text must be the text of a choice.
func readChoice(raw json.RawMessage, f *users.Field) (any, []string) {
	text, ok := scalarText(raw)
	if !ok {
		var v any
		_ = json.Unmarshal(raw, &v)
		text = fmt.Sprint(v)
	}
	for _, c := range f.Choices {
		if fmt.Sprint(c) == text {
			return c, nil
		}
	}
	return nil, []string{fields.MsgInvalidChoice(text)}
}
