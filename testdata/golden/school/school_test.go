// This file is hand-written, like hooks_app.go: the application's test of its hooks over
// HTTP, on SQLite and PostgreSQL, run by generator's TestGoldenPackagesPass.

package school_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/db"
	school "github.com/authgen/authgen/testdata/golden/school"
)

// site is the app served on a fresh database, and the log it wrote.
type site struct {
	t     *testing.T
	base  string
	token string
	log   *syncBuffer
	url   string // the database's
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newSite(t *testing.T, dialect db.Dialect) *site {
	log := &syncBuffer{}
	dbURL := dbtest.URL(t, dialect)
	h, err := app.NewHandler(context.Background(), school.Definition(), app.Options{
		DatabaseURL: dbURL, SecretKey: []byte("the school's test key, longer than 32 bytes"),
		Migrate: true, Logger: slog.New(slog.NewTextHandler(log, nil)), MailOutput: io.Discard,
	})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); h.Close() })
	s := &site{t: t, base: srv.URL, log: log, url: dbURL}
	s.token, _ = s.signUp("ada")
	return s
}

// signUp registers name and logs in, answering the access token and the user's id.
func (s *site) signUp(name string) (string, int64) {
	anon := &site{t: s.t, base: s.base}
	creds := `{"username": "` + name + `", "password": "correct horse battery"}`
	u := anon.want(http.StatusCreated, "POST", "/auth/users/", "application/json", creds)
	tokens := anon.want(http.StatusOK, "POST", "/auth/jwt/create/", "application/json", creds)
	return tokens["access"].(string), int64(u["id"].(float64))
}

// as is the site seen by the holder of token.
func (s *site) as(token string) *site {
	c := *s
	c.token = token
	return &c
}

// count answers the number of rows of table, read from the database itself.
func (s *site) count(table string) int {
	d, err := db.Open(s.url)
	require.NoError(s.t, err)
	defer d.Close()
	var n int
	require.NoError(s.t, d.QueryRowContext(context.Background(), `SELECT count(*) FROM `+table).Scan(&n))
	return n
}

// do sends body with its content type and answers the status and the raw body.
func (s *site) do(method, path, contentType, body string) (int, string) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.base+path, strings.NewReader(body))
	require.NoError(s.t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(s.t, err)
	return resp.StatusCode, string(raw)
}

// want requires the status and answers the JSON object of the body.
func (s *site) want(status int, method, path, contentType, body string) map[string]any {
	s.t.Helper()
	got, raw := s.do(method, path, contentType, body)
	require.Equal(s.t, status, got, "%s %s %s: %s", method, path, body, raw)
	var out map[string]any
	if strings.HasPrefix(raw, "{") {
		require.NoError(s.t, json.Unmarshal([]byte(raw), &out))
	}
	return out
}

const (
	jsonType = "application/json"
	formType = "application/x-www-form-urlencoded"
)

// multipartBody is a multipart/form-data body of the fields, and its content type.
func multipartBody(t *testing.T, fields [][2]string) (string, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, f := range fields {
		require.NoError(t, w.WriteField(f[0], f[1]))
	}
	require.NoError(t, w.Close())
	return w.FormDataContentType(), b.String()
}

