package mail

import "errors"

var (
	// ErrUnknownScheme is returned by FromURL for a scheme other than console, smtp and smtps.
	ErrUnknownScheme = errors.New("mail: unknown EMAIL_URL scheme (want console://, smtp:// or smtps://)")
	// ErrInvalidURL is returned by FromURL for a malformed EMAIL_URL or an unknown parameter.
	ErrInvalidURL = errors.New("mail: invalid EMAIL_URL")
	// ErrInvalidMessage is returned by Send for a message that cannot be sent as it is:
	// no sender or recipient, an unparsable address, a header with a line break, no body.
	ErrInvalidMessage = errors.New("mail: invalid message")
	// ErrStartTLSUnavailable is returned when tls=starttls and the server does not offer it.
	ErrStartTLSUnavailable = errors.New("mail: server does not offer STARTTLS")
	// ErrAuthUnavailable is returned when credentials are configured and the server offers
	// none of the mechanisms allowed.
	ErrAuthUnavailable = errors.New("mail: server offers no usable AUTH mechanism")
	// ErrUnknownKind is returned for an e-mail kind that has no template.
	ErrUnknownKind = errors.New("mail: unknown e-mail kind")
	// ErrTemplate is returned for a template that cannot be used (missing part, bad subject).
	ErrTemplate = errors.New("mail: invalid e-mail template")
)
