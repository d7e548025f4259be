package mail_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"mime"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/smtptest"
	"github.com/authgen/authgen/runtime/mail"
)

const waitMail = 5 * time.Second

func activationMessage(to ...string) mail.Message {
	return mail.Message{
		From:    "Store <noreply@store.local>",
		To:      to,
		Subject: "Account activation on Store",
		Text:    "Please go to the following page to activate account:\nhttp://store.local/#/activate/MQ/abc-123\n",
		HTML:    `<p><a href="http://store.local/#/activate/MQ/abc-123">activate</a></p>`,
	}
}

func mailerFor(t *testing.T, url string) mail.Mailer {
	t.Helper()
	m, err := mail.FromURL(url, nil)
	require.NoError(t, err)
	return m
}

// smtpConfig is the SMTPConfig of the server, for tests that need more than a URL can say.
func smtpConfig(t *testing.T, srv *smtptest.Server) mail.SMTPConfig {
	host, port, err := net.SplitHostPort(srv.Addr())
	require.NoError(t, err)
	n, err := strconv.Atoi(port)
	require.NoError(t, err)
	return mail.SMTPConfig{Host: host, Port: n}
}

func TestSMTPDeliversMultipartMessage(t *testing.T) {
	srv := smtptest.Start(t)
	require.Equal(t, "smtp://"+srv.Addr(), srv.URL())
	m := activationMessage("alice@example.com", "Bob <bob@example.com>")
	require.NoError(t, mailerFor(t, srv.URL()).Send(context.Background(), m))

	got := srv.WaitFor("alice@example.com", 1, waitMail)
	require.Len(t, got, 1)
	r := got[0]
	require.Equal(t, "noreply@store.local", r.From)
	require.Equal(t, []string{"alice@example.com", "bob@example.com"}, r.To)
	require.Equal(t, "Account activation on Store", r.Subject)
	require.Equal(t, m.Text, r.Text)
	require.Equal(t, m.HTML+"\n", r.HTML)
	require.False(t, r.TLS)

	h := r.Header
	require.Equal(t, `"Store" <noreply@store.local>`, h.Get("From"))
	require.Equal(t, `alice@example.com, "Bob" <bob@example.com>`, h.Get("To"))
	require.Equal(t, "1.0", h.Get("MIME-Version"))
	require.True(t, strings.HasPrefix(h.Get("Content-Type"), "multipart/alternative; boundary="), h.Get("Content-Type"))
	date, err := h.Date()
	require.NoError(t, err)
	require.WithinDuration(t, time.Now(), date, time.Minute)
	require.Regexp(t, `^<[0-9a-f]{32}@store\.local>$`, h.Get("Message-ID"))

	raw := string(r.Raw)
	require.Contains(t, raw, "Content-Type: text/plain; charset=utf-8\r\n")
	require.Contains(t, raw, "Content-Type: text/html; charset=utf-8\r\n")
	require.Equal(t, 2, strings.Count(raw, "Content-Transfer-Encoding: quoted-printable\r\n"))
	require.Less(t, strings.Index(raw, "text/plain"), strings.Index(raw, "text/html"), "the richest alternative comes last")
	for _, line := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		require.LessOrEqual(t, len(line), 78, "line %q", line)
	}
	// The bob message is the same one.
	require.Len(t, srv.WaitFor("BOB@example.com", 1, waitMail), 1)
}

func TestSMTPTextOnlyAndHTMLOnly(t *testing.T) {
	srv := smtptest.Start(t)
	mailer := mailerFor(t, srv.URL())
	ctx := context.Background()

	require.NoError(t, mailer.Send(ctx, mail.Message{From: "a@x.io", To: []string{"text@x.io"}, Subject: "t", Text: "only text"}))
	r := srv.WaitFor("text@x.io", 1, waitMail)[0]
	require.Equal(t, "text/plain; charset=utf-8", r.Header.Get("Content-Type"))
	require.Equal(t, "only text\n", r.Text)
	require.Empty(t, r.HTML)

	require.NoError(t, mailer.Send(ctx, mail.Message{From: "a@x.io", To: []string{"html@x.io"}, Subject: "h", HTML: "<p>only html</p>"}))
	r = srv.WaitFor("html@x.io", 1, waitMail)[0]
	require.Equal(t, "text/html; charset=utf-8", r.Header.Get("Content-Type"))
	require.Equal(t, "<p>only html</p>\n", r.HTML)
}

