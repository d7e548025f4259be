package httpx

import (
	"encoding/json"
)

// Body is a decoded request body: each key keeps its raw JSON so a serializer can tell a
// missing key from null and report a wrong type per field. A form's values are JSON strings.
type Body map[string]json.RawMessage

// formKey marks a Body read from a form and holds every value of its fields. No JSON
// object key can equal it: encoding/json decodes keys to valid UTF-8, and this is not.
const formKey = "\xff"

// IsForm reports whether the body came from an HTML or multipart form (DRF's
// html.is_html_input), whose fields DRF reads with the rules of Get and GetList.
func (b Body) IsForm() bool {
	_, ok := b[formKey]
	return ok
}

// FieldRules are the options of a serializer field that decide how a form value reads.
type FieldRules struct {
	Required   bool // the field's required: absent from a full (not partial) body is an error
	AllowNull  bool
	AllowBlank bool
	// Bool is a BooleanField: a checkbox left unticked is not sent, so an absent field of a
	// full form is false (null when the field allows null).
	Bool bool
}

// Get returns the raw value of field name as DRF's Field.get_value finds it, and whether
// the field is present. From JSON that is the key's value. From a form, DRF's rules for
// HTML input apply: a blank value is null when the field allows null (and no blank), and
// absent when the field is not required (and allows no blank); an absent BooleanField of a
// full (not partial) form is false.
func (b Body) Get(name string, f FieldRules, partial bool) (json.RawMessage, bool) {
	raw, ok := b[name]
	if name == formKey || !b.IsForm() {
		return raw, ok && name != formKey
	}
	if !ok {
		if f.Bool && !partial {
			if f.AllowNull {
				return json.RawMessage("null"), true // a nullable BooleanField's default_empty_html
			}
			return json.RawMessage("false"), true
		}
		return nil, false
	}
	if string(raw) == `""` && !f.AllowBlank {
		if f.AllowNull {
			return json.RawMessage("null"), true
		}
		if !f.Required {
			return nil, false
		}
	}
	return raw, true
}

// GetList is Get for a field that reads a list (a ManyRelatedField): from a form, every
// value of the key, and an empty list for an absent key of a full form, as DRF's getlist.
func (b Body) GetList(name string, partial bool) (json.RawMessage, bool) {
	if name == formKey {
		return nil, false
	}
	if !b.IsForm() {
		raw, ok := b[name]
		return raw, ok
	}
	var all map[string][]string
	if err := json.Unmarshal(b[formKey], &all); err != nil {
		return nil, false
	}
	vs, ok := all[name]
	if !ok {
		if partial {
			return nil, false
		}
		vs = []string{}
	}
	return mustJSON(vs), true
}
