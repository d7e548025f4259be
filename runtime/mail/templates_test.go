package mail

import (
	"encoding/json"
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// storeData is the reference project's context: DOMAIN store.local, SITE_NAME Store.
func storeData(url string) Data {
	return Data{Protocol: "http", Domain: "store.local", SiteName: "Store", URL: url,
		User: map[string]string{"username": "alice", "email": "alice@example.com"}}
}

// TestBuiltinTextsMatchDjoser compares every built-in text with djoser 2.1's template
// rendered by Django (testdata/render_djoser.py), byte for byte.
func TestBuiltinTextsMatchDjoser(t *testing.T) {
	raw, err := os.ReadFile("testdata/djoser_rendered.json")
	require.NoError(t, err)
	var want map[string]struct{ Subject, Text, HTML string }
	require.NoError(t, json.Unmarshal(raw, &want))
	require.Len(t, want, len(Kinds()))

	urls := map[string]string{
		Activation:    "http://store.local/#/activate/MQ/abc-123",
		PasswordReset: "http://store.local/#/password/reset/confirm/MQ/abc-123",
		UsernameReset: "http://store.local/#/username/reset/confirm/MQ/abc-123",
	}
	tm, err := NewTemplates(nil)
	require.NoError(t, err)
	for _, kind := range Kinds() {
		t.Run(kind, func(t *testing.T) {
			w, ok := want[kind]
			require.True(t, ok, "no reference rendering of %s", kind)
			subject, text, html, err := tm.Render(kind, storeData(urls[kind]))
			require.NoError(t, err)
			require.Equal(t, w.Subject, subject)
			require.Equal(t, w.Text, text)
			require.Equal(t, w.HTML, html)
		})
	}
}

func TestGoldenSubjects(t *testing.T) {
	// The subjects the conformance golden file records for the reference server.
	tm, err := NewTemplates(nil)
	require.NoError(t, err)
	for kind, want := range map[string]string{
		Activation:                  "Account activation on Store",
		Confirmation:                "Store - Your account has been successfully created and activated!",
		PasswordReset:               "Password reset on Store",
		PasswordChangedConfirmation: "Store - Your password has been successfully changed!",
		UsernameChangedConfirmation: "Store - Your username has been successfully changed!",
	} {
		subject, _, _, err := tm.Render(kind, storeData(""))
		require.NoError(t, err)
		require.Equal(t, want, subject, kind)
	}
}

func TestRenderEscapesHTMLOnly(t *testing.T) {
	tm, err := NewTemplates(nil)
	require.NoError(t, err)
	d := storeData(`http://store.local/#/activate/MQ/a"b<c>`)
	d.SiteName = "Tom & <Jerry>"
	d.User["username"] = "<script>alert(1)</script>"
	subject, text, html, err := tm.Render(PasswordReset, d)
	require.NoError(t, err)
	require.Equal(t, "Password reset on Tom & <Jerry>", subject)
	require.Contains(t, text, "Your username, in case you've forgotten: <script>alert(1)</script>")
	require.Contains(t, text, `http://store.local/#/activate/MQ/a"b<c>`)
	require.Contains(t, html, "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>")
	require.Contains(t, html, "The Tom &amp; &lt;Jerry&gt; team")
	require.Contains(t, html, `href="http://store.local/#/activate/MQ/a%22b%3cc%3e"`)
	require.NotContains(t, html, "<script>")
}

func TestRenderRefusesUnsafeURLInHTML(t *testing.T) {
	tm, err := NewTemplates(nil)
	require.NoError(t, err)
	_, _, html, err := tm.Render(Activation, storeData("javascript:alert(1)"))
	require.NoError(t, err)
	require.Contains(t, html, `href="#ZgotmplZ"`)
}

func TestRenderMissingUserKeyIsEmpty(t *testing.T) {
	tm, err := NewTemplates(nil)
	require.NoError(t, err)
	d := storeData("http://store.local/#/password/reset/confirm/MQ/t")
	d.User = nil
	_, text, html, err := tm.Render(PasswordReset, d)
	require.NoError(t, err)
	require.Contains(t, text, "Your username, in case you've forgotten: \n")
	require.Contains(t, html, "<b></b>")
	require.NotContains(t, text, "no value")
}

func TestRenderUnknownKind(t *testing.T) {
	tm, err := NewTemplates(nil)
	require.NoError(t, err)
	_, _, _, err = tm.Render("welcome", storeData(""))
	require.ErrorIs(t, err, ErrUnknownKind)
}

func TestOverrideReplacesOneKind(t *testing.T) {
	override := fstest.MapFS{
		"activation.txt": {Data: []byte(`{{define "subject"}}  Welcome to {{.SiteName}}, {{.User.username}}
{{end}}{{define "text"}}
Open {{.URL}} to start.
{{end}}`)},
		"notes.md": {Data: []byte("not a template: ignored")},
	}
	tm, err := NewTemplates(override)
	require.NoError(t, err)
	subject, text, html, err := tm.Render(Activation, storeData("http://store.local/#/activate/MQ/t"))
	require.NoError(t, err)
	require.Equal(t, "Welcome to Store, alice", subject)
	require.Equal(t, "Open http://store.local/#/activate/MQ/t to start.", text)
	require.Empty(t, html, "an override without an html part sends text only")

	// The other kinds keep the built-in texts.
	subject, _, html, err = tm.Render(Confirmation, storeData(""))
	require.NoError(t, err)
	require.Equal(t, "Store - Your account has been successfully created and activated!", subject)
	require.NotEmpty(t, html)
}

func TestOverrideErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		files fstest.MapFS
		want  error
	}{
		"misspelt kind": {fstest.MapFS{"activaton.txt": {Data: []byte(`{{define "subject"}}x{{end}}{{define "text"}}y{{end}}`)}}, ErrUnknownKind},
		"no subject":    {fstest.MapFS{"activation.txt": {Data: []byte(`{{define "text"}}y{{end}}`)}}, ErrTemplate},
		"no text":       {fstest.MapFS{"activation.txt": {Data: []byte(`{{define "subject"}}x{{end}}`)}}, ErrTemplate},
		"syntax":        {fstest.MapFS{"confirmation.txt": {Data: []byte(`{{define "subject"}}{{.SiteName{{end}}`)}}, ErrTemplate},
		"unknown field": {fstest.MapFS{"confirmation.txt": {Data: []byte(`{{define "subject"}}{{.Site}}{{end}}{{define "text"}}y{{end}}`)}}, ErrTemplate},
		"two-line subject": {fstest.MapFS{"username_reset.txt": {Data: []byte(`{{define "subject"}}a
b{{end}}{{define "text"}}y{{end}}`)}}, ErrTemplate},
		"html escaping error": {fstest.MapFS{"activation.txt": {Data: []byte(`{{define "subject"}}x{{end}}{{define "text"}}y{{end}}{{define "html"}}<a href="{{if .URL}}">{{end}}{{end}}`)}}, ErrTemplate},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := NewTemplates(tc.files)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func TestTemplatesMessage(t *testing.T) {
	tm, err := NewTemplates(nil)
	require.NoError(t, err)
	m, err := tm.Message(Activation, storeData("http://store.local/#/activate/MQ/t"), "noreply@store.local", "alice@example.com")
	require.NoError(t, err)
	require.Equal(t, "noreply@store.local", m.From)
	require.Equal(t, []string{"alice@example.com"}, m.To)
	require.Equal(t, "Account activation on Store", m.Subject)
	require.Contains(t, m.Text, "http://store.local/#/activate/MQ/t")
	require.Contains(t, m.HTML, `<a href="http://store.local/#/activate/MQ/t">`)
}
