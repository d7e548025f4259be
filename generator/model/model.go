// Package model is the resolved form of an authgen spec: every reference is resolved and every
// Go and SQL name is decided here, once, so that emitters never see YAML and never invent names.
//
// # Contract for emitters
//
//   - Pointers are shared: an Endpoint's Model is the very *Model in App.Models, a Field's To is
//     the *Model it points at, an Expr's Class is the *PermClass in App.Classes (or a builtin
//     singleton such as [IsAuthenticated]).
//   - Slices are in a deterministic order: the user's order where order means something (models,
//     fields, endpoints, actions, serializer fields), sorted otherwise (classes, permissions).
//   - Every optional setting is filled with its default (docs/spec.md), so zero values mean what
//     they say: a zero Leeway is no leeway, a nil Pagination is no pagination.
//   - Strings that end up in Go source are validated Go identifiers where they are names
//     (GoName, Name of models/fields/endpoints/actions/classes) and must otherwise reach Go only
//     through jen.Lit (Message, Description, VerboseName...).
//   - Every identifier the generated package declares from the spec is decided here (GoName
//     and the Names of models, fields, endpoints and actions) and declared in its Go scope
//     beside the generator's own names (GeneratedNames), so two never clash: emitters use
//     them as they are and never build one by concatenation.
package model

import "github.com/authgen/authgen/generator/diag"

// App is a whole resolved spec: one generated Go package.
type App struct {
	Name      string // app label and Go package name: "store"
	SpecFile  string // the spec's base name as written in errors and headers: "authgen.yaml"
	OutputDir string // output directory relative to the spec's directory, slash-separated, cleaned: "."

	AuthMount string // URL prefix of the account routes, with both slashes: "/auth/"
	APIMount  string // URL prefix of the endpoints, with both slashes: "/store/"
	// HealthPath and ReadyPath are the liveness and readiness endpoints' paths when the spec
	// moves them; empty keeps the runtime's /healthz and /readyz.
	HealthPath, ReadyPath string
	// OpenAPIPath is where the app serves openapi.json (mount.openapi); empty: not served.
	OpenAPIPath string
	// JWTBlacklistPath is where the app serves simplejwt's TokenBlacklistView
	// (mount.jwt_blacklist); empty: not served.
	JWTBlacklistPath string

	Auth        Auth
	Accounts    Accounts
	Serializers Serializers

	// DefaultPermission is the permission of endpoints that do not name one (IsAuthenticated
	// unless defaults.permission says otherwise). Never nil.
	DefaultPermission *Expr
	// DefaultPagination is applied to endpoints that do not configure one; nil means lists are
	// plain JSON arrays, as with DRF's default settings.
	DefaultPagination *Pagination
	// Parsers are the media types request bodies may have (DRF's DEFAULT_PARSER_CLASSES,
	// `defaults.parsers`), in the spec's order; nil means DRF's three.
	Parsers []string
	// Renderers are the media types answers may have (DRF's DEFAULT_RENDERER_CLASSES,
	// `defaults.renderers`), in the spec's order; nil means DRF's two (JSON, then the HTML
	// page standing for the browsable API).
	Renderers []string
	// JSONNotFound answers a path no route serves with DRF's JSON 404 instead of Django's
	// HTML page (`defaults.not_found: json`).
	JSONNotFound bool

	Classes     []*PermClass  // the spec's custom permission classes, sorted by Name (no builtins)
	Models      []*Model      // spec order
	Endpoints   []*Endpoint   // spec order
	Permissions []*Permission // every permission of every model (the four defaults and the custom ones), sorted by Full

	Security Security

	// ModelsPos is where the spec's `models` key is (the document's start when there is
	// none): where a migration that would drop a removed model is reported.
	ModelsPos Pos
}

// Pos is a position in the spec file, 1-based. The zero Pos means "no position" (a default).
type Pos = diag.Pos
