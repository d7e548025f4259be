package model

import (
	"net/textproto"
	"strings"
	"time"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/spec"
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
	ss := b.f.Security
	if ss == nil {
		return
	}
	if ss.Headers != nil {
		b.headers(&s.Headers, ss.Headers)
	}
	for _, nb := range ss.Legacy {
		switch nb.Name {
		case "refresh_inactive_users":
			s.RefreshInactiveUsers = nb.Value.Value
		case "resend_activation_reveals_accounts":
			s.ResendActivationRevealsAccounts = nb.Value.Value
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
