package model

import (
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/spec"
	"github.com/authgen/authgen/runtime/loginguard"
	"github.com/authgen/authgen/runtime/throttle"
)

// referrerPolicies are the values Referrer-Policy accepts (Django's REFERRER_POLICY_VALUES).
var referrerPolicies = []string{
	"no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin",
	"same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url",
}

// hstsPreloadMinAge is the shortest max-age the browsers' preload list accepts.
const hstsPreloadMinAge = 365 * 24 * time.Hour

func (b *builder) buildSecurity() {
	s := &b.app.Security
	s.Headers = DefaultHeaders
	s.Login = DefaultLogin
	ss := b.f.Security
	if ss == nil {
		ss = &spec.Security{}
	}
	if ss.Headers != nil {
		b.headers(&s.Headers, ss.Headers)
	}
	b.throttle(&s.Throttle, ss.Throttle)
	if ss.Login != nil {
		b.login(&s.Login, ss.Login)
	}
	if n := ss.NumProxies; n != nil {
		if n.Value < 0 || n.Value > 16 {
			b.errorf(n.Pos, "security.num_proxies: %d must be between 0 and 16 (the proxies in front of the app that append to X-Forwarded-For)", n.Value)
		} else {
			s.NumProxies = int(n.Value)
		}
	}
	for _, nb := range ss.Legacy {
		switch nb.Name {
		case "refresh_inactive_users":
			s.RefreshInactiveUsers = nb.Value.Value
		case "resend_activation_reveals_accounts":
			s.ResendActivationRevealsAccounts = nb.Value.Value
		case "weak_secret_key":
			s.WeakSecretKey = nb.Value.Value
		}
	}
}

func (b *builder) headers(h *Headers, sh *spec.Headers) {
	if sh.ContentTypeNosniff != nil {
		h.ContentTypeNosniff = sh.ContentTypeNosniff.Value
	}
	if v := sh.ReferrerPolicy; v != nil {
		h.ReferrerPolicy = ""
		var policies []string
		for _, p := range strings.Split(v.Value, ",") {
			p = strings.TrimSpace(p)
			switch {
			case p == "" && strings.TrimSpace(v.Value) == "":
			case !contains(referrerPolicies, p):
				b.errorf(v.Pos, "security.headers.referrer_policy: %q is not a Referrer-Policy%s (or \"\" to send none)", p, diag.Suggest(p, referrerPolicies))
			default:
				policies = append(policies, p)
			}
		}
		h.ReferrerPolicy = strings.Join(policies, ",")
	}
	if v := sh.FrameOptions; v != nil {
		switch f := strings.ToUpper(v.Value); f {
		case "DENY", "SAMEORIGIN", "":
			h.FrameOptions = f
		default:
			b.errorf(v.Pos, "security.headers.frame_options: %q must be DENY, SAMEORIGIN or \"\" (no header)", v.Value)
		}
	}
	if v := sh.ContentSecurityPolicy; v != nil {
		if !headerValue(v.Value) {
			b.errorf(v.Pos, "security.headers.content_security_policy: a header value cannot hold control characters or line breaks")
		} else {
			h.ContentSecurityPolicy = strings.TrimSpace(v.Value)
		}
	}
	if v := sh.ProxySSLHeader; v != nil {
		name, value, ok := strings.Cut(v.Value, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || !headerName(name) || value == "" || !headerValue(value) {
			b.errorf(v.Pos, "security.headers.proxy_ssl_header: %q must be \"Header-Name: value\", like \"X-Forwarded-Proto: https\"", v.Value)
		} else {
			h.ProxySSLHeader, h.ProxySSLValue = textproto.CanonicalMIMEHeaderKey(name), value
		}
	}
	if hs := sh.HSTS; hs != nil {
		if hs.MaxAge == nil {
			b.errorf(hs.Pos, "security.headers.hsts: max_age is required, like max_age: 365d")
		}
		h.HSTSMaxAge = b.duration(hs.MaxAge, "security.headers.hsts.max_age", 0, true)
		if h.HSTSMaxAge%time.Second != 0 {
			b.errorf(hs.MaxAge.Pos, "security.headers.hsts.max_age must be whole seconds")
		}
		if hs.IncludeSubdomains != nil {
			h.HSTSIncludeSubdomains = hs.IncludeSubdomains.Value
		}
		if hs.Preload != nil && hs.Preload.Value {
			h.HSTSPreload = true
			if !h.HSTSIncludeSubdomains || h.HSTSMaxAge < hstsPreloadMinAge {
				b.errorf(hs.Preload.Pos, "security.headers.hsts.preload needs include_subdomains: true and a max_age of at least 365d (the browsers' preload list refuses less)")
			}
		}
	}
}

// headerName reports whether s is an HTTP field name (RFC 9110 token).
func headerName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 0x7e || r <= ' ' || strings.ContainsRune("\"(),/:;<=>?@[\\]{}", r) {
			return false
		}
	}
	return true
}

// headerValue reports whether s can be sent as a header value: no control characters.
func headerValue(s string) bool {
	for _, r := range s {
		if r < ' ' && r != '\t' || r == 0x7f {
			return false
		}
	}
	return true
}

