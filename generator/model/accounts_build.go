package model

import (
	"net/mail"
	"regexp"
	"slices"
	"strings"

	"github.com/authgen/authgen/generator/spec"
	"github.com/authgen/authgen/runtime/djoser"
)

// linkPlaceholder finds the {name} placeholders of a link template.
var linkPlaceholder = regexp.MustCompile(`\{[^{}]*\}`)

func (b *builder) buildAccounts() {
	a := &b.app.Accounts
	sa := b.f.Accounts
	if sa == nil {
		sa = &spec.Accounts{}
	}
	a.Flags = map[string]bool{}
	for _, f := range djoser.Flags {
		a.Flags[f.Key] = f.Default
	}
	for _, nb := range sa.Bools {
		if _, ok := a.Flags[nb.Name]; ok {
			a.Flags[nb.Name] = nb.Value.Value
		}
	}
	a.Texts = map[string]string{}
	for _, t := range djoser.Texts {
		a.Texts[t.Key] = t.Default
	}
	for _, ns := range sa.Strings {
		if _, ok := a.Texts[ns.Name]; !ok {
			continue
		}
		v := ns.Value
		switch {
		case strings.HasSuffix(ns.Name, "_url"):
			b.checkLink(v)
		case ns.Name == "from_email":
			if addr, err := mail.ParseAddress(v.Value); err != nil || addr.Address == "" {
				b.errorf(v.Pos, "from_email %q is not an e-mail address", v.Value)
			}
		case ns.Name == "domain":
			if strings.ContainsAny(v.Value, "/ \t\n") || strings.Contains(v.Value, "://") {
				b.errorf(v.Pos, "domain %q must be a host name (with an optional port), without scheme or path", v.Value)
			}
		}
		a.Texts[ns.Name] = v.Value
	}
	a.TokenTimeout = b.duration(sa.TokenTimeout, djoser.TokenTimeoutKey, djoser.TokenTimeout, true)
	given := map[string]*Expr{}
	for _, ne := range sa.Permissions {
		x := b.expr(ne.Expr, true)
		if x == nil {
			continue
		}
		if c := usesClass(x, func(c *PermClass) bool {
			return c.Kind == Object || c == DjangoModelPermissions || c == DjangoModelPermissionsOrAnonReadOnly || c == DjangoObjectPermissions
		}); c != nil {
			b.errorf(ne.Expr.Pos, "%s: %s needs a model of the spec; it cannot guard the account endpoints", ne.Name, c.Name)
			continue
		}
		given[ne.Name] = x
	}
	for _, p := range djoser.Permissions {
		x := given[p.Key]
		if x == nil {
			x = &Expr{Op: Ref, Class: b.classes[p.Default]}
		}
		a.Permissions = append(a.Permissions, AccountPermission{Permission: p, Expr: x})
	}
}

// checkLink checks a djoser link template: Python's str.format with uid and token only.
func (b *builder) checkLink(v spec.Str) {
	for _, loc := range linkPlaceholder.FindAllStringIndex(v.Value, -1) {
		ph := v.Value[loc[0]:loc[1]]
		if ph != "{uid}" && ph != "{token}" {
			b.errorf(strPos(v, loc[0]), "link %q: unknown placeholder %s (only {uid} and {token})", v.Value, ph)
			return
		}
	}
	for _, ph := range []string{"{uid}", "{token}"} {
		if !strings.Contains(v.Value, ph) {
			b.errorf(v.Pos, "link %q must contain %s", v.Value, ph)
		}
	}
}

func (b *builder) buildSerializers() {
	s := b.f.Serializers
	if s == nil {
		return
	}
	out := &b.app.Serializers
	allowed := append(append([]string{"first_name", "last_name"}, StatusFields...), fieldNames(b.app.Auth.UserFields)...)
	out.UserCreate, _ = b.serializer("user_create", s.UserCreate, allowed)
	out.UserCreatePasswordRetype, _ = b.serializer("user_create_password_retype", s.UserCreatePasswordRetype, allowed)
	out.User, out.UserWritableStatus = b.serializer("user", s.User, allowed)
	out.CurrentUser, out.CurrentUserWritableStatus = b.serializer("current_user", s.CurrentUser, allowed)
}

// djoserFields are the fields djoser's serializers always have, or never show.
var djoserFields = []string{"id", "username", "email", "password"}

// serializer resolves serializers.<name>: its extra fields, and the status fields among
// them that requests may write.
func (b *builder) serializer(name string, s *spec.Serializer, allowed []string) (extra, writable []string) {
	if s == nil {
		return nil, nil
	}
	extra = []string{}
	for _, f := range s.ExtraFields {
		switch {
		case contains(djoserFields, f.Value):
			b.errorf(f.Pos, "extra_fields: %q cannot be added: djoser's serializers already handle it or never expose it", f.Value)
		case !contains(allowed, f.Value):
			b.errorf(f.Pos, "extra_fields: unknown user field %q%s", f.Value, suggest(f.Value, allowed))
		case contains(extra, f.Value):
			b.errorf(f.Pos, "extra_fields: %q is listed twice", f.Value)
		default:
			extra = append(extra, f.Value)
		}
	}
	if s.WritablePos == nil {
		return extra, nil
	}
	if name == "user_create" || name == "user_create_password_retype" {
		b.errorf(*s.WritablePos, "writable_status_fields: registration never writes status fields (anyone could sign up as staff); "+
			"they are writable only in serializers user and current_user")
		return extra, nil
	}
	writable = []string{}
	for _, f := range s.WritableStatusFields {
		switch {
		case !contains(StatusFields, f.Value):
			b.errorf(f.Pos, "writable_status_fields: %q is not a status field (%s)%s", f.Value, strings.Join(StatusFields, ", "), suggest(f.Value, StatusFields))
		case !slices.ContainsFunc(s.ExtraFields, func(e spec.Str) bool { return e.Value == f.Value }):
			b.errorf(f.Pos, "writable_status_fields: %q is not among serializers.%s.extra_fields, which shows it", f.Value, name)
		case contains(writable, f.Value):
			b.errorf(f.Pos, "writable_status_fields: %q is listed twice", f.Value)
		default:
			writable = append(writable, f.Value)
		}
	}
	return extra, writable
}
