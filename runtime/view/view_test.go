package view_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/users"
	"github.com/authgen/authgen/runtime/view"
)

// note is a row of the test's table: a body, unique, owned by a user.
type note struct {
	ID      int64  `json:"id"`
	OwnerID int64  `json:"owner"`
	Body    string `json:"body"`
}

func (n *note) OwnerOf(field string) (int64, bool) { return n.OwnerID, field == "owner" }
func (n *note) ObjectPK() string                   { return strconv.FormatInt(n.ID, 10) }

func scanNote(row db.Row) (*note, error) {
	n := &note{}
	return n, row.Scan(&n.ID, &n.OwnerID, &n.Body)
}

// notes serves a small API the way generated endpoints use Base: list, create, and
// retrieve, delete and OPTIONS on /notes/{id}/, guarded by IsAuthenticated and, on the
// object, by ownership.
type notes struct {
	view.Base
	broken bool // get fails with a query error
}

var (
	notePerms   = authz.NewList(authz.IsAuthenticated{})
	objectPerms = authz.NewList(authz.IsAuthenticated{}, authz.Owner{Field: "owner"})
)

func (a *notes) get(ctx context.Context, req *authz.Request, id int64) (*note, error) {
	query := `SELECT id, owner_id, body FROM note WHERE id = $1`
	if a.broken {
		query = `SELECT nope FROM note WHERE id = $1`
	}
	return scanNote(a.DB.QueryRowContext(ctx, query, id))
}

func (a *notes) serveList(w http.ResponseWriter, r *http.Request) {
	req, ok := a.Begin(w, r, notePerms)
	if !ok {
		return
	}
	switch r.Method {
	case http.MethodGet:
		vs, err := db.All(r.Context(), a.DB, scanNote, `SELECT id, owner_id, body FROM note ORDER BY id`)
		if err != nil {
			a.Fail(w, r, err)
			return
		}
		httpx.JSON(w, http.StatusOK, view.List(vs, func(n *note) string { return n.Body }))
	case http.MethodPost:
		var in note
		errs := httpx.FieldErrors{}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			errs.Add("body", "Not JSON.")
		}
		if !a.Valid(w, r, errs, nil) {
			return
		}
		owner := req.Subject.UserID
		if in.OwnerID != 0 {
			owner = in.OwnerID
		}
		err := a.DB.QueryRowContext(r.Context(), `INSERT INTO note (owner_id, body) VALUES ($1, $2) RETURNING id`, owner, in.Body).Scan(&in.ID)
		if err != nil {
			a.WriteFailed(w, r, err, "note")
			return
		}
		httpx.JSON(w, http.StatusCreated, in)
	}
}

func (a *notes) serveDetail(w http.ResponseWriter, r *http.Request) {
	req, ok := a.Begin(w, r, notePerms)
	if !ok {
		return
	}
	switch r.Method {
	case http.MethodGet:
		if v, ok := view.GetObject(&a.Base, w, r, req, objectPerms, a.get); ok {
			httpx.JSON(w, http.StatusOK, v)
		}
	case http.MethodDelete:
		v, ok := view.GetObject(&a.Base, w, r, req, objectPerms, a.get)
		if !ok {
			return
		}
		if _, err := a.DB.ExecContext(r.Context(), `DELETE FROM note WHERE id = $1`, v.ID); err != nil {
			a.DeleteFailed(w, r, err)
			return
		}
		httpx.NoContent(w)
	case http.MethodOptions:
		put := req.WithMethod(http.MethodPut)
		httpx.JSON(w, http.StatusOK, map[string]bool{"put": view.ObjectAllows(r, put, objectPerms, a.get)})
	}
}

type fixture struct {
	api   *notes
	srv   *httptest.Server
	log   *bytes.Buffer
	alice string // access tokens
	bob   string
}

