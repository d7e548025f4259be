package accounts

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/authgen/authgen/runtime/apidoc"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/loginguard"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/password"
	"github.com/authgen/authgen/runtime/users"
)

// Deps are the parts the account flows work with, built by the generated app at start-up.
type Deps struct {
	// Authn authenticates the djoser views and holds the user store (Authn.Users), the JWT
	// tokens (Authn.Tokens; nil leaves out the jwt/ routes) and whether opaque tokens are
	// on (Authn.TokenAuth; false leaves out the token/ routes).
	Authn *authn.Authenticator
	// Hashers make and check password hashes.
	Hashers *password.Hashers
	// Validators judge new passwords (Django's AUTH_PASSWORD_VALIDATORS); empty accepts any.
	Validators []password.Validator
	// Mailer sends the account mails; Templates renders them (nil: the built-in texts).
	Mailer    mail.Mailer
	Templates *mail.Templates
	// SecretKey keys the tokens of the mailed links (Django's SECRET_KEY).
	SecretKey []byte
	// Logger reports failures that the client is not told about (a mail that could not be
	// sent); nil means slog.Default().
	Logger *slog.Logger
	// Now is the clock, default time.Now; tests set it.
	Now func() time.Time
	// Guard protects jwt/create and token/login from guessing and floods; nil guards
	// nothing.
	Guard *loginguard.Guard
}

// Accounts serves djoser's endpoints. It is safe for concurrent use.
type Accounts struct {
	s         Settings
	auth      *authn.Authenticator
	users     *users.Store
	tokens    *jwtauth.Tokens // nil: no jwt/ routes
	opaque    *jwtauth.Opaque // nil: no token/ routes
	hashers   *password.Hashers
	guard     *loginguard.Guard
	validate  []password.Validator
	mailer    mail.Mailer
	templates *mail.Templates
	links     TokenGenerator
	log       *slog.Logger
	now       func() time.Time

	fields map[string]*userField // auth_user fields by name
	// The serializers' fields, in DRF's order.
	createIn, createOut []string // registration's serializer: input (without password) and output
	userIn, userOut     []string // user: the updatable fields and the shown ones
	currentIn           []string // current_user
	currentOut          []string

	mails sync.WaitGroup // mails being sent
}

// New checks the settings and dependencies and returns the account endpoints.
func New(s Settings, d Deps) (*Accounts, error) {
	s, err := s.withDefaults()
	if err != nil {
		return nil, err
	}
	switch {
	case d.Authn == nil || d.Authn.Users == nil:
		return nil, errors.New("accounts: Deps.Authn with its Users is required")
	case d.Hashers == nil:
		return nil, errors.New("accounts: Deps.Hashers is required")
	case d.Mailer == nil:
		return nil, errors.New("accounts: Deps.Mailer is required")
	case len(d.SecretKey) == 0:
		return nil, errors.New("accounts: Deps.SecretKey is required: it keys the mailed links")
	}
	if d.Templates == nil {
		if d.Templates, err = mail.NewTemplates(nil); err != nil {
			return nil, err
		}
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	a := &Accounts{
		s: s, auth: d.Authn, users: d.Authn.Users, tokens: d.Authn.Tokens,
		hashers: d.Hashers, guard: d.Guard, validate: d.Validators, mailer: d.Mailer, templates: d.Templates,
		links: TokenGenerator{Secret: d.SecretKey, Timeout: s.TokenTimeout, Now: d.Now},
		log:   d.Logger, now: d.Now,
		fields: modelFields(s.LoginField, d.Authn.Users.Fields()),
	}
	if d.Authn.TokenAuth {
		a.opaque = d.Authn.Opaque
		if a.opaque == nil {
			a.opaque = jwtauth.NewOpaque(a.users.DB())
		}
	}
	if err := a.buildSerializers(); err != nil {
		return nil, err
	}
	return a, nil
}

// buildSerializers lays out djoser's serializers as apidoc.Layout does (the layout
// openapi.json documents), once every extra field they name is known to be a user field.
func (a *Accounts) buildSerializers() error {
	type serializer struct {
		which string
		names []string
	}
	create := serializer{"user_create", a.s.Serializers.UserCreate}
	if a.s.UserCreatePasswordRetype {
		create = serializer{"user_create_password_retype", a.s.Serializers.UserCreatePasswordRetype}
	}
	for _, l := range []serializer{create, {"user", a.s.Serializers.User}, {"current_user", a.s.Serializers.CurrentUser}} {
		for _, n := range l.names {
			if _, ok := a.fields[n]; !ok && n != "id" && n != "password" {
				return fmt.Errorf("accounts: serializer %s: unknown user field %q (want first_name, last_name, a status field or an extra user field)", l.which, n)
			}
		}
	}
	for _, l := range []struct {
		which           string
		names, writable []string
	}{{"user", a.s.Serializers.User, a.s.Serializers.UserWritableStatus}, {"current_user", a.s.Serializers.CurrentUser, a.s.Serializers.CurrentUserWritableStatus}} {
		for _, n := range l.writable {
			if !slices.Contains(apidoc.StatusFields, n) || !slices.Contains(l.names, n) {
				return fmt.Errorf("accounts: serializer %s: writable status field %q: want one of its status fields", l.which, n)
			}
		}
	}
	l := apidoc.Layout(a.s.LoginField, a.s.UserCreatePasswordRetype, apidoc.Serializers(a.s.Serializers))
	a.createIn, a.createOut = l.CreateIn, l.CreateOut
	a.userIn, a.userOut = l.UserIn, l.UserOut
	a.currentIn, a.currentOut = l.CurrentIn, l.CurrentOut
	return nil
}

// Wait blocks until the mails handed to the mailer so far are sent (or failed): call it
// on shutdown, after the server stopped taking requests. Tests call it before reading
// the mailbox.
func (a *Accounts) Wait() { a.mails.Wait() }
