package emit

import (
	"strings"
	"time"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/runtime/djoser"
)

// accountsFile is definition.go: the app described to runtime/app, with the account, JWT and
// password settings of the spec as literals a reviewer can read.
func accountsFile(app *model.App) *File {
	f := newFile(app)

	f.Commentf("Definition describes the %s app to runtime/app: its migrations, settings and routes.", app.Name)
	if app.HasCode() {
		f.Comment("The application's own code is what Implement registered before; the app refuses to")
		f.Comment("serve while any of it is missing (app.Definition.Unimplemented).")
	}
	f.Func().Id("Definition").Params().Qual(pkgApp, "Definition").Block(
		Return(Qual(pkgApp, "Definition").Values(DictFunc(func(d Dict) {
			jwt := app.Auth.JWT
			d[Id("Name")] = Lit(app.Name)
			d[Id("Migrations")] = Id("Migrations")
			d[Id("AuthMount")] = Lit(app.AuthMount)
			if app.HealthPath != "" {
				d[Id("HealthPath")] = Lit(app.HealthPath)
			}
			if app.ReadyPath != "" {
				d[Id("ReadyPath")] = Lit(app.ReadyPath)
			}
			if app.OpenAPIPath != "" {
				d[Id("OpenAPI")] = Qual(pkgApp, "OpenAPI").Values(Dict{Id("Path"): Lit(app.OpenAPIPath), Id("Document"): Id("openAPIDocument")})
			}
			d[Id("Accounts")] = Id("accountSettings").Call()
			if len(app.Auth.UserFields) > 0 {
				d[Id("UserFields")] = Id("userFields")
			}
			d[Id("Relations")] = Id("relations")
			d[Id("JWT")] = jwtConfig(jwt, app.AuthMount)
			if jwt.KeysFile != "" || jwt.KeysEnv != "" {
				d[Id("JWTKeys")] = Qual(pkgApp, "KeySet").Values(DictFunc(func(k Dict) {
					if jwt.KeysFile != "" {
						k[Id("File")] = Lit(jwt.KeysFile)
					}
					if jwt.KeysEnv != "" {
						k[Id("Env")] = Lit(jwt.KeysEnv)
					}
					k[Id("RotationWindow")] = duration(jwt.RotationWindow)
				}))
			}
			if strings.HasPrefix(jwt.Algorithm, "HS") || jwt.KeysFile != "" || jwt.KeysEnv != "" {
				d[Id("SigningKeyEnv")] = Lit(jwt.SigningKeyEnv)
			} else {
				d[Id("SigningKeyFile")] = Lit(jwt.SigningKeyFile)
				d[Id("VerifyingKeyFile")] = Lit(jwt.VerifyingKeyFile)
			}
			if app.Auth.TokenAuth {
				d[Id("TokenAuth")] = True()
			}
			if app.Auth.RevokeOnCredentialChange {
				d[Id("RevokeOnCredentialChange")] = True()
			}
			if h := app.Security.Headers; !h.IsDefault() {
				d[Id("Headers")] = headers(h)
			}
			if t := app.Security.Throttle; !t.IsZero() {
				d[Id("Throttle")] = throttleSettings(t)
			}
			if l := app.Security.Login; l != model.DefaultLogin {
				d[Id("Login")] = loginConfig(l)
			}
			if n := app.Security.NumProxies; n > 0 {
				d[Id("NumProxies")] = Lit(n)
			}
			if app.Security.WeakSecretKey {
				d[Id("WeakSecretKey")] = True()
			}
			if app.Parsers != nil {
				d[Id("Parsers")] = mediaTypes(app.Parsers)
			}
			if app.Renderers != nil {
				d[Id("Renderers")] = mediaTypes(app.Renderers)
			}
			if app.JSONNotFound {
				d[Id("JSONNotFound")] = True()
			}
			d[Id("Hashers")] = Index().Qual(pkgPassword, "Hasher").CustomFunc(Options{Open: "{", Close: "}", Separator: ",", Multi: true}, func(g *Group) {
				for _, name := range app.Auth.Password.Hashers {
					g.Add(hasher(app.Auth.Password, name))
				}
			})
			d[Id("Validators")] = Id("passwordValidators")
			perms, widths := make([]Code, len(app.Permissions)), make([]int, len(app.Permissions))
			for i, p := range app.Permissions {
				perms[i], widths[i] = Id(p.GoName), len(p.GoName)
			}
			d[Id("Permissions")] = Index().String().Values(packed(perms, widths, len("\t\tPermissions: []string{"))...)
			d[Id("Mount")] = Func().Params(Id("mux").Op("*").Qual("net/http", "ServeMux"), Id("s").Op("*").Qual(pkgApp, "Services")).Block(
				Id("NewAPI").CallFunc(func(g *Group) {
					g.Id("s").Dot("DB")
					g.Id("s").Dot("Authn")
					g.Id("s").Dot("Log")
					if app.HasCode() {
						g.Id("implemented")
					}
				}).Dot("Register").Call(Id("mux")),
			)
			if app.HasCode() {
				d[Id("Unimplemented")] = Id("implemented").Dot("missing").Call()
			}
		}))),
	)

	accountSettings(f, app)
	if len(app.Auth.UserFields) > 0 {
		userFields(f, app)
	}
	passwordValidators(f, app)
	if app.OpenAPIPath != "" {
		f.Anon("embed")
		f.Commentf("openAPIDocument is openapi.json, which the app serves at %s.", app.OpenAPIPath)
		f.Comment("")
		f.Comment("//go:embed openapi.json")
		f.Var().Id("openAPIDocument").Index().Byte()
	}
	return f
}

