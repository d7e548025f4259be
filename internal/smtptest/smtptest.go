// Package smtptest runs a real SMTP server (github.com/emersion/go-smtp) inside a test and
// records every message it accepts, decoded, so tests can follow the links in account e-mails.
//
//	srv := smtptest.Start(t)                 // plain SMTP on 127.0.0.1, no auth
//	mailer, _ := mail.FromURL(srv.URL(), nil)
//	...
//	msgs := srv.WaitFor("alice@example.com", 1, 5*time.Second)
//	link := regexp.MustCompile(`activate/(\w+)/([\w-]+)`).FindStringSubmatch(msgs[0].Text)
//
// Options add STARTTLS or implicit TLS (a certificate generated for the test) and required
// authentication (PLAIN and LOGIN). The server stops when the test ends.
package smtptest

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Option configures a Server.
type Option func(*config)

type config struct {
	listen         string
	startTLS       bool
	implicitTLS    bool
	user, password string
	authOnlyTLS    bool
}

// WithStartTLS offers STARTTLS, with a self-signed certificate for 127.0.0.1, ::1 and
// localhost (see RootCAs).
func WithStartTLS() Option { return func(c *config) { c.startTLS = true } }

// WithImplicitTLS serves TLS from the first byte, as smtps:// expects.
func WithImplicitTLS() Option { return func(c *config) { c.implicitTLS = true } }

// WithAuth requires the client to authenticate with these credentials (PLAIN or LOGIN)
// before MAIL FROM.
func WithAuth(username, password string) Option {
	return func(c *config) { c.user, c.password = username, password }
}

// WithAuthOnlyOverTLS offers AUTH only on an encrypted connection, as real servers do.
// Without it AUTH is offered over plain text too, to test clients without a certificate.
func WithAuthOnlyOverTLS() Option { return func(c *config) { c.authOnlyTLS = true } }

// WithListenAddr listens on addr instead of 127.0.0.1:0.
func WithListenAddr(addr string) Option { return func(c *config) { c.listen = addr } }

// Server is a running SMTP server and what it has received.
type Server struct {
	t    testing.TB
	cfg  config
	addr *net.TCPAddr
	pool *x509.CertPool

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever a message arrives
	messages []Received
}

// Start starts a server for the duration of the test.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	cfg := config{listen: "127.0.0.1:0"}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{t: t, cfg: cfg, changed: make(chan struct{})}

	srv := smtp.NewServer(smtp.BackendFunc(s.newSession))
	srv.Domain = "smtptest.local"
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 30 * time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.AllowInsecureAuth = !cfg.authOnlyTLS
	srv.EnableSMTPUTF8 = true
	// Clients hanging up is what tests do; the server's complaints about it are noise.
	srv.ErrorLog = log.New(io.Discard, "", 0)

	var tlsConfig *tls.Config
	if cfg.startTLS || cfg.implicitTLS {
		cert, pool, err := selfSigned()
		if err != nil {
			t.Fatalf("smtptest: certificate: %v", err)
		}
		s.pool = pool
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	if cfg.startTLS {
		srv.TLSConfig = tlsConfig
	}

	l, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		t.Fatalf("smtptest: listen on %s: %v", cfg.listen, err)
	}
	s.addr = l.Addr().(*net.TCPAddr)
	if cfg.implicitTLS {
		l = tls.NewListener(l, tlsConfig)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(l); err != nil && !errors.Is(err, smtp.ErrServerClosed) && !errors.Is(err, net.ErrClosed) {
			t.Errorf("smtptest: serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		srv.Close()
		// Close only closes the listeners Serve has registered: if the goroutine has not
		// reached Serve yet, closing l ourselves is what makes Serve return.
		l.Close()
		<-done
	})
	return s
}

// Addr is the server's host:port.
func (s *Server) Addr() string { return s.addr.String() }

// URL is an EMAIL_URL that reaches the server: smtp://127.0.0.1:port for the default server;
// smtps:// with implicit TLS, the credentials of WithAuth, and insecure_skip_verify=1 when the
// server has a certificate (use RootCAs to verify it instead).
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.Addr()}
	if s.cfg.implicitTLS {
		u.Scheme = "smtps"
	}
	if s.cfg.user != "" {
		u.User = url.UserPassword(s.cfg.user, s.cfg.password)
	}
	if s.pool != nil {
		u.RawQuery = "insecure_skip_verify=1"
	}
	return u.String()
}

// RootCAs holds the server's self-signed certificate (nil without TLS).
func (s *Server) RootCAs() *x509.CertPool { return s.pool }

// Messages returns every message received so far, oldest first. A message is recorded
// before the server acknowledges its DATA, so it is here as soon as the client's Send returns.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.messages)
}

// Reset forgets the messages received so far.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = nil
}

// WaitFor waits until at least n messages were delivered to the address to (an envelope
// recipient, case-insensitive) and returns all of them, oldest first. It fails the test
// after timeout, so call it from the test's goroutine.
func (s *Server) WaitFor(to string, n int, timeout time.Duration) []Received {
	s.t.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		got, changed := s.to(to), s.changed
		s.mu.Unlock()
		if len(got) >= n {
			return got
		}
		select {
		case <-changed:
		case <-timer.C:
			s.t.Fatalf("smtptest: %d message(s) to %s after %v, want %d; received: %s",
				len(got), to, timeout, n, s.summary())
			return nil
		}
	}
}

// to returns the messages to addr; s.mu is held.
func (s *Server) to(addr string) []Received {
	var out []Received
	for _, m := range s.messages {
		if slices.ContainsFunc(m.To, func(r string) bool { return strings.EqualFold(r, addr) }) {
			out = append(out, m)
		}
	}
	return out
}

func (s *Server) summary() string {
	msgs := s.Messages()
	if len(msgs) == 0 {
		return "nothing"
	}
	parts := make([]string, len(msgs))
	for i, m := range msgs {
		parts[i] = fmt.Sprintf("%v %q", m.To, m.Subject)
	}
	return strings.Join(parts, ", ")
}

func (s *Server) record(m Received) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, m)
	close(s.changed)
	s.changed = make(chan struct{})
}
