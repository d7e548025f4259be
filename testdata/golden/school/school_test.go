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
	h, err := app.NewHandler(context.Background(), school.Definition(), app.Options{
		DatabaseURL: dbtest.URL(t, dialect), SecretKey: []byte("the school's test key, longer than 32 bytes"),
		Migrate: true, Logger: slog.New(slog.NewTextHandler(log, nil)), MailOutput: io.Discard,
	})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); h.Close() })
	s := &site{t: t, base: srv.URL, log: log}
	s.want(http.StatusCreated, "POST", "/auth/users/", "application/json",
		`{"username": "ada", "password": "correct horse battery"}`)
	tokens := s.want(http.StatusOK, "POST", "/auth/jwt/create/", "application/json",
		`{"username": "ada", "password": "correct horse battery"}`)
	s.token = tokens["access"].(string)
	return s
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
