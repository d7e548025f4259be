package mail

import (
	"bytes"
	"crypto/tls"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestFromURLConsole(t *testing.T) {
	var out bytes.Buffer
	m, err := FromURL("console://", &out)
	require.NoError(t, err)
	require.IsType(t, &Console{}, m)

	for _, bad := range []string{"console://host", "console:///path", "console://?x=1", "console://u:p@", "console:opaque"} {
		_, err := FromURL(bad, &out)
		require.ErrorIs(t, err, ErrInvalidURL, bad)
	}
}

func TestFromURLUnknownScheme(t *testing.T) {
	for _, raw := range []string{"smtp+tls://h", "file:///tmp/mail", "http://u:topsecret@h", "localhost:25"} {
		_, err := FromURL(raw, nil)
		require.ErrorIs(t, err, ErrUnknownScheme, raw)
		require.NotContains(t, err.Error(), "topsecret")
	}
}

func TestFromURLSMTP(t *testing.T) {
	for raw, want := range map[string]SMTPConfig{
		"smtp://mail.example.com":       {Host: "mail.example.com", Port: 25},
		"SMTP://mail.example.com:2525/": {Host: "mail.example.com", Port: 2525},
		"smtp://[::1]:2525":             {Host: "::1", Port: 2525},
		"smtps://mail.example.com":      {Host: "mail.example.com", Port: 465, TLS: TLSImplicit},
		"smtp://user%40example.com:p%3Ass@mail.example.com:587?tls=starttls&auth=login&timeout=3s": {
			Host: "mail.example.com", Port: 587, Username: "user@example.com", Password: "p:ss",
			TLS: TLSStartTLS, Auth: AuthLogin, Timeout: 3 * time.Second},
		"smtp://h?tls=none&auth=none":                                  {Host: "h", Port: 25, TLS: TLSNone, Auth: AuthNone},
		"smtp://h?tls=opportunistic&auth=plain&insecure_skip_verify=1": {}, // needs a username: see errors
		"smtps://u:p@h:1465?insecure_skip_verify=true&auth=plain":      {Host: "h", Port: 1465, TLS: TLSImplicit, Username: "u", Password: "p", Auth: AuthPlain, InsecureSkipVerify: true},
	} {
		m, err := FromURL(raw, nil)
		if want.Host == "" {
			require.ErrorIs(t, err, ErrInvalidURL, raw)
			continue
		}
		require.NoError(t, err, raw)
		require.IsType(t, &SMTP{}, m)
		got := m.(*SMTP).cfg
		if want.Timeout == 0 {
			want.Timeout = DefaultTimeout
		}
		want.LocalName = "localhost"
		require.Equal(t, want, got, raw)
	}
}

func TestFromURLSMTPErrors(t *testing.T) {
	for _, raw := range []string{
		"",
		"smtp://",
		"smtp://:25",
		"smtp://h:0",
		"smtp://h:70000",
		"smtp://h:port",
		"smtp://h/path",
		"smtp://h#frag",
		"smtp:h",
		"smtp://h?tls=yes",
		"smtp://h?tls=starttls&tls=none",
		"smtps://h?tls=starttls",
		"smtp://h?auth=cram-md5",
		"smtp://h?auth=plain",
		"smtp://u:p@h?auth=none",
		"smtp://h?timeout=0s",
		"smtp://h?timeout=soon",
		"smtp://h?insecure_skip_verify=maybe",
		"smtp://h?starttls=1",
		"smtp://h?%zz",
		"smtp://u:topsecret@h:bad",
		"smtp://u:topsecret@h?typo=1",
	} {
		_, err := FromURL(raw, nil)
		require.ErrorIs(t, err, ErrInvalidURL, raw)
		require.NotContains(t, err.Error(), "topsecret", raw)
	}
}

func TestNewSMTPDefaults(t *testing.T) {
	s, err := NewSMTP(SMTPConfig{Host: "h", Port: 25})
	require.NoError(t, err)
	require.Equal(t, DefaultTimeout, s.cfg.Timeout)
	require.Equal(t, "localhost", s.cfg.LocalName)
	require.Equal(t, TLSOpportunistic, s.cfg.TLS)

	_, err = NewSMTP(SMTPConfig{Host: "h", Port: 25, TLS: TLSMode(9)})
	require.ErrorIs(t, err, ErrInvalidURL)
	_, err = NewSMTP(SMTPConfig{Host: "h", Port: 25, Timeout: -time.Second})
	require.ErrorIs(t, err, ErrInvalidURL)
}

func TestTLSConfigKeepsCallerSettings(t *testing.T) {
	s, err := NewSMTP(SMTPConfig{Host: "mail.example.com", Port: 25})
	require.NoError(t, err)
	c := s.tlsConfig()
	require.Equal(t, "mail.example.com", c.ServerName)
	require.False(t, c.InsecureSkipVerify)
	require.Equal(t, uint16(tls.VersionTLS12), c.MinVersion)

	// A caller's config is cloned, never modified, and its ServerName wins.
	own := &tls.Config{ServerName: "relay.internal"}
	s, err = NewSMTP(SMTPConfig{Host: "10.0.0.1", Port: 25, TLSConfig: own, InsecureSkipVerify: true})
	require.NoError(t, err)
	c = s.tlsConfig()
	require.Equal(t, "relay.internal", c.ServerName)
	require.True(t, c.InsecureSkipVerify)
	require.False(t, own.InsecureSkipVerify)
	require.Zero(t, own.MinVersion)
}
