package mail

import (
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	texttemplate "text/template"

	"github.com/authgen/authgen/templates"
)

// The kinds of account e-mail, named after djoser's templates (email/<kind>.html).
const (
	Activation                  = "activation"
	Confirmation                = "confirmation"
	PasswordReset               = "password_reset"
	PasswordChangedConfirmation = "password_changed_confirmation"
	UsernameChangedConfirmation = "username_changed_confirmation"
	UsernameReset               = "username_reset"
)

// Kinds lists every kind of account e-mail.
func Kinds() []string {
	return []string{Activation, Confirmation, PasswordReset, PasswordChangedConfirmation,
		UsernameChangedConfirmation, UsernameReset}
}

// Data is what the templates see: the context djoser's templated_mail gives its templates.
type Data struct {
	Protocol string // "http" or "https"
	Domain   string // e.g. "store.local"
	SiteName string // e.g. "Store"
	// URL is the full link of the e-mails that carry one (activation, password and username
	// reset), e.g. "http://store.local/#/activate/MQ/<token>".
	URL string
	// User holds the user's fields by column name; "username" holds what Django's
	// get_username() returns (the USERNAME_FIELD's value). A missing key renders as "".
	User map[string]string
}

// Templates renders the account e-mails. It is safe for concurrent use.
type Templates struct {
	kinds map[string]kindTemplate
}

type kindTemplate struct {
	text *texttemplate.Template // "subject" and "text"
	html *htmltemplate.Template // "html"; nil when the file has none
}

// templateExt is the extension of a kind's file: mail/<kind>.txt.
const templateExt = ".txt"

// NewTemplates loads the built-in texts from templates/mail, each replaced by the file of the
// same name (<kind>.txt, at the root) in override when there is one; override may be nil.
// A *.txt file in override that names no kind is an error, so a misspelt name cannot leave
// the built-in text in place unnoticed. Every template is tried once with sample data, so a
// broken override fails here rather than at the first sign-up.
func NewTemplates(override fs.FS) (*Templates, error) {
	if override != nil {
		names, err := fs.Glob(override, "*"+templateExt)
		if err != nil {
			return nil, fmt.Errorf("mail: reading the template overrides: %w", err)
		}
		for _, name := range names {
			if !slices.Contains(Kinds(), strings.TrimSuffix(name, templateExt)) {
				return nil, fmt.Errorf("%w: override %s (want one of %s)", ErrUnknownKind, name,
					strings.Join(Kinds(), templateExt+", ")+templateExt)
			}
		}
	}
	t := &Templates{kinds: make(map[string]kindTemplate)}
	for _, kind := range Kinds() {
		name, src, err := source(override, kind)
		if err != nil {
			return nil, err
		}
		kt, err := parseKind(name, src)
		if err != nil {
			return nil, err
		}
		t.kinds[kind] = kt
		if _, _, _, err := t.Render(kind, sampleData); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return t, nil
}

// sampleData fills every field, so a trial render reaches every action of a template.
var sampleData = Data{
	Protocol: "https", Domain: "example.com", SiteName: "Example",
	URL:  "https://example.com/#/activate/MQ/token",
	User: map[string]string{"username": "alice", "email": "alice@example.com"},
}

// source returns the text of kind: the override's file if it has one, else the built-in.
func source(override fs.FS, kind string) (name string, src []byte, err error) {
	file := kind + templateExt
	if override != nil {
		src, err := fs.ReadFile(override, file)
		if err == nil {
			return "override " + file, src, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", nil, fmt.Errorf("mail: reading override %s: %w", file, err)
		}
	}
	name = path.Join("templates", "mail", file)
	src, err = fs.ReadFile(templates.FS, path.Join("mail", file))
	if err != nil {
		return "", nil, fmt.Errorf("mail: reading %s: %w", name, err)
	}
	return name, src, nil
}

// parseKind parses one file twice: with text/template for the subject and the text, with
// html/template (contextual escaping) for the HTML. A missing map key renders as "", as an
// unknown variable does in Django's templates.
func parseKind(name string, src []byte) (kindTemplate, error) {
	text, err := texttemplate.New(name).Option("missingkey=zero").Parse(string(src))
	if err != nil {
		return kindTemplate{}, fmt.Errorf("%w: %v", ErrTemplate, err)
	}
	if text.Lookup("subject") == nil || text.Lookup("text") == nil {
		return kindTemplate{}, fmt.Errorf(`%w: %s must define "subject" and "text"`, ErrTemplate, name)
	}
	kt := kindTemplate{text: text}
	html, err := htmltemplate.New(name).Option("missingkey=zero").Parse(string(src))
	if err != nil {
		return kindTemplate{}, fmt.Errorf("%w: %v", ErrTemplate, err)
	}
	if html.Lookup("html") != nil {
		kt.html = html
	}
	return kt, nil
}

// Render returns the subject, the text and the HTML (empty when the template has none) of
// an e-mail, each trimmed of surrounding white space as templated_mail does.
func (t *Templates) Render(kind string, data Data) (subject, text, html string, err error) {
	kt, ok := t.kinds[kind]
	if !ok {
		return "", "", "", fmt.Errorf("%w: %q", ErrUnknownKind, kind)
	}
	var b strings.Builder
	if err := kt.text.ExecuteTemplate(&b, "subject", data); err != nil {
		return "", "", "", fmt.Errorf("%w: %v", ErrTemplate, err)
	}
	subject = strings.TrimSpace(b.String())
	if strings.ContainsAny(subject, "\r\n") {
		return "", "", "", fmt.Errorf("%w: %s: the subject renders on more than one line", ErrTemplate, kind)
	}
	b.Reset()
	if err := kt.text.ExecuteTemplate(&b, "text", data); err != nil {
		return "", "", "", fmt.Errorf("%w: %v", ErrTemplate, err)
	}
	text = strings.TrimSpace(b.String())
	if kt.html != nil {
		b.Reset()
		if err := kt.html.ExecuteTemplate(&b, "html", data); err != nil {
			return "", "", "", fmt.Errorf("%w: %v", ErrTemplate, err)
		}
		html = strings.TrimSpace(b.String())
	}
	return subject, text, html, nil
}

// Message renders kind into a Message from from to the recipients.
func (t *Templates) Message(kind string, data Data, from string, to ...string) (Message, error) {
	subject, text, html, err := t.Render(kind, data)
	if err != nil {
		return Message{}, err
	}
	return Message{From: from, To: to, Subject: subject, Text: text, HTML: html}, nil
}
