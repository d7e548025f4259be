// This file is hand-written, like the handlers case's actions.go: the application's side of
// the spec's hooks, kept beside the golden files so that the golden module holds it (a real
// application keeps it outside the generated package).

package school

import (
	"fmt"
	"sync"

	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/view"
)

func init() { Implement(Hooks{Courses: courses{}, Sections: sections{}}) }

// courses is the code of /school/courses/.
type courses struct{}

// seen records each validate_<field> call and the value it was given, in Go's syntax, so
// the test sees which hooks ran and with what.
var seen struct {
	sync.Mutex
	calls []string
}

func record(format string, args ...any) {
	seen.Lock()
	defer seen.Unlock()
	seen.calls = append(seen.calls, fmt.Sprintf(format, args...))
}

// Seen returns the validate_<field> calls since the last Seen.
func Seen() []string {
	seen.Lock()
	defer seen.Unlock()
	out := seen.calls
	seen.calls = nil
	return out
}

// ValidateTitle keeps titles short of shouting.
func (courses) ValidateTitle(c *Call, value string) (string, error) {
	record("title %q", value)
	if value == "URGENT" {
		return "", view.Invalid("No shouting.")
	}
	return value, nil
}

// ValidateSeats wants seats in pairs.
func (courses) ValidateSeats(c *Call, value int64) (int64, error) {
	record("seats %d", value)
	if value%2 != 0 {
		return 0, view.Invalid("Seats come in pairs.", "Ask for an even number.")
	}
	return value, nil
}

func (courses) ValidateOnline(c *Call, value bool) (bool, error) {
	record("online %t", value)
	return value, nil
}

// ValidateStarts records a null start as nil.
func (courses) ValidateStarts(c *Call, value *fields.Date) (*fields.Date, error) {
	if value == nil {
		record("starts nil")
	} else {
		record("starts %s", value.String())
	}
	return value, nil
}

// ValidateFee takes any fee.
func (courses) ValidateFee(c *Call, value fields.Decimal) (fields.Decimal, error) {
	record("fee %s", value.String())
	return value, nil
}

// PerformCreate saves the course; a course titled "panic" panics after its insert, as code
// with a bug would, and leaves nothing behind.
func (courses) PerformCreate(c *Call, v *Course) error {
	if err := c.InsertCourse(v); err != nil {
		return err
	}
	if v.Title == "panic" {
		panic("a bug in perform_create, after the insert")
	}
	return nil
}

// sections is the code of /school/sections/.
type sections struct{}

// ValidateWeekday takes Monday (1) to Friday (5).
func (sections) ValidateWeekday(c *Call, value int64) (int64, error) {
	record("weekday %d", value)
	if value < 1 || value > 5 {
		return 0, view.Invalid("Classes run Monday (1) to Friday (5).")
	}
	return value, nil
}

func (sections) ValidateEvening(c *Call, value bool) (bool, error) {
	record("evening %t", value)
	return value, nil
}
