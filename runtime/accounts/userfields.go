package accounts

import (
	"context"
	"strings"
	"unicode"

	"github.com/authgen/authgen/runtime/apidoc"
	"github.com/authgen/authgen/runtime/fieldtype"
	"github.com/authgen/authgen/runtime/users"
)

// userField is one auth_user field as the ModelSerializers of djoser see it.
type userField struct {
	name       string
	kind       users.Kind
	extra      *users.Field // nil for Django's columns
	maxLength  int
	required   bool // ModelSerializer: no default, not blank, not null
	allowBlank bool
	allowNull  bool
	unique     string // the UniqueValidator's message; "" when the field is not unique
	username   bool   // Django's UnicodeUsernameValidator applies
	status     bool   // a status field (apidoc.StatusFields): read-only unless made writable
	label      string // the model field's verbose name, when it is not the name's words
	helpText   string
}

const (
	msgUsernameTaken   = "A user with that username already exists."
	msgInvalidUsername = "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."
)

// modelFields returns the auth_user fields a serializer may name, by name: Django's
// AbstractUser columns, shaped by the login field, and the extra ones.
func modelFields(login string, extra []users.Field) map[string]*userField {
	m := map[string]*userField{}
	for _, c := range apidoc.UserColumns(login) {
		uf := &userField{name: c.Name, kind: c.Type, maxLength: c.MaxLength, required: c.Required, allowBlank: !c.Required}
		switch {
		case c.Name == "username":
			uf.unique, uf.username = msgUsernameTaken, true
		case c.Name == "email" && login == LoginEmail:
			// USERNAME_FIELD = "email" needs one user per address: unique, required.
			uf.unique = "user with this email address already exists."
		}
		m[c.Name] = uf
	}
	// Django's AbstractUser status fields: BooleanFields and DateTimeFields with defaults or
	// null, so never required.
	status := map[string][2]string{
		"is_active":    {"Active", "Designates whether this user should be treated as active. Unselect this instead of deleting accounts."},
		"is_staff":     {"Staff status", "Designates whether the user can log into this admin site."},
		"is_superuser": {"Superuser status", "Designates that this user has all permissions without explicitly assigning them."},
		"date_joined":  {"Date joined", ""},
		"last_login":   {"Last login", ""},
	}
	for _, c := range apidoc.StatusColumns() {
		m[c.Name] = &userField{name: c.Name, kind: c.Type, allowNull: c.Null, status: true,
			label: status[c.Name][0], helpText: status[c.Name][1]}
	}
	for i := range extra {
		f := &extra[i]
		blankable := f.Kind == fieldtype.String || f.Kind == fieldtype.Text || f.Kind == fieldtype.Email
		uf := &userField{name: f.Name, kind: f.Kind, extra: f, maxLength: f.MaxLength,
			required: f.Default == nil && !f.Blank && !f.Null, allowBlank: f.Blank && blankable, allowNull: f.Null}
		if f.Unique {
			uf.unique = "user with this " + strings.ReplaceAll(f.Name, "_", " ") + " already exists."
		}
		m[f.Name] = uf
	}
	return m
}

// validUsername is Django's UnicodeUsernameValidator: ^[\w.@+-]+\Z, \w as Python's
// Unicode word characters (letters, numbers, underscore).
func validUsername(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsNumber(r) || strings.ContainsRune("_.@+-", r)) {
			return false
		}
	}
	return true
}

// readField reads the field uf, sent as key (its name, or "new_username" and the like),
// into its Go value (see package users). The unique check looks for another user than
// exceptID holding the value. A database failure is kept in the form.
func (a *Accounts) readField(ctx context.Context, f *form, uf *userField, key string, exceptID int64) (any, fieldState) {
	var unique func(any) []string
	if uf.unique != "" {
		unique = func(v any) []string {
			if s, ok := v.(string); ok && strings.IndexByte(s, 0) >= 0 {
				return nil // refused by the null-character check; no database takes it
			}
			taken, err := a.users.Exists(ctx, uf.name, v, exceptID)
			if err != nil {
				f.fail(err)
				return nil
			}
			if taken {
				return []string{uf.unique}
			}
			return nil
		}
	}
	// DRF's order: the model's validators (username, unique), then the field's own.
	var validators []func(string) []string
	if uf.username {
		validators = append(validators, func(s string) []string {
			if !validUsername(s) {
				return []string{msgInvalidUsername}
			}
			return nil
		})
	}
	if unique != nil {
		validators = append(validators, func(s string) []string { return unique(s) })
	}
	o := charOpts{required: uf.required, allowBlank: uf.allowBlank, allowNull: uf.allowNull,
		maxLength: uf.maxLength, validators: validators, boolean: uf.kind == fieldtype.Bool}
	scalar := func(parse func([]byte) (any, []string)) (any, fieldState) {
		return f.scalar(key, o, parse, unique)
	}
	if uf.extra != nil && len(uf.extra.Choices) > 0 {
		return scalar(func(raw []byte) (any, []string) { return readChoice(raw, uf.extra, uf.allowBlank) })
	}
	switch uf.kind {
	case fieldtype.String, fieldtype.Text:
		s, st := f.char(key, o)
		return nullable(s, st)
	case fieldtype.Email:
		s, st := f.email(key, o)
		return nullable(s, st)
	case fieldtype.Int, fieldtype.BigInt, fieldtype.SmallInt, fieldtype.PositiveInt, fieldtype.PositiveSmallInt, fieldtype.PositiveBigInt:
		return scalar(func(raw []byte) (any, []string) { return readInt(raw, uf.extra, a.users.DB().Dialect) })
	case fieldtype.Bool:
		return scalar(func(raw []byte) (any, []string) { return readBool(raw) })
	case fieldtype.Decimal:
		return scalar(func(raw []byte) (any, []string) { return readDecimal(raw, uf.extra) })
	case fieldtype.Date:
		return scalar(func(raw []byte) (any, []string) { return readDate(raw) })
	case fieldtype.DateTime:
		return scalar(func(raw []byte) (any, []string) { return readDatetime(raw) })
	case fieldtype.UUID:
		return scalar(func(raw []byte) (any, []string) { return readUUID(raw) })
	case fieldtype.JSON:
		return scalar(func(raw []byte) (any, []string) { return readJSON(raw) })
	}
	return nil, absent
}

// nullable turns a CharField's result into a value: nil for an allowed null.
func nullable(s string, st fieldState) (any, fieldState) {
	if st == null {
		return nil, null
	}
	return s, st
}
