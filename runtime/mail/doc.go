// Package mail sends the account e-mails: a Mailer (console or SMTP, chosen by the EMAIL_URL
// setting) and the texts djoser sends, as overridable Go templates.
//
// # Mailers
//
// FromURL turns EMAIL_URL into a Mailer:
//
//	console://                             print each message to the console writer (development)
//	smtp://[user:pass@]host[:port]         SMTP (port 25), STARTTLS when the server offers it
//	smtps://[user:pass@]host[:port]        SMTP over implicit TLS (port 465)
//
// Query parameters of smtp:// and smtps://:
//
//	tls=starttls|opportunistic|none        smtp:// only; starttls fails when the server does not offer it
//	auth=plain|login|none                  default: none without credentials; with credentials,
//	                                       PLAIN when offered, else LOGIN
//	timeout=10s                            bound of one Send (default 10s, Django's EMAIL_TIMEOUT
//	                                       of the reference project); a context deadline that
//	                                       comes sooner wins
//	insecure_skip_verify=1                 accept any certificate: for tests only
//
// Credentials are percent-decoded from the URL. As with net/smtp, they are only sent over an
// encrypted connection or to localhost, so a server that silently drops STARTTLS cannot
// collect them.
//
// # Messages
//
// A Message is sent as an RFC 5322 message with Date, Message-ID, From, To and Subject
// (RFC 2047 encoded when not ASCII), MIME 1.0, its parts in UTF-8 quoted-printable, and
// multipart/alternative when it has both a text and an HTML body. Header values that contain
// line breaks are refused (ErrInvalidMessage) rather than cleaned, so a user-controlled value
// can never add a header.
//
// # Texts
//
// Templates renders the six account e-mails of djoser 2.1 (Kinds) from templates/mail/<kind>.txt:
// one Go template file per kind defining "subject", "text" and optionally "html" (rendered with
// html/template's escaping). NewTemplates takes an optional fs.FS whose <kind>.txt files
// replace the built-in ones.
package mail
