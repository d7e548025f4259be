package accounts

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/users"
)

// mailTimeout bounds the sending of one mail, which outlives its request.
const mailTimeout = time.Minute

// send mails u the e-mail of kind; linkTemplate, when not empty, is the link's URL
// setting, formatted with u's uid and a fresh token. Rendering happens now, so the token
// reflects u as it is; sending happens in the background, so that the answer does not wait
// for the mail server, nor tells by its timing whether a mail was sent (reset requests for
// unknown addresses answer as fast as for known ones). A user without an address gets
// nothing, as Django sends nothing to an empty recipient list. Failures are logged: the
// request itself succeeded.
func (a *Accounts) send(c *call, kind string, u *users.User, linkTemplate string) {
	if u.Email == "" {
		return
	}
	ctx := c.r.Context()
	data := mail.Data{Protocol: a.protocol(c), Domain: a.s.Domain, SiteName: a.s.SiteName, User: a.mailUser(u)}
	if linkTemplate != "" {
		link, err := formatLink(linkTemplate, linkValues{uid: EncodeUID(u.ID), token: a.links.Make(u),
			protocol: data.Protocol, domain: data.Domain, siteName: data.SiteName})
		if err != nil { // checked by New: only a bug gets here
			a.log.ErrorContext(ctx, "accounts: mail link", "kind", kind, "err", err)
			return
		}
		data.URL = data.Protocol + "://" + data.Domain + "/" + link
	}
	msg, err := a.templates.Message(kind, data, a.s.FromEmail, u.Email)
	if err != nil {
		a.log.ErrorContext(ctx, "accounts: render mail", "kind", kind, "user", u.ID, "err", err)
		return
	}
	a.mails.Add(1)
	go func() {
		defer a.mails.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), mailTimeout)
		defer cancel()
		if err := a.mailer.Send(ctx, msg); err != nil {
			a.log.ErrorContext(ctx, "accounts: send mail", "kind", kind, "user", u.ID, "err", err)
		}
	}()
}

// protocol is the links' scheme: the setting, or that of the request (Django's
// request.is_secure(), which does not trust forwarding headers unless told to).
func (a *Accounts) protocol(c *call) string {
	switch {
	case a.s.Protocol != "":
		return a.s.Protocol
	case c.r.TLS != nil:
		return "https"
	}
	return "http"
}

// mailUser is the user as the templates see it: fields by column name, with "username"
// holding the login field's value (Django's get_username).
func (a *Accounts) mailUser(u *users.User) map[string]string {
	m := map[string]string{
		"id": strconv.FormatInt(u.ID, 10), "username": a.loginValue(u), "email": u.Email,
		"first_name": u.FirstName, "last_name": u.LastName,
	}
	for k, v := range u.Extra {
		switch t := representValue(v).(type) {
		case nil:
		case json.RawMessage:
			m[k] = string(t)
		default:
			m[k] = fmt.Sprint(t)
		}
	}
	return m
}
