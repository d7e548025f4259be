package model

import "github.com/authgen/authgen/generator/spec"

func (b *builder) buildDefaults() {
	b.app.DefaultPermission = &Expr{Op: Ref, Class: IsAuthenticated}
	d := b.f.Defaults
	if d == nil {
		return
	}
	if d.Permission != nil {
		if x := b.expr(d.Permission, false); x != nil {
			b.app.DefaultPermission = x
		}
	}
	b.app.DefaultPagination = b.pagination(d.Pagination)
	b.parsers(d)
}

// parserTypes are DRF's parsers by the spec's name, with their media types.
var parserTypes = map[string]string{
	"json": "application/json", "form": "application/x-www-form-urlencoded", "multipart": "multipart/form-data",
}

// parsers resolves defaults.parsers, defaults.renderers and defaults.not_found.
func (b *builder) parsers(d *spec.Defaults) {
	if d.ParsersPos != nil {
		if len(d.Parsers) == 0 {
			b.errorf(*d.ParsersPos, "parsers must list at least one of json, form, multipart")
		}
		b.app.Parsers = b.mediaList(d.Parsers, "parser", parserTypes,
			"(json, form or multipart: DRF's JSONParser, FormParser, MultiPartParser)", []string{"form", "json", "multipart"})
	}
	if d.RenderersPos != nil {
		if len(d.Renderers) == 0 {
			b.errorf(*d.RenderersPos, "renderers must list at least one of json, browsable_api")
		}
		b.app.Renderers = b.mediaList(d.Renderers, "renderer", rendererTypes,
			"(json or browsable_api: DRF's JSONRenderer, BrowsableAPIRenderer)", []string{"browsable_api", "json"})
	}
	if n := d.NotFound; n != nil {
		switch n.Value {
		case "html":
		case "json":
			b.app.JSONNotFound = true
		default:
			b.errorf(n.Pos, "unknown not_found %q (html: Django's 404 page, or json: DRF's {\"detail\": \"Not found.\"})%s",
				n.Value, suggest(n.Value, []string{"html", "json"}))
		}
	}
}

// rendererTypes are DRF's renderers by the spec's name, with their media types.
var rendererTypes = map[string]string{"json": "application/json", "browsable_api": "text/html"}

// mediaList resolves a list of parsers or renderers (kind) by name to their media types,
// in the spec's order; never nil.
func (b *builder) mediaList(names []spec.Str, kind string, types map[string]string, valid string, sorted []string) []string {
	seen := map[string]bool{}
	list := []string{}
	for _, n := range names {
		mt, ok := types[n.Value]
		switch {
		case !ok:
			b.errorf(n.Pos, "unknown %s %q %s%s", kind, n.Value, valid, suggest(n.Value, sorted))
		case seen[n.Value]:
			b.errorf(n.Pos, "%s %q is listed twice", kind, n.Value)
		default:
			seen[n.Value] = true
			list = append(list, mt)
		}
	}
	return list
}

// pagination resolves a pagination mapping (nil when absent or wrong).
func (b *builder) pagination(sp *spec.Pagination) *Pagination {
	if sp == nil {
		return nil
	}
	p := &Pagination{}
	ok := true
	if sp.Style == nil {
		b.errorf(sp.Pos, "pagination needs a style: page_number or limit_offset")
		ok = false
	} else {
		switch sp.Style.Value {
		case PageNumber, LimitOffset:
			p.Style = sp.Style.Value
		default:
			b.errorf(sp.Style.Pos, "unknown pagination style %q (page_number or limit_offset)%s",
				sp.Style.Value, suggest(sp.Style.Value, []string{LimitOffset, PageNumber}))
			ok = false
		}
	}
	if sp.PageSize == nil {
		b.errorf(sp.Pos, "pagination needs page_size")
		ok = false
	} else if sp.PageSize.Value < 1 || sp.PageSize.Value > 10000 {
		b.errorf(sp.PageSize.Pos, "page_size must be between 1 and 10000")
		ok = false
	} else {
		p.PageSize = int(sp.PageSize.Value)
	}
	if sp.MaxPageSize != nil {
		if p.PageSize > 0 && (sp.MaxPageSize.Value < int64(p.PageSize) || sp.MaxPageSize.Value > 10000) {
			b.errorf(sp.MaxPageSize.Pos, "max_page_size must be between page_size (%d) and 10000", p.PageSize)
			ok = false
		} else {
			p.MaxPageSize = int(sp.MaxPageSize.Value)
		}
	}
	if !ok {
		return nil
	}
	return p
}
