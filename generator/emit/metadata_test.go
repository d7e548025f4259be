package emit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/model"
)

// storeApp is the store's resolved spec.
func storeApp(t *testing.T) *model.App {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "store", "authgen.yaml"))
	require.NoError(t, err)
	app, errs := model.Load("authgen.yaml", src)
	require.NoError(t, errs.Err())
	return app
}

// storeEndpoint renders the endpoint file of the store example's endpoint name.
func storeEndpoint(t *testing.T, name string) string {
	t.Helper()
	app := storeApp(t)
	for _, e := range app.Endpoints {
		if e.Name == name {
			out, err := render(endpointFile(app, e), "authgen.yaml")
			require.NoError(t, err)
			return string(out)
		}
	}
	t.Fatalf("no endpoint %s", name)
	return ""
}

// Fields are read with DRF's rules for form input: the serializer field's required,
// allow_null and allow_blank go with the lookup (view.Input gives each reader its rules:
// TestInputReadsEveryField).
func TestFieldsReadWithFormRules(t *testing.T) {
	src := storeEndpoint(t, "profiles")
	require.Contains(t, src, `in.NullDate("dob", &v.Dob, view.Optional)`)
	require.Contains(t, src, `in.NullString("bio", &v.Bio, fields.StringOpts{}, view.Optional)`)
	require.Contains(t, src, `httpx.Decode(w, r, 0)`)
	src = storeEndpoint(t, "reviews")
	require.Contains(t, src, `in.String("comment", &v.Comment, fields.StringOpts{AllowBlank: true}, view.Optional)`)
	require.Contains(t, src, `in.Int("rating", &v.Rating, fields.IntOpts{Max: new(int64(5)), Min: new(int64(1))}, view.Required)`)
	// A field with more checks than its reader's is written out: the unique name.
	src = storeEndpoint(t, "categories")
	require.Contains(t, src, `body.Get("name", httpx.FieldRules{Required: true}, partial)`)
}

// An integer's column range is checked on PostgreSQL only, as Django's backends do, and
// shown by OPTIONS there; a bound of the spec's own always applies.
func TestColumnBoundsFollowTheDialect(t *testing.T) {
	src := storeEndpoint(t, "orders")
	require.Contains(t, src, `Max: a.ColumnBound(2147483647)`)
	require.Contains(t, src, `Min: new(int64(1))`)
	require.Contains(t, src, `MaxValue: a.ColumnLimit(2147483647)`)
	require.Contains(t, src, `MinValue: "1"`)
	src = storeEndpoint(t, "reviews")
	require.NotContains(t, src, "ColumnBound", "rating has both bounds of its own")
}

// OPTIONS describes the serializer for PUT and POST when the caller may use them: a route's
// table names the serializer's fields and, on a route with the object's id, the query
// get_object runs (view.Route checks them). A route without the id that serves PUT names
// no query: DRF fails there, view.Route answers 405. An action takes no format suffix.
func TestOptionsDescribeTheSerializer(t *testing.T) {
	src := storeEndpoint(t, "reviews")
	require.Contains(t, src, "Post:   a.createReviews,\n\t\tFields: a.reviewsFields,\n\t}")
	require.Contains(t, src, "Fields: a.reviewsFields,\n\t\tObject: view.Object(a.getReviews),\n\t}")
	for _, want := range []string{
		"f := make(httpx.Fields, 0, 5)\n",
		`f.Add("id", httpx.FieldInfo{Label: "ID", ReadOnly: true, Type: "integer"})`,
		`f.Add("owner", httpx.FieldInfo{Label: "Owner", ReadOnly: true, Type: "field"})`,
		`f.Add("rating", httpx.FieldInfo{Label: "Rating", MaxValue: "5", MinValue: "1", Required: true, Type: "integer"})`,
	} {
		require.Contains(t, src, want)
	}

	src = storeEndpoint(t, "customers")
	me := src[strings.Index(src, "func (a *API) customersMeRoute("):]
	me = me[:strings.Index(me, "\n}\n")]
	require.Contains(t, me, "Put:    a.customersMe,")
	require.NotContains(t, me, "Object:")

	src = storeEndpoint(t, "products")
	publish := src[strings.Index(src, "func (a *API) productsPublishRoute("):]
	publish = publish[:strings.Index(publish, "\n}\n")]
	require.Contains(t, publish, "Perms:  productsPublishPermissions,")
	require.Contains(t, publish, "Fields: a.productsFields,")
	require.Contains(t, publish, "Action: true,")
}

