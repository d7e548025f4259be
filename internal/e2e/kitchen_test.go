package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// TestKitchen drives testdata/specs/kitchen, every field type and option of the spec
// language, on both dialects. Each step's answers were recorded from the same models,
// serializers and viewsets written with Django 3.2 and DRF 3.14 (ModelSerializer with
// fields "__all__", read_only_fields for read_only, ReadOnlyField(source=…) for display);
// the differences are named where they occur.
func TestKitchen(t *testing.T) {
	bin := buildApp(t, "kitchen")
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		url := dbtest.URL(t, dialect)
		s := startApp(t, bin, url, "chef@example.com", "guest@example.com")
		k := &kitchen{s: s, chef: s.login(t, "chef@example.com"), guest: s.login(t, "guest@example.com"), url: url}
		t.Run("tags", k.tags)
		t.Run("chefs", k.chefs)
		t.Run("chefs pagination", k.chefsPagination)
		t.Run("jars", k.jars)
		t.Run("presets", k.presets)
		t.Run("recipes", k.recipes)
		t.Run("recipes on delete", k.recipesOnDelete)
		t.Run("cards", k.cards)
		t.Run("counters", k.counters)
		t.Run("transactions", func(t *testing.T) { k.transactions(t, dialect) }) // last: it spends ids
	})
}

type kitchen struct {
	s           *server
	chef, guest *client
	url         string
}

// exec runs SQL on the app's database, for what no endpoint writes (a display relation's
// column, which is read-only).
func (k *kitchen) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	d, err := db.Open(k.url)
	require.NoError(t, err)
	defer d.Close()
	_, err = d.ExecContext(context.Background(), query, args...)
	require.NoError(t, err)
}

// tags: a unique string and a string with choices and a default.
func (k *kitchen) tags(t *testing.T) {
	c := k.chef
	c.expect(t, "POST", "/api/tags/", `{"name": "veg"}`, 201, `{"id": 1, "name": "veg", "color": "red"}`)
	c.expect(t, "POST", "/api/tags/", `{"name": "veg", "color": "pink"}`, 400,
		`{"name": ["tag with this name already exists."], "color": ["\"pink\" is not a valid choice."]}`)
	c.expect(t, "POST", "/api/tags/", `{}`, 400, `{"name": ["This field is required."]}`)
	c.expect(t, "POST", "/api/tags/", `{"name": "hot", "color": "blue"}`, 201, `{"id": 2, "name": "hot", "color": "blue"}`)
	c.expect(t, "PATCH", "/api/tags/2/", `{"name": "veg"}`, 400, `{"name": ["tag with this name already exists."]}`)
	// A unique value is free for the row that holds it.
	c.expect(t, "PATCH", "/api/tags/2/", `{"name": "hot", "color": "green"}`, 200, `{"id": 2, "name": "hot", "color": "green"}`)
	c.expect(t, "POST", "/api/tags/", `{"name": "sweet"}`, 201, `{"id": 3, "name": "sweet", "color": "red"}`)
	c.expect(t, "GET", "/api/tags/", "", 200, `[
		{"id": 1, "name": "veg", "color": "red"},
		{"id": 2, "name": "hot", "color": "green"},
		{"id": 3, "name": "sweet", "color": "red"}]`)
}

const ann = `{"name": "Ann", "bio": "b", "age": 30, "stars": 5, "active": true, "rate": "10.5",
	"born": "1990-02-03", "hired_at": "2020-01-02T03:04:05.123456+02:00", "email": "ann@example.com",
	"badge": "123E4567E89B12D3A456426614174000", "profile": {"b": 1, "a": [1, 2.0, null]}}`

const annSaved = `{"id": 1, "name": "Ann", "bio": "b", "age": 30, "stars": 5, "active": true, "rate": "10.50",
	"born": "1990-02-03", "hired_at": "2020-01-02T01:04:05.123456Z", "email": "ann@example.com",
	"badge": "123e4567-e89b-12d3-a456-426614174000", "profile": {"b": 1, "a": [1, 2.0, null]}}`

