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
// allow_null and allow_blank go with the lookup.
func TestFieldsReadWithFormRules(t *testing.T) {
	src := storeEndpoint(t, "profiles")
	require.Contains(t, src, `body.Get("dob", httpx.FieldRules{AllowNull: true}, partial)`)
	require.Contains(t, src, `body.Get("bio", httpx.FieldRules{AllowNull: true}, partial)`)
	require.Contains(t, src, `httpx.Decode(w, r, 0)`)
	src = storeEndpoint(t, "reviews")
	require.Contains(t, src, `body.Get("comment", httpx.FieldRules{AllowBlank: true}, partial)`)
	require.Contains(t, src, `body.Get("rating", httpx.FieldRules{Required: true}, partial)`)
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

// OPTIONS describes the serializer for PUT and POST when the caller may use them: the
// route's checks for the cloned method, and for PUT get_object with its object checks. A
// route without an object's id that serves PUT answers 405 (DRF fails there).
func TestOptionsDescribeTheSerializer(t *testing.T) {
	src := storeEndpoint(t, "reviews")
	require.Contains(t, src, `if authz.Check(req.WithMethod(http.MethodPost), reviewsPermissions...).Allowed() {`)
	require.Contains(t, src, "if put := req.WithMethod(http.MethodPut); authz.Check(put, reviewsPermissions...).Allowed() &&\n\t\t\tview.ObjectAllows(r, put, reviewsPermissions, a.getReviews) {")
	for _, want := range []string{
		`{Name: "id", Info: httpx.FieldInfo{Label: "ID", ReadOnly: true, Type: "integer"}},`,
		`{Name: "owner", Info: httpx.FieldInfo{Label: "Owner", ReadOnly: true, Type: "field"}},`,
		`{Name: "rating", Info: httpx.FieldInfo{Label: "Rating", MaxValue: "5", MinValue: "1", Required: true, Type: "integer"}},`,
	} {
		require.Contains(t, src, want)
	}

	src = storeEndpoint(t, "customers")
	me := src[strings.Index(src, "func (a *API) serveCustomersMe("):]
	me = me[:strings.Index(me, "\n}\n")]
	require.Contains(t, me, "case http.MethodOptions:\n\t\t// DRF's OPTIONS fails here (get_object without an id): not allowed.\n\t\thttpx.MethodNotAllowed(")

	src = storeEndpoint(t, "products")
	publish := src[strings.Index(src, "func (a *API) serveProductsPublish("):]
	publish = publish[:strings.Index(publish, "\n}\n")]
	require.Contains(t, publish, `authz.Check(req.WithMethod(http.MethodPost), productsPublishPermissions...).Allowed()`)
	require.Contains(t, publish, `httpx.Options(w, "POST, OPTIONS", "Publish", "", actions...)`)
	// An action takes no format suffix (the reference's function has no format argument).
	require.Contains(t, publish, "if httpx.Format(r) != \"\" && r.Method != http.MethodOptions {")
}
