package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/examples/library/library"
	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/apptest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/users"
)

// The library's test drives the whole app (accounts, the generated endpoints and the code of
// hooks.go) over real HTTP, on SQLite and on PostgreSQL, as its clients would.

// client is a user of the app: its access token, or none.
type client = apptest.Client

type site struct {
	t     *testing.T
	base  string
	users *users.Store
}

// newLibrary serves the app as NewHandler builds it, on a fresh database of dialect.
func newLibrary(t *testing.T, dialect db.Dialect) *site {
	url := dbtest.URL(t, dialect)
	h, err := app.NewHandler(context.Background(), librarydef(), app.Options{
		DatabaseURL: url, SecretKey: []byte("a library test key of more than 32 bytes"),
		Migrate: true, Logger: slog.New(slog.DiscardHandler), MailOutput: io.Discard,
	})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); h.Close() })
	d, err := db.Open(url)
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	store, err := users.NewStore(d, nil)
	require.NoError(t, err)
	return &site{t: t, base: srv.URL, users: store}
}

func librarydef() app.Definition { return library.Definition() }

// signUp registers an account and logs in by e-mail.
func (l *site) signUp(name string) (client, int64) {
	anon := client{T: l.t, Base: l.base}
	email, password := name+"@example.com", "correct horse "+name
	u := anon.Want(http.StatusCreated, "POST", "/auth/users/", map[string]any{"email": email, "username": name, "password": password, "re_password": password})
	tokens := anon.Want(http.StatusOK, "POST", "/auth/jwt/create/", map[string]any{"email": email, "password": password})
	return client{T: l.t, Base: l.base, Token: tokens["access"].(string)}, int64(u["id"].(float64))
}

func (l *site) makeStaff(id int64) {
	u, err := l.users.Get(context.Background(), id)
	require.NoError(l.t, err)
	u.IsStaff = true
	require.NoError(l.t, l.users.Update(context.Background(), u, "is_staff"))
}

func path(prefix string, id any, rest string) string {
	return prefix + strconv.FormatInt(int64(id.(float64)), 10) + "/" + rest
}