// chefs: every plain type, none nullable: required, null, invalid, bounds, unique.
func (k *kitchen) chefs(t *testing.T) {
	c := k.chef
	required := `["This field is required."]`
	c.expect(t, "POST", "/api/chefs/", `{}`, 400, fmt.Sprintf(`{"name": %[1]s, "bio": %[1]s, "age": %[1]s,
		"stars": %[1]s, "active": %[1]s, "rate": %[1]s, "born": %[1]s, "hired_at": %[1]s, "email": %[1]s,
		"badge": %[1]s, "profile": %[1]s}`, required))
	body := c.expect(t, "POST", "/api/chefs/", ann, 201, annSaved)
	// DRF renders 2.0 in a JSON field as Python prints the float.
	require.Contains(t, string(body), `[1,2.0,null]`)

	c.expect(t, "POST", "/api/chefs/", `{"name": "Ann", "bio": "", "age": 100, "stars": "x", "active": "maybe",
		"rate": "0.1", "born": "1990-13-01", "hired_at": "yesterday", "email": "nope", "badge": "zz", "profile": null}`, 400, `{
		"name": ["chef with this name already exists."], "bio": ["This field may not be blank."],
		"age": ["Ensure this value is less than or equal to 99."], "stars": ["A valid integer is required."],
		"active": ["Must be a valid boolean."], "rate": ["Ensure this value is greater than or equal to 0.50."],
		"born": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
		"hired_at": ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."],
		"email": ["Enter a valid email address."], "badge": ["Must be a valid UUID."], "profile": ["This field may not be null."]}`)
	null := `["This field may not be null."]`
	c.expect(t, "POST", "/api/chefs/", `{"name": null, "bio": null, "age": null, "stars": null, "active": null,
		"rate": null, "born": null, "hired_at": null, "email": null, "badge": null, "profile": null}`, 400,
		fmt.Sprintf(`{"name": %[1]s, "bio": %[1]s, "age": %[1]s, "stars": %[1]s, "active": %[1]s, "rate": %[1]s,
		"born": %[1]s, "hired_at": %[1]s, "email": %[1]s, "badge": %[1]s, "profile": %[1]s}`, null))
	c.expect(t, "POST", "/api/chefs/", `{"name": "Bob", "bio": "b", "age": 15, "stars": 5, "active": false,
		"rate": "1000", "born": "1990-02-03", "hired_at": "2020-01-02T03:04:05Z", "email": "ann@example.com",
		"badge": "123e4567-e89b-12d3-a456-426614174000", "profile": "text"}`, 400, `{
		"age": ["Ensure this value is greater than or equal to 16."],
		"rate": ["Ensure this value is less than or equal to 999.99."],
		"email": ["chef with this email already exists."], "badge": ["chef with this badge already exists."]}`)
	// DRF on SQLite takes any integer into a bigint field without bounds, and the insert
	// fails; the app refuses what does not fit 64 bits.
	c.expect(t, "POST", "/api/chefs/", `{"name": "Bob", "bio": "b", "age": 3000000000, "stars": 99999999999999999999,
		"active": 1, "rate": "12.345", "born": "1990-02-03", "hired_at": "2020-01-02T03:04:05Z",
		"email": "bob@example.com", "badge": "123e4567-e89b-12d3-a456-426614174001", "profile": []}`, 400, `{
		"age": ["Ensure this value is less than or equal to 99."],
		"stars": ["Ensure this value is less than or equal to 9223372036854775807."],
		"rate": ["Ensure that there are no more than 2 decimal places."]}`)

	c.expect(t, "GET", "/api/chefs/1/", "", 200, annSaved)
	c.expect(t, "PATCH", "/api/chefs/1/", `{"age": 31}`, 200, strings.Replace(annSaved, `"age": 30`, `"age": 31`, 1))
	c.expect(t, "PUT", "/api/chefs/1/", `{"age": 32}`, 400, fmt.Sprintf(`{"name": %[1]s, "bio": %[1]s, "stars": %[1]s,
		"active": %[1]s, "rate": %[1]s, "born": %[1]s, "hired_at": %[1]s, "email": %[1]s, "badge": %[1]s,
		"profile": %[1]s}`, required))
	c.expect(t, "PUT", "/api/chefs/1/", ann, 200, annSaved)
}

// chefsPagination: page_number with page_size 2 and ?page_size= up to 5.
func (k *kitchen) chefsPagination(t *testing.T) {
	c := k.chef
	for i, name := range []string{"Bob", "Cy", "Di"} {
		c.expect(t, "POST", "/api/chefs/", fmt.Sprintf(`{"name": %q, "bio": "", "age": 40, "stars": 0, "active": false,
			"rate": "1", "born": "1980-01-01", "hired_at": "2021-06-01T00:00:00Z", "email": "%s@example.com",
			"badge": "00000000-0000-0000-0000-00000000000%d", "profile": [1]}`, name, strings.ToLower(name), i+1), 400,
			`{"bio": ["This field may not be blank."]}`)
		c.expect(t, "POST", "/api/chefs/", fmt.Sprintf(`{"name": %q, "bio": "-", "age": 40, "stars": 0, "active": false,
			"rate": "1", "born": "1980-01-01", "hired_at": "2021-06-01T00:00:00Z", "email": "%s@example.com",
			"badge": "00000000-0000-0000-0000-00000000000%d", "profile": [1]}`, name, strings.ToLower(name), i+1), 201, "")
	}
	base := k.s.base
	page := c.expect(t, "GET", "/api/chefs/", "", 200, "")
	require.Equal(t, "4", field(t, page, "count"))
	require.JSONEq(t, strconv.Quote(base+"/api/chefs/?page=2"), field(t, page, "next"))
	require.Equal(t, "null", field(t, page, "previous"))
	require.Equal(t, 2, strings.Count(field(t, page, "results"), `"badge"`))
	page = c.expect(t, "GET", "/api/chefs/?page=2", "", 200, "")
	require.Equal(t, "null", field(t, page, "next"))
	require.JSONEq(t, strconv.Quote(base+"/api/chefs/"), field(t, page, "previous"))
	require.Contains(t, field(t, page, "results"), `"name":"Cy"`)
	c.expect(t, "GET", "/api/chefs/?page=3", "", 404, `{"detail": "Invalid page."}`)
	page = c.expect(t, "GET", "/api/chefs/?page_size=9", "", 200, "")
	require.Equal(t, 4, strings.Count(field(t, page, "results"), `"badge"`), "max_page_size 5 lets 4 rows through")
	page = c.expect(t, "GET", "/api/chefs/?page_size=3&page=2", "", 200, "")
	require.Contains(t, field(t, page, "results"), `"name":"Di"`)
	require.JSONEq(t, strconv.Quote(base+"/api/chefs/?page_size=3"), field(t, page, "previous"))
}

