package mail

import (
	"bytes"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func composeFor(t *testing.T, m Message) (*mail.Message, string) {
	t.Helper()
	e, err := validate(m)
	require.NoError(t, err)
	raw := compose(e, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	require.NoError(t, err)
	return msg, string(raw)
}

func TestComposeFoldsLongHeaders(t *testing.T) {
	subject := strings.TrimSpace(strings.Repeat("word ", 40)) + "  double  spaces"
	to := []string{}
	for _, n := range []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"} {
		to = append(to, n+"@a-rather-long-domain-name.example.com")
	}
	msg, raw := composeFor(t, Message{From: "a@x.io", To: to, Subject: subject, Text: "t"})
	for _, line := range strings.Split(raw, "\r\n") {
		require.LessOrEqual(t, len(line), 78, line)
		require.NotEqual(t, " ", line, "a folded line holds more than white space")
	}
	require.Equal(t, "Sun, 01 Mar 2026 12:00:00 +0000", msg.Header.Get("Date"))
	// Unfolding gives back the exact value.
	require.Equal(t, subject, msg.Header.Get("Subject"))
	list, err := msg.Header.AddressList("To")
	require.NoError(t, err)
	require.Len(t, list, len(to))
	require.Equal(t, to[7], list[7].Address)
}

func TestEncodeText(t *testing.T) {
	require.Equal(t, "Account activation on Store", encodeText("Account activation on Store"))
	require.Equal(t, "=?utf-8?q?Caf=C3=A9_=3D_=3F_=5F?=", encodeText("Café = ? _"))
	require.Equal(t, "=?utf-8?q?tab=09=01?=", encodeText("tab\t\x01"))

	long := strings.Repeat("日本語のテキスト ", 12)
	enc := encodeText(long)
	dec := new(mime.WordDecoder)
	for _, word := range strings.Split(enc, " ") {
		require.LessOrEqual(t, len(word), 64)
		// Each word decodes on its own: no character is split across two.
		s, err := dec.Decode(word)
		require.NoError(t, err)
		require.True(t, utf8.ValidString(s), word)
	}
	got, err := dec.DecodeHeader(enc)
	require.NoError(t, err)
	require.Equal(t, long, got)
}

func TestComposeQuotedPrintableRoundTrip(t *testing.T) {
	text := "héllo\r\nwindows line\nunix line\n" + strings.Repeat("x", 200) + "\n. \n"
	msg, raw := composeFor(t, Message{From: "a@x.io", To: []string{"b@x.io"}, Text: text})
	require.Equal(t, "quoted-printable", msg.Header.Get("Content-Transfer-Encoding"))
	for _, line := range strings.Split(raw, "\r\n") {
		require.LessOrEqual(t, len(line), 78)
	}
	body, err := io.ReadAll(msg.Body)
	require.NoError(t, err)
	require.NotContains(t, strings.ReplaceAll(string(body), "\r\n", ""), "\n", "bare LF on the wire")
	decoded, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
	require.NoError(t, err)
	require.Equal(t, strings.ReplaceAll(text, "\r\n", "\n"), strings.ReplaceAll(string(decoded), "\r\n", "\n"))
}
