package view

import (
	"errors"
	"net/http"

	"github.com/authgen/authgen/runtime/httpx"
)

// Error is an answer the application's code chooses, as DRF's exceptions do: a hook or a
// handler action returns one (Invalid, InvalidFields, Refuse) and the generated code answers
// it; any other error is a server error (500, logged without its details).
type Error struct {
	Status   int               // 400 for validation errors
	Messages []string          // Invalid: ValidationError("…")
	Fields   httpx.FieldErrors // InvalidFields: ValidationError({"field": […]})
	Detail   string            // Refuse: {"detail": …}
}

func (e *Error) Error() string {
	switch {
	case e.Fields != nil:
		return e.Fields.Error()
	case e.Messages != nil:
		return "invalid: " + e.Messages[0]
	}
	return http.StatusText(e.Status) + ": " + e.Detail
}

// Invalid is DRF's ValidationError with messages: answered as a list (["…"]) from
// perform_* hooks and actions, under the field from validate_<field>, and under
// non_field_errors from validate.
func Invalid(messages ...string) error {
	return &Error{Status: http.StatusBadRequest, Messages: messages}
}

// InvalidFields is DRF's ValidationError with a dict: 400 with the field errors.
func InvalidFields(errs httpx.FieldErrors) error {
	return &Error{Status: http.StatusBadRequest, Fields: errs}
}

// Refuse is one of DRF's other APIExceptions: status with {"detail": detail}, as
// PermissionDenied (403), NotFound (404) or a custom one.
func Refuse(status int, detail string) error {
	return &Error{Status: status, Detail: detail}
}

// AsError returns the Error err is or wraps, if any.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// IsNotFound reports whether err is a 404 answer, as the toolkit's Find methods return for
// no row (Django's DoesNotExist): code that expects no row may go on without it.
func IsNotFound(err error) bool {
	e, ok := AsError(err)
	return ok && e.Status == http.StatusNotFound
}

// ErrAnswered is returned by the application's toolkit (a generated Call) when it has
// answered the request already, as a body that does not parse: the code returns it as is.
var ErrAnswered = errors.New("view: answered")

// Answered answers err when the application's code chose an answer (an Error), and reports
// whether err was one or ErrAnswered; for any other error the caller answers (a 500, or a
// 400/409 for the write that failed).
func Answered(w http.ResponseWriter, err error) bool {
	if errors.Is(err, ErrAnswered) {
		return true
	}
	e, ok := AsError(err)
	switch {
	case !ok:
		return false
	case e.Fields != nil:
		httpx.JSON(w, e.Status, e.Fields)
	case e.Messages != nil:
		httpx.JSON(w, e.Status, e.Messages)
	default:
		httpx.Detail(w, e.Status, e.Detail)
	}
	return true
}

// FieldError adds to errs what a validate_<field> hook returned for field (validate's for
// httpx.NonField) when it is a validation error, and returns any other error, for a 500.
func FieldError(errs httpx.FieldErrors, field string, err error) error {
	e, ok := AsError(err)
	if !ok || e.Status != http.StatusBadRequest {
		return err
	}
	if e.Fields != nil {
		for k, msgs := range e.Fields {
			errs[k] = append(errs[k], msgs...)
		}
		return nil
	}
	errs[field] = append(errs[field], e.Messages...)
	return nil
}