const emptyJar = `{"label": null, "note": null, "shelf": null, "weight": null, "sealed": null, "cost": null,
	"opened_on": null, "checked_at": null, "contact": null, "code": null, "meta": null, "kind": "dry",
	"level": 2, "size": null, "mood": "", "grade": null, "batch": null, "keeper": ""}`

// jar is emptyJar with an id and some members replaced.
func jar(id int, members string) string {
	out := `{"id": ` + fmt.Sprint(id) + `, ` + strings.TrimPrefix(emptyJar, "{")
	for _, kv := range strings.Split(members, ";") {
		if kv == "" {
			continue
		}
		key, value, _ := strings.Cut(kv, "=")
		old := fmt.Sprintf(`"%s": `, key)
		i := strings.Index(out, old)
		j := i + len(old) + strings.IndexAny(out[i+len(old):], ",}")
		out = out[:i+len(old)] + value + out[j:]
	}
	return out
}

// jars: every type nullable, DRF's other empty values, choices of every kind, limit/offset.
func (k *kitchen) jars(t *testing.T) {
	c := k.chef
	c.expect(t, "POST", "/api/jars/", `{}`, 400, `{"kind": ["This field is required."]}`)
	c.expect(t, "POST", "/api/jars/", `{"kind": "dry"}`, 201, jar(1, ""))
	// Django gives the ChoiceField of an e-mail field its EmailValidator, which refuses "".
	c.expect(t, "POST", "/api/jars/", `{"kind": "dry", "keeper": ""}`, 400, `{"keeper": ["Enter a valid email address."]}`)
	body := c.expect(t, "POST", "/api/jars/", `{"kind": "dry", "keeper": "ann@example.com", "mood": "", "grade": "1.5",
		"batch": "123e4567-e89b-12d3-a456-426614174000", "size": "10", "level": 3}`, 201,
		jar(2, `level=3;size=10;grade=1.5;batch="123e4567-e89b-12d3-a456-426614174000";keeper="ann@example.com"`))
	// A decimal with choices is a ChoiceField: DRF renders it as a float.
	require.Contains(t, string(body), `"grade":1.5,`)
	c.expect(t, "POST", "/api/jars/", `{"kind": "wet", "keeper": "x@example.com", "mood": "sad", "grade": "1.50",
		"batch": "123E4567-E89B-12D3-A456-426614174000", "size": 10.0, "level": true}`, 400, `{
		"kind": ["\"wet\" is not a valid choice."], "level": ["\"True\" is not a valid choice."],
		"size": ["\"10.0\" is not a valid choice."], "mood": ["\"sad\" is not a valid choice."],
		"grade": ["\"1.50\" is not a valid choice."],
		"batch": ["\"123E4567-E89B-12D3-A456-426614174000\" is not a valid choice."],
		"keeper": ["\"x@example.com\" is not a valid choice."]}`)
	c.expect(t, "POST", "/api/jars/", `{"kind": "dry", "grade": 1.5, "level": "2", "size": null, "batch": null,
		"mood": null, "keeper": null}`, 400, `{"mood": ["This field may not be null."], "keeper": ["This field may not be null."]}`)
	c.expect(t, "POST", "/api/jars/", `{"kind": "", "level": "", "size": "", "grade": "", "batch": ""}`, 400, `{
		"kind": ["\"\" is not a valid choice."], "level": ["\"\" is not a valid choice."],
		"size": ["\"\" is not a valid choice."], "grade": ["\"\" is not a valid choice."],
		"batch": ["\"\" is not a valid choice."]}`)
	c.expect(t, "POST", "/api/jars/", `{"kind": "dry", "label": "", "note": "", "shelf": "", "weight": "", "sealed": "",
		"cost": "", "opened_on": "", "checked_at": "", "contact": "", "code": "", "meta": ""}`, 400, `{
		"note": ["This field may not be blank."], "shelf": ["A valid integer is required."],
		"weight": ["A valid integer is required."],
		"opened_on": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
		"checked_at": ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."],
		"contact": ["This field may not be blank."], "code": ["Must be a valid UUID."]}`)
	c.expect(t, "POST", "/api/jars/", `{"kind": "dry", "label": null, "note": null, "shelf": null, "weight": null,
		"sealed": null, "cost": null, "opened_on": null, "checked_at": null, "contact": null, "code": null,
		"meta": null}`, 201, jar(3, ""))
	c.expect(t, "POST", "/api/jars/", `{"kind": "dry", "label": " x ", "note": "  ", "shelf": 0, "weight": "12",
		"sealed": "null", "cost": " 1.25 ", "opened_on": "2024-02-30", "checked_at": "2024-02-03T04:05:06",
		"contact": "A@B.CO", "code": "a0eebc999c0b4ef8bb6d6bb9bd380a11", "meta": "str"}`, 400, `{
		"note": ["This field may not be blank."], "shelf": ["Ensure this value is greater than or equal to 1."],
		"cost": ["Ensure that there are no more than 1 decimal places."],
		"opened_on": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]}`)
	// "NULL" is null to a nullable BooleanField, "" to a nullable DecimalField.
	c.expect(t, "POST", "/api/jars/", `{"kind": "cold", "label": "x", "sealed": "NULL", "cost": "", "meta": {"k": [1]},
		"shelf": "9", "weight": -5, "opened_on": "2024-02-29", "checked_at": "2024-02-03T04:05:06",
		"contact": "A@B.CO", "code": "A0EEBC999C0B4EF8BB6D6BB9BD380A11", "note": " n "}`, 201,
		jar(4, `label="x";sealed=null;cost=null;meta={"k": [1]};shelf=9;weight=-5;opened_on="2024-02-29";`+
			`checked_at="2024-02-03T04:05:06Z";contact="A@B.CO";code="a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";note="n";kind="cold"`))
	c.expect(t, "POST", "/api/jars/", `{"kind": "dry", "label": "x"}`, 400, `{"label": ["jar with this label already exists."]}`)
	c.expect(t, "POST", "/api/jars/", `{"kind": "dry", "label": ""}`, 201, jar(5, `label=""`))

	page := c.expect(t, "GET", "/api/jars/?limit=1&offset=1", "", 200, "")
	require.Equal(t, "5", field(t, page, "count"))
	require.JSONEq(t, strconv.Quote(k.s.base+"/api/jars/?limit=1&offset=2"), field(t, page, "next"))
	require.JSONEq(t, strconv.Quote(k.s.base+"/api/jars/?limit=1"), field(t, page, "previous"))
	require.JSONEq(t, "["+jar(2, `level=3;size=10;grade=1.5;batch="123e4567-e89b-12d3-a456-426614174000";keeper="ann@example.com"`)+"]",
		field(t, page, "results"))
	page = c.expect(t, "GET", "/api/jars/?limit=50", "", 200, "")
	require.Equal(t, 5, strings.Count(field(t, page, "results"), `"kind"`), "limit capped at max_page_size 10")
	require.Equal(t, "null", field(t, page, "next"))

	saved := jar(2, `level=3;size=10;grade=1.5;batch="123e4567-e89b-12d3-a456-426614174000";keeper="ann@example.com"`)
	c.expect(t, "PATCH", "/api/jars/2/", `{"label": null}`, 200, saved)
	c.expect(t, "PUT", "/api/jars/2/", `{"kind": "cold"}`, 200, strings.Replace(saved, `"kind": "dry"`, `"kind": "cold"`, 1))
	c.expect(t, "PATCH", "/api/jars/2/", `{"grade": null, "size": 20, "batch": null, "cost": "12.5", "meta": [true]}`, 200,
		jar(2, `level=3;size=20;kind="cold";keeper="ann@example.com";cost="12.5";meta=[true]`))
	// The seal action assigns a bool, a null date, a decimal and a UUID.
	c.expect(t, "POST", "/api/jars/4/seal/", "", 200,
		jar(4, `label="x";sealed=true;cost="0.5";meta={"k": [1]};shelf=9;weight=-5;opened_on=null;`+
			`checked_at="2024-02-03T04:05:06Z";contact="A@B.CO";code="00000000-0000-0000-0000-000000000001";note="n";kind="cold"`))
}

