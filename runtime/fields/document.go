package fields

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// Document is a JSONField's value as a row holds it: text in SQLite, jsonb in PostgreSQL. A
// nil Document is SQL NULL and JSON null.
type Document json.RawMessage

// MarshalJSON writes the document as it is.
func (d Document) MarshalJSON() ([]byte, error) {
	if d == nil {
		return []byte("null"), nil
	}
	return d, nil
}

// Value stores the document as text, which both dialects take for their JSON columns.
func (d Document) Value() (driver.Value, error) {
	if d == nil {
		return nil, nil
	}
	return string(d), nil
}

// Scan reads the document from text or bytes.
func (d *Document) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = nil
	case string:
		*d = Document(v)
	case []byte:
		*d = Document(append([]byte(nil), v...))
	default:
		return fmt.Errorf("fields: cannot scan %T into a Document", src)
	}
	return nil
}
