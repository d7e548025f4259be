// This file is hand-written, like the handlers case's actions.go: the application's side of
// the spec's hooks, kept beside the golden files so that the golden module holds it (a real
// application keeps it outside the generated package).

package school

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/view"
)

func init() {
	Implement(Hooks{Students: students{}, Courses: courses{}, Sections: sections{}, Enrollments: enrollments{}})
}

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

// students is the code of /school/students/.
type students struct{}

// PerformCreate saves the student with its favourites (InsertStudent writes the links), and
// a student named "rollback" is refused after that: neither the row nor its links stay.
func (students) PerformCreate(c *Call, v *Student) error {
	if err := c.InsertStudent(v); err != nil {
		return err
	}
	if v.Name == "rollback" {
		return view.Invalid("Rolled back after the insert.")
	}
	return nil
}

// Favourite adds the body's course to the caller's favourites: the caller's Student found
// by its user (404 when the caller has none), its links written by UpdateStudent.
func (students) Favourite(c *Call) error {
	body, err := httpx.Decode(c.W, c.HTTP, 0)
	if err != nil {
		return view.ErrAnswered
	}
	id, msgs := fields.PK(body["course"])
	if msgs != nil {
		return view.InvalidFields(httpx.FieldErrors{"course": msgs})
	}
	course, err := c.FindCourse(id)
	if err != nil {
		return err
	}
	me, err := c.FindStudentByUser(c.Subject.UserID)
	if err != nil {
		return err
	}
	me.Favourites = append(me.Favourites, course.ID)
	if err := c.UpdateStudent(me); err != nil {
		return err
	}
	return c.RenderStudents(http.StatusOK, me)
}

// GetQueryset: with ?mine=1, the courses the caller's Student is enrolled in, a reverse
// relation (Course.objects.filter(enrollment__student__user=request.user)) read with the
// toolkit's finds instead of SQL.
func (courses) GetQueryset(c *Call) (db.Cond, error) {
	if c.HTTP.URL.Query().Get("mine") != "1" {
		return db.Cond{}, nil
	}
	me, err := c.FindStudentByUser(c.Subject.UserID)
	if view.IsNotFound(err) {
		return CoursesWhere.ID.In(), nil // no Student: no course
	} else if err != nil {
		return db.Cond{}, err
	}
	enrolled, err := c.FilterEnrollmentByStudent(me.ID)
	if err != nil {
		return db.Cond{}, err
	}
	ids := make([]any, len(enrolled))
	for i, e := range enrolled {
		ids[i] = e.CourseID
	}
	return CoursesWhere.ID.In(ids...), nil
}

// enrollments is the code of /school/enrollments/.
type enrollments struct{}

// GetQueryset: staff see every enrollment, others their Student's (none without one).
func (enrollments) GetQueryset(c *Call) (db.Cond, error) {
	if c.Subject.IsStaff {
		return db.Cond{}, nil
	}
	me, err := c.FindStudentByUser(c.Subject.UserID)
	if view.IsNotFound(err) {
		return EnrollmentsWhere.ID.In(), nil
	} else if err != nil {
		return db.Cond{}, err
	}
	return EnrollmentsWhere.StudentID.Eq(me.ID), nil
}