const presetDefaults = `{"word": "hello", "text": "Once upon a time", "small": 7, "big": 9000000000,
	"flag": true, "amount": "1.50", "day": "2024-01-31", "moment": "2024-01-31T12:30:00Z",
	"mail": "chef@example.com", "ident": "00000000-0000-0000-0000-00000000002a", "maybe": null,
	"maybe_int": 3, "locked": "fixed"}`

func preset(id int, replace ...string) string {
	out := `{"id": ` + fmt.Sprint(id) + `, ` + strings.TrimPrefix(presetDefaults, "{")
	for i := 0; i < len(replace); i += 2 {
		out = strings.Replace(out, replace[i], replace[i+1], 1)
	}
	return out
}

// presets: a default of every type, read_only, and a set action of several types.
func (k *kitchen) presets(t *testing.T) {
	c := k.chef
	c.expect(t, "POST", "/api/presets/", `{}`, 201, preset(1))
	// Django on PostgreSQL bounds an IntegerField to 32 bits; on SQLite it stores any
	// integer, and so does the app (the column's range is checked on PostgreSQL only).
	small := `"small": ["Ensure this value is less than or equal to 2147483647."],`
	if strings.HasPrefix(k.url, "sqlite") {
		small = ""
	}
	c.expect(t, "POST", "/api/presets/", `{"small": 3000000000, "big": 99999999999999999999, "locked": "x",
		"maybe": null, "maybe_int": null, "word": "", "flag": null}`, 400, `{`+small+`
		"big": ["Ensure this value is less than or equal to 9223372036854775807."],
		"word": ["This field may not be blank."], "flag": ["This field may not be null."]}`)
	c.expect(t, "POST", "/api/presets/", `{"amount": "99.999", "day": "2024-02-30", "moment": "2024-01-31T25:00:00Z",
		"ident": "nope", "mail": "x", "maybe": "toolong"}`, 400, `{
		"amount": ["Ensure that there are no more than 4 digits in total."],
		"day": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
		"moment": ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."],
		"mail": ["Enter a valid email address."], "ident": ["Must be a valid UUID."],
		"maybe": ["Ensure this field has no more than 5 characters."]}`)
	c.expect(t, "POST", "/api/presets/", `{"locked": "x", "small": -2147483648, "maybe_int": null, "flag": false}`, 201,
		preset(2, `"small": 7`, `"small": -2147483648`, `"maybe_int": 3`, `"maybe_int": null`, `"flag": true`, `"flag": false`))
	c.expect(t, "PUT", "/api/presets/1/", `{}`, 200, preset(1))
	c.expect(t, "PATCH", "/api/presets/1/", `{"maybe": "abc", "maybe_int": "12", "moment": "2024-06-01T10:00:00+02:00"}`, 200,
		preset(1, `"maybe": null`, `"maybe": "abc"`, `"maybe_int": 3`, `"maybe_int": 12`, `"moment": "2024-01-31T12:30:00Z"`, `"moment": "2024-06-01T08:00:00Z"`))
	stamped := preset(1, `"word": "hello"`, `"word": "stamped"`, `"amount": "1.50"`, `"amount": "3.25"`,
		`"day": "2024-01-31"`, `"day": "2025-02-02"`, `"moment": "2024-01-31T12:30:00Z"`, `"moment": "2025-02-02T08:00:00Z"`,
		`"maybe_int": 3`, `"maybe_int": 5`)
	c.expect(t, "POST", "/api/presets/1/stamp/", "", 200, stamped)
	c.expect(t, "PATCH", "/api/presets/1/stamp/", "", 200, stamped)
	c.expect(t, "GET", "/api/presets/1/", "", 200, stamped)
}

