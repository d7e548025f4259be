package view_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/apptest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/migrate"
	"github.com/authgen/authgen/testdata/specs/clinic/clinicapp"
)

// The scopes and owners of testdata/specs/clinic over HTTP, on SQLite and PostgreSQL: rows
// reached through relations (an appointment's patient's user or its doctor's user, a
// prescription's appointment's doctor's user), staff excepted from a scope, a create that
// takes the caller's own patient, and a singleton that answers 404 instead of creating.

// clinicClient makes requests to the clinic as one user.
type clinicClient struct {
	t     *testing.T
	url   string
	token string
	id    int64
}

func (c clinicClient) do(method, path, body string) (int, string) {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.url+path, rd)
	require.NoError(c.t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	return resp.StatusCode, string(bytes.TrimSpace(out))
}

// want asserts the status of a request and returns its JSON body decoded.
func (c clinicClient) want(status int, method, path, body string) any {
	c.t.Helper()
	got, text := c.do(method, path, body)
	require.Equal(c.t, status, got, "%s %s: %s", method, path, text)
	var v any
	if text != "" {
		require.NoError(c.t, json.Unmarshal([]byte(text), &v), text)
	}
	return v
}

// ids returns the ids of a list answer.
func ids(v any) []float64 {
	out := []float64{}
	for _, it := range v.([]any) {
		out = append(out, it.(map[string]any)["id"].(float64))
	}
	return out
}

func id(v any) float64 { return v.(map[string]any)["id"].(float64) }