func jwtConfig(j model.JWT, authMount string) *Statement {
	return Qual(pkgJWTAuth, "Config").Values(DictFunc(func(d Dict) {
		d[Id("Algorithm")] = Lit(j.Algorithm)
		d[Id("AccessLifetime")] = duration(j.AccessLifetime)
		d[Id("RefreshLifetime")] = duration(j.RefreshLifetime)
		if j.Leeway > 0 {
			d[Id("Leeway")] = duration(j.Leeway)
		}
		if j.Audience != "" {
			d[Id("Audience")] = Lit(j.Audience)
		}
		if j.Issuer != "" {
			d[Id("Issuer")] = Lit(j.Issuer)
		}
		if j.UserIDField != "id" { // the runtime's default: the existing apps' output stays as it was
			d[Id("UserIDField")] = Lit(j.UserIDField)
		}
		d[Id("UserIDClaim")] = Lit(j.UserIDClaim)
		d[Id("TokenTypeClaim")] = Lit(j.TokenTypeClaim)
		d[Id("JTIClaim")] = Lit(j.JTIClaim)
		d[Id("HeaderName")] = Lit(j.HeaderName)
		d[Id("HeaderTypes")] = Index().String().ValuesFunc(func(g *Group) {
			for _, h := range j.HeaderTypes {
				g.Lit(h)
			}
		})
		if j.RotateRefreshTokens {
			d[Id("RotateRefreshTokens")] = True()
		}
		if j.ReuseDetection {
			d[Id("ReuseDetection")] = True()
		}
		if j.Sessions {
			d[Id("Sessions")] = True()
		}
		if j.Cookies {
			d[Id("Cookies")] = Op("&").Qual(pkgJWTAuth, "Cookies").Values(DictFunc(func(c Dict) {
				if j.CookieAccess {
					c[Id("Access")] = True()
				}
				if !j.CookieSecure {
					c[Id("Insecure")] = True()
				}
				c[Id("SameSite")] = Lit(j.CookieSameSite)
				if j.CookieDomain != "" {
					c[Id("Domain")] = Lit(j.CookieDomain)
				}
				c[Id("Path")] = Lit(authMount + "jwt/")
			}))
		}
		if j.BlacklistAfterRotation {
			d[Id("BlacklistAfterRotation")] = True()
		}
	}))
}

// duration writes a duration as a reader would: 5 * time.Minute, 24 * time.Hour.
func duration(d time.Duration) *Statement {
	units := []struct {
		unit time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}}
	for _, u := range units {
		if d%u.unit == 0 {
			n := int64(d / u.unit)
			if n == 1 {
				return Qual("time", u.name)
			}
			return Lit(int(n)).Op("*").Qual("time", u.name)
		}
	}
	return Qual("time", "Duration").Call(Lit(int64(d)))
}

// hasher is the runtime's hasher of the named algorithm, with the spec's costs.
func hasher(p model.Password, name string) *Statement {
	switch name {
	case model.HasherPBKDF2:
		return Qual(pkgPassword, "PBKDF2").Values(Dict{Id("Iterations"): Lit(p.PBKDF2Iterations)})
	case model.HasherPBKDF2SHA1:
		return Qual(pkgPassword, "PBKDF2SHA1").Values(Dict{Id("Iterations"): Lit(p.PBKDF2Iterations)})
	case model.HasherBcryptSHA256:
		return Qual(pkgPassword, "BcryptSHA256").Values()
	case model.HasherBcrypt:
		return Qual(pkgPassword, "Bcrypt").Values()
	}
	return Qual(pkgPassword, "Argon2").Values(
		Id("MemoryKiB").Op(":").Lit(int(p.Argon2.MemoryKiB)),
		Id("Iterations").Op(":").Lit(int(p.Argon2.Iterations)),
		Id("Parallelism").Op(":").Lit(int(p.Argon2.Parallelism)),
	)
}

