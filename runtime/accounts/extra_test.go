package accounts_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fieldtype"
	"github.com/authgen/authgen/runtime/users"
)

var (
	one, ten   = int64(1), int64(10)
	extraUsers = []users.Field{
		{Name: "display_name", Kind: fieldtype.String, MaxLength: 20, Blank: true},
		{Name: "level", Kind: fieldtype.Int, Min: &one, Max: &ten, Default: int64(1)},
		{Name: "vip", Kind: fieldtype.Bool, Default: false},
		{Name: "balance", Kind: fieldtype.Decimal, MaxDigits: 6, DecimalPlaces: 2, Null: true},
		{Name: "birthday", Kind: fieldtype.Date, Null: true},
		{Name: "color", Kind: fieldtype.String, MaxLength: 10, Choices: []any{"red", "blue"}, Default: "red"},
		{Name: "badge", Kind: fieldtype.String, MaxLength: 20, Null: true, Unique: true},
	}
	extraUserDDL = map[db.Dialect]string{
		db.SQLite: `, "display_name" varchar(20) NOT NULL, "level" integer NOT NULL, "vip" bool NOT NULL,` +
			` "balance" decimal NULL, "birthday" date NULL, "color" varchar(10) NOT NULL, "badge" varchar(20) NULL UNIQUE`,
		db.Postgres: `, "display_name" varchar(20) NOT NULL, "level" integer NOT NULL, "vip" boolean NOT NULL,` +
			` "balance" numeric(6, 2) NULL, "birthday" date NULL, "color" varchar(10) NOT NULL, "badge" varchar(20) NULL UNIQUE`,
	}
)

func TestExtraUserFields(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		all := []string{"first_name", "display_name", "level", "vip", "balance", "birthday", "color", "badge"}
		e := newEnv(t, dialect, options{extra: extraUsers, extraDDL: extraUserDDL, settings: func(s *accounts.Settings) {
			s.Serializers = accounts.Serializers{UserCreate: all, CurrentUser: all, User: []string{"display_name"}}
		}})
		reg := func(body map[string]any) response {
			base := map[string]any{"username": "kim", "email": "kim@example.com", "password": "Kim-pass-2024"}
			for k, v := range body {
				base[k] = v
			}
			return e.do("POST", "/auth/users/", "", base)
		}
		e.expect(reg(map[string]any{"display_name": "this name is far too long", "level": 11, "vip": "maybe",
			"balance": "1234.567", "birthday": "1990-02-30", "color": "green", "badge": nil}), http.StatusBadRequest, map[string]any{
			"display_name": []string{"Ensure this field has no more than 20 characters."},
			"level":        []string{"Ensure this value is less than or equal to 10."},
			"vip":          []string{"Must be a valid boolean."},
			"balance":      []string{"Ensure that there are no more than 6 digits in total."},
			"birthday":     []string{"Date has wrong format. Use one of these formats instead: YYYY-MM-DD."},
			"color":        []string{`"green" is not a valid choice.`},
		})
		r := reg(map[string]any{"display_name": "Kim", "level": "3", "vip": "yes", "balance": 12.5, "birthday": "1990-05-17",
			"color": "blue", "badge": "gold"})
		require.Equal(t, http.StatusCreated, r.status, string(r.raw))
		id := int64(r.obj()["id"].(float64))
		require.Equal(t, `{"email":"kim@example.com","username":"kim","id":`+itoa(id)+`,"first_name":"","display_name":"Kim","level":3,`+
			`"vip":true,"balance":"12.50","birthday":"1990-05-17","color":"blue","badge":"gold"}`, string(r.raw))
		e.expect(e.do("POST", "/auth/users/", "", map[string]any{"username": "lou", "password": "Lou-pass-2024", "badge": "gold"}),
			http.StatusBadRequest, map[string]any{"badge": []string{"user with this badge already exists."}})
		r = e.do("POST", "/auth/users/", "", map[string]any{"username": "lou", "password": "Lou-pass-2024"})
		require.Equal(t, http.StatusCreated, r.status)
		require.Equal(t, map[string]any{"email": "", "username": "lou", "id": r.obj()["id"], "first_name": "", "display_name": "",
			"level": 1.0, "vip": false, "balance": nil, "birthday": nil, "color": "red", "badge": nil}, r.obj(), "defaults")

		_, uid, token := e.link(e.oneMail("kim@example.com", subjActivation))
		e.expect(e.do("POST", "/auth/users/activation/", "", map[string]any{"uid": uid, "token": token}), http.StatusNoContent, nil)
		e.creds["kim"] = &creds{username: "kim", password: "Kim-pass-2024", id: id}
		e.login("kim")
		kim := e.creds["kim"]
		r = e.do("PATCH", "/auth/users/me/", bearer(kim), map[string]any{"level": 4, "balance": nil, "badge": "gold"})
		require.Equal(t, http.StatusOK, r.status, string(r.raw), "its own badge is no duplicate")
		require.Equal(t, 4.0, r.obj()["level"])
		require.Nil(t, r.obj()["balance"])
		e.expect(e.do("PUT", "/auth/users/me/", bearer(kim), map[string]any{"level": 0, "birthday": "2000-01-01T10:00:00Z"}),
			http.StatusBadRequest, map[string]any{"level": []string{"Ensure this value is greater than or equal to 1."},
				"birthday": []string{"Date has wrong format. Use one of these formats instead: YYYY-MM-DD."}})
		// No extra field is required (each has a default, is blank or null): PUT {} keeps them.
		r = e.do("PUT", "/auth/users/me/", bearer(kim), map[string]any{})
		require.Equal(t, http.StatusOK, r.status)
		require.Equal(t, "blue", r.obj()["color"])
		// users/{id}/ shows the user serializer's fields only.
		e.expect(e.do("GET", "/auth/users/"+itoa(id)+"/", bearer(kim), nil), http.StatusOK,
			map[string]any{"email": "kim@example.com", "id": id, "username": "kim", "display_name": "Kim"})
	})
}

// An integer user field without bounds of its own takes the column's on PostgreSQL only,
// as Django's backends give it (SQLite's integer_field_range is (None, None)).
func TestExtraIntegerFieldBoundsFollowTheDialect(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{
			extra:    []users.Field{{Name: "stars", Kind: fieldtype.Int, Default: int64(0)}},
			extraDDL: map[db.Dialect]string{db.SQLite: `, "stars" integer NOT NULL`, db.Postgres: `, "stars" integer NOT NULL`},
			settings: func(s *accounts.Settings) { s.Serializers.CurrentUser = []string{"stars"} },
		})
		alice := e.user("alice", nil)
		r := e.do("PATCH", "/auth/users/me/", bearer(alice), map[string]any{"stars": 2147483648})
		if dialect == db.Postgres {
			e.expect(r, http.StatusBadRequest, map[string]any{"stars": []string{"Ensure this value is less than or equal to 2147483647."}})
			e.expect(e.do("PATCH", "/auth/users/me/", bearer(alice), map[string]any{"stars": -2147483649}), http.StatusBadRequest,
				map[string]any{"stars": []string{"Ensure this value is greater than or equal to -2147483648."}})
			return
		}
		require.Equal(t, http.StatusOK, r.status, string(r.raw))
		require.EqualValues(t, 2147483648, r.obj()["stars"])
	})
}
