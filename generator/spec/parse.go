// Package spec parses an authgen.yaml into an AST that keeps the user's order and positions.
//
// Parsing is strict: unknown keys, duplicate keys and values of the wrong YAML type are errors,
// reported all at once with their positions. Meaning (references, names, combinations of
// options) is checked by generator/model, the next stage.
package spec

import (
	"errors"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/authgen/authgen/generator/diag"
)

// TopLevelKeys are the keys allowed at the top of a spec.
var TopLevelKeys = []string{
	"version", "app", "output", "mount", "auth", "accounts", "serializers", "defaults",
	"permissions", "models", "endpoints", "security",
}

// DefaultsKeys are the keys of `defaults`.
var DefaultsKeys = []string{"permission", "pagination", "parsers", "renderers", "not_found"}

// Parse reads the spec in src; name is the file name used in positions ("authgen.yaml").
// It returns the AST read so far together with every error found; the AST is never nil.
func Parse(name string, src []byte) (f *File, errs diag.List) {
	f = &File{Name: name, Pos: diag.Pos{File: name, Line: 1, Col: 1}}
	d := &decoder{file: name}
	defer func() {
		// yaml.v3 has panicked on malformed input in the past; a spec error is never a crash.
		if r := recover(); r != nil {
			d.errs.Add(diag.Pos{File: name}, "invalid YAML: %v", r)
			errs = d.errs
			errs.Sort()
		}
	}()
	root, err := d.document(src)
	if err != nil {
		d.errs = append(d.errs, yamlError(name, src, err))
	}
	if root != nil {
		d.top(f, root)
	}
	if root == nil && err == nil {
		d.errs.Add(f.Pos, "empty spec: expected at least version and app")
	}
	d.errs.Sort()
	return f, d.errs
}

// document decodes the single YAML document in src and returns its root node (nil when empty).
func (d *decoder) document(src []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(strings.NewReader(string(src)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.errorf(&extra, "a spec is a single YAML document; found a second one")
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

func (d *decoder) top(f *File, root *yaml.Node) {
	f.Pos = d.pos(root)
	present := map[string]bool{}
	d.object(root, "the spec", TopLevelKeys, func(e entry) {
		present[e.key] = true
		switch e.key {
		case "version":
			f.Version = d.integer("version", e.val)
		case "app":
			f.App = d.str("app", e.val)
		case "output":
			f.Output = d.str("output", e.val)
		case "mount":
			f.Mount = &Mount{}
			d.object(e.val, "mount", []string{"auth", "api", "health", "ready", "openapi", "jwt_blacklist"}, func(e entry) {
				switch e.key {
				case "auth":
					f.Mount.Auth = d.str("mount.auth", e.val)
				case "api":
					f.Mount.API = d.str("mount.api", e.val)
				case "health":
					f.Mount.Health = d.str("mount.health", e.val)
				case "openapi":
					f.Mount.OpenAPI = d.str("mount.openapi", e.val)
				case "ready":
					f.Mount.Ready = d.str("mount.ready", e.val)
				case "jwt_blacklist":
					f.Mount.JWTBlacklist = d.str("mount.jwt_blacklist", e.val)
				}
			})
		case "auth":
			f.Auth = d.auth(e)
		case "accounts":
			f.Accounts = d.accounts(e)
		case "serializers":
			f.Serializers = d.serializers(e)
		case "defaults":
			f.Defaults = &Defaults{}
			d.object(e.val, "defaults", DefaultsKeys, func(e entry) {
				switch e.key {
				case "parsers":
					f.Defaults.Parsers, f.Defaults.ParsersPos = d.strList("parsers", e.val)
				case "renderers":
					f.Defaults.Renderers, f.Defaults.RenderersPos = d.strList("renderers", e.val)
				case "not_found":
					f.Defaults.NotFound = d.str("defaults.not_found", e.val)
				case "permission":
					f.Defaults.Permission = d.expr("defaults.permission", e.val)
				case "pagination":
					f.Defaults.Pagination = d.pagination("defaults.pagination", e)
				}
			})
		case "permissions":
			for _, c := range d.entries(e.val, "permissions") {
				f.Permissions = append(f.Permissions, d.class(c))
			}
		case "models":
			f.ModelsPos = d.pos(e.keyNode)
			for _, m := range d.entries(e.val, "models") {
				f.Models = append(f.Models, d.model(m))
			}
		case "endpoints":
			for _, ep := range d.entries(e.val, "endpoints") {
				f.Endpoints = append(f.Endpoints, d.endpoint(ep))
			}
		case "security":
			f.Security = d.security(e)
		}
	})
	if !present["version"] {
		d.errs.Add(f.Pos, "missing required key \"version\" (always 1)")
	}
	if !present["app"] {
		d.errs.Add(f.Pos, "missing required key \"app\" (the Go package name, e.g. app: store)")
	}
}

func (d *decoder) pagination(what string, e entry) *Pagination {
	p := &Pagination{Pos: d.pos(e.keyNode)}
	d.object(e.val, what, []string{"style", "page_size", "max_page_size"}, func(e entry) {
		switch e.key {
		case "style":
			p.Style = d.str("style", e.val)
		case "page_size":
			p.PageSize = d.integer("page_size", e.val)
		case "max_page_size":
			p.MaxPageSize = d.integer("max_page_size", e.val)
		}
	})
	return p
}

func (d *decoder) serializers(e entry) *Serializers {
	s := &Serializers{}
	d.object(e.val, "serializers", []string{"user_create", "user_create_password_retype", "user", "current_user"}, func(e entry) {
		ser := &Serializer{Pos: d.pos(e.keyNode)}
		d.object(e.val, "serializers."+e.key, []string{"extra_fields", "writable_status_fields"}, func(e entry) {
			switch e.key {
			case "extra_fields":
				ser.ExtraFields, _ = d.strList("extra_fields", e.val)
			case "writable_status_fields":
				ser.WritableStatusFields, ser.WritablePos = d.strList("writable_status_fields", e.val)
			}
		})
		switch e.key {
		case "user_create":
			s.UserCreate = ser
		case "user_create_password_retype":
			s.UserCreatePasswordRetype = ser
		case "user":
			s.User = ser
		case "current_user":
			s.CurrentUser = ser
		}
	})
	return s
}
