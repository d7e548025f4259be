package view_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/view"
)

// gadget is what readGadget fills: one field of each kind Input reads.
type gadget struct {
	Name     string
	Note     *string
	Email    string
	Size     string
	Count    int64
	Price    fields.Decimal
	Active   bool
	Checked  *bool
	Day      fields.Date
	At       *fields.DateTime
	Token    *fields.UUID
	Data     fields.Document
	ParentID int64
	OtherID  *int64
}

// readGadget is a serializer as the generator writes one with view.Input.
func readGadget(ctx context.Context, d *db.DB, body httpx.Body, v *gadget, partial bool) (httpx.FieldErrors, error) {
	errs := httpx.FieldErrors{}
	in := view.Input{Body: body, Partial: partial, Errs: errs}
	in.String("name", &v.Name, fields.StringOpts{MaxLength: 5}, view.Required)
	in.NullString("note", &v.Note, fields.StringOpts{}, view.Optional)
	in.Email("email", &v.Email, fields.StringOpts{AllowBlank: true}, view.Optional)
	in.Choice("size", &v.Size, fields.ChoiceOpts{Choices: []string{"s", "m"}}, view.Optional)
	in.Int("count", &v.Count, fields.IntOpts{Max: new(int64(10))}, view.Optional)
	in.Decimal("price", &v.Price, fields.DecimalOpts{MaxDigits: 5, DecimalPlaces: 2}, view.Optional)
	in.Bool("active", &v.Active, view.Optional)
	in.NullBool("checked", &v.Checked, view.Optional)
	in.Date("day", &v.Day, view.Optional)
	in.NullDateTime("at", &v.At, view.Optional)
	in.NullUUID("token", &v.Token, view.Optional)
	in.JSON("data", &v.Data, view.Optional)
	if err := in.Relation(ctx, d, "parent", &v.ParentID, `SELECT 1 FROM "parent" WHERE "id" = $1`, view.Optional); err != nil {
		return nil, err
	}
	if err := in.NullRelation(ctx, d, "other", &v.OtherID, `SELECT 1 FROM "parent" WHERE "id" = $1`, view.Optional); err != nil {
		return nil, err
	}
	return errs, nil
}

// decode reads body as a request of the content type would bring it.
func decode(t *testing.T, contentType, body string) httpx.Body {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	b, err := httpx.Decode(httptest.NewRecorder(), r, 0)
	require.NoError(t, err)
	return b
}

// Input reads each field as the runtime/fields reader of its type, with DRF's rules for
// what is absent, null or blank, from JSON and from forms, and collects every error.
func TestInputReadsEveryField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		_, err := d.ExecContext(ctx, `CREATE TABLE "parent" ("id" integer PRIMARY KEY)`)
		require.NoError(t, err)
		_, err = d.ExecContext(ctx, `INSERT INTO "parent" ("id") VALUES (1), (2)`)
		require.NoError(t, err)
		const jsonType, formType = "application/json", "application/x-www-form-urlencoded"

		v := &gadget{Count: 3, Active: true, OtherID: new(int64(2))}
		errs, err := readGadget(ctx, d, decode(t, jsonType, `{"name":" ab ","note":null,"email":"","size":"m",
			"count":"7","price":1.5,"active":false,"checked":null,"day":"2026-12-06","at":null,
			"token":"9b4a1c6e-8f0e-4a53-9a3c-0c1e3f6a2b7d","data":{"a":[1,2.0]},"parent":1,"other":null}`), v, false)
		require.NoError(t, err)
		require.Empty(t, errs)
		require.Equal(t, "ab", v.Name)
		require.Nil(t, v.Note)
		require.Equal(t, "m", v.Size)
		require.Equal(t, int64(7), v.Count)
		require.Equal(t, "1.50", v.Price.String())
		require.False(t, v.Active)
		require.Equal(t, "2026-12-06", v.Day.String())
		require.NotNil(t, v.Token)
		require.JSONEq(t, `{"a":[1,2.0]}`, string(v.Data))
		require.Equal(t, int64(1), v.ParentID)
		require.Nil(t, v.OtherID)

		// Every field refused at once, each with its reader's messages; a refused value
		// leaves the field as it was.
		v = &gadget{Count: 3, ParentID: 2, OtherID: new(int64(2))}
		errs, err = readGadget(ctx, d, decode(t, jsonType, `{"name":"abcdef","email":"x","size":"l","count":11,
			"price":"1.234","active":"maybe","day":"06/12/2026","token":"nope","data":null,"parent":9,"other":"x"}`), v, false)
		require.NoError(t, err)
		require.Equal(t, httpx.FieldErrors{
			"name":   {"Ensure this field has no more than 5 characters."},
			"email":  {"Enter a valid email address."},
			"size":   {`"l" is not a valid choice.`},
			"count":  {"Ensure this value is less than or equal to 10."},
			"price":  {"Ensure that there are no more than 2 decimal places."},
			"active": {"Must be a valid boolean."},
			"day":    {"Date has wrong format. Use one of these formats instead: YYYY-MM-DD."},
			"token":  {"Must be a valid UUID."},
			"data":   {"This field may not be null."},
			"parent": {`Invalid pk "9" - object does not exist.`},
			"other":  {"Incorrect type. Expected pk value, received str."},
		}, errs)
		require.Equal(t, int64(3), v.Count)
		require.Equal(t, int64(2), v.ParentID)
		require.Equal(t, int64(2), *v.OtherID)

		// Absent: a required field is refused on a full body only.
		errs, err = readGadget(ctx, d, decode(t, jsonType, `{}`), &gadget{}, false)
		require.NoError(t, err)
		require.Equal(t, httpx.FieldErrors{"name": {"This field is required."}}, errs)
		errs, err = readGadget(ctx, d, decode(t, jsonType, `{}`), &gadget{}, true)
		require.NoError(t, err)
		require.Empty(t, errs)

		// A form: unticked checkboxes of a full form are false (null when allowed), a blank
		// value is null where null is allowed, "" where blank is, and absent otherwise.
		v = &gadget{Active: true, Checked: new(true), Count: 3, Note: new("x")}
		errs, err = readGadget(ctx, d, decode(t, formType, `name=ab&note=&email=&count=&other=2`), v, false)
		require.NoError(t, err)
		require.Empty(t, errs)
		require.False(t, v.Active)
		require.Nil(t, v.Checked)
		require.Nil(t, v.Note)
		require.Equal(t, "", v.Email)
		require.Equal(t, int64(3), v.Count)
		require.Equal(t, int64(2), *v.OtherID)
		v = &gadget{Active: true}
		errs, err = readGadget(ctx, d, decode(t, formType, `count=1`), v, true)
		require.NoError(t, err)
		require.Empty(t, errs)
		require.True(t, v.Active, "a partial form leaves an absent checkbox as it is")

		// A failed query ends the reading with its error.
		_, err = readGadget(ctx, d, decode(t, jsonType, `{"name":"ab","parent":"1"}`), &gadget{}, false)
		require.NoError(t, err)
		_, err = d.ExecContext(ctx, `DROP TABLE "parent"`)
		require.NoError(t, err)
		_, err = readGadget(ctx, d, decode(t, jsonType, `{"name":"ab","parent":1}`), &gadget{}, false)
		require.Error(t, err)
	})
}
