package httpx

import (
	"bytes"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzHTMLPage: whatever a JSON answer's strings hold, and whatever the request's target,
// the page's markup is only its own (no '<' but its tags), and its <pre> reads back, once
// unescaped, as the answer.
func FuzzHTMLPage(f *testing.F) {
	for _, s := range []string{"", "hi", `</pre><script>alert(1)</script>`, `\u003c`, `\\u003c`, "a\u2028b", "&amp;", `"'<>&`, "\xff\xfe", "<!--", "]]>"} {
		f.Add(s, "/x/?q="+s)
	}
	f.Fuzz(func(t *testing.T, value, target string) {
		body, err := json.Marshal(map[string]any{"v": value, "l": []string{value, value}})
		if err != nil {
			t.Skip()
		}
		r := httptest.NewRequest(http.MethodGet, "/x/", nil)
		r.RequestURI = target
		page := string(htmlPage(r, http.StatusOK, http.Header{"Allow": {target}}, body))

		// The markup is the template's alone.
		tags := []string{"<!doctype html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">", "<meta name=\"robots\" content=\"noindex\">",
			"<title>", "</title>", "<style>", "</style>", "</head>", "<body>", "<h1>", "</h1>", "<pre>", "</pre>", "</body>", "</html>"}
		rest := page
		for _, tag := range tags {
			rest = strings.Replace(rest, tag, "", 1)
		}
		if strings.ContainsAny(rest, "<>") {
			t.Fatalf("markup beyond the template's in %q", page)
		}
		// The pre's JSON is the answer's.
		start, end := strings.Index(page, "<pre>"), strings.LastIndex(page, "</pre>")
		_, shown, ok := strings.Cut(html.UnescapeString(page[start+len("<pre>"):end]), "\n\n")
		if !ok {
			t.Fatalf("no body in %q", page)
		}
		var want, got any
		if err := json.Unmarshal(body, &want); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(shown), &got); err != nil {
			t.Fatalf("the page's JSON %q: %v", shown, err)
		}
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(got)
		if !bytes.Equal(w, g) {
			t.Fatalf("shown %s, answered %s", g, w)
		}
	})
}

// FuzzUnescapeHTMLSafe: the rewrite of encoding/json's HTML escapes keeps any JSON text's
// meaning.
func FuzzUnescapeHTMLSafe(f *testing.F) {
	for _, s := range []string{`"\u003c"`, `"\\u003c"`, `"\\\u003e"`, `["\u0026", "\u0026amp;"]`, `"\u003C"`, `"\u00"`, `{"\u003ck": 1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var want any
		if json.Unmarshal(b, &want) != nil {
			return
		}
		out := unescapeHTMLSafe(bytes.Clone(b))
		var got any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%q became %q: %v", b, out, err)
		}
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(got)
		if !bytes.Equal(w, g) {
			t.Fatalf("%q became %q", b, out)
		}
	})
}
