package accounts_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/db"
)

// send is env.do with a body sent as it is under contentType, and extra headers.
func (e *env) send(method, path, auth, contentType, body string, header map[string]string) response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	require.NoError(e.t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	r := response{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		require.NoError(e.t, json.Unmarshal(raw, &r.body), string(raw))
	}
	return r
}

const formType = "application/x-www-form-urlencoded"

// The flows take HTML and multipart forms as well as JSON, as DRF's default parsers do,
// and refuse other media types with 415.
func TestFormBodies(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		form := url.Values{"username": {"carl"}, "email": {"carl@example.com"}, "password": {"Carl-Pass-1234"}, "first_name": {""}}
		r := e.send("POST", "/auth/users/", "", formType, form.Encode(), nil)
		e.expect(r, http.StatusCreated, map[string]any{"email": "carl@example.com", "first_name": "", "id": r.obj()["id"],
			"last_name": "", "username": "carl"})
		_, uid, token := e.link(e.oneMail("carl@example.com", subjActivation))
		r = e.send("POST", "/auth/users/activation/", "", formType, "uid="+uid+"&token="+token, nil)
		e.expect(r, http.StatusNoContent, nil)
		e.oneMail("carl@example.com", subjConfirm)

		// Blank form values keep their meaning: a required field that is blank is blank.
		r = e.send("POST", "/auth/users/reset_password/", "", formType, "email=", nil)
		e.expect(r, http.StatusBadRequest, map[string]any{"email": []string{"This field may not be blank."}})
		r = e.send("POST", "/auth/jwt/create/", "", formType, "username=carl", nil)
		e.expect(r, http.StatusBadRequest, map[string]any{"password": []string{"This field is required."}})
		r = e.send("POST", "/auth/token/login/", "", formType, "username=carl&password=Carl-Pass-1234", nil)
		require.Equal(t, http.StatusOK, r.status, string(r.raw))
		require.Len(t, r.obj()["auth_token"], 40)

		mp := "--b0undary\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\ncarl\r\n" +
			"--b0undary\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nCarl-Pass-1234\r\n--b0undary--\r\n"
		r = e.send("POST", "/auth/jwt/create/", "", "multipart/form-data; boundary=b0undary", mp, nil)
		require.Equal(t, http.StatusOK, r.status, string(r.raw))
		r = e.send("POST", "/auth/jwt/create/", "", "multipart/form-data", mp, nil)
		e.expect(r, http.StatusBadRequest, map[string]any{"detail": "Multipart form parse error - Invalid boundary in multipart: None"})

		r = e.send("POST", "/auth/jwt/create/", "", "text/plain", `{"username": "carl"}`, nil)
		e.expect(r, http.StatusUnsupportedMediaType, map[string]any{"detail": `Unsupported media type "text/plain" in request.`})
		r = e.send("POST", "/auth/jwt/create/", "", "application/vnd.api+json", `{"username": "carl"}`, nil)
		require.Equal(t, http.StatusUnsupportedMediaType, r.status)
		r = e.send("POST", "/auth/jwt/create/", "", "", `{"username": "carl"}`, nil)
		e.expect(r, http.StatusUnsupportedMediaType, map[string]any{"detail": `Unsupported media type "" in request.`})
		// An empty body is no data whatever its type.
		r = e.send("POST", "/auth/jwt/create/", "", "text/plain", "", nil)
		e.expect(r, http.StatusBadRequest, map[string]any{"username": []string{"This field is required."}, "password": []string{"This field is required."}})
	})
}