func accountSettings(f *File, app *model.App) {
	a := app.Accounts
	f.Comment("accountSettings are the spec's accounts and serializers sections: djoser's settings.")
	f.Func().Id("accountSettings").Params().Qual(pkgAccounts, "Settings").Block(
		Return(Qual(pkgAccounts, "Settings").Values(DictFunc(func(d Dict) {
			d[Id("LoginField")] = Lit(app.Auth.LoginField)
			for _, fl := range djoser.Flags {
				if a.Flags[fl.Key] {
					d[Id(fl.Field)] = True()
				}
			}
			if app.Auth.JWT.UpdateLastLogin {
				d[Id("UpdateLastLogin")] = True()
			}
			if app.Security.RefreshInactiveUsers {
				d[Id("RefreshInactiveUsers")] = True()
			}
			if app.Security.ResendActivationRevealsAccounts {
				d[Id("ResendActivationRevealsAccounts")] = True()
			}
			if app.JWTBlacklistPath != "" {
				d[Id("JWTBlacklistPath")] = Lit(app.JWTBlacklistPath)
			}
			for _, t := range djoser.Texts {
				if v := a.Texts[t.Key]; v != "" {
					d[Id(t.Field)] = Lit(v)
				}
			}
			d[Id(djoser.TokenTimeoutField)] = duration(a.TokenTimeout)
			if p := app.DefaultPagination; p != nil {
				// DRF's DEFAULT_PAGINATION_CLASS paginates djoser's user list too.
				d[Id("Pagination")] = Op("&").Add(paginationValue(p))
			}
			d[Id("Permissions")] = Map(String()).Qual(pkgAuthz, "Checker").Values(DictFunc(func(pd Dict) {
				for _, p := range a.Permissions {
					pd[Qual(pkgAccounts, p.Const)] = accountChecker(app, p.Expr)
				}
			}))
			if t := app.Security.Throttle.Accounts; len(t) > 0 {
				d[Id("Throttles")] = accountThrottles(t)
			}
			// The API root of the accounts' router is guarded like the app's.
			d[Id("DefaultPermission")] = accountChecker(app, app.DefaultPermission)
			s := app.Serializers
			if len(s.UserCreate)+len(s.UserCreatePasswordRetype)+len(s.User)+len(s.CurrentUser) > 0 {
				d[Id("Serializers")] = Qual(pkgAccounts, "Serializers").Values(DictFunc(func(sd Dict) {
					for name, list := range map[string][]string{"UserCreate": s.UserCreate, "UserCreatePasswordRetype": s.UserCreatePasswordRetype, "User": s.User, "CurrentUser": s.CurrentUser,
						"UserWritableStatus": s.UserWritableStatus, "CurrentUserWritableStatus": s.CurrentUserWritableStatus} {
						if len(list) > 0 {
							sd[Id(name)] = Index().String().ValuesFunc(func(g *Group) {
								for _, n := range list {
									g.Lit(n)
								}
							})
						}
					}
				}))
			}
		}))),
	)
}

// accountChecker renders an accounts permission: a DRF list becomes And of its entries.
func accountChecker(app *model.App, e *model.Expr) *Statement {
	switch e.Op {
	case model.And:
		return Qual(pkgAuthz, "And").Call(accountChecker(app, e.X), accountChecker(app, e.Y))
	case model.Or:
		return Qual(pkgAuthz, "Or").Call(accountChecker(app, e.X), accountChecker(app, e.Y))
	case model.Not:
		return Qual(pkgAuthz, "Not").Call(accountChecker(app, e.X))
	}
	if e.Class.AccountsOnly {
		return Qual(pkgAccounts, e.Class.GoName).Values()
	}
	return checkerExpr(app, e, nil)
}

