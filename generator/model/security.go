package model

import (
	"time"

	"github.com/authgen/authgen/runtime/loginguard"
	"github.com/authgen/authgen/runtime/throttle"
)

// Security is the spec's security section resolved: what the app does beyond the 2023
// reference to stay safe, and the legacy switches that restore the reference's answers.
type Security struct {
	Headers  Headers
	Throttle Throttle
	Login    Login
	// NumProxies is DRF's NUM_PROXIES for client addresses (0: the connection's).
	NumProxies int
	// RefreshInactiveUsers keeps simplejwt 5.2's jwt/refresh for inactive or deleted users.
	RefreshInactiveUsers bool
	// ResendActivationRevealsAccounts keeps djoser 2.1's resend_activation 400 for an
	// address without an inactive account.
	ResendActivationRevealsAccounts bool
	// WeakSecretKey lets serve start, with a warning, on a SECRET_KEY that is short or of few
	// distinct characters, as Django does; a published key is refused all the same.
	WeakSecretKey bool
}

// Headers are the security headers of every response (Django's SecurityMiddleware and
// XFrameOptionsMiddleware). An empty string leaves its header out.
type Headers struct {
	ContentTypeNosniff    bool   // default true
	ReferrerPolicy        string // default "same-origin"
	FrameOptions          string // "DENY" (default) or "SAMEORIGIN"
	ContentSecurityPolicy string // default "" (none)
	// HSTSMaxAge > 0 sends Strict-Transport-Security on HTTPS requests; whole seconds.
	HSTSMaxAge            time.Duration
	HSTSIncludeSubdomains bool
	HSTSPreload           bool
	// ProxySSLHeader and ProxySSLValue mark a request as HTTPS (SECURE_PROXY_SSL_HEADER).
	ProxySSLHeader, ProxySSLValue string
}

// IsDefault reports whether h is Django's defaults, which the runtime's zero value sends.
func (h Headers) IsDefault() bool {
	return h == DefaultHeaders
}

// DefaultHeaders are Django 3.2's defaults.
var DefaultHeaders = Headers{ContentTypeNosniff: true, ReferrerPolicy: "same-origin", FrameOptions: "DENY"}

// Throttle is DRF's throttling (runtime/throttle).
type Throttle struct {
	Anon, User throttle.Rate // zero: off
	Rates      []ScopeRate   // sorted by Scope
	// Accounts are the throttle scopes of the account views, sorted by Key (one of
	// spec.ThrottleAccountKeys).
	Accounts []AccountScope
	// Routes are the throttle scopes of the endpoints' routes and actions, in spec order.
	Routes []RouteScope
}

// IsZero reports whether t throttles nothing.
func (t Throttle) IsZero() bool {
	return t.Anon.IsZero() && t.User.IsZero() && len(t.Rates) == 0
}

// ScopeRate is one entry of security.throttle.rates.
type ScopeRate struct {
	Scope string
	Rate  throttle.Rate
}

// AccountScope is one entry of security.throttle.accounts.
type AccountScope struct {
	Key, Scope string
}

// RouteScope is the throttle_scope of an endpoint (Action nil: its list and detail routes)
// or of one of its actions.
type RouteScope struct {
	Endpoint *Endpoint
	Action   *Action
	Scope    string
}

// Login is security.login (runtime/loginguard).
type Login struct {
	Lockout          bool             // default true
	Account, Address loginguard.Limit // zero Failures: no limit
	HashWorkers      int              // 0: GOMAXPROCS
	HashQueue        int              // 0: 8 per worker
	HashWait         time.Duration    // 0: 2s
}

// DefaultLogin is loginguard's defaults, which the runtime's zero Config takes.
var DefaultLogin = Login{Lockout: true, Account: loginguard.DefaultAccount, Address: loginguard.DefaultAddress}
