package users_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fieldtype"
	"github.com/authgen/authgen/runtime/users"
)

func newStore(t *testing.T, dialect db.Dialect) *users.Store {
	t.Helper()
	s, err := users.NewStore(dbtest.OpenAuth(t, dialect), nil)
	require.NoError(t, err)
	return s
}

func TestCreateGetUpdateDelete(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		s := newStore(t, dialect)

		u := &users.User{Username: "ａｌｉｃｅ", Email: "Alice@EXAMPLE.Com", Password: "pbkdf2_sha256$1$s$h",
			FirstName: "Alice", IsActive: true}
		require.NoError(t, s.Create(ctx, u))
		require.NotZero(t, u.ID)
		require.Equal(t, "alice", u.Username, "NFKC, as Django's normalize_username")
		require.Equal(t, "Alice@example.com", u.Email, "domain lower-cased, local part kept")
		require.WithinDuration(t, time.Now(), u.DateJoined, time.Minute)

		got, err := s.Get(ctx, u.ID)
		require.NoError(t, err)
		require.Equal(t, u.Username, got.Username)
		require.Equal(t, "Alice", got.FirstName)
		require.True(t, got.IsActive)
		require.False(t, got.IsStaff)
		require.Nil(t, got.LastLogin)
		require.Equal(t, time.UTC, got.DateJoined.Location())
		require.WithinDuration(t, u.DateJoined, got.DateJoined, time.Millisecond)

		byName, err := s.GetByUsername(ctx, "alice")
		require.NoError(t, err)
		require.Equal(t, u.ID, byName.ID)
		_, err = s.GetByUsername(ctx, "Alice")
		require.ErrorIs(t, err, users.ErrNotFound, "username lookups are exact, as get_by_natural_key")

		byMail, err := s.GetByEmail(ctx, "Alice@example.com")
		require.NoError(t, err)
		require.Equal(t, u.ID, byMail.ID)
		_, err = s.GetByEmail(ctx, "alice@example.com")
		require.ErrorIs(t, err, users.ErrNotFound, "e-mail lookups are exact, as djoser's")

		dup := &users.User{Username: "alice", Password: "x"}
		require.ErrorIs(t, s.Create(ctx, dup), users.ErrDuplicate)

		// Update writes only the columns named.
		got.FirstName, got.LastName, got.Email = "Alicia", "Liddell", "changed@example.com"
		require.NoError(t, s.Update(ctx, got, "first_name", "last_name"))
		again, err := s.Get(ctx, u.ID)
		require.NoError(t, err)
		require.Equal(t, "Alicia", again.FirstName)
		require.Equal(t, "Liddell", again.LastName)
		require.Equal(t, "Alice@example.com", again.Email, "email was not named")

		// All columns when none are named.
		again.Email, again.IsStaff = "all@example.com", true
		require.NoError(t, s.Update(ctx, again))
		again, err = s.Get(ctx, u.ID)
		require.NoError(t, err)
		require.Equal(t, "all@example.com", again.Email)
		require.True(t, again.IsStaff)

		require.ErrorIs(t, s.Update(ctx, again, "nope"), users.ErrInvalidField)
		require.ErrorIs(t, s.Update(ctx, again, "id"), users.ErrInvalidField)

		bob := &users.User{Username: "bob", Password: "x", IsActive: true}
		require.NoError(t, s.Create(ctx, bob))
		bob.Username = "alice"
		require.ErrorIs(t, s.Update(ctx, bob, "username"), users.ErrDuplicate)

		require.NoError(t, s.SetPassword(ctx, u.ID, "argon2$new"))
		at := time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.FixedZone("x", 3600))
		require.NoError(t, s.SetLastLogin(ctx, u.ID, at))
		again, err = s.Get(ctx, u.ID)
		require.NoError(t, err)
		require.Equal(t, "argon2$new", again.Password)
		require.NotNil(t, again.LastLogin)
		require.True(t, at.Equal(*again.LastLogin), "%v != %v", at, *again.LastLogin)

		list, err := s.List(ctx)
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, u.ID, list[0].ID)
		require.Equal(t, bob.ID, list[1].ID)

		require.NoError(t, s.Delete(ctx, u.ID))
		_, err = s.Get(ctx, u.ID)
		require.ErrorIs(t, err, users.ErrNotFound)
		require.ErrorIs(t, s.Delete(ctx, u.ID), users.ErrNotFound)
		require.ErrorIs(t, s.SetPassword(ctx, u.ID, "x"), users.ErrNotFound)
	})
}