// OPTIONS shows what a Django developer writes beside the code: the viewset's docstring
// (an endpoint's description, which its actions share unless they have their own) and
// the labels of a field's (value, label) choices as their display names.
func TestOptionsShowsDescriptionsAndChoiceLabels(t *testing.T) {
	const src = `version: 1
app: clinic
models:
  Doctor:
    fields:
      specialty: {type: string, max_length: 20, choices: {gp: General practice, cardio: Cardiology}}
      grade: {type: int, choices: [1, 2]}
endpoints:
  doctors:
    model: Doctor
    description: "  Doctors: staff manage them.\n"
    actions:
      retire: {detail: true, methods: [POST], set: {grade: 1}}
      promote: {detail: true, methods: [POST], set: {grade: 2}, description: Promote the doctor.}
`
	app, errs := model.Load("authgen.yaml", []byte(src))
	require.NoError(t, errs.Err())
	out, err := render(endpointFile(app, app.Endpoints[0]), "authgen.yaml")
	require.NoError(t, err)
	code := string(out)
	require.Equal(t, 3, strings.Count(code, `Description: "Doctors: staff manage them.",`), "list, detail and retire")
	require.Contains(t, code, `Description: "Promote the doctor.",`)
	require.Contains(t, code, `{Value: "gp", DisplayName: "General practice"},`)
	require.Contains(t, code, `{Value: "cardio", DisplayName: "Cardiology"},`)
	require.Contains(t, code, `{Value: int64(2), DisplayName: "2"},`, "a list's values are their own labels")

	_, errs = model.Load("authgen.yaml", []byte(strings.Replace(src, "cardio: Cardiology", "cardio: [Cardiology]", 1)))
	require.ErrorContains(t, errs.Err(), "choice label")
}

// A unique_together set whose fields the serializer writes is validated before the write,
// as DRF's UniqueTogetherValidator: after every field passed, with its message (and no
// failed insert, which would spend an id of a PostgreSQL sequence). A named unique index
// (Django's UniqueConstraint, which DRF 3.14 does not validate) and a set with a field the
// body cannot give are left to the insert.
func TestUniqueTogetherIsValidated(t *testing.T) {
	const src = `version: 1
app: clinic
models:
  Slot:
    fields:
      doctor: {type: string, max_length: 20}
      starts_at: datetime
      room: {type: int, null: true}
      status: {type: string, max_length: 10, default: open, read_only: true}
    indexes:
      - {fields: [doctor, starts_at], unique: true}
      - {fields: [room, starts_at], unique: true, name: slot_room_uniq}
      - {fields: [doctor, status], unique: true}
endpoints:
  slots: {model: Slot}
`
	app, errs := model.Load("authgen.yaml", []byte(src))
	require.NoError(t, errs.Err())
	out, err := render(endpointFile(app, app.Endpoints[0]), "authgen.yaml")
	require.NoError(t, err)
	code := string(out)
	require.Contains(t, code, `WHERE "doctor" = $1 AND "starts_at" = $2 AND "id" <> $3`)
	require.Contains(t, code, `fields.UniqueTogether("doctor", "starts_at")`)
	require.Equal(t, 1, strings.Count(code, "fields.UniqueTogether("), "the named index and the set with status are not validated")
	require.Less(t, strings.Index(code, `in.NullInt("room"`), strings.Index(code, "if len(errs) > 0 {"), "after the fields")
	require.Positive(t, strings.Index(code, `in.NullInt("room"`))

	// With validate_<field> hooks, after them and before validate, as DRF runs its validators.
	app, errs = model.Load("authgen.yaml", []byte(strings.Replace(src, "slots: {model: Slot}",
		"slots: {model: Slot, hooks: [validate_doctor, validate]}", 1)))
	require.NoError(t, errs.Err())
	out, err = render(endpointFile(app, app.Endpoints[0]), "authgen.yaml")
	require.NoError(t, err)
	code = string(out)
	require.Equal(t, 1, strings.Count(code, "fields.UniqueTogether("))
	hook, check, validate := strings.Index(code, ".ValidateDoctor(c,"), strings.Index(code, "fields.UniqueTogether("), strings.Index(code, ".Validate(c, v, partial)")
	require.True(t, hook > 0 && hook < check && check < validate, "validate_doctor, unique_together, validate")
	require.Contains(t, code, "\t\tc.Ctx, a.DB, `SELECT 1")
}

// Django's integer fields: each has its column's range on PostgreSQL (ColumnBound and
// ColumnLimit); the 0 of a positive type holds on both dialects; a bigint's bounds are
// int64's, which fields.Int checks itself.
func TestIntegerFieldsBounds(t *testing.T) {
	src := []byte(`version: 1
app: shop
models:
  Counter:
    fields:
      small: smallint
      stars: positive_smallint
      total: positive_bigint
endpoints:
  counters: {model: Counter}
`)
	app, errs := model.Load("authgen.yaml", src)
	require.NoError(t, errs.Err())
	out, err := render(endpointFile(app, app.Endpoints[0]), "authgen.yaml")
	require.NoError(t, err)
	got := string(out)
	for _, want := range []string{
		`fields.IntOpts{Max: a.ColumnBound(32767), Min: a.ColumnBound(-32768)}`,
		`fields.IntOpts{Max: a.ColumnBound(32767), Min: new(int64(0))}`,
		`fields.IntOpts{Min: new(int64(0))}`,
		`MaxValue: a.ColumnLimit(32767), MinValue: a.ColumnLimit(-32768)`,
		`MaxValue: a.ColumnLimit(32767), MinValue: "0"`,
		`MaxValue: a.ColumnLimit(9223372036854775807), MinValue: "0"`,
	} {
		require.Contains(t, got, want)
	}
}