// TestValidateHooksReadBodiesAsDRF: validate_<field> gets the value its field read (typed),
// from JSON, a urlencoded form and a multipart form alike, for the fields DRF's get_value
// finds: a form's unticked checkbox is false, its blank optional field absent, its blank
// nullable field null.
func TestValidateHooksReadBodiesAsDRF(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		s := newSite(t, dialect)
		school.Seen()

		// JSON: the fields given, each once, typed; absent ones are not validated.
		got := s.want(http.StatusCreated, "POST", "/school/courses/", jsonType,
			`{"code": "M1", "title": "Algebra", "seats": 12, "fee": "12.5", "starts": null}`)
		require.Equal(t, []string{`title "Algebra"`, "seats 12", "starts nil", "fee 12.50"}, school.Seen())
		require.Equal(t, false, got["online"])

		// A urlencoded form of the same: online is an unticked checkbox, so false; seats and
		// fee are blank and optional, so absent (their defaults); starts is blank and null.
		form := url.Values{"code": {"M2"}, "title": {"Geometry"}, "seats": {""}, "fee": {""}, "starts": {""}}
		got = s.want(http.StatusCreated, "POST", "/school/courses/", formType, form.Encode())
		require.Equal(t, []string{`title "Geometry"`, "online false", "starts nil"}, school.Seen())
		require.Equal(t, map[string]any{"id": got["id"], "code": "M2", "title": "Geometry", "seats": float64(30),
			"online": false, "starts": nil, "fee": "0.00"}, got)

		// Multipart, with every field: the strings read as their fields read them.
		ct, body := multipartBody(t, [][2]string{{"code", "M3"}, {"title", "Topology"}, {"seats", "8"},
			{"online", "true"}, {"starts", "2027-01-04"}, {"fee", "7"}})
		got = s.want(http.StatusCreated, "POST", "/school/courses/", ct, body)
		require.Equal(t, []string{`title "Topology"`, "seats 8", "online true", "starts 2027-01-04", "fee 7.00"}, school.Seen())
		require.Equal(t, "7.00", got["fee"])

		// PATCH of a form reads only the fields it has: no unticked checkbox.
		id := got["id"].(float64)
		path := "/school/courses/" + jsonNumber(id) + "/"
		s.want(http.StatusOK, "PATCH", path, formType, url.Values{"seats": {"10"}}.Encode())
		require.Equal(t, []string{"seats 10"}, school.Seen())

		// A hook's refusal is DRF's 400 under its field, the same from JSON and forms; a
		// field that failed its own validation does not reach its hook.
		want400 := `{"seats":["Seats come in pairs.","Ask for an even number."],"title":["No shouting."]}`
		status, raw := s.do("POST", "/school/courses/", jsonType, `{"code": "X", "title": "URGENT", "seats": 3}`)
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, want400, raw)
		status, raw = s.do("POST", "/school/courses/", formType, "code=X&title=URGENT&seats=3")
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, want400, raw)
		school.Seen()
		status, raw = s.do("POST", "/school/courses/", formType, "code=X&title=Calm&seats=three&fee=1.234")
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, `{"seats":["A valid integer is required."],"fee":["Ensure that there are no more than 2 decimal places."]}`, raw)
		require.Equal(t, []string{`title "Calm"`, "online false"}, school.Seen())
	})
}

// TestPanickingPerformCreateWritesNothing: a perform_create hook that panics after its insert
// leaves no row, the client gets DRF's plain 500 (the panic is in the log, not the answer),
// and the database serves the next request.
func TestPanickingPerformCreateWritesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		s := newSite(t, dialect)
		status, raw := s.do("POST", "/school/courses/", jsonType, `{"code": "P", "title": "panic"}`)
		require.Equal(t, http.StatusInternalServerError, status)
		require.JSONEq(t, `{"detail":"A server error occurred."}`, raw)
		require.NotContains(t, raw, "perform_create")
		require.Contains(t, s.log.String(), "a bug in perform_create, after the insert")

		list := func() string {
			status, raw := s.do("GET", "/school/courses/", "", "")
			require.Equal(t, http.StatusOK, status)
			return raw
		}
		require.JSONEq(t, `[]`, list(), "the insert before the panic is undone")
		got := s.want(http.StatusCreated, "POST", "/school/courses/", jsonType, `{"code": "P", "title": "Calm"}`)
		require.Equal(t, "Calm", got["title"])
		require.Contains(t, list(), `"title":"Calm"`)
	})
}

func jsonNumber(f float64) string {
	raw, _ := json.Marshal(f)
	return string(raw)
}