func TestScopesThroughRelations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		t.Parallel()
		s := apptest.On(t, clinic.Definition(), dialect)
		user := func(staff bool) clinicClient {
			u := s.User(t, staff, false)
			access, _, err := s.Tokens.ObtainPair(context.Background(), u.ID)
			require.NoError(t, err)
			return clinicClient{t: t, url: s.URL, token: access, id: u.ID}
		}
		alice, bob, dora, dan, staff := user(false), user(false), user(false), user(false), user(true)

		// No patient yet: perform_create's Patient.objects.get(user=...) would be a 500 in
		// Django; the create answers 400 on the field, and the singleton 404.
		require.Equal(t, map[string]any{"patient": []any{"You have no patient."}},
			alice.want(http.StatusBadRequest, "POST", "/api/appointments/", `{"notes": "hello"}`))
		require.Equal(t, map[string]any{"detail": "Not found."}, alice.want(http.StatusNotFound, "GET", "/api/patients/me/", ""))

		// owner: true on the user one_to_one: the patient is the caller's.
		pa := alice.want(http.StatusCreated, "POST", "/api/patients/", `{"name": "Alice", "birth_date": "1990-01-31"}`)
		require.Equal(t, float64(alice.id), pa.(map[string]any)["user"])
		bob.want(http.StatusCreated, "POST", "/api/patients/", `{"name": "Bob", "birth_date": "1991-02-01"}`)
		me := alice.want(http.StatusOK, "GET", "/api/patients/me/", "")
		require.Equal(t, id(pa), id(me))
		require.Equal(t, "Alicia", alice.want(http.StatusOK, "PATCH", "/api/patients/me/", `{"name": "Alicia"}`).(map[string]any)["name"])

		// The patients' scope: each sees their own, staff see all.
		require.Len(t, alice.want(http.StatusOK, "GET", "/api/patients/", "").([]any), 1)
		require.Len(t, staff.want(http.StatusOK, "GET", "/api/patients/", "").([]any), 2)
		bob.want(http.StatusNotFound, "GET", fmt.Sprintf("/api/patients/%v/", id(pa)), "")
		staff.want(http.StatusOK, "GET", fmt.Sprintf("/api/patients/%v/", id(pa)), "")

		dd := staff.want(http.StatusCreated, "POST", "/api/doctors/", fmt.Sprintf(`{"user": %d, "name": "Dora"}`, dora.id))
		staff.want(http.StatusCreated, "POST", "/api/doctors/", fmt.Sprintf(`{"user": %d, "name": "Dan"}`, dan.id))
		dora.want(http.StatusForbidden, "POST", "/api/doctors/", fmt.Sprintf(`{"user": %d, "name": "Dora"}`, dora.id))

		// The create fills the caller's own patient, whatever the body says.
		a1 := alice.want(http.StatusCreated, "POST", "/api/appointments/", fmt.Sprintf(`{"doctor": %v, "notes": "knee", "patient": 999}`, id(dd)))
		require.Equal(t, id(pa), a1.(map[string]any)["patient"])
		// Defaults relative to now, and Django's auto_now / auto_now_add: read-only, set by
		// the write whatever the body says.
		a1m := a1.(map[string]any)
		require.Equal(t, fields.Today().AddDays(14).String(), a1m["follow_up"])
		created, err := fields.ParseDateTime(a1m["created"].(string))
		require.NoError(t, err)
		require.WithinDuration(t, time.Now(), created.Time(), time.Minute)
		reminder, err := fields.ParseDateTime(a1m["reminder"].(string))
		require.NoError(t, err)
		require.WithinDuration(t, time.Now().Add(2*time.Hour), reminder.Time(), time.Minute)
		a2 := alice.want(http.StatusCreated, "POST", "/api/appointments/",
			`{"notes": "no doctor yet", "created": "2000-01-01T00:00:00Z", "follow_up": "2030-05-06", "reminder": null}`)
		a2m := a2.(map[string]any)
		require.NotEqual(t, "2000-01-01T00:00:00Z", a2m["created"], "auto_now_add is read-only")
		require.Equal(t, "2030-05-06", a2m["follow_up"])
		require.Nil(t, a2m["reminder"])
		time.Sleep(2 * time.Millisecond)
		a2m2 := alice.want(http.StatusOK, "PATCH", fmt.Sprintf("/api/appointments/%v/", id(a2)), `{"notes": "soon"}`).(map[string]any)
		require.Equal(t, a2m["created"], a2m2["created"], "auto_now_add is set on create only")
		require.NotEqual(t, a2m["updated"], a2m2["updated"], "auto_now is set on every write")
		b1 := bob.want(http.StatusCreated, "POST", "/api/appointments/", `{"notes": "elbow"}`)

		// Alternatives: the patient's user or the doctor's user; a null doctor reaches nobody.
		require.Equal(t, []float64{id(a1), id(a2)}, ids(alice.want(http.StatusOK, "GET", "/api/appointments/", "")))
		require.Equal(t, []float64{id(a1)}, ids(dora.want(http.StatusOK, "GET", "/api/appointments/", "")))
		require.Equal(t, []float64{}, ids(dan.want(http.StatusOK, "GET", "/api/appointments/", "")))
		require.Equal(t, []float64{id(b1)}, ids(bob.want(http.StatusOK, "GET", "/api/appointments/", "")))
		require.Equal(t, []float64{id(a1), id(a2), id(b1)}, ids(staff.want(http.StatusOK, "GET", "/api/appointments/", "")))

		a1Path := fmt.Sprintf("/api/appointments/%v/", id(a1))
		bob.want(http.StatusNotFound, "GET", a1Path, "") // out of scope: get_queryset's 404
		dan.want(http.StatusNotFound, "PATCH", a1Path, `{}`)
		dora.want(http.StatusOK, "GET", a1Path, "")
		require.Equal(t, "left knee", dora.want(http.StatusOK, "PATCH", a1Path, `{"notes": "left knee"}`).(map[string]any)["notes"])
		// Staff see the row (the scope's exception) but are not participants: 403, not 404.
		staff.want(http.StatusForbidden, "GET", a1Path, "")
		staff.want(http.StatusForbidden, "DELETE", a1Path, "")

		// Three steps: a prescription's appointment's patient's or doctor's user sees it; only
		// the doctor's may change it (PrescriberOrReadOnly).
		p1 := dora.want(http.StatusCreated, "POST", "/api/prescriptions/", fmt.Sprintf(`{"appointment": %v, "drug": "ibuprofen"}`, id(a1)))
		p1Path := fmt.Sprintf("/api/prescriptions/%v/", id(p1))
		require.Equal(t, []float64{id(p1)}, ids(alice.want(http.StatusOK, "GET", "/api/prescriptions/", "")))
		require.Equal(t, []float64{id(p1)}, ids(dora.want(http.StatusOK, "GET", "/api/prescriptions/", "")))
		require.Equal(t, []float64{}, ids(bob.want(http.StatusOK, "GET", "/api/prescriptions/", "")))
		require.Equal(t, []float64{}, ids(staff.want(http.StatusOK, "GET", "/api/prescriptions/", "")))
		alice.want(http.StatusOK, "GET", p1Path, "")
		alice.want(http.StatusForbidden, "PATCH", p1Path, `{"drug": "more"}`)
		dan.want(http.StatusNotFound, "GET", p1Path, "")
		dora.want(http.StatusOK, "PATCH", p1Path, `{"drug": "paracetamol"}`)
		dora.want(http.StatusNoContent, "DELETE", p1Path, "")
	})
}

