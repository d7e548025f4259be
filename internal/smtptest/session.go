package smtptest

import (
	"crypto/subtle"
	"io"
	"slices"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// session is one SMTP session: go-smtp starts a new one after EHLO and again after STARTTLS.
type session struct {
	srv      *Server
	tls      bool
	authUser string
	from     string
	to       []string
}

func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	_, isTLS := c.TLSConnectionState()
	return &session{srv: s, tls: isTLS}, nil
}

func (s *session) authRequired() bool { return s.srv.cfg.user != "" && s.authUser == "" }

func (s *session) AuthMechanisms() []string {
	if s.srv.cfg.user == "" {
		return nil
	}
	return []string{sasl.Plain, sasl.Login}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	check := func(username, password string) error {
		u, p := s.srv.cfg.user, s.srv.cfg.password
		okUser := subtle.ConstantTimeCompare([]byte(username), []byte(u)) == 1
		okPass := subtle.ConstantTimeCompare([]byte(password), []byte(p)) == 1
		if !okUser || !okPass {
			return smtp.ErrAuthFailed
		}
		s.authUser = username
		return nil
	}
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(identity, username, password string) error {
			if identity != "" && identity != username {
				return smtp.ErrAuthFailed
			}
			return check(username, password)
		}), nil
	case sasl.Login:
		return &loginServer{authenticate: check}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.authRequired() {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.authRequired() {
		return smtp.ErrAuthRequired
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	if s.authRequired() {
		return smtp.ErrAuthRequired
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m := decode(raw)
	m.From, m.To, m.TLS, m.AuthUser = s.from, slices.Clone(s.to), s.tls, s.authUser
	s.srv.record(m)
	return nil
}

func (s *session) Reset() {
	s.from, s.to = "", nil
}

func (s *session) Logout() error { return nil }