// recipes: fk and one_to_one to a model and to the user, null, display, owner, the three
// many_to_many fields (to a model, to the user, symmetrical to its own model), object
// permissions.
func (k *kitchen) recipes(t *testing.T) {
	c := k.chef
	c.expect(t, "POST", "/api/recipes/", `{"title": "X", "chef": 1}`, 400, `{"tags": ["This field is required."]}`)
	c.expect(t, "POST", "/api/recipes/", `{"title": "X", "chef": null, "tags": null, "fans": null, "editor": null, "jar": null}`, 400,
		`{"chef": ["This field may not be null."], "tags": ["This field may not be null."], "fans": ["This field may not be null."]}`)
	c.expect(t, "POST", "/api/recipes/", `{"title": "X", "chef": "", "tags": "", "editor": "", "jar": ""}`, 400,
		`{"chef": ["This field may not be null."], "tags": ["Expected a list of items but got type \"str\"."]}`)
	c.expect(t, "POST", "/api/recipes/", `{"title": "X", "chef": 99, "tags": [1], "editor": 99, "jar": 99, "fans": [1, 99]}`, 400, `{
		"chef": ["Invalid pk \"99\" - object does not exist."], "editor": ["Invalid pk \"99\" - object does not exist."],
		"jar": ["Invalid pk \"99\" - object does not exist."], "fans": ["Invalid pk \"99\" - object does not exist."]}`)
	c.expect(t, "POST", "/api/recipes/", `{"title": "X", "chef": 1, "tags": [], "fans": {"1": 0, "x": 1}, "related": 3}`, 400, `{
		"tags": ["This list may not be empty."], "fans": ["Incorrect type. Expected pk value, received str."],
		"related": ["Expected a list of items but got type \"int\"."]}`)
	c.expect(t, "POST", "/api/recipes/", `{"title": "X", "chef": 1, "tags": [1, "abc", 99], "fans": [true], "related": [null]}`, 400, `{
		"tags": ["Incorrect type. Expected pk value, received str."], "fans": ["Incorrect type. Expected pk value, received bool."],
		"related": ["Invalid pk \"None\" - object does not exist."]}`)

	// Links are answered sorted and once each, as the join table holds them.
	soup := `{"id": 1, "title": "Soup", "chef": 1, "owner": "chef@example.com", "editor": null, "origin": null,
		"jar": null, "tags": [1, 2], "fans": [1], "related": [], "published": false}`
	c.expect(t, "POST", "/api/recipes/", `{"title": "Soup", "chef": 1, "tags": [2, 1, 2], "fans": ["1"], "related": [],
		"owner": 2, "origin": 1, "published": true, "id": 9}`, 201, soup)
	c.expect(t, "GET", "/api/recipes/1/", "", 200, soup)
	// The relation to Recipe itself is symmetrical, as Django's ManyToManyField("self").
	c.expect(t, "POST", "/api/recipes/", `{"title": "Stew", "chef": 1, "tags": [1], "related": [1], "editor": 2, "jar": 4}`, 201,
		`{"id": 2, "title": "Stew", "chef": 1, "owner": "chef@example.com", "editor": 2, "origin": null, "jar": 4,
		"tags": [1], "fans": [], "related": [1], "published": false}`)
	c.expect(t, "POST", "/api/recipes/", `{"title": "Pie", "chef": 1, "tags": {"3": null}, "related": [2, 1], "jar": 4}`, 400,
		`{"jar": ["recipe with this jar already exists."]}`)
	c.expect(t, "POST", "/api/recipes/", `{"title": "Pie", "chef": 1, "tags": {"3": null}, "related": [2, 1], "fans": [2, 1]}`, 201,
		`{"id": 3, "title": "Pie", "chef": 1, "owner": "chef@example.com", "editor": null, "origin": null, "jar": null,
		"tags": [3], "fans": [1, 2], "related": [1, 2], "published": false}`)
	c.expect(t, "GET", "/api/recipes/", "", 200, `[
		{"id": 1, "title": "Soup", "chef": 1, "owner": "chef@example.com", "editor": null, "origin": null, "jar": null,
		 "tags": [1, 2], "fans": [1], "related": [2, 3], "published": false},
		{"id": 2, "title": "Stew", "chef": 1, "owner": "chef@example.com", "editor": 2, "origin": null, "jar": 4,
		 "tags": [1], "fans": [], "related": [1, 3], "published": false},
		{"id": 3, "title": "Pie", "chef": 1, "owner": "chef@example.com", "editor": null, "origin": null, "jar": null,
		 "tags": [3], "fans": [1, 2], "related": [1, 2], "published": false}]`)
	c.expect(t, "PATCH", "/api/recipes/3/", `{"related": []}`, 200,
		`{"id": 3, "title": "Pie", "chef": 1, "owner": "chef@example.com", "editor": null, "origin": null, "jar": null,
		"tags": [3], "fans": [1, 2], "related": [], "published": false}`)
	c.expect(t, "GET", "/api/recipes/1/", "", 200, strings.Replace(soup, `"related": []`, `"related": [2]`, 1))

	// PATCH leaves absent links alone; PUT requires the required ones and replaces what it
	// is given, and leaves an absent optional one alone too.
	c.expect(t, "PATCH", "/api/recipes/1/", `{"title": "Soup!"}`, 200,
		strings.NewReplacer(`"Soup"`, `"Soup!"`, `"related": []`, `"related": [2]`).Replace(soup))
	c.expect(t, "PUT", "/api/recipes/1/", `{"title": "Soup", "chef": 1}`, 400, `{"tags": ["This field is required."]}`)
	c.expect(t, "PUT", "/api/recipes/1/", `{"title": "Soup", "chef": 1, "tags": [2]}`, 200,
		strings.NewReplacer(`"tags": [1, 2]`, `"tags": [2]`, `"related": []`, `"related": [2]`).Replace(soup))

	// The owner field is the request's user and object permissions follow it.
	g := k.guest
	g.expect(t, "GET", "/api/recipes/2/", "", 200, "")
	g.expect(t, "PATCH", "/api/recipes/2/", `{"title": "Mine"}`, 403, `{"detail": "You do not have permission to perform this action."}`)
	g.expect(t, "POST", "/api/recipes/2/publish/", "", 403, `{"detail": "You do not have permission to perform this action."}`)
	g.expect(t, "POST", "/api/recipes/", `{"title": "Guest's", "chef": 2, "tags": [1]}`, 201,
		`{"id": 4, "title": "Guest's", "chef": 2, "owner": "guest@example.com", "editor": null, "origin": null,
		"jar": null, "tags": [1], "fans": [], "related": [], "published": false}`)
	c.expect(t, "POST", "/api/recipes/2/publish/", "", 200,
		`{"id": 2, "title": "Stew", "chef": 1, "owner": "chef@example.com", "editor": 2, "origin": null, "jar": 4,
		"tags": [1], "fans": [], "related": [1], "published": true}`)

	// display on a relation to a model: the related row's field, read-only.
	k.exec(t, `UPDATE "kitchen_recipe" SET "origin_id" = $1 WHERE "id" = $2`, 3, 4)
	g.expect(t, "GET", "/api/recipes/4/", "", 200,
		`{"id": 4, "title": "Guest's", "chef": 2, "owner": "guest@example.com", "editor": null, "origin": "Cy",
		"jar": null, "tags": [1], "fans": [], "related": [], "published": false}`)
	g.expect(t, "PATCH", "/api/recipes/4/", `{"origin": "Ann", "jar": 1}`, 200,
		`{"id": 4, "title": "Guest's", "chef": 2, "owner": "guest@example.com", "editor": null, "origin": "Cy",
		"jar": 1, "tags": [1], "fans": [], "related": [], "published": false}`)
}