func TestLibrary(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		l := newLibrary(t, dialect)
		ctx := context.Background()
		librarian, librarianID := l.signUp("libby")
		l.makeStaff(librarianID)
		alice, aliceID := l.signUp("alice")
		bob, bobID := l.signUp("bob")
		clerk, clerkID := l.signUp("clerk")
		require.NoError(t, l.users.GrantPerm(ctx, clerkID, library.PermManageLibrary))

		// The Go permission class: staff or manage_library write, others read (DRF's | keeps
		// no operand's message).
		hobbit := map[string]any{"title": "The Hobbit", "author": "J. R. R. Tolkien", "isbn": "978-0-261-10221-7", "copies": 1}
		require.Equal(t, map[string]any{"detail": "You do not have permission to perform this action."},
			alice.Want(http.StatusForbidden, "POST", "/library/books/", hobbit))
		book := librarian.Want(http.StatusCreated, "POST", "/library/books/", hobbit)
		require.Equal(t, "9780261102217", book["isbn"], "validate_isbn stores the digits")
		dune := clerk.Want(http.StatusCreated, "POST", "/library/books/", map[string]any{"title": "Dune", "author": "Frank Herbert", "isbn": "9780441172719", "copies": 0})
		atlas := librarian.Want(http.StatusCreated, "POST", "/library/books/", map[string]any{"title": "Atlas", "author": "Various", "isbn": "9780000000002", "reference": true})

		// validate_isbn answers under the field, with the field's own errors.
		require.Equal(t, map[string]any{"isbn": []any{"The ISBN's check digit is wrong."}},
			librarian.Want(http.StatusBadRequest, "POST", "/library/books/", map[string]any{"title": "X", "author": "Y", "isbn": "9780261102218"}))
		require.Equal(t, map[string]any{"isbn": []any{"Enter an ISBN-13."}, "title": []any{"This field is required."}},
			librarian.Want(http.StatusBadRequest, "POST", "/library/books/", map[string]any{"author": "Y", "isbn": "12"}))

		// get_queryset: ?search= on title and author, paginated.
		page := alice.Want(http.StatusOK, "GET", "/library/books/?search=tolkien", nil)
		require.EqualValues(t, 1, page["count"])
		require.Equal(t, "The Hobbit", page["results"].([]any)[0].(map[string]any)["title"])
		require.EqualValues(t, 3, alice.Want(http.StatusOK, "GET", "/library/books/", nil)["count"])
		require.EqualValues(t, 0, alice.Want(http.StatusOK, "GET", "/library/books/?search=tolkien%20dune", nil)["count"])
		alice.Want(http.StatusNotFound, "GET", path("/library/books/", book["id"], "")+"?search=dune", nil)

		// The handler action: a loan for the caller and a copy fewer, answered as loans shows it.
		loan := alice.Want(http.StatusCreated, "POST", path("/library/books/", book["id"], "checkout/"), nil)
		require.Equal(t, "alice@example.com", loan["borrower"])
		require.Equal(t, book["id"], loan["book"])
		require.Equal(t, time.Now().AddDate(0, 0, 14).Format(time.DateOnly), loan["due"])
		require.EqualValues(t, 0, alice.Want(http.StatusOK, "GET", path("/library/books/", book["id"], ""), nil)["copies"])
		_, out := bob.Do("POST", path("/library/books/", book["id"], "checkout/"), nil)
		require.Equal(t, []any{"No copies left."}, out)
		_, out = bob.Do("POST", path("/library/books/", atlas["id"], "checkout/"), nil)
		require.Equal(t, []any{"Reference books cannot be lent."}, out)
		client{T: t, Base: l.base}.Want(http.StatusUnauthorized, "POST", path("/library/books/", book["id"], "checkout/"), nil)
		bob.Want(http.StatusNotFound, "POST", "/library/books/999999/checkout/", nil)

		// Loans: staff see every one, patrons their own (the list, the detail, the writes).
		due := time.Now().AddDate(0, 0, 7).Format(time.DateOnly)
		require.NoError(t, l.setCopies(dialect, dune["id"], 2))
		bobLoan := bob.Want(http.StatusCreated, "POST", "/library/loans/", map[string]any{"book": dune["id"], "due": due})
		require.Equal(t, "bob@example.com", bobLoan["borrower"], "the owner field is the caller's")
		require.EqualValues(t, 1, l.copies(dune["id"], alice), "perform_create took a copy")
		require.EqualValues(t, 1, alice.Want(http.StatusOK, "GET", "/library/loans/", nil)["count"])
		require.EqualValues(t, 1, bob.Want(http.StatusOK, "GET", "/library/loans/", nil)["count"])
		require.EqualValues(t, 2, librarian.Want(http.StatusOK, "GET", "/library/loans/", nil)["count"])
		alice.Want(http.StatusNotFound, "GET", path("/library/loans/", bobLoan["id"], ""), nil)
		alice.Want(http.StatusNotFound, "PATCH", path("/library/loans/", bobLoan["id"], ""), map[string]any{"returned": true})
		librarian.Want(http.StatusOK, "GET", path("/library/loans/", bobLoan["id"], ""), nil)

		// validate_due and validate answer DRF's 400s; nothing is written.
		past := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
		require.Equal(t, map[string]any{"due": []any{"The due date is in the past."}},
			bob.Want(http.StatusBadRequest, "POST", "/library/loans/", map[string]any{"book": dune["id"], "due": past}))
		far := time.Now().AddDate(0, 2, 0).Format(time.DateOnly)
		require.Equal(t, map[string]any{"non_field_errors": []any{"A loan lasts 14 days at most."}},
			bob.Want(http.StatusBadRequest, "POST", "/library/loans/", map[string]any{"book": dune["id"], "due": far}))
		require.Equal(t, map[string]any{"non_field_errors": []any{"Reference books cannot be lent."}},
			bob.Want(http.StatusBadRequest, "POST", "/library/loans/", map[string]any{"book": atlas["id"], "due": due}))
		require.Equal(t, map[string]any{"book": []any{`Invalid pk "999999" - object does not exist.`}},
			bob.Want(http.StatusBadRequest, "POST", "/library/loans/", map[string]any{"book": 999999, "due": due}))

		// perform_create's error undoes its writes: the last copy is taken, the second loan is
		// refused, the copies are as they were.
		bob.Want(http.StatusCreated, "POST", "/library/loans/", map[string]any{"book": dune["id"], "due": due})
		_, out = bob.Do("POST", "/library/loans/", map[string]any{"book": dune["id"], "due": due})
		require.Equal(t, []any{"No copies left."}, out)
		require.EqualValues(t, 0, l.copies(dune["id"], alice))
		require.EqualValues(t, 3, librarian.Want(http.StatusOK, "GET", "/library/loans/", nil)["count"])

		// perform_update gives the copy back on return, once; ?open=1 filters.
		returned := bob.Want(http.StatusOK, "PATCH", path("/library/loans/", bobLoan["id"], ""), map[string]any{"returned": true})
		require.Equal(t, true, returned["returned"])
		require.EqualValues(t, 1, l.copies(dune["id"], alice))
		bob.Want(http.StatusOK, "PATCH", path("/library/loans/", bobLoan["id"], ""), map[string]any{"returned": true})
		require.EqualValues(t, 1, l.copies(dune["id"], alice), "returning twice gives one copy back")
		require.EqualValues(t, 1, bob.Want(http.StatusOK, "GET", "/library/loans/?open=1", nil)["count"])
		require.EqualValues(t, 2, librarian.Want(http.StatusOK, "GET", "/library/loans/?open=1", nil)["count"])

		// perform_destroy gives back the copy of a loan not returned.
		aliceLoans := alice.Want(http.StatusOK, "GET", "/library/loans/", nil)["results"].([]any)
		alice.Want(http.StatusNoContent, "DELETE", path("/library/loans/", aliceLoans[0].(map[string]any)["id"], ""), nil)
		require.EqualValues(t, 1, l.copies(book["id"], alice))
		// A book with loans is protected (on_delete: protect): 409, as the store's.
		librarian.Want(http.StatusConflict, "DELETE", path("/library/books/", dune["id"], ""), nil)

		// Object permissions with list filtering: shelves are seen by their grants.
		require.NoError(t, l.users.GrantPerm(ctx, aliceID, "library.add_shelf"))
		s1 := alice.Want(http.StatusCreated, "POST", "/library/shelves/", map[string]any{"name": "Fantasy", "books": []any{book["id"]}})
		s2 := alice.Want(http.StatusCreated, "POST", "/library/shelves/", map[string]any{"name": "Sci-fi"})
		bob.Want(http.StatusForbidden, "POST", "/library/shelves/", map[string]any{"name": "Mine"})
		require.EqualValues(t, 0, bob.Want(http.StatusOK, "GET", "/library/shelves/", nil)["count"])
		require.NoError(t, l.users.GrantObjectPerm(ctx, bobID, "library.view_shelf", strconv.Itoa(int(s1["id"].(float64)))))
		shelves := bob.Want(http.StatusOK, "GET", "/library/shelves/", nil)
		require.EqualValues(t, 1, shelves["count"])
		require.Equal(t, "Fantasy", shelves["results"].([]any)[0].(map[string]any)["name"])
		bob.Want(http.StatusOK, "GET", path("/library/shelves/", s1["id"], ""), nil)
		bob.Want(http.StatusNotFound, "GET", path("/library/shelves/", s2["id"], ""), nil)
		bob.Want(http.StatusForbidden, "PATCH", path("/library/shelves/", s1["id"], ""), map[string]any{"name": "Mine"})
		require.EqualValues(t, 0, librarian.Want(http.StatusOK, "GET", "/library/shelves/", nil)["count"], "staff are no superusers: no grant, no shelf")
	})
}