func TestEmailLookups(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		s := newStore(t, dialect)
		a := &users.User{Username: "a", Email: "same@example.com", Password: "x", IsActive: true}
		b := &users.User{Username: "b", Email: "same@example.com", Password: "x"}
		require.NoError(t, s.Create(ctx, a))
		require.NoError(t, s.Create(ctx, b))

		_, err := s.GetByEmail(ctx, "same@example.com")
		require.ErrorIs(t, err, users.ErrMultiple, "never guess which account logs in")

		active, err := s.ListByEmail(ctx, "same@example.com", true)
		require.NoError(t, err)
		require.Len(t, active, 1)
		require.Equal(t, a.ID, active[0].ID)
		inactive, err := s.ListByEmail(ctx, "same@example.com", false)
		require.NoError(t, err)
		require.Len(t, inactive, 1)
		require.Equal(t, b.ID, inactive[0].ID)

		taken, err := s.Exists(ctx, "email", "same@example.com", a.ID)
		require.NoError(t, err)
		require.True(t, taken, "b holds it")
		taken, err = s.Exists(ctx, "username", "a", a.ID)
		require.NoError(t, err)
		require.False(t, taken, "a's own value does not count")
		taken, err = s.Exists(ctx, "username", "a", 0)
		require.NoError(t, err)
		require.True(t, taken)
	})
}

func TestSuperuserAndUsablePassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		s := newStore(t, dialect)
		root, err := s.CreateSuperuser(ctx, "root", "root@example.com", "pbkdf2_sha256$1$s$h")
		require.NoError(t, err)
		got, err := s.Get(ctx, root.ID)
		require.NoError(t, err)
		require.True(t, got.IsSuperuser && got.IsStaff && got.IsActive)
		require.True(t, got.HasUsablePassword())
		require.False(t, (&users.User{Password: "!abc"}).HasUsablePassword())
		require.False(t, (&users.User{}).HasUsablePassword())
	})
}

// extraColumns is the DDL an emitter writes for the fields of extraFields.
var extraColumns = map[db.Dialect]string{
	db.SQLite: `, "display_name" varchar(50) NOT NULL, "score" integer NULL, "vip" bool NOT NULL,` +
		` "balance" decimal NOT NULL, "birthday" date NULL, "seen_at" datetime NULL, "prefs" text NULL,` +
		` "badge" varchar(20) NULL UNIQUE`,
	db.Postgres: `, "display_name" varchar(50) NOT NULL, "score" bigint NULL, "vip" boolean NOT NULL,` +
		` "balance" numeric(10, 2) NOT NULL, "birthday" date NULL, "seen_at" timestamptz NULL, "prefs" jsonb NULL,` +
		` "badge" varchar(20) NULL UNIQUE`,
}

var extraFields = []users.Field{
	{Name: "display_name", Kind: fieldtype.String, MaxLength: 50, Blank: true, Default: "anon"},
	{Name: "score", Kind: fieldtype.Int, Null: true},
	{Name: "vip", Kind: fieldtype.Bool},
	{Name: "balance", Kind: fieldtype.Decimal, MaxDigits: 10, DecimalPlaces: 2, Default: "0.00"},
	{Name: "birthday", Kind: fieldtype.Date, Null: true},
	{Name: "seen_at", Kind: fieldtype.DateTime, Null: true},
	{Name: "prefs", Kind: fieldtype.JSON, Null: true},
	{Name: "badge", Kind: fieldtype.String, MaxLength: 20, Null: true, Unique: true},
}

