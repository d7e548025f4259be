// Package httpx writes and reads HTTP bodies the way Django REST framework does, so a client
// written against a DRF API keeps working.
//
// # Responses
//
// JSON writes a value with a status. Errors are written as DRF shapes them: a "detail" body
// for request-level errors (Detail, NotFound, MethodNotAllowed) and a field → messages body
// for validation errors (FieldErrors). Options is SimpleMetadata's OPTIONS answer.
//
// # Requests
//
// Decode reads a body as DRF's default parsers (JSON, HTML form, multipart form) into a
// Body no larger than a limit, answering 413 above it, 415 for another media type and
// DRF's "JSON parse error - …" 400 for malformed JSON. Body.Get reads one field, with DRF's
// rules for form input.
//
// # Routes
//
// Routes serves a mux of routes as Django's resolver and CommonMiddleware and DRF's content
// negotiation answer around them: 301 to add a final slash, Django's HTML 404 page (or DRF's
// JSON one) for unknown paths, format suffixes (".json", ".api") and ?format=, the renderer
// the Accept header asks for (Negotiate), 406 for one no renderer satisfies. Where HTML is
// chosen, the route's JSON answer is sent as a static HTML page (the browsable API's place,
// without its forms and scripts). WithMedia gives the app's parsers and renderers.
package httpx