// The routes around djoser's: the router's API root, the format suffixes, the prefix
// patterns of simplejwt and the optional slash of the token routes, content negotiation.
func TestRoutesAroundTheViews(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{settings: func(s *accounts.Settings) { s.DefaultPermission = authz.IsAuthenticated{} }})
		alice := e.user("alice", nil)
		base := e.srv.URL

		e.expect(e.do("GET", "/auth/", bearer(alice), nil), http.StatusOK, map[string]any{"users": base + "/auth/users/"})
		e.expect(e.do("GET", "/auth/.json", bearer(alice), nil), http.StatusOK, map[string]any{"users": base + "/auth/users.json"})
		e.expect401(e.do("GET", "/auth/", "", nil), notAuthenticated)
		r := e.do("GET", "/auth", "", nil)
		require.Equal(t, http.StatusMovedPermanently, r.status)
		require.Equal(t, "/auth/", r.header.Get("Location"))
		r = e.do("OPTIONS", "/auth/", bearer(alice), nil)
		e.expect(r, http.StatusOK, map[string]any{"name": "Api Root", "description": "The default basic root view for DefaultRouter",
			"renders": []string{"application/json", "text/html"}, "parses": []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data"}})

		me := map[string]any{"email": "alice@example.com", "first_name": "", "id": alice.id, "last_name": "", "username": "alice"}
		e.expect(e.do("GET", "/auth/users/me.json", bearer(alice), nil), http.StatusOK, me)
		e.expect(e.do("GET", "/auth/users/me/?format=json", bearer(alice), nil), http.StatusOK, me)
		e.expect(e.do("GET", "/auth/users/me.xml", bearer(alice), nil), http.StatusNotFound, map[string]any{"detail": "Not found."})
		// Negotiation comes before authentication, as in APIView.initial.
		e.expect(e.do("GET", "/auth/users/me/?format=yaml", "", nil), http.StatusNotFound, map[string]any{"detail": "Not found."})
		r = e.send("GET", "/auth/users/me/", "", "", "", map[string]string{"Accept": "application/xml"})
		e.expect(r, http.StatusNotAcceptable, map[string]any{"detail": "Could not satisfy the request Accept header."})
		// The HTML page of the browsable API's place, djoser's errors included.
		for _, r := range []response{
			e.do("GET", "/auth/users/me/?format=api", "", nil),
			e.send("GET", "/auth/users/me/", "", "", "", map[string]string{"Accept": "text/html"}),
		} {
			require.Equal(t, http.StatusUnauthorized, r.status)
			require.Equal(t, "text/html; charset=utf-8", r.header.Get("Content-Type"))
			require.Contains(t, string(r.raw), "HTTP 401 Unauthorized")
			require.Contains(t, string(r.raw), "&#34;detail&#34;: &#34;Authentication credentials were not provided.&#34;")
		}
		r = e.do("GET", "/auth/users/me.api", bearer(alice), nil)
		require.Equal(t, http.StatusOK, r.status)
		require.Contains(t, string(r.raw), "&#34;username&#34;: &#34;alice&#34;")

		creds := map[string]any{"username": alice.username, "password": alice.password}
		for _, p := range []string{"/auth/jwt/create", "/auth/jwt/create/", "/auth/jwt/create/extra/path"} {
			r = e.do("POST", p, "", creds)
			require.Equal(t, http.StatusOK, r.status, p)
		}
		e.expect(e.do("GET", "/auth/jwt/create/x", "", nil), http.StatusMethodNotAllowed, map[string]any{"detail": `Method "GET" not allowed.`})
		e.expect(e.do("POST", "/auth/jwt/verify", "", map[string]any{"token": alice.access}), http.StatusOK, map[string]any{})
		r = e.do("POST", "/auth/jwt/blacklist", "", nil)
		require.Equal(t, http.StatusMovedPermanently, r.status)
		require.Equal(t, "/auth/jwt/blacklist/", r.header.Get("Location"))
		require.Equal(t, http.StatusOK, e.do("POST", "/auth/token/login", "", creds).status)
		require.Equal(t, http.StatusNotFound, e.do("POST", "/auth/token/login/x", "", creds).status)
		require.Equal(t, http.StatusNotFound, e.do("GET", "/auth/jwt/", "", nil).status)
		require.Equal(t, http.StatusNotFound, e.do("GET", "/auth//users/", bearer(alice), nil).status)
	})
}

