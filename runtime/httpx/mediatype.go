package httpx

import "strings"

// mediaType is a Content-Type or Accept entry as DRF's _MediaType reads it, after Django's
// parse_header: the type and the parameter names lower-cased, quotes taken off the values.
type mediaType struct {
	main, sub string
	params    map[string]string
}

func parseMediaType(s string) mediaType {
	parts := strings.Split(s, ";")
	full := strings.ToLower(strings.TrimSpace(parts[0]))
	main, sub, _ := strings.Cut(full, "/")
	mt := mediaType{main: main, sub: sub}
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = strings.ReplaceAll(strings.ReplaceAll(v[1:len(v)-1], `\\`, `\`), `\"`, `"`)
		}
		if mt.params == nil {
			mt.params = map[string]string{}
		}
		mt.params[k] = v
	}
	return mt
}

// matches is media_type_matches(parser or renderer type, mt): the parser's type (one
// without parameters) is satisfied by mt when each half is equal or a wildcard on either
// side, so "application/*" and "*/*" bodies go to the JSON parser, as in DRF.
func (mt mediaType) matches(want string) bool {
	main, sub, _ := strings.Cut(want, "/")
	return (mt.sub == "*" || mt.sub == sub) && (mt.main == "*" || mt.main == main)
}

// is reports whether mt is exactly the type want (is_form_media_type).
func (mt mediaType) is(want string) bool { return mt.main+"/"+mt.sub == want }

func (mt mediaType) hasParam(name string) bool {
	_, ok := mt.params[name]
	return ok
}
