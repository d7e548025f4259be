package model

import "time"

// Security is the spec's security section resolved: what the app does beyond the 2023
// reference to stay safe, and the legacy switches that restore the reference's answers.
type Security struct {
	Headers Headers
	// RefreshInactiveUsers keeps simplejwt 5.2's jwt/refresh for inactive or deleted users.
	RefreshInactiveUsers bool
	// ResendActivationRevealsAccounts keeps djoser 2.1's resend_activation 400 for an
	// address without an inactive account.
	ResendActivationRevealsAccounts bool
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
