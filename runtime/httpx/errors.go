package httpx

import (
	"net/http"
	"sort"
)

// FieldErrors maps a field name (or "non_field_errors") to its messages, DRF's validation body.
type FieldErrors map[string][]string

// Add appends a message to a field.
func (e FieldErrors) Add(field, message string) { e[field] = append(e[field], message) }

// Has reports whether field has an error already.
func (e FieldErrors) Has(field string) bool { return len(e[field]) > 0 }

// Fields lists the fields with errors, sorted.
func (e FieldErrors) Fields() []string {
	out := make([]string, 0, len(e))
	for k := range e {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Error implements error, so validation can return FieldErrors.
func (e FieldErrors) Error() string { return "validation failed: " + joinFields(e.Fields()) }

func joinFields(fields []string) string {
	s := ""
	for i, f := range fields {
		if i > 0 {
			s += ", "
		}
		s += f
	}
	return s
}

// NonField is DRF's key for errors that belong to no single field.
const NonField = "non_field_errors"

// BadRequest writes a validation error body with status 400.
func BadRequest(w http.ResponseWriter, errs FieldErrors) { JSON(w, http.StatusBadRequest, errs) }