// throttle resolves security.throttle and the endpoints' and actions' throttle_scope, which
// must name a scope of security.throttle.rates.
func (b *builder) throttle(t *Throttle, st *spec.Throttle) {
	rate := func(v *spec.Str, what string) throttle.Rate {
		if v == nil {
			return throttle.Rate{}
		}
		r, err := throttle.ParseRate(v.Value)
		if err != nil {
			b.errorf(v.Pos, "%s: %v", what, err)
		}
		return r
	}
	var scopes []string
	if st != nil {
		t.Anon = rate(st.Anon, "security.throttle.anon")
		t.User = rate(st.User, "security.throttle.user")
		for _, r := range st.Rates {
			if !snakeName.MatchString(r.Name) {
				b.errorf(r.Value.Pos, "security.throttle.rates: scope %q must be lower snake_case, like login or uploads", r.Name)
				continue
			}
			t.Rates = append(t.Rates, ScopeRate{Scope: r.Name, Rate: rate(&r.Value, "security.throttle.rates."+r.Name)})
			scopes = append(scopes, r.Name)
		}
		slices.SortFunc(t.Rates, func(a, b ScopeRate) int { return strings.Compare(a.Scope, b.Scope) })
	}
	scope := func(v *spec.Str, what string) (string, bool) {
		if v == nil {
			return "", false
		}
		if !slices.Contains(scopes, v.Value) {
			b.errorf(v.Pos, "%s: scope %q has no rate in security.throttle.rates%s", what, v.Value, diag.Suggest(v.Value, scopes))
			return "", false
		}
		return v.Value, true
	}
	if st != nil {
		for _, a := range st.Accounts {
			if a.Name == "jwt_blacklist" && (b.f.Mount == nil || b.f.Mount.JWTBlacklist == nil) {
				b.errorf(a.Value.Pos, "security.throttle.accounts.jwt_blacklist: the app does not serve simplejwt's TokenBlacklistView (mount.jwt_blacklist)")
				continue
			}
			if sc, ok := scope(&a.Value, "security.throttle.accounts."+a.Name); ok {
				t.Accounts = append(t.Accounts, AccountScope{Key: a.Name, Scope: sc})
			}
		}
		slices.SortFunc(t.Accounts, func(a, b AccountScope) int { return strings.Compare(a.Key, b.Key) })
	}
	for _, se := range b.f.Endpoints {
		i := slices.IndexFunc(b.app.Endpoints, func(e *Endpoint) bool { return e.Name == se.Name.Value })
		if i < 0 {
			continue // refused already
		}
		e := b.app.Endpoints[i]
		if sc, ok := scope(se.ThrottleScope, "endpoint "+strconv.Quote(e.Name)+" throttle_scope"); ok {
			t.Routes = append(t.Routes, RouteScope{Endpoint: e, Scope: sc})
		}
		for _, sa := range se.Actions {
			sc, ok := scope(sa.ThrottleScope, "action "+strconv.Quote(sa.Name.Value)+" throttle_scope")
			j := slices.IndexFunc(e.Actions, func(a *Action) bool { return a.Name == sa.Name.Value })
			if ok && j >= 0 {
				t.Routes = append(t.Routes, RouteScope{Endpoint: e, Action: e.Actions[j], Scope: sc})
			}
		}
	}
}

// login resolves security.login.
func (b *builder) login(l *Login, sl *spec.Login) {
	if sl.Lockout != nil {
		l.Lockout = sl.Lockout.Value
	}
	limit := func(dst *loginguard.Limit, sl *spec.LoginLimit, what string) {
		if sl == nil {
			return
		}
		if f := sl.Failures; f != nil {
			if f.Value < 0 || f.Value > 1_000_000 {
				b.errorf(f.Pos, "%s.failures: %d must be between 0 (no limit) and 1000000", what, f.Value)
			} else {
				dst.Failures = int(f.Value)
			}
		}
		dst.Window = b.duration(sl.Window, what+".window", dst.Window, true)
		if dst.Failures > 0 && dst.Window == 0 {
			b.errorf(sl.Pos, "%s: failures need a window, like window: 15m", what)
		}
	}
	limit(&l.Account, sl.Account, "security.login.account")
	limit(&l.Address, sl.Address, "security.login.address")
	if l.Account.Failures == 0 && l.Address.Failures == 0 && l.Lockout {
		b.errorf(sl.Pos, "security.login: both limits are 0; to turn the lockout off, say lockout: false")
	}
	count := func(v *spec.Int, what string) int {
		if v == nil {
			return 0
		}
		if v.Value < 1 || v.Value > 4096 {
			b.errorf(v.Pos, "%s: %d must be between 1 and 4096 (leave it out for the default)", what, v.Value)
			return 0
		}
		return int(v.Value)
	}
	l.HashWorkers = count(sl.HashWorkers, "security.login.hash_workers")
	l.HashQueue = count(sl.HashQueue, "security.login.hash_queue")
	l.HashWait = b.duration(sl.HashWait, "security.login.hash_wait", 0, true)
}
