// Package httpx writes and reads HTTP bodies the way Django REST framework does, so a client
// written against a DRF API keeps working.
//
// # Responses
//
// JSON writes a value with a status. Errors are written as DRF shapes them: a "detail" body
// for request-level errors (Detail, NotFound, MethodNotAllowed) and a field → messages body
// for validation errors (FieldErrors).
//
// # Requests
//
// DecodeJSON reads a JSON object from a request body no larger than a limit, answering
// 413 above it and DRF's "JSON parse error - …" 400 for malformed input.
package httpx
