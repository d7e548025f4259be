package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultTimeout bounds one SMTP Send when the configuration sets no timeout: Django's
// EMAIL_TIMEOUT in the reference project.
const DefaultTimeout = 10 * time.Second

// TLSMode says how the SMTP mailer secures its connection.
type TLSMode int

const (
	// TLSOpportunistic upgrades with STARTTLS when the server offers it, and verifies the
	// certificate then: a bad certificate is an error, not a silent fall back to plain text.
	TLSOpportunistic TLSMode = iota
	// TLSStartTLS requires STARTTLS: a server that does not offer it is an error.
	TLSStartTLS
	// TLSImplicit speaks TLS from the first byte (smtps, usually port 465).
	TLSImplicit
	// TLSNone never uses TLS.
	TLSNone
)

// AuthMode chooses the SASL mechanism used with the configured credentials.
type AuthMode string

const (
	// AuthAuto authenticates only when a username is set: PLAIN when offered, else LOGIN.
	AuthAuto  AuthMode = ""
	AuthPlain AuthMode = "plain"
	AuthLogin AuthMode = "login"
	AuthNone  AuthMode = "none"
)

// SMTPConfig configures an SMTP mailer; FromURL builds one from EMAIL_URL.
type SMTPConfig struct {
	Host               string // name or IP; also the name the certificate must carry
	Port               int
	Username, Password string
	Auth               AuthMode
	TLS                TLSMode
	// TLSConfig, when set, is cloned for the TLS connection (custom roots, client
	// certificates); its ServerName defaults to Host.
	TLSConfig *tls.Config
	// InsecureSkipVerify accepts any certificate. For tests only.
	InsecureSkipVerify bool
	// Timeout bounds one Send, from dialling to QUIT; 0 means DefaultTimeout.
	Timeout time.Duration
	// LocalName is the name given in EHLO; "" means "localhost", as net/smtp does.
	LocalName string
}

// SMTP is a Mailer that delivers each message over its own SMTP connection.
type SMTP struct {
	cfg SMTPConfig
}

// NewSMTP checks cfg and returns the mailer.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	if cfg.Host == "" {
		return nil, fmt.Errorf("%w: no SMTP host", ErrInvalidURL)
	}
	if cfg.Port < 1 || cfg.Port > 65535 {
		return nil, fmt.Errorf("%w: SMTP port %d out of range", ErrInvalidURL, cfg.Port)
	}
	switch cfg.Auth {
	case AuthAuto:
	case AuthPlain, AuthLogin:
		if cfg.Username == "" {
			return nil, fmt.Errorf("%w: auth=%s needs a username", ErrInvalidURL, cfg.Auth)
		}
	case AuthNone:
		if cfg.Username != "" {
			return nil, fmt.Errorf("%w: credentials given with auth=none", ErrInvalidURL)
		}
	default:
		return nil, fmt.Errorf("%w: auth=%q (want plain, login or none)", ErrInvalidURL, string(cfg.Auth))
	}
	if cfg.TLS < TLSOpportunistic || cfg.TLS > TLSNone {
		return nil, fmt.Errorf("%w: TLS mode %d", ErrInvalidURL, cfg.TLS)
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("%w: negative timeout", ErrInvalidURL)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.LocalName == "" {
		cfg.LocalName = "localhost"
	}
	return &SMTP{cfg: cfg}, nil
}

func (s *SMTP) addr() string {
	return net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
}

// Send delivers m. It gives up at the earlier of ctx's deadline and the configured timeout,
// and as soon as ctx is cancelled.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	e, err := validate(m)
	if err != nil {
		return err
	}
	raw := compose(e, time.Now())

	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	conn, err := s.dial(ctx)
	if err != nil {
		return s.fail(ctx, "connect", err)
	}
	defer conn.Close()
	// net/smtp knows nothing of contexts: the deadline bounds every read and write, and a
	// cancellation moves it into the past, which wakes whatever is blocked.
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	if step, err := s.deliver(conn, e, raw); err != nil {
		return s.fail(ctx, step, err)
	}
	return nil
}

