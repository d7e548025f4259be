package model_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/model"
)

const minimal = `version: 1
app: shop
auth:
  user:
    fields:
      nickname: {type: string, max_length: 30, blank: true}
models:
  Tag:
    fields:
      label: {type: string, max_length: 20, unique: true}
  OrderItem:
    fields:
      tags: {type: many_to_many, to: Tag}
      watchers: {type: many_to_many, to: user}
      related: {type: many_to_many, to: OrderItem}
      tag: {type: fk, to: Tag, display: label, null: true, on_delete: set_null}
      contact: email
      image_url: {type: string, max_length: 200, default: ""}
      price: {type: decimal, max_digits: 6, decimal_places: 2, default: 5, min: 0}
      size: {type: string, max_length: 2, choices: [S, M, L], default: M}
      seen_at: {type: datetime, null: true}
      key: {type: uuid, default: 123E4567-E89B-12D3-A456-426614174000}
endpoints:
  order_items: {model: OrderItem}
`

func TestMinimalSpecGetsDefaults(t *testing.T) {
	app, errs := model.Load("dir/authgen.yaml", []byte(minimal))
	require.NoError(t, errs.Err())
	require.Equal(t, "authgen.yaml", app.SpecFile)
	require.Equal(t, "/auth/", app.AuthMount)
	require.Equal(t, "/shop/", app.APIMount)
	require.Same(t, model.IsAuthenticated, app.DefaultPermission.Class)
	require.Nil(t, app.DefaultPagination)

	a := app.Auth
	require.Equal(t, "username", a.LoginField)
	require.False(t, a.TokenAuth)
	require.Equal(t, "nickname", a.UserFields[0].Name)
	require.Nil(t, a.UserFields[0].Model)
	require.Equal(t, model.Password{
		Hashers: []string{"argon2id", "pbkdf2_sha256", "pbkdf2_sha1", "bcrypt_sha256"}, Argon2: model.Argon2{MemoryKiB: 65536, Iterations: 2, Parallelism: 2},
		PBKDF2Iterations: 600000,
		Validators: []model.Validator{
			{Kind: model.ValidatorUserAttributeSimilarity, Attributes: []string{"username", "first_name", "last_name", "email"}, MaxSimilarity: 0.7},
			{Kind: model.ValidatorMinimumLength, MinLength: 8},
			{Kind: model.ValidatorCommonPassword},
			{Kind: model.ValidatorNumericPassword},
		},
	}, a.Password)
	require.Equal(t, model.JWT{
		Algorithm: "HS256", SigningKeyEnv: "SECRET_KEY", HeaderTypes: []string{"Bearer"}, HeaderName: "Authorization",
		AccessLifetime: 5 * time.Minute, RefreshLifetime: 24 * time.Hour, UserIDField: "id",
		UserIDClaim: "user_id", TokenTypeClaim: "token_type", JTIClaim: "jti", Sessions: true,
		CookieSecure: true, CookieSameSite: "Lax",
	}, a.JWT)
	require.True(t, a.RevokeOnCredentialChange)

	acc := app.Accounts
	require.True(t, acc.Flags["hide_users"])
	require.False(t, acc.Flags["send_activation_email"])
	require.Len(t, acc.Flags, 13)
	require.Equal(t, "#/password/reset/confirm/{uid}/{token}", acc.Texts["password_reset_confirm_url"])
	require.Equal(t, "webmaster@localhost", acc.Texts["from_email"])
	require.Equal(t, "", acc.Texts["domain"], "empty: the runtime decides")
	require.Equal(t, 72*time.Hour, acc.TokenTimeout)
	require.Len(t, acc.Permissions, 13)
	require.Equal(t, "user_list", acc.Permissions[10].Key)
	require.Same(t, model.CurrentUserOrAdmin, acc.Permissions[10].Expr.Class, "djoser's default")

	item := app.Models[1]
	require.Equal(t, "shop_orderitem", item.Table)
	require.Equal(t, "orderitem", item.ContentType)
	require.Equal(t, "order item", item.VerboseName)
	require.Equal(t, "Can add order item", item.Permissions[0].Name)
	require.Equal(t, "PermAddOrderItem", item.Permissions[0].GoName)

	tags := item.Field("tags")
	require.Equal(t, "", tags.Column)
	require.Equal(t, "shop_orderitem_tags", tags.Through)
	require.Equal(t, "orderitem_id", tags.ThroughSource)
	require.Equal(t, "tag_id", tags.ThroughTarget)
	w := item.Field("watchers")
	require.Equal(t, []string{"orderitem_id", "user_id"}, []string{w.ThroughSource, w.ThroughTarget})
	r := item.Field("related")
	require.Equal(t, []string{"from_orderitem_id", "to_orderitem_id"}, []string{r.ThroughSource, r.ThroughTarget})

	tag := item.Field("tag")
	require.Equal(t, "TagID", tag.GoName)
	require.Same(t, app.Models[0].Field("label"), tag.DisplayField)
	require.True(t, tag.ReadOnly, "a displayed relation is read-only")
	require.Equal(t, model.OnDeleteSetNull, tag.OnDelete)
	require.Empty(t, w.OnDelete, "many_to_many rows go with either side")

	require.Equal(t, 254, item.Field("contact").MaxLength)
	require.Equal(t, "ImageURL", item.Field("image_url").GoName)
	require.Equal(t, &model.Value{Kind: model.StringValue}, item.Field("image_url").Default)
	price := item.Field("price")
	require.Equal(t, &model.Value{Kind: model.DecimalValue, String: "5.00"}, price.Default)
	require.Equal(t, &model.Value{Kind: model.DecimalValue, String: "0.00"}, price.Min)
	require.Nil(t, price.Max)
	require.Equal(t, []model.Value{{Kind: model.StringValue, String: "S"}, {Kind: model.StringValue, String: "M"}, {Kind: model.StringValue, String: "L"}}, item.Field("size").Choices)
	require.Equal(t, "123e4567-e89b-12d3-a456-426614174000", item.Field("key").Default.String)

	ep := app.Endpoints[0]
	require.Equal(t, "OrderItems", ep.GoName)
	require.Equal(t, "/shop/order_items/", ep.Path)
	require.Equal(t, "/shop/order_items/{id}/", ep.DetailPath())
	require.Equal(t, []string{"id", "tags", "watchers", "related", "tag", "contact", "image_url", "price", "size", "seen_at", "key"}, fieldNames(ep.Fields))
	require.Equal(t, []string{"GET", "POST", "PUT", "PATCH", "DELETE"}, ep.Methods)
	require.Same(t, app.DefaultPermission, ep.Permission)
}

