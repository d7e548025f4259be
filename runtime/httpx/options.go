package httpx

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// Options answers OPTIONS as DRF's SimpleMetadata does: the view's name and description,
// what it renders and parses, and for each of PUT and POST that the caller may use (the
// caller decides: the permissions, and for PUT the object, must allow it) the fields the
// serializer takes.
func Options(w http.ResponseWriter, r *http.Request, allow, name, description string, actions ...Action) {
	w.Header().Set("Allow", allow)
	body := metadata{Name: name, Description: description, Renders: RenderersOf(r), Parses: ParsersOf(r)}
	if len(actions) > 0 {
		body.Actions = map[string]Fields{}
		for _, a := range actions {
			body.Actions[a.Method] = a.Fields
		}
	}
	JSON(w, http.StatusOK, body)
}

type metadata struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Renders     []string          `json:"renders"`
	Parses      []string          `json:"parses"`
	Actions     map[string]Fields `json:"actions,omitempty"`
}

// Action is one method of an OPTIONS answer's "actions": PUT or POST and its fields.
type Action struct {
	Method string
	Fields Fields
}

// Fields are a serializer's fields as OPTIONS describes them, in the serializer's order.
type Fields []Field

// Field is one serializer field, SimpleMetadata.get_field_info.
type Field struct {
	Name string
	Info FieldInfo
}

// Add appends the field name described by info.
func (f *Fields) Add(name string, info FieldInfo) { *f = append(*f, Field{Name: name, Info: info}) }

// FieldInfo describes a field: only the attributes DRF sets are written (read_only always,
// as DRF writes False too).
type FieldInfo struct {
	Type      string      `json:"type"` // DRF's label_lookup: "string", "integer", "field"…
	Required  bool        `json:"required"`
	ReadOnly  bool        `json:"read_only"`
	Label     string      `json:"label,omitempty"`
	HelpText  string      `json:"help_text,omitempty"`
	MinLength *int        `json:"min_length,omitempty"`
	MaxLength *int        `json:"max_length,omitempty"`
	MinValue  json.Number `json:"min_value,omitempty"`
	MaxValue  json.Number `json:"max_value,omitempty"`
	Choices   []Choice    `json:"choices,omitempty"`
}

// Choice is one entry of a ChoiceField's "choices".
type Choice struct {
	Value       any    `json:"value"`
	DisplayName string `json:"display_name"`
}

// MarshalJSON writes the fields as one object, in order.
func (fs Fields) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		name, err := json.Marshal(f.Name)
		if err != nil {
			return nil, err
		}
		info, err := json.Marshal(f.Info)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(info)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