func TestSMTPEncodesNonASCIIAndAwkwardText(t *testing.T) {
	srv := smtptest.Start(t)
	subject := "Activation du compte sur Café Élysée — merci d'avoir choisi notre boutique préférée ✓"
	text := strings.Join([]string{
		"Bonjour Zoë,",
		".",                       // a lone dot would end DATA without dot-stuffing
		".leading dot",            //
		"From the start",          // mbox readers mangle unescaped "From " lines
		"a=b and trailing space ", // "=" and trailing white space need quoting
		strings.Repeat("long-line ", 30),
	}, "\n") + "\n"
	m := mail.Message{From: "Café <noreply@store.local>", To: []string{"zoe@example.com"}, Subject: subject, Text: text}
	require.NoError(t, mailerFor(t, srv.URL()).Send(context.Background(), m))

	r := srv.WaitFor("zoe@example.com", 1, waitMail)[0]
	require.Equal(t, subject, r.Subject)
	require.Equal(t, text, r.Text)
	from, err := new(mime.WordDecoder).DecodeHeader(r.Header.Get("From"))
	require.NoError(t, err)
	require.Equal(t, "Café <noreply@store.local>", from)

	raw := string(r.Raw)
	require.Contains(t, raw, "Subject: =?utf-8?q?")
	for i, line := range strings.Split(raw, "\r\n") {
		require.LessOrEqual(t, len(line), 78, "line %d %q", i, line)
		for _, c := range []byte(line) {
			require.Less(t, c, byte(0x80), "line %d is not 7-bit: %q", i, line)
		}
	}
}

func TestSMTPStartTLSVerifiesCertificate(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithStartTLS())
	cfg := smtpConfig(t, srv)
	cfg.TLS = mail.TLSStartTLS
	cfg.TLSConfig = &tls.Config{RootCAs: srv.RootCAs()}
	mailer, err := mail.NewSMTP(cfg)
	require.NoError(t, err)
	require.NoError(t, mailer.Send(context.Background(), activationMessage("tls@example.com")))
	require.True(t, srv.WaitFor("tls@example.com", 1, waitMail)[0].TLS)

	// Opportunistic (the default) upgrades too, and verifies: the test certificate is not in
	// the system roots, so the send fails rather than fall back to plain text.
	err = mailerFor(t, "smtp://"+srv.Addr()).Send(context.Background(), activationMessage("nope@example.com"))
	var unknownAuthority x509.UnknownAuthorityError
	require.ErrorAs(t, err, &unknownAuthority)
	require.Contains(t, err.Error(), "STARTTLS")

	// insecure_skip_verify=1 (tests only) accepts it.
	require.NoError(t, mailerFor(t, "smtp://"+srv.Addr()+"?insecure_skip_verify=1").Send(context.Background(), activationMessage("skip@example.com")))
	require.True(t, srv.WaitFor("skip@example.com", 1, waitMail)[0].TLS)

	// tls=none never upgrades.
	require.NoError(t, mailerFor(t, "smtp://"+srv.Addr()+"?tls=none").Send(context.Background(), activationMessage("clear@example.com")))
	require.False(t, srv.WaitFor("clear@example.com", 1, waitMail)[0].TLS)
}

func TestSMTPStartTLSRequiredButNotOffered(t *testing.T) {
	srv := smtptest.Start(t)
	err := mailerFor(t, srv.URL()+"?tls=starttls").Send(context.Background(), activationMessage("alice@example.com"))
	require.ErrorIs(t, err, mail.ErrStartTLSUnavailable)
	require.Empty(t, srv.Messages())

	// Without the requirement the same server is used in plain text.
	require.NoError(t, mailerFor(t, srv.URL()).Send(context.Background(), activationMessage("alice@example.com")))
	require.False(t, srv.WaitFor("alice@example.com", 1, waitMail)[0].TLS)
}

func TestSMTPSImplicitTLS(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithImplicitTLS())
	require.True(t, strings.HasPrefix(srv.URL(), "smtps://"))
	require.NoError(t, mailerFor(t, srv.URL()).Send(context.Background(), activationMessage("alice@example.com")))
	require.True(t, srv.WaitFor("alice@example.com", 1, waitMail)[0].TLS)

	cfg := smtpConfig(t, srv)
	cfg.TLS = mail.TLSImplicit
	mailer, err := mail.NewSMTP(cfg)
	require.NoError(t, err)
	var unknownAuthority x509.UnknownAuthorityError
	require.ErrorAs(t, mailer.Send(context.Background(), activationMessage("bob@example.com")), &unknownAuthority)
}

func TestSMTPAuthPlainOverStartTLS(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithStartTLS(), smtptest.WithAuth("mailer", "s3cret:/@"), smtptest.WithAuthOnlyOverTLS())
	// The password's reserved characters travel percent-encoded in the URL.
	url := srv.URL()
	require.Contains(t, url, "mailer:s3cret%3A%2F%40@")
	require.NoError(t, mailerFor(t, url+"&tls=starttls&auth=plain").Send(context.Background(), activationMessage("alice@example.com")))
	r := srv.WaitFor("alice@example.com", 1, waitMail)[0]
	require.True(t, r.TLS)
	require.Equal(t, "mailer", r.AuthUser)

	// Default auth picks PLAIN as well.
	require.NoError(t, mailerFor(t, url).Send(context.Background(), activationMessage("bob@example.com")))
	require.Equal(t, "mailer", srv.WaitFor("bob@example.com", 1, waitMail)[0].AuthUser)

	// A wrong password is the server's 535.
	bad := strings.Replace(url, "s3cret%3A%2F%40", "wrong", 1)
	err := mailerFor(t, bad).Send(context.Background(), activationMessage("carol@example.com"))
	var protoErr *textproto.Error
	require.ErrorAs(t, err, &protoErr)
	require.Equal(t, 535, protoErr.Code)
	require.NotContains(t, err.Error(), "wrong", "the password stays out of error messages")

	// Without credentials the server refuses the message.
	err = mailerFor(t, "smtp://"+srv.Addr()+"?insecure_skip_verify=1").Send(context.Background(), activationMessage("dave@example.com"))
	require.ErrorAs(t, err, &protoErr)
	require.Equal(t, 502, protoErr.Code)

	// tls=none: the server offers no AUTH over plain text, so the credentials are not used.
	err = mailerFor(t, strings.Replace(url, "insecure_skip_verify=1", "tls=none", 1)).Send(context.Background(), activationMessage("erin@example.com"))
	require.ErrorIs(t, err, mail.ErrAuthUnavailable)
	require.Len(t, srv.Messages(), 2)
}