// recipesOnDelete: protect and restrict answer 409 where Django raises ProtectedError (a
// 500); set_null empties the column; cascade removes rows and links.
func (k *kitchen) recipesOnDelete(t *testing.T) {
	c := k.chef
	conflict := `{"detail": "Cannot delete this object: other objects refer to it."}`
	c.expect(t, "DELETE", "/api/chefs/1/", "", 409, conflict) // recipe.chef: protect
	c.expect(t, "DELETE", "/api/jars/1/", "", 409, conflict)  // recipe.jar: restrict
	c.expect(t, "DELETE", "/api/chefs/3/", "", 204, "")       // only recipe.origin: set_null
	body := c.expect(t, "GET", "/api/recipes/4/", "", 200, "")
	require.Equal(t, "null", field(t, body, "origin"))

	c.expect(t, "DELETE", "/api/tags/1/", "", 204, "") // the links go with the tag
	body = c.expect(t, "GET", "/api/recipes/2/", "", 200, "")
	require.Equal(t, "[]", field(t, body, "tags"))

	// The guest deletes their account: editor is set to null, fans lose them, their
	// recipes (owner: cascade) go.
	k.guest.expect(t, "DELETE", "/auth/users/me/", `{"current_password": "`+password+`"}`, 204, "")
	body = c.expect(t, "GET", "/api/recipes/2/", "", 200, "")
	require.Equal(t, "null", field(t, body, "editor"))
	body = c.expect(t, "GET", "/api/recipes/3/", "", 200, "")
	require.Equal(t, "[1]", field(t, body, "fans"))
	c.expect(t, "GET", "/api/recipes/4/", "", 404, `{"detail": "Not found."}`)

	c.expect(t, "DELETE", "/api/recipes/2/", "", 204, "")
	body = c.expect(t, "GET", "/api/recipes/1/", "", 200, "")
	require.Equal(t, "[]", field(t, body, "related"), "the symmetrical links of a deleted recipe go")
	c.expect(t, "DELETE", "/api/jars/4/", "", 204, "") // its recipe is gone
}

