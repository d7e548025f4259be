package accounts

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/fieldtype"
	"github.com/authgen/authgen/runtime/httpx"
)

// The view docstrings OPTIONS shows as "description" (DRF's get_view_description).
const (
	descRoot        = "The default basic root view for DefaultRouter"
	descTokenCreate = "Use this endpoint to obtain user authentication token."
	descTokenLogout = "Use this endpoint to logout user (remove user authentication token)."
	descJWTCreate   = "Takes a set of user credentials and returns an access and refresh JSON web\ntoken pair to prove the authentication of those credentials."
	descJWTRefresh  = "Takes a refresh type JSON web token and returns an access type JSON web\ntoken if the refresh token is valid."
	descJWTVerify   = "Takes a token and indicates if it is valid.  This view provides no\ninformation about a token's fitness for a particular use."
	descJWTBlack    = "Takes a token and blacklists it. Must be used with the\n`rest_framework_simplejwt.token_blacklist` app installed."
)

// options answers OPTIONS as DRF's SimpleMetadata: for each of PUT and POST the endpoint
// serves, the serializer's fields when the caller passes the permission checks with that
// method (and, for PUT, may act on the object). djoser's UserViewSet runs them as its
// "metadata" action: PERMISSIONS.user, and its default serializer, UserSerializer, on every
// route.
func (a *Accounts) options(c *call, e *endpoint) {
	var actions []httpx.Action
	if e.fields != nil {
		for _, m := range []string{http.MethodPut, http.MethodPost} {
			if _, served := e.actions[m]; served && a.mayUse(c, e, m) {
				actions = append(actions, httpx.Action{Method: m, Fields: e.fields(a)})
			}
		}
	}
	httpx.Options(c.w, c.r, e.allow(), e.name, e.description, actions...)
}

// mayUse reports whether the caller passes the checks of the OPTIONS request cloned with
// method m: the view's permission, and for PUT get_object with its object checks.
func (a *Accounts) mayUse(c *call, e *endpoint, m string) bool {
	req := &authz.Request{Ctx: c.r.Context(), Method: m, Subject: c.req.Subject}
	perm := a.s.Permissions[c.perm]
	if perm == nil {
		return true // simplejwt's views: AllowAny
	}
	if !authz.Check(req, perm).Allowed() {
		return false
	}
	if m != http.MethodPut {
		return true
	}
	id, ok := httpx.PathID(c.r)
	if !ok || id <= 0 {
		return false
	}
	u, err := a.users.Get(c.r.Context(), id)
	if err != nil {
		return false // missing (or unreadable): get_object's 404 leaves PUT out
	}
	return authz.CheckObject(req, userObject{u}, perm).Allowed()
}

// userSerializerFields is djoser's UserSerializer as OPTIONS describes it: its fields,
// the login field and the status fields it does not write read-only.
func (a *Accounts) userSerializerFields() httpx.Fields {
	var out httpx.Fields
	for _, name := range a.userOut {
		readOnly := name == a.s.LoginField || (a.fields[name] != nil && a.fields[name].status && !slices.Contains(a.userIn, name))
		out = append(out, httpx.Field{Name: name, Info: a.modelFieldInfo(name, readOnly)})
	}
	return out
}

// modelFieldInfo describes an auth_user field as ModelSerializer builds it.
func (a *Accounts) modelFieldInfo(name string, readOnly bool) httpx.FieldInfo {
	if name == "id" {
		return httpx.FieldInfo{Type: "integer", ReadOnly: true, Label: "ID"}
	}
	uf := a.fields[name]
	info := httpx.FieldInfo{Type: "field", Label: capfirst(strings.ReplaceAll(name, "_", " "))}
	if uf == nil {
		return info
	}
	if uf.label != "" {
		info.Label, info.HelpText = uf.label, uf.helpText
	}
	switch name {
	case "email":
		info.Label = "Email address"
	case "username":
		info.HelpText = "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."
	}
	info.Type = fieldType(uf)
	if readOnly {
		// ModelSerializer drops required, the lengths and bounds of a read-only field.
		info.ReadOnly = true
		return info
	}
	info.Required = uf.required
	if uf.maxLength > 0 && (uf.kind == fieldtype.String || uf.kind == fieldtype.Email) {
		info.MaxLength = &uf.maxLength
	}
	if uf.extra != nil {
		if uf.extra.Min != nil {
			info.MinValue = jsonInt(*uf.extra.Min)
		}
		if uf.extra.Max != nil {
			info.MaxValue = jsonInt(*uf.extra.Max)
		}
		for _, ch := range uf.extra.Choices {
			info.Choices = append(info.Choices, httpx.Choice{Value: ch, DisplayName: fmt.Sprint(ch)})
		}
	}
	return info
}

// fieldType is DRF's label_lookup for the serializer field of a user field.
func fieldType(uf *userField) string {
	if uf.extra != nil && len(uf.extra.Choices) > 0 {
		return "choice"
	}
	return uf.kind.Label()
}

func jsonInt(v int64) json.Number { return json.Number(strconv.FormatInt(v, 10)) }

// capfirst is Django's capfirst: the first letter upper-cased, the rest kept.
func capfirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// plainFields are the fields of a serializer declared field by field (simplejwt's and
// djoser's token serializers): CharFields labelled from their names, as DRF's bind does.
func plainFields(specs ...plainField) httpx.Fields {
	var out httpx.Fields
	for _, s := range specs {
		label := strings.ReplaceAll(s.name, "_", " ")
		label = strings.ToUpper(label[:1]) + strings.ToLower(label[1:]) // str.capitalize
		out = append(out, httpx.Field{Name: s.name, Info: httpx.FieldInfo{
			Type: "string", Required: s.required, ReadOnly: s.readOnly, Label: label}})
	}
	return out
}

type plainField struct {
	name     string
	required bool
	readOnly bool
}