func TestLoginFieldEmail(t *testing.T) {
	app, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\nauth: {login_field: email, token_auth: true}\nmount: {auth: /accounts/}\n"))
	require.NoError(t, errs.Err())
	require.Equal(t, "email", app.Auth.LoginField)
	require.Contains(t, model.AccountRoutes("email", true), "users/reset_email_confirm/")
	require.Contains(t, model.AccountRoutes("email", true), "token/logout/")
	require.NotContains(t, model.AccountRoutes("username", false), "token/login/")
}

func TestUserIDField(t *testing.T) {
	for spec, want := range map[string]string{
		"auth: {jwt: {user_id_field: username}}":                     "username",
		"auth: {login_field: email, jwt: {user_id_field: email}}":    "email",
		"auth: {login_field: email, jwt: {user_id_field: id}}":       "id",
		"auth: {login_field: email, jwt: {user_id_claim: sub_user}}": "id",
	} {
		app, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\n"+spec+"\n"))
		require.NoError(t, errs.Err(), spec)
		require.Equal(t, want, app.Auth.JWT.UserIDField, spec)
	}
}

// simplejwt lets a user id claim be named "sub", which it neither sets nor checks; the
// claims the tokens set or check themselves stay reserved.
func TestClaimNames(t *testing.T) {
	app, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\nauth: {jwt: {user_id_claim: sub, token_type_claim: typ, jti_claim: tid}}\n"))
	require.NoError(t, errs.Err())
	require.Equal(t, "sub", app.Auth.JWT.UserIDClaim)
	for _, claim := range []string{"exp", "iat", "nbf", "aud", "iss"} {
		_, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\nauth: {jwt: {user_id_claim: "+claim+"}}\n"))
		require.ErrorContains(t, errs.Err(), `user_id_claim: "`+claim+`" is a registered claim`, claim)
	}
}

// TestProbePaths: mount.health and mount.ready move the health endpoints; unset, the runtime's
// defaults stand.
func TestProbePaths(t *testing.T) {
	const spec = "version: 1\napp: shop\nmount: {health: /ops/live, ready: /ops/ready}\nmodels:\n  Thing: {}\n"
	app, errs := model.Load("authgen.yaml", []byte(spec))
	require.Empty(t, errs)
	require.Equal(t, "/ops/live", app.HealthPath)
	require.Equal(t, "/ops/ready", app.ReadyPath)

	app, errs = model.Load("authgen.yaml", []byte("version: 1\napp: shop\nmodels:\n  Thing: {}\n"))
	require.Empty(t, errs)
	require.Empty(t, app.HealthPath+app.ReadyPath+app.OpenAPIPath)
}

