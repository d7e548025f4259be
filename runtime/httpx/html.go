package httpx

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"net/http"
	"strconv"
	"strings"
)

// The HTML page stands in for DRF's BrowsableAPIRenderer where content negotiation chose
// text/html (a browser's Accept header, ?format=api, a ".api" suffix). It is not DRF's
// browsable API: no forms, no log-in, no scripts, nothing fetched. It shows what the JSON
// answer would have been (the method and path, the status, the headers that matter and the
// body pretty-printed) with the JSON answer's status, every character of the request and of
// the body HTML-escaped, under a Content-Security-Policy that allows no script, no fetch,
// no form, no framing and only the page's own style.

// pageStyle is the page's only style; the policy allows it by its hash.
const pageStyle = "body{margin:2em;font-family:sans-serif}pre{white-space:pre-wrap;overflow-wrap:anywhere}"

// pagePolicy is the page's Content-Security-Policy.
var pagePolicy = func() string {
	sum := sha256.Sum256([]byte(pageStyle))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}()

// The header values of every page.
var (
	contentTypeHTML = []string{"text/html; charset=utf-8"}[:1:1]
	policyHTML      = []string{pagePolicy}[:1:1]
	noSniff         = []string{"nosniff"}[:1:1]
)

// shownHeaders are the answer's headers the page shows besides its Content-Type and Vary,
// in this order, when the answer has them.
var shownHeaders = []string{"Allow", "Location", "Retry-After", "WWW-Authenticate"}

// oneLine writes a header's value on one line, as net/http sends it.
var oneLine = strings.NewReplacer("\r", " ", "\n", " ")

// htmlWriter holds a route's answer while the route writes it, then sends it as the page
// (finish). An answer that is not JSON, or may have no body, goes out as it was written.
type htmlWriter struct {
	w      http.ResponseWriter
	r      *http.Request
	status int
	body   []byte
}

func (h *htmlWriter) Header() http.Header { return h.w.Header() }

func (h *htmlWriter) WriteHeader(status int) {
	if h.status == 0 {
		h.status = status
	}
}

func (h *htmlWriter) Write(p []byte) (int, error) {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	h.body = append(h.body, p...)
	return len(p), nil
}

// finish sends the answer the route wrote.
func (h *htmlWriter) finish() {
	if h.status == 0 {
		return // nothing written: the server's empty 200
	}
	header := h.w.Header()
	mt, _, _ := strings.Cut(header.Get("Content-Type"), ";")
	if strings.TrimSpace(mt) != MediaJSON || !bodyAllowed(h.status) {
		h.w.WriteHeader(h.status)
		_, _ = h.w.Write(h.body)
		return
	}
	page := htmlPage(h.r, h.status, header, h.body)
	header["Content-Type"] = contentTypeHTML
	header["Content-Security-Policy"] = policyHTML
	header["X-Content-Type-Options"] = noSniff
	header.Del("Content-Length")
	h.w.WriteHeader(h.status)
	_, _ = h.w.Write(page)
}

// bodyAllowed reports whether an answer of status may have a body (not 1xx, 204, 304).
func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}

// htmlPage is the HTML page of a JSON answer to r: its status, its headers (header) and its
// body, pretty-printed. Every byte taken from the request and the answer is HTML-escaped.
func htmlPage(r *http.Request, status int, header http.Header, body []byte) []byte {
	target := r.RequestURI
	if target == "" {
		target = r.URL.RequestURI()
	}
	var b bytes.Buffer
	b.Grow(len(body)*2 + 512)
	b.WriteString("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"robots\" content=\"noindex\">\n<title>")
	b.WriteString(html.EscapeString(r.Method + " " + target))
	b.WriteString("</title>\n<style>" + pageStyle + "</style>\n</head>\n<body>\n<h1>")
	b.WriteString(html.EscapeString(r.Method + " " + target))
	b.WriteString("</h1>\n<pre>HTTP ")
	b.WriteString(strconv.Itoa(status))
	if text := http.StatusText(status); text != "" {
		b.WriteString(" " + text)
	}
	b.WriteByte('\n')
	for _, name := range shownHeaders {
		if v := header.Values(name); len(v) > 0 {
			b.WriteString(html.EscapeString(name + ": " + oneLine.Replace(strings.Join(v, ", "))))
			b.WriteByte('\n')
		}
	}
	b.WriteString("Content-Type: " + MediaJSON + "\n")
	if v := header.Values("Vary"); len(v) > 0 {
		b.WriteString(html.EscapeString("Vary: " + oneLine.Replace(strings.Join(v, ", "))))
		b.WriteByte('\n')
	}
	if len(body) > 0 {
		b.WriteByte('\n')
		b.WriteString(html.EscapeString(string(prettyJSON(body))))
	}
	b.WriteString("</pre>\n</body>\n</html>\n")
	return b.Bytes()
}

// prettyJSON is body indented by four spaces, as DRF's browsable API shows it, with the
// characters encoding/json escapes for HTML (<, > and &) written as themselves: the page
// escapes them as HTML, which a reader reads. A body that is not JSON is returned as it is.
func prettyJSON(body []byte) []byte {
	var out bytes.Buffer
	if err := json.Indent(&out, body, "", "    "); err != nil {
		return body
	}
	return unescapeHTMLSafe(out.Bytes())
}

// unescapeHTMLSafe rewrites the escapes \u003c, \u003e and \u0026 inside the JSON strings
// of b as the characters they stand for (in place: each is shorter than its escape).
// Another escape is kept, a backslash's pair read as one, so that "\\u003c" (a backslash,
// then the text u003c) stays as it is.
func unescapeHTMLSafe(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\u00`)) {
		return b
	}
	out := b[:0]
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' || i+1 >= len(b) {
			out = append(out, c)
			continue
		}
		if b[i+1] == 'u' && i+5 < len(b) {
			switch string(b[i+2 : i+6]) {
			case "003c", "003C":
				out = append(out, '<')
				i += 5
				continue
			case "003e", "003E":
				out = append(out, '>')
				i += 5
				continue
			case "0026":
				out = append(out, '&')
				i += 5
				continue
			}
		}
		out = append(out, c, b[i+1])
		i++
	}
	return out
}
