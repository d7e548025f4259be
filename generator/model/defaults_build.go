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

// parsers resolves defaults.parsers and checks defaults.renderers: authgen renders JSON.
func (b *builder) parsers(d *spec.Defaults) {
	if d.ParsersPos != nil {
		if len(d.Parsers) == 0 {
			b.errorf(*d.ParsersPos, "parsers must list at least one of json, form, multipart")
		}
		seen := map[string]bool{}
		b.app.Parsers = []string{}
		for _, p := range d.Parsers {
			mt, ok := parserTypes[p.Value]
			switch {
			case !ok:
				b.errorf(p.Pos, "unknown parser %q (json, form or multipart: DRF's JSONParser, FormParser, MultiPartParser)%s", p.Value, suggest(p.Value, []string{"form", "json", "multipart"}))
			case seen[p.Value]:
				b.errorf(p.Pos, "parser %q is listed twice", p.Value)
			default:
				seen[p.Value] = true
				b.app.Parsers = append(b.app.Parsers, mt)
			}
		}
	}
	if d.RenderersPos != nil {
		if len(d.Renderers) == 0 {
			b.errorf(*d.RenderersPos, "renderers must list json")
		}
		for _, r := range d.Renderers {
			switch r.Value {
			case "json":
			case "browsable_api":
				b.errorf(r.Pos, "renderer %q: authgen renders JSON only (DRF's JSONRenderer); the browsable API is not generated", r.Value)
			default:
				b.errorf(r.Pos, "unknown renderer %q (authgen renders json only)%s", r.Value, suggest(r.Value, []string{"json"}))
			}
		}
	}
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