func newFixture(t *testing.T, dialect db.Dialect) *fixture {
	t.Helper()
	d := dbtest.OpenAuth(t, dialect)
	ctx := context.Background()
	for _, stmt := range []string{
		`CREATE TABLE note (id ` + map[db.Dialect]string{db.SQLite: "integer PRIMARY KEY AUTOINCREMENT", db.Postgres: "bigserial PRIMARY KEY"}[dialect] +
			`, owner_id bigint NOT NULL REFERENCES auth_user (id), body varchar(50) NOT NULL UNIQUE)`,
		`CREATE TABLE pin (id integer PRIMARY KEY, note_id bigint NOT NULL REFERENCES note (id))`,
	} {
		_, err := d.ExecContext(ctx, stmt)
		require.NoError(t, err)
	}
	store, err := users.NewStore(d, nil)
	require.NoError(t, err)
	tokens, err := jwtauth.New(jwtauth.Config{SigningKey: []byte("view-test-secret-key-0123456789!"), HeaderTypes: []string{"Bearer"}}, d)
	require.NoError(t, err)
	f := &fixture{log: &bytes.Buffer{}}
	f.api = &notes{Base: view.Base{DB: d, Authn: &authn.Authenticator{Tokens: tokens, Users: store},
		Log: slog.New(slog.NewTextHandler(f.log, nil))}}
	for _, name := range []string{"alice", "bob"} {
		u := &users.User{Username: name, Password: "x", IsActive: true}
		require.NoError(t, store.Create(ctx, u))
		access, _, err := tokens.ObtainPair(ctx, u.ID)
		require.NoError(t, err)
		if name == "alice" {
			f.alice = access
		} else {
			f.bob = access
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/notes/", f.api.serveList)
	mux.HandleFunc("/notes/{id}/", f.api.serveDetail)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// call sends a request as the holder of token (anonymous when empty) and returns the status
// and the body.
func (f *fixture) call(t *testing.T, token, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, bytes.NewBufferString(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(raw)
}

func TestBaseAnswers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		f := newFixture(t, dialect)

		// initial(): 401 without credentials, with the challenge.
		status, body := f.call(t, "", "GET", "/notes/", "")
		require.Equal(t, http.StatusUnauthorized, status)
		require.JSONEq(t, `{"detail": "Authentication credentials were not provided."}`, body)
		status, _ = f.call(t, "not-a-token", "GET", "/notes/", "")
		require.Equal(t, http.StatusUnauthorized, status)

		// An empty list is [], not null.
		status, body = f.call(t, f.alice, "GET", "/notes/", "")
		require.Equal(t, http.StatusOK, status)
		require.JSONEq(t, `[]`, body)

		// Validation and write failures: 400s with DRF's shapes.
		status, body = f.call(t, f.alice, "POST", "/notes/", `not json`)
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, `{"body": ["Not JSON."]}`, body)
		status, body = f.call(t, f.alice, "POST", "/notes/", `{"body": "first"}`)
		require.Equal(t, http.StatusCreated, status, body)
		status, body = f.call(t, f.alice, "POST", "/notes/", `{"body": "first"}`)
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, `{"non_field_errors": ["note with these values already exists."]}`, body)
		status, body = f.call(t, f.alice, "POST", "/notes/", `{"body": "orphan", "owner": 999}`)
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, `{"non_field_errors": ["A related object does not exist."]}`, body)
		status, body = f.call(t, f.bob, "POST", "/notes/", `{"body": "second"}`)
		require.Equal(t, http.StatusCreated, status, body)
		var second note // its id is not 2 on PostgreSQL: the refused inserts took ids
		require.NoError(t, json.Unmarshal([]byte(body), &second))
		bobs := "/notes/" + second.ObjectPK() + "/"

		status, body = f.call(t, f.alice, "GET", "/notes/", "")
		require.Equal(t, http.StatusOK, status)
		require.JSONEq(t, `["first", "second"]`, body)

		// get_object: the object, 404 for a missing or malformed id, 403 for another's.
		status, body = f.call(t, f.alice, "GET", "/notes/1/", "")
		require.Equal(t, http.StatusOK, status)
		require.JSONEq(t, `{"id": 1, "owner": 1, "body": "first"}`, body)
		for _, path := range []string{"/notes/99/", "/notes/x/", "/notes/99999999999999999999/"} {
			status, body = f.call(t, f.alice, "GET", path, "")
			require.Equal(t, http.StatusNotFound, status, path)
			require.JSONEq(t, `{"detail": "Not found."}`, body)
		}
		status, body = f.call(t, f.bob, "GET", "/notes/1/", "")
		require.Equal(t, http.StatusForbidden, status)
		require.JSONEq(t, `{"detail": "You do not have permission to perform this action."}`, body)

		// OPTIONS asks the same question without answering it.
		_, body = f.call(t, f.alice, "OPTIONS", "/notes/1/", "")
		require.JSONEq(t, `{"put": true}`, body)
		for _, path := range []string{bobs, "/notes/99/", "/notes/x/"} {
			_, body = f.call(t, f.alice, "OPTIONS", path, "")
			require.JSONEq(t, `{"put": false}`, body, path)
		}

		// A protected row: 409; then a free one goes.
		_, err := f.api.DB.ExecContext(context.Background(), `INSERT INTO pin (id, note_id) VALUES (1, 1)`)
		require.NoError(t, err)
		status, body = f.call(t, f.alice, "DELETE", "/notes/1/", "")
		require.Equal(t, http.StatusConflict, status)
		require.JSONEq(t, `{"detail": "Cannot delete this object: other objects refer to it."}`, body)
		status, _ = f.call(t, f.bob, "DELETE", bobs, "")
		require.Equal(t, http.StatusNoContent, status)

		// An unexpected error: 500 without its details, which go to the log.
		f.api.broken = true
		status, body = f.call(t, f.alice, "GET", "/notes/1/", "")
		require.Equal(t, http.StatusInternalServerError, status)
		require.NotContains(t, body, "nope")
		require.Contains(t, f.log.String(), "request failed")
		require.Contains(t, f.log.String(), "nope")
		_, body = f.call(t, f.alice, "OPTIONS", "/notes/1/", "")
		require.JSONEq(t, `{"put": false}`, body)
	})
}

// Django checks an integer column's range on PostgreSQL only.
func TestColumnBounds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		b := &view.Base{DB: dbtest.Open(t, dialect)}
		if dialect == db.SQLite {
			require.Nil(t, b.ColumnBound(2147483647))
			require.Equal(t, json.Number(""), b.ColumnLimit(2147483647))
			return
		}
		require.Equal(t, int64(2147483647), *b.ColumnBound(2147483647))
		require.Equal(t, json.Number("-2147483648"), b.ColumnLimit(-2147483648))
	})
}

func TestGetObjectPassesTheRequest(t *testing.T) {
	// The scope of get_object may depend on who asks: get sees the request's subject.
	var seen *authz.Request
	get := func(_ context.Context, req *authz.Request, id int64) (*note, error) {
		seen = req
		return nil, sql.ErrNoRows
	}
	r := httptest.NewRequest(http.MethodGet, "/notes/7/", nil)
	r.SetPathValue("id", "7")
	req := authz.NewRequest(r, &authz.Subject{UserID: 3})
	require.False(t, view.ObjectAllows(r, req, nil, get))
	require.Same(t, req, seen)
}
