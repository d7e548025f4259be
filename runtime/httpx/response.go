package httpx

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
)

// JSONAppender is a value that appends its JSON itself, the bytes json.Marshal writes for
// it, without reflection: a generated serializer's shape whose fields are plain.
type JSONAppender interface {
	AppendJSON(b []byte) []byte
}

// jsonTryAppender is a value that may append its JSON itself (view.Items).
type jsonTryAppender interface {
	TryAppendJSON(b []byte) ([]byte, bool)
}

// JSON writes v as a JSON body with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	switch a := v.(type) {
	case JSONAppender:
		WriteJSON(w, status, a.AppendJSON(make([]byte, 0, 512)))
		return
	case jsonTryAppender:
		if body, ok := a.TryAppendJSON(make([]byte, 0, 4096)); ok {
			WriteJSON(w, status, body)
			return
		}
	}
	body, err := json.Marshal(v)
	if err != nil {
		// Only a programming error (an unsupported type) gets here; never leak it to the client.
		http.Error(w, `{"detail":"A server error occurred."}`, http.StatusInternalServerError)
		return
	}
	WriteJSON(w, status, body)
}

// The header values of every JSON answer, made once: one value each and no room for a
// second, so a handler's Add appends to a copy.
var (
	contentTypeJSON = []string{"application/json"}[:1:1]
	varyAccept      = []string{"Accept"}[:1:1]
)

// WriteJSON writes body, already encoded as JSON (AppendString and its kin), with the
// given status: the answer JSON writes for a value that encodes to body.
func WriteJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h["Content-Type"] = contentTypeJSON
	h["Vary"] = varyAccept
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// AppendString appends s as a JSON string exactly as encoding/json writes it: with <, >
// and & escaped for HTML, control characters and the line and paragraph separators as
// \u escapes, invalid UTF-8 as U+FFFD. Printable ASCII needing none of that is copied.
func AppendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if !plainJSON[s[i]] {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// plainJSON holds the bytes encoding/json writes as they are: printable ASCII but for '"',
// '\\' and the three it escapes for HTML. A table, as every byte of every string of an
// answer is looked up in it.
var plainJSON = func() (t [256]bool) {
	for c := 0x20; c <= 0x7e; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

// NoContent answers 204 with no body.
func NoContent(w http.ResponseWriter) {
	w.WriteHeader(http.StatusNoContent)
}

// DetailBody is DRF's body for request-level errors.
type DetailBody struct {
	Detail string `json:"detail"`
	Code   string `json:"code,omitempty"`
}

// Detail writes {"detail": message}.
func Detail(w http.ResponseWriter, status int, message string) {
	JSON(w, status, DetailBody{Detail: message})
}

// Messages DRF uses for request-level errors.
const (
	MsgNotFound         = "Not found."
	MsgNotAuthenticated = "Authentication credentials were not provided."
	MsgPermissionDenied = "You do not have permission to perform this action."
	MsgServerError      = "A server error occurred."
	MsgBodyTooLarge     = "Request body is too large."
)

// NotFound writes DRF's 404 body.
func NotFound(w http.ResponseWriter) { Detail(w, http.StatusNotFound, MsgNotFound) }

// NotAuthenticated writes DRF's answer to missing or bad credentials: 401 with the
// WWW-Authenticate challenge of the first authenticator, or, as DRF does when that
// authenticator has no challenge to give, 403 with the same body.
func NotAuthenticated(w http.ResponseWriter, challenge, message string) {
	if message == "" {
		message = MsgNotAuthenticated
	}
	if challenge == "" {
		Detail(w, http.StatusForbidden, message)
		return
	}
	w.Header().Set("WWW-Authenticate", challenge)
	Detail(w, http.StatusUnauthorized, message)
}

// PermissionDenied writes DRF's 403 body; an empty message means DRF's default one.
func PermissionDenied(w http.ResponseWriter, message string) {
	if message == "" {
		message = MsgPermissionDenied
	}
	Detail(w, http.StatusForbidden, message)
}

// MethodNotAllowed writes DRF's 405 body with the Allow header.
func MethodNotAllowed(w http.ResponseWriter, method, allow string) {
	w.Header().Set("Allow", allow)
	Detail(w, http.StatusMethodNotAllowed, `Method "`+method+`" not allowed.`)
}

// ServerError writes a 500 without any detail of the cause; the caller logs the cause.
func ServerError(w http.ResponseWriter) {
	Detail(w, http.StatusInternalServerError, MsgServerError)
}

// BaseURL returns the scheme and host the client used, and the prefix the app is mounted
// under, for absolute links in bodies ("http://host", "http://host/api"). X-Forwarded-Proto is honoured, as behind a TLS-terminating proxy.
func BaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host + MountPrefix(r)
}

type prefixKey struct{}

// WithMountPrefix returns r noting that the app is mounted under prefix ("/api") in another
// server that routed the request here, prefix stripped: links and redirects put it back.
func WithMountPrefix(r *http.Request, prefix string) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), prefixKey{}, prefix))
}

// MountPrefix is the prefix the app is mounted under (WithMountPrefix), or "".
func MountPrefix(r *http.Request) string {
	p, _ := r.Context().Value(prefixKey{}).(string)
	return p
}

// Link is DRF's reverse(name, request=r, format=…) for a route's path ("/store/products/"):
// the absolute URL, with the request's format suffix in place of the final slash when the
// request had one ("http://host/store/products.json"), as the API root lists its routes.
func Link(r *http.Request, path string) string {
	if f := Format(r); f != "" {
		return BaseURL(r) + strings.TrimSuffix(path, "/") + "." + f
	}
	return BaseURL(r) + path
}