// TestUniqueTogetherFieldsAsDRF: DRF's ModelSerializer makes every field of a unique_together
// set that the serializer lists required, blank and null ones too, unless the field has a
// default, which a full body that leaves it out then takes (PUT included, as DRF does); a
// serializer without every field of a set leaves its fields alone.
func TestUniqueTogetherFieldsAsDRF(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		s := newSite(t, dialect)
		course := jsonNumber(s.want(http.StatusCreated, "POST", "/school/courses/", jsonType,
			`{"code": "M1", "title": "Algebra"}`)["id"].(float64))
		school.Seen()

		status, raw := s.do("POST", "/school/sections/", jsonType, `{"course": `+course+`}`)
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, `{"term":["This field is required."],"room":["This field is required."]}`, raw)
		status, raw = s.do("POST", "/school/sections/", formType, "course="+course)
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, `{"term":["This field is required."],"room":["This field is required."]}`, raw)
		// As DRF's to_internal_value, the other fields' hooks ran, with the defaults.
		require.Equal(t, []string{"weekday 1", "evening true", "weekday 1", "evening true"}, school.Seen())

		// Given blank and null, they are valid; weekday and evening take their defaults, and
		// their hooks see them.
		got := s.want(http.StatusCreated, "POST", "/school/sections/", jsonType, `{"course": `+course+`, "term": "", "room": null}`)
		require.Equal(t, map[string]any{"id": got["id"], "course": float64(1), "term": "", "room": nil,
			"weekday": float64(1), "evening": true}, got)
		require.Equal(t, []string{"weekday 1", "evening true"}, school.Seen())
		section := "/school/sections/" + jsonNumber(got["id"].(float64)) + "/"

		// A form's absent checkbox is the default (true), not false.
		got = s.want(http.StatusCreated, "POST", "/school/sections/", formType,
			url.Values{"course": {course}, "term": {"2027"}, "room": {"B2"}, "weekday": {"2"}}.Encode())
		require.Equal(t, true, got["evening"])
		require.Equal(t, []string{"weekday 2", "evening true"}, school.Seen())

		// The set's own check: the same course, term and room again.
		status, raw = s.do("POST", "/school/sections/", jsonType, `{"course": `+course+`, "term": "2027", "room": "B2", "weekday": 3}`)
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, `{"non_field_errors":["The fields course, term, room must make a unique set."]}`, raw)
		school.Seen()

		// PATCH keeps what it does not name; PUT without weekday puts the default back.
		got = s.want(http.StatusOK, "PATCH", section, jsonType, `{"weekday": 4, "evening": false}`)
		require.Equal(t, []any{float64(4), false}, []any{got["weekday"], got["evening"]})
		require.Equal(t, []string{"weekday 4", "evening false"}, school.Seen())
		got = s.want(http.StatusOK, "PATCH", section, jsonType, `{"term": "2028"}`)
		require.Equal(t, []any{float64(4), false}, []any{got["weekday"], got["evening"]})
		require.Empty(t, school.Seen())
		status, raw = s.do("PUT", section, jsonType, `{"course": `+course+`, "term": "2028"}`)
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, `{"room":["This field is required."]}`, raw)
		require.Equal(t, []string{"weekday 1", "evening true"}, school.Seen())
		got = s.want(http.StatusOK, "PUT", section, jsonType, `{"course": `+course+`, "term": "2028", "room": "C3"}`)
		require.Equal(t, []any{float64(1), true}, []any{got["weekday"], got["evening"]})
		require.Equal(t, []string{"weekday 1", "evening true"}, school.Seen())

		// OPTIONS says so.
		options := s.want(http.StatusOK, "OPTIONS", "/school/sections/", "", "")
		post := options["actions"].(map[string]any)["POST"].(map[string]any)
		for name, required := range map[string]bool{"course": true, "term": true, "room": true, "weekday": false, "evening": false} {
			require.Equal(t, required, post[name].(map[string]any)["required"], name)
		}

		// The timetable lists term but not room: no set lies within it, term stays optional.
		got = s.want(http.StatusCreated, "POST", "/school/timetable/", jsonType, `{"course": `+course+`, "weekday": 5}`)
		require.Equal(t, "", got["term"])
		options = s.want(http.StatusOK, "OPTIONS", "/school/timetable/", "", "")
		post = options["actions"].(map[string]any)["POST"].(map[string]any)
		require.Equal(t, false, post["term"].(map[string]any)["required"])
	})
}