// fail wraps err with the step that failed; when the context ended first, the context's
// error is wrapped too, so errors.Is(err, context.DeadlineExceeded) holds for a timeout.
func (s *SMTP) fail(ctx context.Context, step string, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("mail: smtp %s: %s: %w: %w", s.addr(), step, cerr, err)
	}
	if errors.Is(err, os.ErrDeadlineExceeded) && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("mail: smtp %s: %s: %w: %w", s.addr(), step, context.DeadlineExceeded, err)
	}
	return fmt.Errorf("mail: smtp %s: %s: %w", s.addr(), step, err)
}

func (s *SMTP) dial(ctx context.Context) (net.Conn, error) {
	d := &net.Dialer{}
	if s.cfg.TLS == TLSImplicit {
		td := &tls.Dialer{NetDialer: d, Config: s.tlsConfig()}
		return td.DialContext(ctx, "tcp", s.addr())
	}
	return d.DialContext(ctx, "tcp", s.addr())
}

func (s *SMTP) tlsConfig() *tls.Config {
	c := &tls.Config{}
	if s.cfg.TLSConfig != nil {
		c = s.cfg.TLSConfig.Clone()
	}
	if c.ServerName == "" {
		c.ServerName = s.cfg.Host
	}
	if c.MinVersion == 0 {
		c.MinVersion = tls.VersionTLS12
	}
	if s.cfg.InsecureSkipVerify {
		c.InsecureSkipVerify = true
	}
	return c
}

// deliver runs one SMTP transaction over conn; on failure it names the step that failed.
func (s *SMTP) deliver(conn net.Conn, e envelope, raw []byte) (string, error) {
	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		return "greeting", err
	}
	defer c.Close()
	if err := c.Hello(s.cfg.LocalName); err != nil {
		return "EHLO", err
	}
	if s.cfg.TLS == TLSOpportunistic || s.cfg.TLS == TLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(s.tlsConfig()); err != nil {
				return "STARTTLS", err
			}
		} else if s.cfg.TLS == TLSStartTLS {
			return "STARTTLS", ErrStartTLSUnavailable
		}
	}
	if err := s.authenticate(c); err != nil {
		return "AUTH", err
	}
	if err := c.Mail(e.from.Address); err != nil {
		return "MAIL FROM", err
	}
	for _, to := range e.to {
		if err := c.Rcpt(to.Address); err != nil {
			return "RCPT TO <" + to.Address + ">", err
		}
	}
	w, err := c.Data()
	if err != nil {
		return "DATA", err
	}
	if _, err := w.Write(raw); err != nil {
		return "DATA", err
	}
	if err := w.Close(); err != nil {
		return "DATA", err
	}
	// The message is accepted once DATA is; a failed QUIT does not unsend it.
	c.Quit()
	return "", nil
}

// authenticate logs in with the configured credentials, if any.
func (s *SMTP) authenticate(c *smtp.Client) error {
	mode := s.cfg.Auth
	if mode == AuthNone || (mode == AuthAuto && s.cfg.Username == "") {
		return nil
	}
	_, list := c.Extension("AUTH")
	offered := strings.Fields(strings.ToUpper(list))
	if mode == AuthAuto {
		switch {
		case slices.Contains(offered, "PLAIN"):
			mode = AuthPlain
		case slices.Contains(offered, "LOGIN"):
			mode = AuthLogin
		}
	}
	var a smtp.Auth
	switch {
	case mode == AuthPlain && slices.Contains(offered, "PLAIN"):
		a = smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)
	case mode == AuthLogin && slices.Contains(offered, "LOGIN"):
		a = &loginAuth{username: s.cfg.Username, password: s.cfg.Password, host: s.cfg.Host}
	default:
		want := "PLAIN or LOGIN"
		if mode != AuthAuto {
			want = strings.ToUpper(string(mode))
		}
		return fmt.Errorf("%w: want %s, offered %q", ErrAuthUnavailable, want, list)
	}
	return c.Auth(a)
}
