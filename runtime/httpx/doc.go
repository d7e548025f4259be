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
// negotiation answer around them: 301 to add a final slash, JSON 404 for unknown paths,
// format suffixes (".json") and ?format=, 406 for an Accept header JSON cannot satisfy.
package httpx
