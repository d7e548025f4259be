package accounts

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/users"
)

// TestObjectJSONIsEncodingJSONs: an object is written as encoding/json wrote it when each
// member was encoded by json.Marshal and the whole compacted with HTML escaping.
func TestObjectJSONIsEncodingJSONs(t *testing.T) {
	o := object{
		{"id", int64(-42)}, {"email", "<a&b>@example.com"}, {"first_name", "Zoë \u2028"},
		{"is_active", true}, {"last_login", nil}, {"bio", "\xff"}, {"score", 1.5},
		{"price", fields.MustDecimal("10.50")}, {"tags", []string{"<x>"}}, {"k\"ey", map[string]int{"b": 1, "a": 2}},
	}
	raw := "{"
	for i, m := range o {
		if i > 0 {
			raw += ","
		}
		k, err := json.Marshal(m.key)
		require.NoError(t, err)
		v, err := json.Marshal(m.value)
		require.NoError(t, err)
		raw += string(k) + ":" + string(v)
	}
	want, err := json.Marshal(json.RawMessage(raw + "}"))
	require.NoError(t, err)
	got, err := o.appendJSON(nil)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))
	viaMarshal, err := json.Marshal(o)
	require.NoError(t, err)
	require.Equal(t, string(want), string(viaMarshal))
}

// TestWriteUserAsObject: the user's fields written from the row are what writeObject of
// represent writes, status and headers included, for every built-in field and extra ones,
// odd strings among them.
func TestWriteUserAsObject(t *testing.T) {
	login := time.Date(2026, 12, 6, 5, 0, 0, 123_456_789, time.FixedZone("", 3600))
	u := &users.User{ID: -7, Password: "pbkdf2$x", LastLogin: &login, IsSuperuser: true, Username: "<zoë>&\u2028",
		FirstName: "\xff\"", LastName: "", Email: "a@b", IsStaff: false, IsActive: true, DateJoined: login.Add(time.Hour),
		Extra: map[string]any{"bio": "x\ny", "score": int64(3), "price": fields.MustDecimal("1.50"), "nothing": nil, "ratio": 0.5}}
	all := []string{"id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email",
		"is_staff", "is_active", "date_joined", "bio", "score", "price", "nothing", "ratio", "missing"}
	for _, fields := range [][]string{all, {}, {"email", "id", "username"}, {"username"}, {"price", "id"}} {
		want, got := httptest.NewRecorder(), httptest.NewRecorder()
		writeObject(want, http.StatusCreated, represent(u, fields))
		writeUser(got, http.StatusCreated, u, fields)
		require.Equal(t, want.Code, got.Code)
		require.Equal(t, want.Header(), got.Header())
		require.Equal(t, want.Body.String(), got.Body.String())
	}
	u.LastLogin = nil
	want, got := httptest.NewRecorder(), httptest.NewRecorder()
	writeObject(want, http.StatusOK, represent(u, all))
	writeUser(got, http.StatusOK, u, all)
	require.Equal(t, want.Body.String(), got.Body.String())
}
