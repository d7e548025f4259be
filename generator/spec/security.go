package spec

import "github.com/authgen/authgen/generator/diag"

// Security is the `security` section: the defaults that keep a deployment safe and the
// options that change them (docs/security.md).
type Security struct {
	Headers    *Headers
	Throttle   *Throttle
	Login      *Login
	NumProxies *Int
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

// Throttle is security.throttle: DRF's throttling settings.
type Throttle struct {
	Anon, User *Str
	Rates      []NamedStr // scope: rate, in spec order
	Accounts   []NamedStr // account view key: scope, in spec order
	Pos        diag.Pos
}

// Login is security.login: log-in protection.
type Login struct {
	Account, Address       *LoginLimit
	Lockout                *Bool
	HashWorkers, HashQueue *Int
	HashWait               *Str
	Pos                    diag.Pos
}

// LoginLimit is security.login.account or .address.
type LoginLimit struct {
	Failures *Int
	Window   *Str
	Pos      diag.Pos
}

// ThrottleAccountKeys are the keys of security.throttle.accounts: djoser's PERMISSIONS
// keys of the views they guard, and those of the views without one.
var ThrottleAccountKeys = append(append([]string{}, accountPermissionKeys...),
	"resend_activation", "jwt_create", "jwt_refresh", "jwt_verify", "jwt_blacklist")

// LegacyKeys are the keys of security.legacy.
var LegacyKeys = []string{"refresh_inactive_users", "resend_activation_reveals_accounts", "weak_secret_key"}

func (d *decoder) security(e entry) *Security {
	s := &Security{Pos: d.pos(e.keyNode)}
	d.object(e.val, "security", []string{"headers", "throttle", "login", "num_proxies", "legacy"}, func(e entry) {
		switch e.key {
		case "headers":
			s.Headers = d.headers(e)
		case "throttle":
			s.Throttle = d.throttle(e)
		case "login":
			s.Login = d.login(e)
		case "num_proxies":
			s.NumProxies = d.integer("num_proxies", e.val)
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

func (d *decoder) throttle(e entry) *Throttle {
	t := &Throttle{Pos: d.pos(e.keyNode)}
	d.object(e.val, "security.throttle", []string{"anon", "user", "rates", "accounts"}, func(e entry) {
		switch e.key {
		case "anon":
			t.Anon = d.str("anon", e.val)
		case "user":
			t.User = d.str("user", e.val)
		case "rates":
			for _, r := range d.entries(e.val, "security.throttle.rates") {
				if v := d.str(r.key, r.val); v != nil {
					t.Rates = append(t.Rates, NamedStr{Name: r.key, Value: *v})
				}
			}
		case "accounts":
			d.object(e.val, "security.throttle.accounts", ThrottleAccountKeys, func(a entry) {
				if v := d.str(a.key, a.val); v != nil {
					t.Accounts = append(t.Accounts, NamedStr{Name: a.key, Value: *v})
				}
			})
		}
	})
	return t
}

func (d *decoder) login(e entry) *Login {
	l := &Login{Pos: d.pos(e.keyNode)}
	limit := func(e entry) *LoginLimit {
		ll := &LoginLimit{Pos: d.pos(e.keyNode)}
		d.object(e.val, "security.login."+e.key, []string{"failures", "window"}, func(e entry) {
			switch e.key {
			case "failures":
				ll.Failures = d.integer("failures", e.val)
			case "window":
				ll.Window = d.str("window", e.val)
			}
		})
		return ll
	}
	keys := []string{"lockout", "account", "address", "hash_workers", "hash_queue", "hash_wait"}
	d.object(e.val, "security.login", keys, func(e entry) {
		switch e.key {
		case "lockout":
			l.Lockout = d.boolean("lockout", e.val)
		case "account":
			l.Account = limit(e)
		case "address":
			l.Address = limit(e)
		case "hash_workers":
			l.HashWorkers = d.integer("hash_workers", e.val)
		case "hash_queue":
			l.HashQueue = d.integer("hash_queue", e.val)
		case "hash_wait":
			l.HashWait = d.str("hash_wait", e.val)
		}
	})
	return l
}
