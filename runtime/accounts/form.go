package accounts

import (
	"encoding/json"

	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
)

// form reads the fields of a request body one by one, as a DRF serializer's
// to_internal_value does, collecting each field's messages in errs.
type form struct {
	body    httpx.Body
	errs    httpx.FieldErrors
	partial bool // PATCH: a missing field is never required
	err     error
}

func newForm(body httpx.Body, partial bool) *form {
	return &form{body: body, errs: httpx.FieldErrors{}, partial: partial}
}

// charOpts are the options of a DRF CharField.
type charOpts struct {
	required   bool
	allowBlank bool
	allowNull  bool
	maxLength  int // 0: none
	// validators run after the built-in checks pass, in order, each returning its messages;
	// all messages are kept, as DRF's run_validators does.
	validators []func(string) []string
	// email adds Django's EmailValidator after DRF's own checks (an EmailField).
	email bool
	// boolean is a BooleanField: absent from a full form, it is false.
	boolean bool
}

// fieldState is what reading a field found.
type fieldState int

const (
	absent  fieldState = iota // not in the body (or skipped)
	invalid                   // present with errors, recorded in errs
	null                      // present as null, allowed
	valid                     // present with a value
)

// raw returns a field's raw JSON and whether it is present, as DRF's Field.get_value
// finds it (with its rules for form input); a missing field that is required (and the form
// not partial) is recorded as "This field is required.".
func (f *form) raw(name string, o charOpts) (json.RawMessage, bool) {
	raw, ok := f.body.Get(name, httpx.FieldRules{Required: o.required, AllowNull: o.allowNull, AllowBlank: o.allowBlank, Bool: o.boolean}, f.partial)
	if !ok {
		if o.required && !f.partial {
			f.errs.Add(name, fields.MsgRequired)
		}
		return nil, false
	}
	return raw, true
}

// char reads a CharField: DRF's validate_empty_values, blank check, to_internal_value
// (strings and numbers, trimmed) and then the validators.
func (f *form) char(name string, o charOpts) (string, fieldState) {
	raw, ok := f.raw(name, o)
	if !ok {
		return "", absent
	}
	if fields.IsNull(raw) {
		if !o.allowNull {
			f.errs.Add(name, fields.MsgNull)
			return "", invalid
		}
		return "", null
	}
	// Blank is judged here: fields.String with AllowBlank hands "" (or white space) back.
	so := fields.StringOpts{AllowBlank: true, MaxLength: o.maxLength, Validators: o.validators}
	read := fields.String
	if o.email {
		read = fields.Email
	}
	s, msgs := read(raw, so)
	if msgs != nil {
		f.errs[name] = append(f.errs[name], msgs...)
		return "", invalid
	}
	if s == "" && !o.allowBlank {
		f.errs.Add(name, fields.MsgBlank)
		return "", invalid
	}
	return s, valid
}

// email reads an EmailField: a CharField whose last validator is Django's EmailValidator.
func (f *form) email(name string, o charOpts) (string, fieldState) {
	o.email = true
	return f.char(name, o)
}

// password reads one of djoser's password fields: a required CharField.
func (f *form) password(name string) (string, fieldState) {
	return f.char(name, charOpts{required: true})
}

// ok reports whether no field has an error so far.
func (f *form) ok() bool { return len(f.errs) == 0 }

// scalar reads a field that is not text: required and null as for every DRF field, then
// parse, then check (the unique validator) on the value.
func (f *form) scalar(name string, o charOpts, parse func([]byte) (any, []string), check func(any) []string) (any, fieldState) {
	raw, ok := f.raw(name, o)
	if !ok {
		return nil, absent
	}
	if fields.IsNull(raw) {
		if !o.allowNull {
			f.errs.Add(name, fields.MsgNull)
			return nil, invalid
		}
		return nil, null
	}
	v, msgs := parse(raw)
	if len(msgs) == 0 && check != nil {
		msgs = check(v)
	}
	if len(msgs) > 0 {
		f.errs[name] = append(f.errs[name], msgs...)
		return nil, invalid
	}
	return v, valid
}

// fail keeps the first failure of the server met while reading (a unique check's query).
func (f *form) fail(err error) {
	if f.err == nil {
		f.err = err
	}
}
