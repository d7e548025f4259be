package emit

import (
	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/runtime/djoser"
	"github.com/authgen/authgen/runtime/loginguard"
	"github.com/authgen/authgen/runtime/throttle"
)

// headers is the secure.Headers literal of security.headers, which the generator writes
// only where the spec departs from Django's defaults (the runtime's zero value).
func headers(h model.Headers) *Statement {
	return Qual(pkgSecure, "Headers").Values(DictFunc(func(d Dict) {
		if !h.ContentTypeNosniff {
			d[Id("AllowSniffing")] = True()
		}
		switch h.ReferrerPolicy {
		case "":
			d[Id("NoReferrerPolicy")] = True()
		case model.DefaultHeaders.ReferrerPolicy:
		default:
			d[Id("ReferrerPolicy")] = Lit(h.ReferrerPolicy)
		}
		switch h.FrameOptions {
		case "":
			d[Id("AllowFraming")] = True()
		case model.DefaultHeaders.FrameOptions:
		default:
			d[Id("FrameOptions")] = Lit(h.FrameOptions)
		}
		if h.ContentSecurityPolicy != "" {
			d[Id("ContentSecurityPolicy")] = Lit(h.ContentSecurityPolicy)
		}
		if h.HSTSMaxAge > 0 {
			d[Id("HSTSMaxAge")] = duration(h.HSTSMaxAge)
		}
		if h.HSTSIncludeSubdomains {
			d[Id("HSTSIncludeSubdomains")] = True()
		}
		if h.HSTSPreload {
			d[Id("HSTSPreload")] = True()
		}
		if h.ProxySSLHeader != "" {
			d[Id("ProxySSLHeader")] = Lit(h.ProxySSLHeader)
			d[Id("ProxySSLValue")] = Lit(h.ProxySSLValue)
		}
	}))
}

// throttleSettings is the throttle.Settings literal of security.throttle and the routes'
// throttle_scope, the routes by the ServeMux patterns Register mounts them with.
func throttleSettings(t model.Throttle) *Statement {
	return Qual(pkgThrottle, "Settings").Values(DictFunc(func(d Dict) {
		if !t.Anon.IsZero() {
			d[Id("Anon")] = rate(t.Anon)
		}
		if !t.User.IsZero() {
			d[Id("User")] = rate(t.User)
		}
		if len(t.Rates) > 0 {
			d[Id("Rates")] = Map(String()).Qual(pkgThrottle, "Rate").Values(DictFunc(func(rd Dict) {
				for _, r := range t.Rates {
					rd[Lit(r.Scope)] = rateFields(r.Rate)
				}
			}))
		}
		if len(t.Routes) > 0 {
			d[Id("Routes")] = Map(String()).String().Values(DictFunc(func(rd Dict) {
				for _, rs := range t.Routes {
					for _, pattern := range routePatterns(rs) {
						rd[Lit(pattern)] = Lit(rs.Scope)
					}
				}
			}))
		}
	}))
}

// routePatterns are the patterns of a throttle_scope's routes, as Register writes them.
func routePatterns(rs model.RouteScope) []string {
	if rs.Action != nil {
		return []string{rs.Action.Path + "{$}"}
	}
	out := []string{rs.Endpoint.Path + "{$}"}
	if hasDetail(rs.Endpoint) {
		out = append(out, rs.Endpoint.DetailPath()+"{$}")
	}
	return out
}

// rate is a throttle.Rate literal on one line, as a reader writes one.
func rate(r throttle.Rate) *Statement {
	return Qual(pkgThrottle, "Rate").Add(rateFields(r))
}

func rateFields(r throttle.Rate) *Statement {
	return Values(Id("Requests").Op(":").Lit(r.Requests), Id("Period").Op(":").Add(duration(r.Period)))
}

// loginConfig is the loginguard.Config literal of security.login, written only where it
// departs from the defaults (the runtime's zero Config).
func loginConfig(l model.Login) *Statement {
	return Qual(pkgLoginGuard, "Config").Values(DictFunc(func(d Dict) {
		if !l.Lockout {
			d[Id("Off")] = True()
		}
		if l.Account != model.DefaultLogin.Account || l.Address != model.DefaultLogin.Address {
			d[Id("Account")] = limit(l.Account)
			d[Id("Address")] = limit(l.Address)
		}
		if l.HashWorkers > 0 {
			d[Id("Workers")] = Lit(l.HashWorkers)
		}
		if l.HashQueue > 0 {
			d[Id("Queue")] = Lit(l.HashQueue)
		}
		if l.HashWait > 0 {
			d[Id("MaxWait")] = duration(l.HashWait)
		}
	}))
}

func limit(l loginguard.Limit) *Statement {
	return Qual(pkgLoginGuard, "Limit").Values(DictFunc(func(d Dict) {
		if l.Failures > 0 {
			d[Id("Failures")] = Lit(l.Failures)
			d[Id("Window")] = duration(l.Window)
		}
	}))
}

// accountThrottles is accounts.Settings.Throttles: the scopes of the account views by key.
func accountThrottles(scopes []model.AccountScope) *Statement {
	return Map(String()).String().Values(DictFunc(func(d Dict) {
		for _, s := range scopes {
			d[accountThrottleKey(s.Key)] = Lit(s.Scope)
		}
	}))
}

// accountThrottleNames are the runtime/accounts constants of the throttle keys that are not
// permission keys.
var accountThrottleNames = map[string]string{
	"resend_activation": "ThrottleResendActivation", "jwt_create": "ThrottleJWTCreate",
	"jwt_refresh": "ThrottleJWTRefresh", "jwt_verify": "ThrottleJWTVerify", "jwt_blacklist": "ThrottleJWTBlacklist",
}

// accountThrottleKey names a throttle key by its runtime/accounts constant.
func accountThrottleKey(key string) *Statement {
	for _, p := range djoser.Permissions {
		if p.Key == key {
			return Qual(pkgAccounts, p.Const)
		}
	}
	return Qual(pkgAccounts, accountThrottleNames[key])
}
