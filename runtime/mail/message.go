package mail

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
)

// Message is one e-mail. From and each To are RFC 5322 addresses, with or without a display
// name ("Store <noreply@store.local>" or "noreply@store.local"). Text, HTML or both are sent;
// with both, mail readers show the HTML and fall back to the text.
type Message struct {
	From    string
	To      []string
	Subject string
	Text    string
	HTML    string
}

// Mailer sends messages. Implementations are safe for concurrent use.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// envelope is a validated message: parsed addresses, ready to compose and to hand to SMTP.
type envelope struct {
	from *mail.Address
	to   []*mail.Address
	msg  Message
}

// validate parses the addresses and refuses what would produce a malformed or forged message.
func validate(m Message) (envelope, error) {
	from, err := parseAddress("From", m.From)
	if err != nil {
		return envelope{}, err
	}
	if len(m.To) == 0 {
		return envelope{}, fmt.Errorf("%w: no recipient", ErrInvalidMessage)
	}
	to := make([]*mail.Address, 0, len(m.To))
	for _, raw := range m.To {
		a, err := parseAddress("To", raw)
		if err != nil {
			return envelope{}, err
		}
		to = append(to, a)
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return envelope{}, fmt.Errorf("%w: line break in Subject", ErrInvalidMessage)
	}
	if m.Text == "" && m.HTML == "" {
		return envelope{}, fmt.Errorf("%w: no body", ErrInvalidMessage)
	}
	return envelope{from: from, to: to, msg: m}, nil
}

func parseAddress(field, raw string) (*mail.Address, error) {
	// net/mail would reject most of these too, but a line break is a header injection
	// attempt and deserves its own clear message.
	if strings.ContainsAny(raw, "\r\n") {
		return nil, fmt.Errorf("%w: line break in %s", ErrInvalidMessage, field)
	}
	a, err := mail.ParseAddress(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %s address %q: %v", ErrInvalidMessage, field, raw, err)
	}
	return a, nil
}