// copies reads a book's copies through the API.
func (l *site) copies(id any, as client) any {
	return as.Want(http.StatusOK, "GET", path("/library/books/", id, ""), nil)["copies"]
}

// setCopies sets a book's copies as a librarian would, through the API.
func (l *site) setCopies(_ db.Dialect, id any, n int) error {
	staff, staffID := l.signUp("staff" + strconv.Itoa(n))
	l.makeStaff(staffID)
	if status, out := staff.Do("PATCH", path("/library/books/", id, ""), map[string]any{"copies": n}); status != http.StatusOK {
		return errors.New("PATCH copies: " + strconv.Itoa(status) + " " + jsonText(out))
	}
	return nil
}

func jsonText(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}

// TestUnimplementedHooksStopStartUp: a Hooks member left nil is refused at start-up with
// the spec line that declares it, not a 500 on the first request.
func TestUnimplementedHooksStopStartUp(t *testing.T) {
	def := library.Definition()
	require.Empty(t, def.Unimplemented, "hooks.go registers every member")

	library.Implement(library.Hooks{Books: books{}})
	def = library.Definition()
	library.Implement(library.Hooks{Books: books{}, Loans: loans{}, IsLibrarian: isLibrarian{}})
	require.Equal(t, []string{
		"authgen.yaml:56:3: endpoints.loans: Hooks.Loans (GetQueryset, PerformCreate, PerformUpdate, PerformDestroy, ValidateDue, Validate) is not implemented",
		"authgen.yaml:21:3: permissions.IsLibrarian: Hooks.IsLibrarian (go: true) is not implemented",
	}, def.Unimplemented)
	_, err := app.NewHandler(context.Background(), def, app.Options{
		DatabaseURL: dbtest.URL(t, db.SQLite), SecretKey: []byte("a library test key of more than 32 bytes"), Migrate: true,
		Logger: slog.New(slog.DiscardHandler),
	})
	require.ErrorIs(t, err, app.ErrUnimplemented)
	require.ErrorContains(t, err, "authgen.yaml:56:3: endpoints.loans")
}
