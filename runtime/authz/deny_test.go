package authz_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/authz"
)

// TestDenyStatus pins DRF's choice between 401 and 403: anonymous subjects get 401 with the
// first authenticator's challenge, or 403 when it has none to give; authenticated ones 403
// with the failing class's message.
func TestDenyStatus(t *testing.T) {
	deny := func(s *authz.Subject, failed authz.Checker, challenge string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		req := authz.NewRequest(httptest.NewRequest(http.MethodGet, "/x/", nil), s)
		authz.Respond(w, req, authz.Check(req, failed), challenge, nil)
		return w
	}
	w := deny(authz.Anonymous(), authz.IsAuthenticated{}, `Bearer realm="api"`)
	require.Equal(t, http.StatusUnauthorized, w.Code)
	require.Equal(t, `Bearer realm="api"`, w.Header().Get("WWW-Authenticate"))
	require.JSONEq(t, `{"detail": "Authentication credentials were not provided."}`, w.Body.String())

	w = deny(authz.Anonymous(), authz.IsAuthenticated{}, "")
	require.Equal(t, http.StatusForbidden, w.Code)
	require.Empty(t, w.Header().Get("WWW-Authenticate"))
	require.JSONEq(t, `{"detail": "Authentication credentials were not provided."}`, w.Body.String())

	alice := authz.NewSubject(7, "alice", true, false, false, nil, nil)
	w = deny(alice, authz.WithMessage(authz.IsAdminUser{}, "Staff only.", ""), `Bearer realm="api"`)
	require.Equal(t, http.StatusForbidden, w.Code)
	require.JSONEq(t, `{"detail": "Staff only."}`, w.Body.String())
}
