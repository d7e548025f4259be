// Package openapicheck holds a generated app's openapi.json to the running app: every
// documented path and method answers, with a documented status and never 404 or 405; every
// pattern the app registers is a documented path, and every method a path serves (its
// Allow header) a documented one. The examples' tests run it.
package openapicheck

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/muxpatterns"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/password"
	"github.com/authgen/authgen/runtime/users"
)

// document is as much of openapi.json as the check reads.
type document struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]*schema `json:"schemas"`
	} `json:"components"`
}

type operation struct {
	RequestBody *struct {
		Content map[string]struct {
			Schema *schema `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
	Responses map[string]json.RawMessage `json:"responses"`
}

type schema struct {
	Ref        string             `json:"$ref"`
	Type       any                `json:"type"`
	Format     string             `json:"format"`
	Enum       []any              `json:"enum"`
	Minimum    *json.Number       `json:"minimum"`
	Items      *schema            `json:"items"`
	Properties map[string]*schema `json:"properties"`
	AnyOf      []*schema          `json:"anyOf"`
}

// methods are the operations' keys of a path item, in the order the check sends them:
// DELETE last, so that every other request finds its object.
var methods = []string{"get", "post", "put", "patch", "delete"}

// Check serves def (a fresh SQLite database, migrated) and holds the document at docPath
// to it, as a superuser, who passes every permission: so a documented route that answers
// 404 or 405 is missing, not hidden.
func Check(t *testing.T, def app.Definition, docPath string, valid ...Values) {
	raw, err := os.ReadFile(docPath)
	require.NoError(t, err)
	var doc document
	require.NoError(t, json.Unmarshal(raw, &doc))

	dbURL := "sqlite://" + filepath.Join(t.TempDir(), "app.db")
	h, err := app.NewHandler(context.Background(), def, app.Options{DatabaseURL: dbURL,
		SecretKey: []byte("openapicheck-secret-key-0123456789-abcdefghijklmnop"), Migrate: true,
		MailOutput: io.Discard, Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		require.NoError(t, h.Close())
	})

	c := &client{t: t, url: srv.URL, doc: &doc, ids: map[string]string{}, valid: Values{}}
	for _, v := range valid {
		maps.Copy(c.valid, v)
	}
	c.superuser(def, dbURL)

	// Every pattern the app registers is a documented path (or a variant of one: the path
	// without its final slash, simplejwt's prefix patterns).
	patterns, err := muxpatterns.Patterns(h.Routes())
	require.NoError(t, err)
	require.NotEmpty(t, patterns)
	methodsOf := map[string][]string{} // the paths registered with a method: "GET /healthz"
	for _, p := range patterns {
		if method, path, ok := strings.Cut(p, " "); ok {
			p = path
			methodsOf[path] = append(methodsOf[path], method)
		}
		p = strings.TrimSuffix(strings.TrimSuffix(p, "{$}"), "{rest...}")
		_, documented := doc.Paths[p]
		_, slashed := doc.Paths[p+"/"]
		require.True(t, documented || slashed, "the app serves %s, which openapi.json does not document", p)
	}

	paths := make([]string, 0, len(doc.Paths))
	for p := range doc.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	c.objects(paths)

	// Every method a documented path serves is documented: the methods of its patterns, or
	// its Allow header (answered to OPTIONS, with 405 where the route refuses OPTIONS).
	for _, p := range paths {
		var documented []string
		for _, m := range methods {
			if _, ok := doc.Paths[p][m]; ok {
				documented = append(documented, strings.ToUpper(m))
			}
		}
		served, header := methodsOf[p], strings.Join(methodsOf[p], ", ")
		if served == nil {
			_, header = c.options(p)
			for _, m := range strings.Split(header, ",") {
				if m = strings.TrimSpace(m); m != "" && m != http.MethodHead && m != http.MethodOptions {
					served = append(served, m)
				}
			}
		}
		require.NotEmpty(t, served, "OPTIONS %s: no Allow header", p)
		require.ElementsMatch(t, documented, served, "%s serves %s, openapi.json documents %s", p, header, documented)
	}

	checked := 0
	for _, m := range methods {
		order := paths
		if m == "delete" {
			order = c.deleteOrder(paths)
		}
		for _, p := range order {
			rawOp, ok := doc.Paths[p][m]
			if !ok {
				continue
			}
			var op operation
			require.NoError(t, json.Unmarshal(rawOp, &op))
			status, body := c.send(strings.ToUpper(m), p, &op)
			require.NotContains(t, []int{http.StatusNotFound, http.StatusMethodNotAllowed}, status,
				"%s %s is documented, the app answers %d: %s", strings.ToUpper(m), p, status, body)
			_, documented := op.Responses[strconv.Itoa(status)]
			if _, success := op.Responses["2XX"]; success && status >= 200 && status < 300 {
				documented = true // a hand-written handler's own status
			}
			require.True(t, documented, "%s %s answers %d, which openapi.json does not document (only %v): %s",
				strings.ToUpper(m), p, status, slices.Sorted(maps.Keys(op.Responses)), body)
			checked++
			if m == "delete" || status == http.StatusUnauthorized {
				c.login() // a delete may have revoked the caller's sessions
			}
		}
	}
	t.Logf("%d documented operations answered as documented; %d registered patterns documented", checked, len(patterns))
}

// callerEmail is the caller's e-mail address.
const callerEmail = "openapi-root@example.com"

// client sends the check's requests as a superuser.
type client struct {
	t   *testing.T
	url string
	doc *document
	// the caller: its log-in field, name and password, id, header type and access token
	loginField, loginName, password string
	userID                          int64
	headerType, access              string
	// ids are the objects' ids by collection path ("/store/products/"); made lists the
	// collections in the order their objects were made.
	ids  map[string]string
	made []string
	// valid are the app's own field values by path, used in place of the schema's.
	valid Values
}

// Values are request-body fields by documented path ("/library/books/": {"isbn": …}) that
// Check sends in place of the plausible values it makes from the schema: values that only the
// app's own validation (a hook's check digit, a date in the future) can tell valid. Paths of
// a collection's detail and actions ("/library/books/{id}/…") take the collection's.
type Values map[string]map[string]any

// deleteOrder is paths with the collections whose objects were made last first: deleting
// a row deletes the rows that refer to it, which were made after it.
func (c *client) deleteOrder(paths []string) []string {
	rank := func(p string) int {
		for i, coll := range c.made {
			if strings.HasPrefix(p, coll) {
				return -i
			}
		}
		return 1
	}
	out := slices.Clone(paths)
	slices.SortStableFunc(out, func(a, b string) int { return rank(a) - rank(b) })
	return out
}

// superuser creates the caller in the app's database and logs it in.
func (c *client) superuser(def app.Definition, dbURL string) {
	d, err := db.Open(dbURL)
	require.NoError(c.t, err)
	defer d.Close()
	store, err := users.NewStore(d, def.UserFields, def.Relations...)
	require.NoError(c.t, err)
	c.loginName, c.password = "openapi-root", "Openapi-check-2024!"
	hash, err := (&password.PBKDF2{Iterations: 1000}).Encode(c.password)
	require.NoError(c.t, err)
	u, err := store.CreateSuperuser(context.Background(), c.loginName, callerEmail, hash)
	require.NoError(c.t, err)
	c.userID = u.ID
	c.loginField = def.Accounts.LoginField
	if c.loginField == "email" {
		c.loginName = callerEmail
	}
	c.headerType = "Bearer"
	if len(def.JWT.HeaderTypes) > 0 {
		c.headerType = def.JWT.HeaderTypes[0]
	}
	c.login()
}

func (c *client) login() {
	var out struct{ Access string }
	status, body := c.do("POST", "/auth/jwt/create/", map[string]any{c.loginField: c.loginName, "password": c.password}, false)
	require.Equal(c.t, http.StatusOK, status, "log-in as %s: %s", c.loginName, body)
	require.NoError(c.t, json.Unmarshal(body, &out))
	c.access = out.Access
}

// objects makes an object in every collection that takes POST, and finds the ids the
// detail routes need: the caller's own for the users, another session of the caller's.
func (c *client) objects(paths []string) {
	c.ids["/auth/users/"] = strconv.FormatInt(c.userID, 10)
	// A collection whose objects refer to another's is made once that one is: retry.
	for pending := true; pending; {
		pending = false
		made := false
		for _, p := range paths {
			item := c.doc.Paths[p]
			rawOp, ok := item["post"]
			if _, has := c.ids[p]; !ok || has || !c.detail(p) {
				continue
			}
			var op operation
			require.NoError(c.t, json.Unmarshal(rawOp, &op))
			status, body := c.do("POST", p, c.body(p, &op), true)
			if status != http.StatusCreated {
				pending = true
				continue
			}
			var obj struct{ ID json.Number }
			require.NoError(c.t, json.Unmarshal(body, &obj))
			c.ids[p], made = obj.ID.String(), true
			c.made = append(c.made, p)
		}
		if !made {
			break
		}
	}
	// Singletons made on first read (/store/customers/me/), then any list's first object.
	for _, p := range paths {
		if _, ok := c.doc.Paths[p]["get"]; ok && !strings.Contains(p, "{") {
			c.do("GET", p, nil, true)
		}
	}
	for _, p := range paths {
		if _, has := c.ids[p]; has || !c.detail(p) {
			continue
		}
		if _, ok := c.doc.Paths[p]["get"]; !ok {
			continue
		}
		status, body := c.do("GET", p, nil, true)
		var list []struct{ ID json.Number }
		var page struct{ Results []struct{ ID json.Number } }
		if status == http.StatusOK && json.Unmarshal(body, &list) != nil && json.Unmarshal(body, &page) == nil {
			list = page.Results
		}
		if len(list) > 0 {
			c.ids[p] = list[0].ID.String()
		}
	}
}

// otherSession logs the caller in once more and returns that session's id, so that
// revoking it leaves the caller's.
func (c *client) otherSession() string {
	access := c.access
	c.login()
	c.access = access
	status, body := c.do("GET", "/auth/sessions/", nil, true)
	require.Equal(c.t, http.StatusOK, status, "%s", body)
	var list []struct {
		ID      string
		Current bool
	}
	require.NoError(c.t, json.Unmarshal(body, &list))
	for _, s := range list {
		if !s.Current {
			return s.ID
		}
	}
	c.t.Fatalf("no other session among %s", body)
	return ""
}

// detail reports whether the collection p has a documented detail route.
func (c *client) detail(p string) bool {
	_, ok := c.doc.Paths[p+"{id}/"]
	return ok
}

// options sends OPTIONS to path (its {id} the collection's object) and returns the status
// and the Allow header.
func (c *client) options(path string) (int, string) {
	if before, after, ok := strings.Cut(path, "{id}"); ok {
		id := c.ids[before]
		if id == "" {
			id = "1"
		}
		path = before + id + after
	}
	req, err := http.NewRequest(http.MethodOptions, c.url+path, nil)
	require.NoError(c.t, err)
	req.Header.Set("Authorization", c.headerType+" "+c.access)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Allow")
}

// send sends op at path, its {id} the collection's object, with a body made from its
// request schema.
func (c *client) send(method, path string, op *operation) (int, []byte) {
	route := path
	if before, after, ok := strings.Cut(path, "{id}"); ok {
		if before == "/auth/sessions/" {
			// A session of its own: the caller's may have been revoked since.
			c.ids[before] = c.otherSession()
		}
		id, known := c.ids[before]
		require.True(c.t, known, "no object for %s", path)
		path = before + id + after
	}
	var body any
	if op.RequestBody != nil {
		body = c.body(route, op)
	}
	return c.do(method, path, body, true)
}

// body is a value of the operation at path's request schema, with the app's valid values
// of the path's collection.
func (c *client) body(path string, op *operation) any {
	if op.RequestBody == nil {
		return nil
	}
	v := c.value(op.RequestBody.Content["application/json"].Schema)
	collection, _, _ := strings.Cut(path, "{id}")
	if obj, ok := v.(map[string]any); ok {
		for name, value := range c.valid[collection] {
			if _, inSchema := obj[name]; inSchema {
				obj[name] = value
			}
		}
	}
	return v
}

// value is a plausible value of s: every property given, the first choice, the lower
// bound, true for flags (so that a status change keeps the caller a superuser).
func (c *client) value(s *schema) any {
	if s == nil {
		return "x"
	}
	if s.Ref != "" {
		return c.value(c.doc.Components.Schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")])
	}
	if len(s.AnyOf) > 0 {
		return c.value(s.AnyOf[0])
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	typ, _ := s.Type.(string)
	if list, ok := s.Type.([]any); ok && len(list) > 0 {
		typ, _ = list[0].(string)
	}
	switch typ {
	case "object":
		out := map[string]any{}
		for name, p := range s.Properties {
			out[name] = c.value(p)
		}
		return out
	case "array":
		return []any{}
	case "integer":
		if s.Minimum != nil {
			n, _ := s.Minimum.Int64()
			return max(n, 1)
		}
		return 1
	case "boolean":
		return true
	case "string":
		if v, ok := formatted[s.Format]; ok {
			return v
		}
	}
	return "x"
}

// formatted are values of the string formats: the caller's own e-mail address, which djoser
// would otherwise take as a change to confirm (and deactivate the caller until then).
var formatted = map[string]string{"email": callerEmail, "date": "2024-01-02",
	"date-time": "2024-01-02T03:04:05Z", "uuid": "0b1a8f2e-6a3c-4d1e-9f7a-2b3c4d5e6f70",
	"decimal": "1.00", "uri": "http://example.com/"}

// do sends a JSON request, as the caller when auth.
func (c *client) do(method, path string, body any, auth bool) (int, []byte) {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		require.NoError(c.t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.url+path, rd)
	require.NoError(c.t, err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth {
		req.Header.Set("Authorization", c.headerType+" "+c.access)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	return resp.StatusCode, out
}
