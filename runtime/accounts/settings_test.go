package accounts_test

import (
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/password"
	"github.com/authgen/authgen/runtime/users"
)

func TestNewRejectsBadSettings(t *testing.T) {
	store, err := users.NewStore(dbtest.OpenAuth(t, db.SQLite), nil)
	require.NoError(t, err)
	deps := accounts.Deps{Authn: &authn.Authenticator{Users: store}, Hashers: password.DefaultHashers(),
		Mailer: mail.NewConsole(io.Discard), SecretKey: []byte("k")}
	_, err = accounts.New(accounts.Settings{}, deps)
	require.NoError(t, err, "zero settings take the defaults")

	for name, s := range map[string]accounts.Settings{
		"login field":  {LoginField: "phone"},
		"protocol":     {Protocol: "ftp"},
		"throttle key": {Throttles: map[string]string{"jwt_obtain": "login"}},
		"link name":    {ActivationURL: "#/activate/{user}/{token}"},
		"link brace":   {PasswordResetConfirmURL: "#/reset/{uid/{token}"},
		"perm key":     {Permissions: map[string]authz.Checker{"user_lsit": authz.AllowAny{}}},
		"nil perm":     {Permissions: map[string]authz.Checker{accounts.PermUser: nil}},
		"serializer":   {Serializers: accounts.Serializers{User: []string{"nickname"}}},
		"writable not shown": {Serializers: accounts.Serializers{CurrentUser: []string{"is_staff"},
			CurrentUserWritableStatus: []string{"is_active"}}},
		"writable not status": {Serializers: accounts.Serializers{User: []string{"first_name"}, UserWritableStatus: []string{"first_name"}}},
		"blacklist path":      {JWTBlacklistPath: "jwt/blacklist/"},
		"tiny timeout":        {TokenTimeout: 1},
	} {
		_, err := accounts.New(s, deps)
		require.Error(t, err, name)
	}
	for name, edit := range map[string]func(*accounts.Deps){
		"authn":   func(d *accounts.Deps) { d.Authn = nil },
		"hashers": func(d *accounts.Deps) { d.Hashers = nil },
		"mailer":  func(d *accounts.Deps) { d.Mailer = nil },
		"secret":  func(d *accounts.Deps) { d.SecretKey = nil },
	} {
		d := deps
		edit(&d)
		_, err := accounts.New(accounts.Settings{}, d)
		require.Error(t, err, name)
	}
	acc, err := accounts.New(accounts.Settings{}, deps)
	require.NoError(t, err)
	require.Error(t, acc.Register(nil, "auth/"), "prefix without /")
	require.NotContains(t, acc.Routes(), "jwt/create/", "no Tokens, no jwt routes")
}

func TestLinkTemplates(t *testing.T) {
	e := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) {
		s.ActivationURL = "{site_name}/{{literal}}/activate?u={uid}&t={token}"
		s.Protocol = "https"
	}})
	r := e.do("POST", "/auth/users/", "", map[string]any{"username": "lena", "email": "lena@example.com", "password": "Lena-pass-2024"})
	require.Equal(t, 201, r.status)
	m := e.oneMail("lena@example.com", subjActivation)
	require.Regexp(t, `https://store\.local/Store/\{literal\}/activate\?u=[A-Za-z0-9_-]+&t=[0-9a-z]+-[0-9a-f]{32}`, m.Text)
}

// Without a site name, the mails name the site by its domain, as djoser's do by the
// request's host (Django's RequestSite), never by an empty name ("Account activation on").
func TestSiteNameDefaultsToTheDomain(t *testing.T) {
	e := newEnv(t, db.SQLite, options{settings: func(s *accounts.Settings) { s.SiteName, s.Domain = "", "" }})
	r := e.do("POST", "/auth/users/", "", map[string]any{"username": "lena", "email": "lena@example.com", "password": "Lena-pass-2024"})
	require.Equal(t, 201, r.status)
	got := e.mails("lena@example.com")
	require.Len(t, got, 1)
	require.Equal(t, "Account activation on localhost:8000", got[0].Subject)
	require.Contains(t, got[0].Text, "The localhost:8000 team")
	require.Regexp(t, `http://localhost:8000/#/activate/[A-Za-z0-9_-]+/[0-9a-z]+-[0-9a-f]{32}`, got[0].Text)
}
