package spec

import "github.com/authgen/authgen/generator/diag"

// Security is the `security` section: the defaults that keep a deployment safe and the
// options that change them (docs/security.md).
type Security struct {
	Headers *Headers
	// Legacy are the `legacy` switches given, in spec order: each restores an answer of the
	// 2023 reference that a later upstream release fixed.
	Legacy []NamedBool
	Pos    diag.Pos
}

// Headers is security.headers.
type Headers struct {
	ContentTypeNosniff                                                  *Bool
	ReferrerPolicy, FrameOptions, ContentSecurityPolicy, ProxySSLHeader *Str
	HSTS                                                                *HSTS
	Pos                                                                 diag.Pos
}

// HSTS is security.headers.hsts.
type HSTS struct {
	MaxAge                     *Str
	IncludeSubdomains, Preload *Bool
	Pos                        diag.Pos
}

// LegacyKeys are the keys of security.legacy.
var LegacyKeys = []string{"refresh_inactive_users", "resend_activation_reveals_accounts"}

func (d *decoder) security(e entry) *Security {
	s := &Security{Pos: d.pos(e.keyNode)}
	d.object(e.val, "security", []string{"headers", "legacy"}, func(e entry) {
		switch e.key {
		case "headers":
			s.Headers = d.headers(e)
		case "legacy":
			d.object(e.val, "security.legacy", LegacyKeys, func(e entry) {
				if b := d.boolean(e.key, e.val); b != nil {
					s.Legacy = append(s.Legacy, NamedBool{Name: e.key, Value: *b})
				}
			})
		}
	})
	return s
}

func (d *decoder) headers(e entry) *Headers {
	h := &Headers{Pos: d.pos(e.keyNode)}
	keys := []string{"content_type_nosniff", "referrer_policy", "frame_options", "hsts", "content_security_policy", "proxy_ssl_header"}
	d.object(e.val, "security.headers", keys, func(e entry) {
		switch e.key {
		case "content_type_nosniff":
			h.ContentTypeNosniff = d.boolean(e.key, e.val)
		case "referrer_policy":
			h.ReferrerPolicy = d.str(e.key, e.val)
		case "frame_options":
			h.FrameOptions = d.str(e.key, e.val)
		case "content_security_policy":
			h.ContentSecurityPolicy = d.str(e.key, e.val)
		case "proxy_ssl_header":
			h.ProxySSLHeader = d.str(e.key, e.val)
		case "hsts":
			h.HSTS = &HSTS{Pos: d.pos(e.keyNode)}
			d.object(e.val, "security.headers.hsts", []string{"max_age", "include_subdomains", "preload"}, func(e entry) {
				switch e.key {
				case "max_age":
					h.HSTS.MaxAge = d.str(e.key, e.val)
				case "include_subdomains":
					h.HSTS.IncludeSubdomains = d.boolean(e.key, e.val)
				case "preload":
					h.HSTS.Preload = d.boolean(e.key, e.val)
				}
			})
		}
	})
	return h
}
