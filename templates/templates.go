// Package templates embeds what authgen needs that is not Go: the SQL of the built-in tables,
// the account e-mail texts and Django's list of common passwords.
package templates

import "embed"

// FS holds sql/, mail/ and passwords/.
//
//go:embed sql mail passwords
var FS embed.FS
