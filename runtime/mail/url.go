package mail

import (
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"slices"
	"strconv"
	"time"
)

// FromURL returns the Mailer EMAIL_URL describes (see the package documentation). console
// receives the messages of console://; nil means standard output.
//
// Error messages never repeat the URL, which may hold a password.
func FromURL(rawURL string, console io.Writer) (Mailer, error) {
	if rawURL == "" {
		return nil, fmt.Errorf("%w: empty", ErrInvalidURL)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%w: cannot parse it as a URL", ErrInvalidURL)
	}
	switch u.Scheme {
	case "console":
		if u.Opaque != "" || u.User != nil || u.Host != "" || u.Path != "" || u.RawQuery != "" {
			return nil, fmt.Errorf("%w: console:// takes no host, path or parameters", ErrInvalidURL)
		}
		if console == nil {
			console = os.Stdout
		}
		return NewConsole(console), nil
	case "smtp", "smtps":
		cfg, err := parseSMTPURL(u)
		if err != nil {
			return nil, err
		}
		return NewSMTP(cfg)
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknownScheme, u.Scheme)
}

// parseSMTPURL reads smtp:// and smtps:// URLs. Unknown or repeated parameters are errors:
// a misspelt tls=starttls must not quietly send in clear text.
func parseSMTPURL(u *url.URL) (SMTPConfig, error) {
	cfg := SMTPConfig{Host: u.Hostname(), Port: 25}
	if u.Scheme == "smtps" {
		cfg.TLS, cfg.Port = TLSImplicit, 465
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.Fragment != "" {
		return cfg, fmt.Errorf("%w: want %s://[user:pass@]host[:port][?params]", ErrInvalidURL, u.Scheme)
	}
	if cfg.Host == "" {
		return cfg, fmt.Errorf("%w: no SMTP host", ErrInvalidURL)
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return cfg, fmt.Errorf("%w: port %q", ErrInvalidURL, p)
		}
		cfg.Port = n
	}
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return cfg, fmt.Errorf("%w: cannot parse the parameters", ErrInvalidURL)
	}
	for _, key := range slices.Sorted(maps.Keys(q)) {
		values := q[key]
		if len(values) != 1 {
			return cfg, fmt.Errorf("%w: parameter %q given %d times", ErrInvalidURL, key, len(values))
		}
		if err := setSMTPParam(&cfg, u.Scheme, key, values[0]); err != nil {
			return cfg, err
		}
	}
	return cfg, nil
}

func setSMTPParam(cfg *SMTPConfig, scheme, key, value string) error {
	switch key {
	case "tls":
		if scheme == "smtps" {
			return fmt.Errorf("%w: smtps:// is always TLS; tls= is for smtp://", ErrInvalidURL)
		}
		switch value {
		case "opportunistic":
			cfg.TLS = TLSOpportunistic
		case "starttls":
			cfg.TLS = TLSStartTLS
		case "none":
			cfg.TLS = TLSNone
		default:
			return fmt.Errorf("%w: tls=%q (want starttls, opportunistic or none)", ErrInvalidURL, value)
		}
	case "auth":
		switch AuthMode(value) {
		case AuthPlain, AuthLogin, AuthNone:
			cfg.Auth = AuthMode(value)
		default:
			return fmt.Errorf("%w: auth=%q (want plain, login or none)", ErrInvalidURL, value)
		}
	case "timeout":
		d, err := time.ParseDuration(value)
		if err != nil || d <= 0 {
			return fmt.Errorf("%w: timeout=%q (want a positive duration such as 10s)", ErrInvalidURL, value)
		}
		cfg.Timeout = d
	case "insecure_skip_verify":
		b, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("%w: insecure_skip_verify=%q (want 1 or 0)", ErrInvalidURL, value)
		}
		cfg.InsecureSkipVerify = b
	default:
		return fmt.Errorf("%w: unknown parameter %q", ErrInvalidURL, key)
	}
	return nil
}
