package smtptest

import (
	"net/smtp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// send delivers raw with net/smtp's own SendMail, so the decoding is tested on messages our
// mail package did not compose.
func send(t *testing.T, s *Server, from string, to []string, raw string) {
	t.Helper()
	require.NoError(t, smtp.SendMail(s.Addr(), nil, from, to, []byte(strings.ReplaceAll(raw, "\n", "\r\n"))))
}

func TestDecodesBase64AndNestedMultipart(t *testing.T) {
	s := Start(t)
	send(t, s, "a@x.io", []string{"Alice@Example.com"}, `From: a@x.io
To: alice@example.com
Subject: =?utf-8?b?Q2Fmw6k=?= ok
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

bGluayBodHRwOi8vc3RvcmUubG9jYWwvIy9hY3RpdmF0ZS9NUS90b2tlbgo=
--inner
Content-Type: text/html; charset=utf-8

<p>html</p>
--inner--
--outer
Content-Type: application/octet-stream

ignored
--outer--
`)
	got := s.WaitFor("alice@example.com", 1, 5*time.Second)
	require.Len(t, got, 1)
	r := got[0]
	require.Equal(t, "a@x.io", r.From)
	require.Equal(t, []string{"Alice@Example.com"}, r.To)
	require.Equal(t, "Café ok", r.Subject)
	require.Equal(t, "link http://store.local/#/activate/MQ/token\n", r.Text)
	require.Equal(t, "<p>html</p>", r.HTML)
	require.False(t, r.TLS)
	require.Empty(t, r.AuthUser)
	require.Contains(t, string(r.Raw), "\r\n--outer--\r\n")
}

func TestPlainMessageWithoutMIME(t *testing.T) {
	s := Start(t)
	send(t, s, "a@x.io", []string{"b@x.io"}, "Subject: hi\n\nfirst line\n.leading dot\n")
	r := s.WaitFor("b@x.io", 1, 5*time.Second)[0]
	require.Equal(t, "hi", r.Subject)
	require.Equal(t, "first line\n.leading dot\n", r.Text)
}

func TestMessagesAndReset(t *testing.T) {
	s := Start(t)
	send(t, s, "a@x.io", []string{"b@x.io", "c@x.io"}, "Subject: 1\n\none\n")
	send(t, s, "a@x.io", []string{"c@x.io"}, "Subject: 2\n\ntwo\n")
	require.Len(t, s.WaitFor("c@x.io", 2, 5*time.Second), 2)
	require.Len(t, s.WaitFor("b@x.io", 1, time.Second), 1)
	msgs := s.Messages()
	require.Len(t, msgs, 2)
	require.Equal(t, "1", msgs[0].Subject)
	require.Equal(t, "2", msgs[1].Subject)

	s.Reset()
	require.Empty(t, s.Messages())
}

func TestWaitForWaitsForLateMessages(t *testing.T) {
	s := Start(t)
	done := make(chan error, 1)
	time.AfterFunc(200*time.Millisecond, func() {
		done <- smtp.SendMail(s.Addr(), nil, "a@x.io", []string{"late@x.io"}, []byte("Subject: late\r\n\r\nbody\r\n"))
	})
	got := s.WaitFor("late@x.io", 1, 5*time.Second)
	require.Equal(t, "late", got[0].Subject)
	require.NoError(t, <-done)
}

func TestAuthRequired(t *testing.T) {
	s := Start(t, WithAuth("u", "p"))
	require.Equal(t, "smtp://u:p@"+s.Addr(), s.URL())
	err := smtp.SendMail(s.Addr(), nil, "a@x.io", []string{"b@x.io"}, []byte("Subject: x\r\n\r\nx\r\n"))
	require.ErrorContains(t, err, "authenticate")
	require.NoError(t, smtp.SendMail(s.Addr(), smtp.PlainAuth("", "u", "p", "127.0.0.1"), "a@x.io", []string{"b@x.io"}, []byte("Subject: x\r\n\r\nx\r\n")))
	require.Equal(t, "u", s.WaitFor("b@x.io", 1, 5*time.Second)[0].AuthUser)
}

func TestStartTLSURLAndRoots(t *testing.T) {
	s := Start(t, WithStartTLS())
	require.Equal(t, "smtp://"+s.Addr()+"?insecure_skip_verify=1", s.URL())
	require.NotNil(t, s.RootCAs())
	require.Nil(t, Start(t).RootCAs())
}