// cards: a singleton through a one_to_one to the user, displaying an extra user field.
func (k *kitchen) cards(t *testing.T) {
	c := k.chef
	c.expect(t, "GET", "/api/cards/me/", "", 200, `{"id": 1, "user": "", "recipe": null, "motto": "Bon appétit"}`)
	c.expect(t, "PATCH", "/auth/users/me/", `{"nickname": "Cooky", "shoe_size": 70}`, 400,
		`{"shoe_size": ["Ensure this value is less than or equal to 60."]}`)
	c.expect(t, "PATCH", "/auth/users/me/", `{"nickname": "Cooky"}`, 200, "")
	c.expect(t, "GET", "/api/cards/me/", "", 200, `{"id": 1, "user": "Cooky", "recipe": null, "motto": "Bon appétit"}`)
	c.expect(t, "PUT", "/api/cards/me/", `{"recipe": 99}`, 400, `{"recipe": ["Invalid pk \"99\" - object does not exist."]}`)
	c.expect(t, "PUT", "/api/cards/me/", `{"recipe": 1, "user": 2}`, 200, `{"id": 1, "user": "Cooky", "recipe": 1, "motto": "Bon appétit"}`)
	c.expect(t, "PATCH", "/api/cards/me/", `{"recipe": ""}`, 200, `{"id": 1, "user": "Cooky", "recipe": null, "motto": "Bon appétit"}`)
	c.expect(t, "PATCH", "/api/cards/me/", `{"motto": "`+strings.Repeat("x", 41)+`"}`, 400,
		`{"motto": ["Ensure this field has no more than 40 characters."]}`)
	c.expect(t, "PATCH", "/api/cards/me/", `{"motto": null}`, 400, `{"motto": ["This field may not be null."]}`)
	c.expect(t, "PATCH", "/api/cards/me/", `{"motto": "", "recipe": 3}`, 200, `{"id": 1, "user": "Cooky", "recipe": 3, "motto": ""}`)
	c.expect(t, "GET", "/api/cards/1/", "", 200, `{"id": 1, "user": "Cooky", "recipe": 3, "motto": ""}`)
	c.expect(t, "POST", "/api/cards/", `{}`, http.StatusMethodNotAllowed, `{"detail": "Method \"POST\" not allowed."}`)
	// recipe: cascade, the default: the card goes with its recipe, and me/ makes a new one.
	c.expect(t, "DELETE", "/api/recipes/3/", "", 204, "")
	c.expect(t, "GET", "/api/cards/1/", "", 404, `{"detail": "Not found."}`)
	c.expect(t, "GET", "/api/cards/me/", "", 200, `{"id": 2, "user": "Cooky", "recipe": null, "motto": "Bon appétit"}`)
}

