package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/authgen/authgen/runtime/fields"
)

// groupNameMax is auth_group.name's max_length.
const groupNameMax = 150

// readName validates a group name as DRF's CharField(max_length=150).
func readName(raw json.RawMessage) (string, []string) {
	return fields.String(raw, fields.StringOpts{MaxLength: groupNameMax})
}

// readSlugs reads a list of strings, each of which must be one of known: DRF's
// SlugRelatedField(many=True) over slug, with its messages.
func readSlugs(raw json.RawMessage, slug string, known []string) ([]string, []string) {
	if fields.IsNull(raw) {
		return nil, []string{fields.MsgNull}
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, []string{fmt.Sprintf("Expected a list of items but got type %q.", pyTypeName(raw))}
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		var s string
		if err := json.Unmarshal(it, &s); err != nil {
			return nil, []string{"Invalid value."}
		}
		if !slices.Contains(known, s) {
			return nil, []string{fmt.Sprintf("Object with %s=%s does not exist.", slug, s)}
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// pyTypeName is the Python type name of a JSON value, as DRF's messages name it.
func pyTypeName(raw json.RawMessage) string {
	var v any
	_ = json.Unmarshal(raw, &v)
	switch v.(type) {
	case string:
		return "str"
	case bool:
		return "bool"
	case map[string]any:
		return "dict"
	case float64:
		if bytes.ContainsAny(raw, ".eE") {
			return "float"
		}
		return "int"
	}
	return "NoneType"
}