func userFields(f *File, app *model.App) {
	f.Comment("userFields are the spec's extra auth_user columns.")
	f.Var().Id("userFields").Op("=").Index().Qual(pkgUsers, "Field").ValuesFunc(func(g *Group) {
		for _, fd := range app.Auth.UserFields {
			g.Values(DictFunc(func(d Dict) {
				d[Id("Name")] = Lit(fd.Name)
				if fd.Column != fd.Name {
					d[Id("Column")] = Lit(fd.Column)
				}
				d[Id("Kind")] = Qual(pkgFieldtype, fd.Type.GoName()) // users.Kind is fieldtype.Type, as model.FieldType
				if fd.MaxLength > 0 {
					d[Id("MaxLength")] = Lit(fd.MaxLength)
				}
				if fd.MaxDigits > 0 {
					d[Id("MaxDigits")] = Lit(fd.MaxDigits)
					d[Id("DecimalPlaces")] = Lit(fd.DecimalPlaces)
				}
				for name, on := range map[string]bool{"Null": fd.Null, "Blank": fd.Blank, "Unique": fd.Unique} {
					if on {
						d[Id(name)] = True()
					}
				}
				if fd.Default != nil {
					if v := userDefault(fd); v != nil {
						d[Id("Default")] = v
					}
				}
				if len(fd.Choices) > 0 {
					d[Id("Choices")] = Index().Any().ValuesFunc(func(cg *Group) {
						for _, c := range fd.Choices {
							cg.Add(userValue(c))
						}
					})
				}
				if fd.Min != nil {
					d[Id("Min")] = New(Lit(fd.Min.Int))
				}
				if fd.Max != nil {
					d[Id("Max")] = New(Lit(fd.Max.Int))
				}
			}))
		}
	})
}

// userDefault is a default in the Go type runtime/users expects of the kind.
func userDefault(fd *model.Field) *Statement {
	if fd.Default.Kind == model.Null {
		return nil
	}
	return userValue(*fd.Default)
}

func userValue(v model.Value) *Statement {
	switch v.Kind {
	case model.BoolValue:
		return Lit(v.Bool)
	case model.IntValue:
		return Lit(v.Int)
	}
	return Lit(v.String)
}

// passwordValidators writes the validators of auth.password.validators, in the spec's order.
func passwordValidators(f *File, app *model.App) {
	vals := app.Auth.Password.Validators
	f.Comment("passwordValidators are auth.password.validators: Django's AUTH_PASSWORD_VALIDATORS.")
	f.Func().Id("passwordValidators").Params().Params(Index().Qual(pkgPassword, "Validator"), Error()).BlockFunc(func(g *Group) {
		var items []Code
		for i, v := range vals {
			switch v.Kind {
			case model.ValidatorUserAttributeSimilarity:
				name := "similarity"
				if i > 0 {
					name = "similarity" + string(rune('0'+i))
				}
				g.List(Id(name), Id("err")).Op(":=").Qual(pkgPassword, "UserAttributeSimilarity").Call(
					Index().Qual(pkgPassword, "UserAttribute").ValuesFunc(func(ag *Group) {
						for _, attr := range v.Attributes {
							ag.Values(Dict{Id("Name"): Lit(attr), Id("VerboseName"): Lit(attrVerboseName(attr))})
						}
					}), Lit(v.MaxSimilarity))
				g.If(Id("err").Op("!=").Nil()).Block(Return(Nil(), Id("err")))
				items = append(items, Id(name))
			case model.ValidatorMinimumLength:
				items = append(items, Qual(pkgPassword, "MinimumLength").Call(Lit(v.MinLength)))
			case model.ValidatorCommonPassword:
				items = append(items, Qual(pkgPassword, "CommonPassword").Call())
			case model.ValidatorNumericPassword:
				items = append(items, Qual(pkgPassword, "NumericPassword").Call())
			}
		}
		if len(items) == 0 {
			g.Return(Nil(), Nil())
			return
		}
		g.Return(Index().Qual(pkgPassword, "Validator").Values(items...), Nil())
	})
}

// attrVerboseName is Django's verbose name of a user attribute, as the similarity message
// names it: "email address" for email, the name with spaces otherwise.
func attrVerboseName(attr string) string {
	if attr == "email" {
		return "email address"
	}
	return strings.ReplaceAll(attr, "_", " ")
}

// paginationValue is p as an httpx.Pagination.
func paginationValue(p *model.Pagination) *Statement {
	d := fieldValues{"PageSize": Lit(p.PageSize)}
	if p.Style == model.LimitOffset {
		d["LimitOffset"] = True()
	}
	if p.MaxPageSize > 0 {
		d["MaxPageSize"] = Lit(p.MaxPageSize)
	}
	return inline(Qual(pkgHTTPX, "Pagination"), d)
}

// httpxMedia names runtime/httpx's constants of the media types parsers and renderers take.
var httpxMedia = map[string]string{
	"application/json": "MediaJSON", "application/x-www-form-urlencoded": "MediaForm", "multipart/form-data": "MediaMultipart",
	"text/html": "MediaHTML",
}

// mediaTypes is a list of media types as httpx's constants.
func mediaTypes(list []string) Code {
	return Index().String().ValuesFunc(func(g *Group) {
		for _, mt := range list {
			g.Qual(pkgHTTPX, httpxMedia[mt])
		}
	})
}
