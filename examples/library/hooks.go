package main

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/authgen/authgen/examples/library/library"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/view"
)

// The library's own code: what its Django original writes as viewset overrides and a
// permission class. Registered before main runs, so main.go does not change with the spec.
func init() {
	library.Implement(library.Hooks{
		Books:       books{},
		Loans:       loans{},
		IsLibrarian: isLibrarian{},
	})
}

// loanDays is how long a checkout lends a book.
const loanDays = 14

// isLibrarian is the IsLibrarian permission class: staff, or a holder of
// library.manage_library (given to the librarians' group).
type isLibrarian struct{}

func (isLibrarian) HasPermission(r *authz.Request) authz.Decision {
	if !r.Subject.IsAuthenticated() {
		return authz.Denied
	}
	if r.Subject.IsStaff {
		return authz.Allowed
	}
	ok, err := r.Subject.HasPerm(r.Ctx, library.PermManageLibrary)
	if err != nil {
		return authz.Failed(err)
	}
	return authz.Bool(ok)
}

func (isLibrarian) HasObjectPermission(*authz.Request, authz.Object) authz.Decision {
	return authz.Allowed
}

// books is the code of /library/books/.
type books struct{}

// GetQueryset filters by ?search= on title and author, as DRF's SearchFilter.
func (books) GetQueryset(c *library.Call) (db.Cond, error) {
	var conds []db.Cond
	for _, term := range strings.Fields(c.HTTP.URL.Query().Get("search")) {
		conds = append(conds, db.Or(library.BooksWhere.Title.IContains(term), library.BooksWhere.Author.IContains(term)))
	}
	return db.And(conds...), nil
}

// ValidateIsbn accepts an ISBN-13 with or without hyphens, checks its check digit, and
// stores its digits.
func (books) ValidateIsbn(c *library.Call, value string) (string, error) {
	digits := strings.ReplaceAll(value, "-", "")
	if len(digits) != 13 {
		return "", view.Invalid("Enter an ISBN-13.")
	}
	sum := 0
	for i, ch := range digits {
		d, err := strconv.Atoi(string(ch))
		if err != nil {
			return "", view.Invalid("Enter an ISBN-13.")
		}
		sum += d * (1 + 2*(i%2))
	}
	if sum%10 != 0 {
		return "", view.Invalid("The ISBN's check digit is wrong.")
	}
	return digits, nil
}

// Checkout lends the book to the caller: a loan due in loanDays days and one copy fewer,
// together or not at all; it answers the loan as /library/loans/ shows it.
func (books) Checkout(c *library.Call, book *library.Book) error {
	if book.Reference {
		return view.Invalid("Reference books cannot be lent.")
	}
	if book.Copies == 0 {
		return view.Invalid("No copies left.")
	}
	loan := &library.Loan{
		BookID:     book.ID,
		BorrowerID: c.Subject.UserID,
		Due:        fields.DateOf(time.Now().AddDate(0, 0, loanDays)),
	}
	err := c.Atomic(func() error {
		book.Copies--
		if err := c.UpdateBook(book); err != nil {
			return err
		}
		return c.InsertLoan(loan)
	})
	if err != nil {
		return err
	}
	return c.RenderLoans(http.StatusCreated, loan)
}

// loans is the code of /library/loans/.
type loans struct{}

// GetQueryset narrows the scope the spec declares (staff: every loan, patrons: their own)
// to the loans not returned yet with ?open=1.
func (loans) GetQueryset(c *library.Call) (db.Cond, error) {
	if c.HTTP.URL.Query().Get("open") == "1" {
		return library.LoansWhere.Returned.Eq(false), nil
	}
	return db.Cond{}, nil
}

// PerformCreate takes a copy of the book with the loan.
func (loans) PerformCreate(c *library.Call, loan *library.Loan) error {
	if err := takeCopy(c, loan.BookID, -1); err != nil {
		return err
	}
	return c.InsertLoan(loan)
}

// PerformUpdate gives the copy back when the loan is returned.
func (loans) PerformUpdate(c *library.Call, loan *library.Loan) error {
	if loan.Returned {
		before, err := c.FindLoan(loan.ID)
		if err != nil {
			return err
		}
		if !before.Returned {
			if err := takeCopy(c, loan.BookID, +1); err != nil {
				return err
			}
		}
	}
	return c.UpdateLoan(loan)
}

// PerformDestroy gives the copy of a loan not yet returned back.
func (loans) PerformDestroy(c *library.Call, loan *library.Loan) error {
	if !loan.Returned {
		if err := takeCopy(c, loan.BookID, +1); err != nil {
			return err
		}
	}
	return c.DeleteLoan(loan)
}

// ValidateDue refuses a due date in the past.
func (loans) ValidateDue(c *library.Call, due fields.Date) (fields.Date, error) {
	if due.Time().Before(fields.DateOf(time.Now()).Time()) {
		return due, view.Invalid("The due date is in the past.")
	}
	return due, nil
}

// Validate: a loan is at most loanDays long, and reference books are not lent.
func (loans) Validate(c *library.Call, loan *library.Loan, partial bool) error {
	if loan.Due.Time().After(time.Now().AddDate(0, 0, loanDays)) {
		return view.Invalid("A loan lasts " + strconv.Itoa(loanDays) + " days at most.")
	}
	book, err := c.FindBook(loan.BookID)
	if err != nil {
		return err
	}
	if book.Reference {
		return view.Invalid("Reference books cannot be lent.")
	}
	return nil
}

// takeCopy changes the book's copies by delta; none left is a 400.
func takeCopy(c *library.Call, bookID int64, delta int64) error {
	book, err := c.FindBook(bookID)
	if err != nil {
		return err
	}
	if book.Copies+delta < 0 {
		return view.Invalid("No copies left.")
	}
	book.Copies += delta
	return c.UpdateBook(book)
}