// TestToolkitLinksAndFinds: Call's Insert and Update write a row's many-to-many links in the
// row's transaction (an error after them undoes both), and Find…By / Filter…By read rows by a
// field's value: the caller's Student by its user, and through it the rows it owns by a
// reverse relation, in get_queryset hooks and a handler action.
func TestToolkitLinksAndFinds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		s := newSite(t, dialect)
		bobToken, bob := s.signUp("bob")
		carolToken, _ := s.signUp("carol")
		var course [4]string
		for i := 1; i <= 3; i++ {
			course[i] = jsonNumber(s.want(http.StatusCreated, "POST", "/school/courses/", jsonType,
				`{"code": "C`+jsonNumber(float64(i))+`", "title": "Course"}`)["id"].(float64))
		}
		adaID := func() string {
			status, raw := s.do("GET", "/auth/users/me/", "", "")
			require.Equal(t, http.StatusOK, status)
			var me map[string]any
			require.NoError(t, json.Unmarshal([]byte(raw), &me))
			return jsonNumber(me["id"].(float64))
		}()

		// perform_create's InsertStudent writes the favourites with the row.
		ada := s.want(http.StatusCreated, "POST", "/school/students/", jsonType,
			`{"user": `+adaID+`, "name": "Ada", "favourites": [`+course[2]+`, `+course[1]+`]}`)
		require.Equal(t, []any{mustFloat(course[1]), mustFloat(course[2])}, ada["favourites"])
		adaPath := "/school/students/" + jsonNumber(ada["id"].(float64)) + "/"
		require.Equal(t, ada, s.want(http.StatusOK, "GET", adaPath, "", ""))
		require.Equal(t, 2, s.count("school_student_favourites"))

		// Refused after its insert: neither the row nor its links stay.
		status, raw := s.do("POST", "/school/students/", jsonType,
			`{"user": `+jsonNumber(float64(bob))+`, "name": "rollback", "favourites": [`+course[3]+`]}`)
		require.Equal(t, http.StatusBadRequest, status)
		require.JSONEq(t, `["Rolled back after the insert."]`, raw)
		require.Equal(t, 1, s.count("school_student"))
		require.Equal(t, 2, s.count("school_student_favourites"))

		// The handler action finds the caller's Student by user; UpdateStudent writes the links.
		got := s.want(http.StatusOK, "POST", "/school/students/favourite/", jsonType, `{"course": `+course[3]+`}`)
		require.Equal(t, []any{mustFloat(course[1]), mustFloat(course[2]), mustFloat(course[3])}, got["favourites"])
		require.Equal(t, got, s.want(http.StatusOK, "GET", adaPath, "", ""))
		// PUT through the generated update (no hook) still keeps or replaces them as DRF does.
		got = s.want(http.StatusOK, "PATCH", adaPath, jsonType, `{"name": "Ada L."}`)
		require.Len(t, got["favourites"], 3)
		// bob has no Student: Find…By's error is the 404.
		status, raw = s.as(bobToken).do("POST", "/school/students/favourite/", jsonType, `{"course": `+course[1]+`}`)
		require.Equal(t, http.StatusNotFound, status)
		require.JSONEq(t, `{"detail":"Not found."}`, raw)

		// Enrollments: bob gets a Student too; each sees their own, staff every one.
		bobStudent := jsonNumber(s.want(http.StatusCreated, "POST", "/school/students/", jsonType,
			`{"user": `+jsonNumber(float64(bob))+`, "name": "Bob"}`)["id"].(float64))
		adaStudent := jsonNumber(ada["id"].(float64))
		for _, e := range [][2]string{{adaStudent, course[1]}, {adaStudent, course[3]}, {bobStudent, course[2]}} {
			s.want(http.StatusCreated, "POST", "/school/enrollments/", jsonType, `{"student": `+e[0]+`, "course": `+e[1]+`}`)
		}
		listed := func(as *site, path string) []any {
			status, raw := as.do("GET", path, "", "")
			require.Equal(t, http.StatusOK, status, raw)
			var out []any
			require.NoError(t, json.Unmarshal([]byte(raw), &out))
			return out
		}
		studentsOf := func(rows []any) []any {
			var out []any
			for _, r := range rows {
				out = append(out, r.(map[string]any)["student"])
			}
			return out
		}
		require.Equal(t, []any{mustFloat(adaStudent), mustFloat(adaStudent)}, studentsOf(listed(s, "/school/enrollments/")))
		require.Equal(t, []any{mustFloat(bobStudent)}, studentsOf(listed(s.as(bobToken), "/school/enrollments/")))
		require.Empty(t, listed(s.as(carolToken), "/school/enrollments/"), "no Student, no enrollment")

		// ?mine=1: the courses of the caller's enrollments, through the reverse relation.
		ids := func(rows []any) []any {
			var out []any
			for _, r := range rows {
				out = append(out, r.(map[string]any)["id"])
			}
			return out
		}
		require.Equal(t, []any{mustFloat(course[1]), mustFloat(course[3])}, ids(listed(s, "/school/courses/?mine=1")))
		require.Equal(t, []any{mustFloat(course[2])}, ids(listed(s.as(bobToken), "/school/courses/?mine=1")))
		require.Empty(t, listed(s.as(carolToken), "/school/courses/?mine=1"))
		require.Len(t, listed(s.as(carolToken), "/school/courses/"), 3)
		status, _ = s.as(bobToken).do("GET", "/school/courses/"+course[1]+"/?mine=1", "", "")
		require.Equal(t, http.StatusNotFound, status, "detail routes ask get_queryset too")
	})
}

func mustFloat(s string) float64 {
	var f float64
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		panic(err)
	}
	return f
}