// TestJSONOnlyParsers: defaults.parsers [json] is DRF's DEFAULT_PARSER_CLASSES with
// JSONParser alone: a form post is 415 on the app's routes and djoser's, and OPTIONS lists
// one parser.
func TestJSONOnlyParsers(t *testing.T) {
	s := apptest.On(t, clinic.Definition(), db.SQLite)
	u := s.User(t, false, false)
	access, _, err := s.Tokens.ObtainPair(context.Background(), u.ID)
	require.NoError(t, err)
	c := clinicClient{t: t, url: s.URL, token: access, id: u.ID}
	for _, path := range []string{"/api/patients/"} {
		req, err := http.NewRequest("POST", s.URL+path, strings.NewReader("name=Alice&birth_date=1990-01-31"))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer "+access)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusUnsupportedMediaType, resp.StatusCode, path)
		require.JSONEq(t, `{"detail": "Unsupported media type \"application/x-www-form-urlencoded\" in request."}`, string(body))
	}
	opts := c.want(http.StatusOK, "OPTIONS", "/api/patients/", "").(map[string]any)
	require.Equal(t, []any{"application/json"}, opts["parses"])
	require.Equal(t, []any{"application/json"}, opts["renders"])
	c.want(http.StatusCreated, "POST", "/api/patients/", `{"name": "Alice", "birth_date": "1990-01-31"}`)
}

// TestClinicAppIsFresh keeps the package the scope tests run against the generator's output
// for its spec: regenerate with `go run ./cmd/authgen generate ./testdata/specs/clinic`.
func TestClinicAppIsFresh(t *testing.T) {
	out, err := generator.Generate(filepath.Join("..", "..", "testdata", "specs", "clinic", generator.SpecName))
	require.NoError(t, err)
	changes, err := out.Changes()
	require.NoError(t, err)
	for _, c := range changes {
		t.Errorf("%s is stale (go run ./cmd/authgen generate ./testdata/specs/clinic):\n%s", c.Path, generator.UnifiedDiff(c))
	}
}

// TestTimeFieldsBackfill adds the time fields to a table that holds a row (the clinic's
// second migration): the row gets the time of the migration, and follow_up today+14d, as
// Django's migrate calls a callable default when it adds the column.
func TestTimeFieldsBackfill(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		t.Parallel()
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		sub, err := fs.Sub(clinic.Migrations, "migrations")
		require.NoError(t, err)
		set, err := migrate.ForDialect(sub, d.Dialect)
		require.NoError(t, err)
		m, err := migrate.New(d, set)
		require.NoError(t, err)
		_, err = m.UpTo(ctx, "0001_initial")
		require.NoError(t, err)
		user := dbtest.NewUser(t, d, "alice")
		var patient int64
		require.NoError(t, d.QueryRowContext(ctx, `INSERT INTO "clinic_patient" ("user_id", "name", "birth_date") VALUES ($1, 'Alice', '1990-01-31') RETURNING "id"`, user).Scan(&patient))
		_, err = d.ExecContext(ctx, `INSERT INTO "clinic_appointment" ("patient_id", "notes") VALUES ($1, 'before')`, patient)
		require.NoError(t, err)
		before := fields.Today()
		_, err = m.Up(ctx)
		require.NoError(t, err)

		var created, updated fields.DateTime
		var followUp fields.Date
		var reminder *fields.DateTime
		require.NoError(t, d.QueryRowContext(ctx, `SELECT "created", "updated", "follow_up", "reminder" FROM "clinic_appointment"`).Scan(&created, &updated, &followUp, &reminder))
		require.WithinDuration(t, time.Now(), created.Time(), time.Minute)
		require.WithinDuration(t, time.Now(), updated.Time(), time.Minute)
		require.Contains(t, []fields.Date{before.AddDays(14), fields.Today().AddDays(14)}, followUp)
		require.NotNil(t, reminder)
		require.WithinDuration(t, time.Now().Add(2*time.Hour), reminder.Time(), time.Minute)
	})
}