// transactions: a row and its links are written together or not at all. A trigger makes the
// link's insert fail after the row's.
func (k *kitchen) transactions(t *testing.T, dialect db.Dialect) {
	c := k.chef
	if dialect == db.SQLite {
		k.exec(t, `CREATE TRIGGER "fail_fans" BEFORE INSERT ON "kitchen_recipe_fans" BEGIN SELECT RAISE(ABORT, 'no fans'); END`)
	} else {
		k.exec(t, `CREATE FUNCTION fail_fans() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no fans'; END $$ LANGUAGE plpgsql`)
		k.exec(t, `CREATE TRIGGER "fail_fans" BEFORE INSERT ON "kitchen_recipe_fans" FOR EACH ROW EXECUTE FUNCTION fail_fans()`)
	}
	before := c.expect(t, "GET", "/api/recipes/", "", 200, "")
	c.expect(t, "POST", "/api/recipes/", `{"title": "Doomed", "chef": 1, "tags": [2], "fans": [1]}`, 500, "")
	c.expect(t, "GET", "/api/recipes/", "", 200, string(before))
	c.expect(t, "PUT", "/api/recipes/1/", `{"title": "Doomed", "chef": 2, "tags": [3], "fans": [1]}`, 500, "")
	c.expect(t, "GET", "/api/recipes/", "", 200, string(before))
	// Without the links the same writes succeed.
	c.expect(t, "PATCH", "/api/recipes/1/", `{"title": "Saved", "tags": [3]}`, 200, "")
}

// counters: Django's integer fields. On PostgreSQL each has its column's range
// (integer_field_range), on SQLite none, but the 0 of the positive types holds on both:
// Django on SQLite lets -1 reach the column's CHECK, a server error.
func (k *kitchen) counters(t *testing.T) {
	c := k.chef
	pg := strings.HasPrefix(k.url, "postgres")
	onPG := func(msg string) string {
		if pg {
			return msg
		}
		return ""
	}
	c.expect(t, "POST", "/api/counters/", `{}`, 400, `{"small": ["This field is required."], "stars": ["This field is required."],
		"stock": ["This field is required."]}`)
	c.expect(t, "POST", "/api/counters/", `{"small": 32768, "count": 2147483648, "stars": 0, "stock": -1, "total": -1}`, 400, `{`+
		onPG(`"small": ["Ensure this value is less than or equal to 32767."],
		"count": ["Ensure this value is less than or equal to 2147483647."],`)+`
		"stars": ["Ensure this value is greater than or equal to 1."],
		"stock": ["Ensure this value is greater than or equal to 0."],
		"total": ["Ensure this value is greater than or equal to 0."]}`)
	c.expect(t, "POST", "/api/counters/", `{"small": -32769, "stars": 6, "stock": 2147483648, "total": 9223372036854775808}`, 400, `{`+
		onPG(`"small": ["Ensure this value is greater than or equal to -32768."],
		"stock": ["Ensure this value is less than or equal to 2147483647."],`)+`
		"stars": ["Ensure this value is less than or equal to 5."],
		"total": ["Ensure this value is less than or equal to 9223372036854775807."]}`)
	c.expect(t, "POST", "/api/counters/", `{"small": -32768, "stars": "5", "stock": 0, "total": 9223372036854775807, "big": -1}`, 201,
		`{"id": 1, "small": -32768, "count": null, "big": -1, "stars": 5, "stock": 0, "total": 9223372036854775807}`)
	c.expect(t, "PATCH", "/api/counters/1/", `{"small": 32767, "stock": 2147483647, "stars": 1.5}`, 400,
		`{"stars": ["A valid integer is required."]}`)
	c.expect(t, "PATCH", "/api/counters/1/", `{"small": 32767, "stock": 2147483647, "total": null}`, 200,
		`{"id": 1, "small": 32767, "count": null, "big": -1, "stars": 5, "stock": 2147483647, "total": null}`)
	if !pg {
		// Django's SQLite backend has no range: a smallint holds what SQLite holds.
		c.expect(t, "PATCH", "/api/counters/1/", `{"small": 40000}`, 200,
			`{"id": 1, "small": 40000, "count": null, "big": -1, "stars": 5, "stock": 2147483647, "total": null}`)
	}
}
