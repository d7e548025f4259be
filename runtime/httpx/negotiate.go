package httpx

import (
	"context"
	"net/http"
	"strings"
)

// MediaHTML is the media type of DRF's BrowsableAPIRenderer, answered by the HTML page
// (html.go).
const MediaHTML = "text/html"

// Renders are DRF's default renderers (DEFAULT_RENDERER_CLASSES: JSONRenderer,
// BrowsableAPIRenderer) by media type, in DRF's order: what an app without its own list
// renders and OPTIONS lists as "renders".
var Renders = []string{MediaJSON, MediaHTML}

// formatOf is a renderer's format, the name ?format= and a format suffix give it.
func formatOf(renderer string) string {
	switch renderer {
	case MediaJSON:
		return "json"
	case MediaHTML:
		return "api"
	}
	return ""
}

// Media is what an app parses and renders, and how it answers a path no route serves:
// DRF's DEFAULT_PARSER_CLASSES and DEFAULT_RENDERER_CLASSES and Django's 404 page. The zero
// value is DRF's and Django's defaults.
type Media struct {
	// Parsers are the media types request bodies may have, some of Parses in the app's
	// order: a body of another type gets 415, and OPTIONS lists them. Nil means Parses.
	Parsers []string
	// Renderers are the media types answers may have, some of Renders in the app's order:
	// content negotiation chooses among them, and OPTIONS lists them. Nil means Renders.
	Renderers []string
	// JSONNotFound answers a path no route serves with DRF's JSON 404 ({"detail": "Not
	// found."}) instead of Django's HTML page.
	JSONNotFound bool
}

type mediaKey struct{}

// WithMedia serves next with the app's Media. The zero Media is the defaults, and next is
// returned as it is.
//
// A request with a Trace (the request log's) carries the Media in it, for as long as next
// serves it; another request gets a copy with the Media in its context.
func WithMedia(next http.Handler, m Media) http.Handler {
	if m.Parsers == nil && m.Renderers == nil && !m.JSONNotFound {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if t := TraceOf(r.Context()); t != nil {
			outer := t.media
			defer func() { t.media = outer }()
			t.media = &m
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), mediaKey{}, &m)))
	})
}

// mediaOf is the Media of the innermost WithMedia serving r: the Trace's, given inside the
// Trace, else the context's, given outside any Trace.
func mediaOf(r *http.Request) *Media {
	ctx := r.Context()
	if t := TraceOf(ctx); t != nil && t.media != nil {
		return t.media
	}
	m, _ := ctx.Value(mediaKey{}).(*Media)
	return m
}

// ParsersOf returns the media types r's body may have: the app's (WithMedia), else Parses.
func ParsersOf(r *http.Request) []string {
	if m := mediaOf(r); m != nil && m.Parsers != nil {
		return m.Parsers
	}
	return Parses
}

// RenderersOf returns the media types r's answer may have: the app's (WithMedia), else
// Renders.
func RenderersOf(r *http.Request) []string {
	if m := mediaOf(r); m != nil && m.Renderers != nil {
		return m.Renderers
	}
	return Renders
}

// MsgNotAcceptable is DRF's NotAcceptable detail.
const MsgNotAcceptable = "Could not satisfy the request Accept header."

// Negotiate is DRF's DefaultContentNegotiation.select_renderer: the renderer of renderers
// (media types, in the app's order) that answers r, given format (a format suffix or the
// last ?format= value; "" for none). A format no renderer has is 404 and an Accept header
// no remaining renderer satisfies 406: status is then that code and renderer "".
//
// As in DRF, the Accept header's entries are tried by specificity, the most specific first
// ("type/subtype;param=value", then "type/subtype", "type/*", "*/*"); among entries of one
// specificity the app's order of renderers decides, and quality values (q) are ignored, q=0
// included. A missing Accept header is "*/*": the first renderer.
func Negotiate(r *http.Request, renderers []string, format string) (renderer string, status int) {
	if format != "" {
		var kept []string
		for _, rd := range renderers {
			if formatOf(rd) == format {
				kept = append(kept, rd)
			}
		}
		if kept == nil {
			return "", http.StatusNotFound
		}
		renderers = kept
	}
	values := r.Header.Values("Accept")
	if len(values) == 0 {
		return renderers[0], 0
	}
	accept := values[0]
	if len(values) > 1 {
		accept = strings.Join(values, ",") // as the WSGI server joins them
	}
	// The common cases without parsing: one exact type or "*/*", no parameters.
	if !strings.ContainsAny(accept, ",;") {
		mt := parseMediaType(accept)
		for _, rd := range renderers {
			if mt.matches(rd) {
				return rd, 0
			}
		}
		return "", http.StatusNotAcceptable
	}
	entries := strings.Split(accept, ",")
	types := make([]mediaType, len(entries))
	for i, e := range entries {
		types[i] = parseMediaType(e)
	}
	for precedence := 3; precedence >= 0; precedence-- {
		for _, rd := range renderers {
			for _, mt := range types {
				if mt.precedence() == precedence && mt.matches(rd) {
					return rd, 0
				}
			}
		}
	}
	return "", http.StatusNotAcceptable
}

// precedence is _MediaType.precedence: 0 for "*/*" (any "*/…"), 1 for "type/*", 2 for
// "type/subtype" with no parameter but q, 3 with another parameter.
func (mt mediaType) precedence() int {
	switch {
	case mt.main == "*":
		return 0
	case mt.sub == "*":
		return 1
	}
	for k := range mt.params {
		if k != "q" {
			return 3
		}
	}
	return 2
}