// OPTIONS shows SimpleMetadata's "actions" for the methods the caller may use: djoser's
// viewset describes its UserSerializer on every route, simplejwt's views their serializers.
func TestOptionsMetadata(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		alice := e.user("alice", nil)
		bob := e.user("bob", nil)
		parses := []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data"}
		userFields := map[string]any{
			"email": map[string]any{"type": "email", "required": false, "read_only": false, "label": "Email address", "max_length": 254},
			"id":    map[string]any{"type": "integer", "required": false, "read_only": true, "label": "ID"},
			"username": map[string]any{"type": "string", "required": false, "read_only": true, "label": "Username",
				"help_text": "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."},
		}
		meta := func(name, desc string, actions map[string]any) map[string]any {
			m := map[string]any{"name": name, "description": desc, "renders": []string{"application/json", "text/html"}, "parses": parses}
			if actions != nil {
				m["actions"] = actions
			}
			return m
		}
		e.expect(e.do("OPTIONS", "/auth/users/", bearer(alice), nil), http.StatusOK,
			meta("User List", "", map[string]any{"POST": userFields}))
		e.expect(e.do("OPTIONS", "/auth/users/"+itoa(alice.id)+"/", bearer(alice), nil), http.StatusOK,
			meta("User Instance", "", map[string]any{"PUT": userFields}))
		// Another user's record: the object check fails, so no PUT; a missing one likewise.
		e.expect(e.do("OPTIONS", "/auth/users/"+itoa(bob.id)+"/", bearer(alice), nil), http.StatusOK, meta("User Instance", "", nil))
		e.expect(e.do("OPTIONS", "/auth/users/99999/", bearer(alice), nil), http.StatusOK, meta("User Instance", "", nil))
		e.expect(e.do("OPTIONS", "/auth/users/set_password/", bearer(alice), nil), http.StatusOK,
			meta("Set password", "", map[string]any{"POST": userFields}))
		// The viewset's "metadata" action wants PERMISSIONS.user.
		e.expect401(e.do("OPTIONS", "/auth/users/activation/", "", nil), notAuthenticated)

		e.expect(e.do("OPTIONS", "/auth/jwt/refresh/", "", nil), http.StatusOK, meta("Token Refresh",
			"Takes a refresh type JSON web token and returns an access type JSON web\ntoken if the refresh token is valid.",
			map[string]any{"POST": map[string]any{
				"refresh": map[string]any{"type": "string", "required": true, "read_only": false, "label": "Refresh"},
				"access":  map[string]any{"type": "string", "required": false, "read_only": true, "label": "Access"},
			}}))
		e.expect(e.do("OPTIONS", "/auth/token/login/", "", nil), http.StatusOK, meta("Token Create",
			"Use this endpoint to obtain user authentication token.",
			map[string]any{"POST": map[string]any{
				"password": map[string]any{"type": "string", "required": false, "read_only": false, "label": "Password"},
				"username": map[string]any{"type": "string", "required": false, "read_only": false, "label": "Username"},
			}}))
		e.expect(e.do("OPTIONS", "/auth/token/logout/", bearer(alice), nil), http.StatusOK, meta("Token Destroy",
			"Use this endpoint to logout user (remove user authentication token).", nil))
	})
}

// Registration reports what djoser reports in the corner cases of the username.
func TestUsernameCorners(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		e.user("frank", nil)
		// The unique check sees the name as sent; the model normalises it (NFKC) to a taken
		// one, and djoser answers the IntegrityError with a bare list.
		r := e.do("POST", "/auth/users/", "", map[string]any{"username": "ｆｒａｎｋ", "email": "fw@example.com", "password": "Good-Pass-1234"})
		e.expect(r, http.StatusBadRequest, []string{"Unable to create account."})
		// A NUL character fails the username validator and the CharField's own check.
		r = e.do("POST", "/auth/users/", "", map[string]any{"username": "nul\u0000x", "email": "n@example.com", "password": "Good-Pass-1234"})
		e.expect(r, http.StatusBadRequest, map[string]any{"username": []string{
			"Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
			"Null characters are not allowed."}})
	})
}
