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
