package smtptest

import (
	"github.com/emersion/go-sasl"
)

// loginServer is the server side of the LOGIN mechanism, which go-sasl only has as a client:
// prompt "Username:", then "Password:", then check both. A username sent as the initial
// response skips the first prompt.
type loginServer struct {
	authenticate func(username, password string) error
	step         int
	username     string
}

var _ sasl.Server = (*loginServer)(nil)

func (l *loginServer) Next(response []byte) (challenge []byte, done bool, err error) {
	if l.step == 0 && response == nil {
		l.step = 1
		return []byte("Username:"), false, nil
	}
	if l.step < 2 {
		l.step, l.username = 2, string(response)
		return []byte("Password:"), false, nil
	}
	return nil, true, l.authenticate(l.username, string(response))
}