// TestOpenAPIPath: mount.openapi serves openapi.json at a path of its own, neither under a
// mount nor a health endpoint's (theirs by default).
func TestOpenAPIPath(t *testing.T) {
	app, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\nmount: {openapi: /openapi.json}\n"))
	require.Empty(t, errs)
	require.Equal(t, "/openapi.json", app.OpenAPIPath)
	for spec, want := range map[string]string{
		"mount: {openapi: /readyz}":            `path "/readyz" is mount.ready's already`,
		"mount: {health: /ops, openapi: /ops}": `path "/ops" is mount.health's already`,
		"mount: {openapi: /shop/openapi.json}": `lies under the mount "/shop/"`,
		"mount: {openapi: openapi.json}":       `must start with "/"`,
	} {
		_, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\n"+spec+"\n"))
		require.ErrorContains(t, errs.Err(), want, spec)
	}
}

// TestJWTBlacklistPath: mount.jwt_blacklist serves simplejwt's TokenBlacklistView where an
// app's urls.py would, beside djoser's routes or anywhere else; unset, it is not served.
// Each misuse is reported at the path, once.
func TestJWTBlacklistPath(t *testing.T) {
	app, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\nmodels:\n  Thing: {}\n"))
	require.Empty(t, errs)
	require.Empty(t, app.JWTBlacklistPath, "djoser's urls do not include it")
	for _, path := range []string{"/auth/jwt/blacklist/", "/logout", "/api/auth/logout/", "/auth/jwt/blacklist"} {
		app, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\nmount: {jwt_blacklist: "+path+"}\n"))
		require.Empty(t, errs, path)
		require.Equal(t, path, app.JWTBlacklistPath)
	}
	for spec, want := range map[string]string{
		"mount: {jwt_blacklist: jwt/blacklist/}":      `authgen.yaml:3:24: path "jwt/blacklist/" must start with "/" and name a route, like "/auth/jwt/blacklist/"`,
		"mount: {jwt_blacklist: /}":                   `authgen.yaml:3:24: path "/" must start with "/" and name a route`,
		"mount: {jwt_blacklist: /auth/}":              `authgen.yaml:3:24: path "/auth/" is the account routes' API root (did you mean "/auth/jwt/blacklist/"?)`,
		"mount: {auth: /a/, jwt_blacklist: /a/}":      `authgen.yaml:3:35: path "/a/" is the account routes' API root (did you mean "/a/jwt/blacklist/"?)`,
		"mount: {jwt_blacklist: /shop/logout/}":       `authgen.yaml:3:24: path "/shop/logout/" lies under the mount "/shop/", whose routes it would shadow`,
		"mount: {jwt_blacklist: /readyz}":             `authgen.yaml:3:24: path "/readyz" is mount.ready's already`,
		"mount: {openapi: /o/, jwt_blacklist: /o/}":   `authgen.yaml:3:38: path "/o/" is mount.openapi's already`,
		"mount: {jwt_blacklist: /auth/users/me/}":     `authgen.yaml:3:24: route /auth/users/me/ of mount.jwt_blacklist is the same as /auth/users/me/ of the account routes`,
		"mount: {jwt_blacklist: /auth/x y/}":          `authgen.yaml:3:24: path "/auth/x y/": segment "x y" may only hold letters, digits and . _ ~ -`,
		"mount: {jwt_blacklst: /auth/jwt/blacklist/}": `authgen.yaml:3:9: unknown key "jwt_blacklst" in mount; did you mean "jwt_blacklist"?`,
	} {
		_, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\n"+spec+"\n"))
		require.Len(t, errs, 1, spec)
		require.ErrorContains(t, errs.Err(), want, spec)
	}
}

// TestJWTBlacklistNeeded: what needs TokenBlacklistView says so when it is not mounted.
func TestJWTBlacklistNeeded(t *testing.T) {
	for spec, want := range map[string]string{
		"auth:\n  jwt: {cookies: true}\n":                                                             `authgen.yaml:4:18: cookies: true needs mount.jwt_blacklist, where browsers log out (it clears the cookies), e.g. "/auth/jwt/blacklist/"`,
		"mount: {jwt_blacklist: /logout/}\nauth:\n  jwt: {cookies: true}\n":                           `authgen.yaml:3:24: path "/logout/": with auth.jwt.cookies the log-out route must lie under "/auth/jwt/", the refresh cookie's path (did you mean "/auth/jwt/blacklist/"?)`,
		"security:\n  throttle:\n    rates: {logout: 5/min}\n    accounts: {jwt_blacklist: logout}\n": `authgen.yaml:6:31: security.throttle.accounts.jwt_blacklist: the app does not serve simplejwt's TokenBlacklistView (mount.jwt_blacklist)`,
	} {
		_, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\n"+spec))
		require.Len(t, errs, 1, spec)
		require.ErrorContains(t, errs.Err(), want, spec)
	}
	_, errs := model.Load("authgen.yaml", []byte("version: 1\napp: shop\nmount: {jwt_blacklist: /auth/jwt/logout/}\nauth:\n  jwt: {cookies: true}\n"+
		"security:\n  throttle:\n    rates: {logout: 5/min}\n    accounts: {jwt_blacklist: logout}\n"))
	require.Empty(t, errs)
}
