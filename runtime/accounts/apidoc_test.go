package accounts_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/apidoc"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/jwtkeys"
)

// TestAPIDocNames holds the names apidoc repeats (it imports no runtime) to the runtime's.
func TestAPIDocNames(t *testing.T) {
	require.Equal(t, jwtauth.AccessCookie, apidoc.AccessCookie)
	require.Equal(t, jwtkeys.JWKSPath, apidoc.JWKSPath)
}

// TestAPIDocDescribesTheRoutes holds runtime/apidoc, from which the generator writes
// openapi.json, to the handlers: the same routes in the same order, each answering the
// methods described (its Allow header), and each request body's required fields exactly
// those an empty body is refused for.
func TestAPIDocDescribesTheRoutes(t *testing.T) {
	e := newEnv(t, db.SQLite, options{})
	root := e.admin("root")
	s := storeSettings()
	described := apidoc.AccountRoutes(apidoc.Config{LoginField: s.LoginField, TokenAuth: true,
		JWTBlacklistPath: s.JWTBlacklistPath, Serializers: apidoc.Serializers(s.Serializers)})

	var paths []string
	for _, r := range described {
		paths = append(paths, r.Path)
	}
	require.Equal(t, e.acc.Routes(), paths)

	for _, r := range described {
		path := strings.ReplaceAll(r.Path, "{id}", itoa(root.id))
		if !strings.HasPrefix(path, "/") {
			path = "/auth/" + path
		}
		var allow []string
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"} {
			served := m
			if m == "HEAD" {
				served = "GET"
			}
			if m == "OPTIONS" || slices.ContainsFunc(r.Ops, func(op apidoc.Op) bool { return op.Method == served }) {
				allow = append(allow, m)
			}
		}
		// users/me/ answers OPTIONS 405 (djoser's metadata fails there), with the same Allow.
		require.Equal(t, strings.Join(allow, ", "), e.do("OPTIONS", path, bearer(root), nil).header.Get("Allow"), path)

		for _, op := range r.Ops {
			var required []string
			for _, f := range op.Body {
				if f.Required {
					required = append(required, f.Name)
				}
			}
			if len(required) == 0 {
				continue
			}
			res := e.do(op.Method, path, bearer(root), map[string]any{})
			require.Equal(t, http.StatusBadRequest, res.status, "%s %s: %s", op.Method, path, res.raw)
			var refused []string
			for k := range res.obj() {
				refused = append(refused, k)
			}
			slices.Sort(refused)
			slices.Sort(required)
			require.Equal(t, required, refused, "%s %s: %s", op.Method, path, res.raw)
		}
	}
}
