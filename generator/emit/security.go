package emit

import (
	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
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