// OpenWithExtra returns a database whose auth_user has the columns of extraFields.
func openWithExtra(t *testing.T, dialect db.Dialect) *db.DB {
	t.Helper()
	d := dbtest.Open(t, dialect)
	ddl, err := dbtest.AuthSchema(dialect, extraColumns[dialect])
	require.NoError(t, err)
	for _, stmt := range dbtest.SplitStatements(ddl) {
		_, err := d.Exec(stmt)
		require.NoError(t, err, stmt)
	}
	return d
}

func TestExtraFields(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		s, err := users.NewStore(openWithExtra(t, dialect), extraFields)
		require.NoError(t, err)

		// Defaults and zero values for what is not given.
		plain := &users.User{Username: "plain", Password: "x"}
		require.NoError(t, s.Create(ctx, plain))
		got, err := s.Get(ctx, plain.ID)
		require.NoError(t, err)
		require.Equal(t, map[string]any{"display_name": "anon", "score": nil, "vip": false,
			"balance": "0.00", "birthday": nil, "seen_at": nil, "prefs": nil, "badge": nil}, got.Extra)

		seen := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
		full := &users.User{Username: "full", Password: "x", Extra: map[string]any{
			"display_name": "Full", "score": int64(42), "vip": true, "balance": "10.50",
			"birthday": "1990-05-17", "seen_at": seen, "prefs": json.RawMessage(`{"a":1}`), "badge": "gold"}}
		require.NoError(t, s.Create(ctx, full))
		got, err = s.Get(ctx, full.ID)
		require.NoError(t, err)
		require.Equal(t, "Full", got.Extra["display_name"])
		require.Equal(t, int64(42), got.Extra["score"])
		require.Equal(t, true, got.Extra["vip"])
		require.Equal(t, "10.50", got.Extra["balance"])
		require.Equal(t, "1990-05-17", got.Extra["birthday"])
		require.True(t, seen.Equal(got.Extra["seen_at"].(time.Time)))
		require.JSONEq(t, `{"a":1}`, string(got.Extra["prefs"].(json.RawMessage)))
		v, ok := got.Get("badge")
		require.True(t, ok)
		require.Equal(t, "gold", v)

		taken, err := s.Exists(ctx, "badge", "gold", 0)
		require.NoError(t, err)
		require.True(t, taken)

		other := &users.User{Username: "other", Password: "x", Extra: map[string]any{"badge": "gold"}}
		require.ErrorIs(t, s.Create(ctx, other), users.ErrDuplicate)

		got.Extra["score"] = nil
		got.Extra["display_name"] = "Renamed"
		require.NoError(t, s.Update(ctx, got, "score", "display_name"))
		got, err = s.Get(ctx, full.ID)
		require.NoError(t, err)
		require.Nil(t, got.Extra["score"])
		require.Equal(t, "Renamed", got.Extra["display_name"])

		// Wrong Go types are refused before reaching SQL.
		bad := &users.User{Username: "bad", Password: "x", Extra: map[string]any{"score": "many"}}
		require.ErrorIs(t, s.Create(ctx, bad), users.ErrInvalidField)
		got.Extra["vip"] = nil
		require.ErrorIs(t, s.Update(ctx, got, "vip"), users.ErrInvalidField, "vip is not null")
	})
}

func TestNewStoreRejectsBadFields(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	for name, f := range map[string]users.Field{
		"injection":   {Name: `x"; DROP TABLE auth_user; --`, Kind: fieldtype.String},
		"builtin":     {Name: "email", Kind: fieldtype.Email},
		"no kind":     {Name: "x"},
		"bad default": {Name: "x", Kind: fieldtype.Int, Default: "one"},
	} {
		_, err := users.NewStore(d, []users.Field{f})
		require.ErrorIs(t, err, users.ErrInvalidField, name)
	}
	_, err := users.NewStore(d, []users.Field{{Name: "x", Kind: fieldtype.Int}, {Name: "x", Kind: fieldtype.Int}})
	require.ErrorIs(t, err, users.ErrInvalidField, "twice")
}

func TestErrorsWrap(t *testing.T) {
	s := newStore(t, db.SQLite)
	_, err := s.Get(context.Background(), 12345)
	require.True(t, errors.Is(err, users.ErrNotFound))
}
