package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// compose renders the RFC 5322 message of e, dated now, with CRLF line endings.
func compose(e envelope, now time.Time) []byte {
	var b bytes.Buffer
	header(&b, "Date", now.Format(time.RFC1123Z))
	header(&b, "Message-ID", messageID(e.from.Address))
	header(&b, "From", formatAddress(e.from))
	to := make([]string, len(e.to))
	for i, a := range e.to {
		to[i] = formatAddress(a)
	}
	header(&b, "To", strings.Join(to, ", "))
	header(&b, "Subject", encodeText(e.msg.Subject))
	header(&b, "MIME-Version", "1.0")

	switch {
	case e.msg.Text != "" && e.msg.HTML != "":
		mw := multipart.NewWriter(&b)
		header(&b, "Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": mw.Boundary()}))
		b.WriteString("\r\n")
		// Order matters: readers show the last alternative they understand, so the richest
		// comes last (RFC 2046, 5.1.4).
		textPart(mw, "text/plain", e.msg.Text)
		textPart(mw, "text/html", e.msg.HTML)
		mw.Close()
	case e.msg.HTML != "":
		singlePart(&b, "text/html", e.msg.HTML)
	default:
		singlePart(&b, "text/plain", e.msg.Text)
	}
	return b.Bytes()
}

func singlePart(b *bytes.Buffer, mediaType, body string) {
	header(b, "Content-Type", mediaType+"; charset=utf-8")
	header(b, "Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	writeQP(b, body)
}

func textPart(mw *multipart.Writer, mediaType, body string) {
	// Writes to a bytes.Buffer cannot fail, so neither can CreatePart.
	w, _ := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {mediaType + "; charset=utf-8"},
		"Content-Transfer-Encoding": {"quoted-printable"},
	})
	writeQP(w, body)
}

// writeQP writes body quoted-printable, with its line breaks as CRLF and a final line break.
// Quoted-printable keeps every line short and 7-bit whatever the text holds, so the message
// passes servers without 8BITMIME, and a line holding a lone "." cannot end the DATA early.
func writeQP(w io.Writer, body string) {
	qp := quotedprintable.NewWriter(w)
	io.WriteString(qp, body)
	if !strings.HasSuffix(body, "\n") {
		io.WriteString(qp, "\n")
	}
	qp.Close()
}

// formatAddress writes a bare address when there is no display name, as Django does, and
// lets net/mail quote and encode the rest.
func formatAddress(a *mail.Address) string {
	s := a.String()
	if a.Name == "" {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	}
	return s
}

// messageID is unique without coordination: 128 random bits, at the sender's domain.
func messageID(from string) string {
	var r [16]byte
	rand.Read(r[:])
	domain := "localhost"
	if i := strings.LastIndexByte(from, '@'); i >= 0 && i+1 < len(from) {
		domain = from[i+1:]
	}
	return "<" + hex.EncodeToString(r[:]) + "@" + domain + ">"
}

// encodeText returns s as it may appear in an unstructured header: unchanged when it is
// printable ASCII, else as RFC 2047 "Q" encoded words. mime.QEncoding would do, but its words
// reach 75 characters, which after "Subject: " breaks RFC 2047's limit of 76 characters on a
// line that holds encoded words; these stay short enough for any header name up to 12
// characters. A character is never split across two words.
func encodeText(s string) string {
	if !needsEncoding(s) {
		return s
	}
	const (
		prefix, suffix = "=?utf-8?q?", "?="
		maxWord        = 64 // 12 ("Subject: " and more) + 64 = 76
	)
	var words []string
	var w strings.Builder
	for _, r := range s {
		enc := qEncodeRune(r)
		if w.Len() > 0 && len(prefix)+w.Len()+len(enc)+len(suffix) > maxWord {
			words = append(words, prefix+w.String()+suffix)
			w.Reset()
		}
		w.WriteString(enc)
	}
	words = append(words, prefix+w.String()+suffix)
	// Readers drop the white space between adjacent encoded words, so the spaces that
	// header() folds at add nothing to the text.
	return strings.Join(words, " ")
}

func needsEncoding(s string) bool {
	for _, r := range s {
		if (r < ' ' && r != '\t') || r > '~' {
			return true
		}
	}
	return false
}

// qEncodeRune is one character in RFC 2047's Q encoding: printable ASCII as itself, space as
// "_", and "=", "?", "_" and everything else as =XX per UTF-8 byte.
func qEncodeRune(r rune) string {
	if r == ' ' {
		return "_"
	}
	if r > ' ' && r <= '~' && r != '=' && r != '?' && r != '_' {
		return string(r)
	}
	var b strings.Builder
	for _, c := range []byte(string(r)) {
		fmt.Fprintf(&b, "=%02X", c)
	}
	return b.String()
}

// header writes "Name: value", folded at spaces so lines stay within the 78 characters
// RFC 5322 recommends where the value allows it.
func header(b *bytes.Buffer, name, value string) {
	const limit = 78
	line := name + ":"
	for i, word := range strings.Split(value, " ") {
		// A continuation line must hold more than white space, so empty words never fold.
		if i > 0 && word != "" && len(line)+1+len(word) > limit {
			b.WriteString(line + "\r\n")
			line = ""
		}
		line += " " + word
	}
	b.WriteString(line + "\r\n")
}