func TestSMTPAuthLogin(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithAuth("mailer", "pw"))
	require.NoError(t, mailerFor(t, srv.URL()+"?auth=login").Send(context.Background(), activationMessage("alice@example.com")))
	require.Equal(t, "mailer", srv.WaitFor("alice@example.com", 1, waitMail)[0].AuthUser)

	err := mailerFor(t, "smtp://mailer:nope@"+srv.Addr()+"?auth=login").Send(context.Background(), activationMessage("bob@example.com"))
	var protoErr *textproto.Error
	require.ErrorAs(t, err, &protoErr)
	require.Equal(t, 535, protoErr.Code)
}

func TestSMTPAuthMechanismNotOffered(t *testing.T) {
	srv := smtptest.Start(t) // no AUTH at all
	err := mailerFor(t, "smtp://u:p@"+srv.Addr()).Send(context.Background(), activationMessage("alice@example.com"))
	require.ErrorIs(t, err, mail.ErrAuthUnavailable)
	require.Empty(t, srv.Messages())
}

func TestSMTPKeepsCredentialsOffClearTextToOtherHosts(t *testing.T) {
	// 127.0.0.2 is loopback too, but not a name net/smtp treats as localhost: to the client
	// it is a remote server that offers AUTH without TLS.
	srv := smtptest.Start(t, smtptest.WithListenAddr("127.0.0.2:0"), smtptest.WithAuth("mailer", "pw"))
	for _, mech := range []string{"plain", "login"} {
		err := mailerFor(t, srv.URL()+"?auth="+mech).Send(context.Background(), activationMessage("alice@example.com"))
		require.ErrorContains(t, err, "unencrypted connection", mech)
	}
	require.Empty(t, srv.Messages())
}

func TestSMTPRejectedRecipient(t *testing.T) {
	srv := smtptest.Start(t)
	// go-smtp refuses a RCPT with an address it cannot parse; ours refuses it before that.
	err := mailerFor(t, srv.URL()).Send(context.Background(), activationMessage("not an address"))
	require.ErrorIs(t, err, mail.ErrInvalidMessage)
	require.Empty(t, srv.Messages())
}

// silentServer accepts connections and never answers, like a firewalled or overloaded relay.
func silentServer(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan struct{})
	t.Cleanup(func() { l.Close(); <-done })
	go func() {
		defer close(done)
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	return l.Addr().String()
}

func TestSMTPTimeout(t *testing.T) {
	addr := silentServer(t)
	start := time.Now()
	err := mailerFor(t, "smtp://"+addr+"?timeout=200ms").Send(context.Background(), activationMessage("alice@example.com"))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 3*time.Second)
}

func TestSMTPContextDeadlineAndCancel(t *testing.T) {
	addr := silentServer(t)
	mailer := mailerFor(t, "smtp://"+addr) // default timeout 10s: the context must win

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	require.ErrorIs(t, mailer.Send(ctx, activationMessage("alice@example.com")), context.DeadlineExceeded)
	require.Less(t, time.Since(start), 3*time.Second)

	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start = time.Now()
	require.ErrorIs(t, mailer.Send(ctx, activationMessage("alice@example.com")), context.Canceled)
	require.Less(t, time.Since(start), 3*time.Second)
}

func TestSMTPConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close()
	err = mailerFor(t, "smtp://"+addr).Send(context.Background(), activationMessage("alice@example.com"))
	require.Error(t, err)
	require.Contains(t, err.Error(), "connect")
	require.False(t, errors.Is(err, context.DeadlineExceeded))
}

func TestSMTPConcurrentSends(t *testing.T) {
	srv := smtptest.Start(t)
	mailer := mailerFor(t, srv.URL())
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			errs <- mailer.Send(context.Background(), activationMessage("user"+strconv.Itoa(i)+"@example.com", "all@example.com"))
		}()
	}
	for range 8 {
		require.NoError(t, <-errs)
	}
	got := srv.WaitFor("all@example.com", 8, waitMail)
	ids := map[string]bool{}
	for _, r := range got {
		ids[r.Header.Get("Message-ID")] = true
	}
	require.Len(t, ids, 8, "every message has its own Message-ID")
}
