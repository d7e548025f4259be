package smtptest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Received is one message as the server accepted it.
type Received struct {
	From     string   // envelope sender (MAIL FROM)
	To       []string // envelope recipients (RCPT TO), in order
	Subject  string   // decoded from RFC 2047
	Text     string   // the text/plain body, decoded; the whole body when there is none
	HTML     string   // the text/html body, decoded; "" when there is none
	Header   mail.Header
	Raw      []byte // the message as received, CRLF line endings
	TLS      bool   // the message came over TLS (STARTTLS or implicit)
	AuthUser string // the authenticated username, "" without AUTH
}

// decode parses what it can of raw; a malformed message still records its Raw bytes and
// whatever was decoded before the fault, so a test can show what went wrong.
func decode(raw []byte) Received {
	r := Received{Raw: raw}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		r.Text = string(raw)
		return r
	}
	r.Header = msg.Header
	r.Subject = msg.Header.Get("Subject")
	if s, err := new(mime.WordDecoder).DecodeHeader(r.Subject); err == nil {
		r.Subject = s
	}
	body, _ := io.ReadAll(msg.Body)
	r.collect(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), body)
	if r.Text == "" && r.HTML == "" {
		r.Text = string(body)
	}
	return r
}

// collect fills Text and HTML from the first text/plain and text/html parts, descending
// into multipart bodies.
func (r *Received) collect(contentType, encoding string, body []byte) {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if contentType == "" || err != nil {
		mediaType = "text/plain"
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			// NextRawPart leaves the transfer encoding to us, as for a single part.
			p, err := mr.NextRawPart()
			if err != nil {
				return
			}
			b, _ := io.ReadAll(p)
			r.collect(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), b)
		}
	}
	text := decodeTransfer(encoding, body)
	switch {
	case mediaType == "text/plain" && r.Text == "":
		r.Text = text
	case mediaType == "text/html" && r.HTML == "":
		r.HTML = text
	}
}

// decodeTransfer undoes a Content-Transfer-Encoding; the text keeps the CRLF line endings
// of the wire as LF, as mail readers show it.
func decodeTransfer(encoding string, body []byte) string {
	var out []byte
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		b, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
		if err != nil {
			return string(body)
		}
		out = b
	case "base64":
		b, err := base64.StdEncoding.DecodeString(strings.Map(dropSpace, string(body)))
		if err != nil {
			return string(body)
		}
		out = b
	default:
		out = body
	}
	return strings.ReplaceAll(string(out), "\r\n", "\n")
}

func dropSpace(r rune) rune {
	if r == '\r' || r == '\n' || r == ' ' || r == '\t' {
		return -1
	}
	return r
}
