package twin

import (
	"context"
	"net/smtp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/smtptest"
)

// sendMail delivers a message to the side's server, as the app under test would.
func sendMail(t *testing.T, srv *smtptest.Server, to, subject, body string) {
	t.Helper()
	raw := "From: desk@x.io\nTo: " + to + "\nSubject: " + subject + "\n\n" + body
	require.NoError(t, smtp.SendMail(srv.Addr(), nil, "desk@x.io", []string{to}, []byte(strings.ReplaceAll(raw, "\n", "\r\n"))))
}

// A mail step reads each side's next message to the address, saves the link's groups, and
// compares the two with them masked; a different text still differs, by line.
func TestMailStep(t *testing.T) {
	step := &Step{Name: "reset mail", Mail: "{{who}}", Link: `reset/(?P<uid>\w+)/(?P<token>[\w-]+)`}
	var err error
	step.link, err = compileLink(step.Link)
	require.NoError(t, err)
	sideWith := func(body string) (*side, Vars) {
		srv := smtptest.Start(t)
		sendMail(t, srv, "other@x.io", "Not this one", "for someone else")
		sendMail(t, srv, "Bob@X.io", "Password reset", body)
		return &side{name: "s", mail: &mailbox{srv: srv, read: map[string]int{}}}, Vars{"who": "bob@x.io"}
	}
	ctx, now := context.Background(), time.Now()
	ds, dv := sideWith("Hello bob,\nhttp://x/reset/Mg/abc-123\nThanks\n")
	gs, gv := sideWith("Hello bob,\nhttp://x/reset/Mw/def-456\nThanks\n")
	d, g := readMail(ctx, step, ds, dv, now), readMail(ctx, step, gs, gv, now)
	require.Empty(t, compareStep(step, d, g, nil), "the uid and token are masked")
	require.Equal(t, "Mg", dv["uid"])
	require.Equal(t, "def-456", gv["token"])
	require.Equal(t, []any{"Hello bob,", "http://x/reset/<uid>/<token>", "Thanks"}, d.body.(map[string]any)["text"])

	// The next step to the same address reads the next message.
	sendMail(t, gs.mail.srv, "Bob@X.io", "Password reset", "Hello robert,\nhttp://x/reset/Mw/ghi-789\nThanks\n")
	g2 := readMail(ctx, step, gs, gv, now)
	require.Equal(t, "ghi-789", gv["token"])
	ms := compareStep(step, d, g2, nil)
	require.Len(t, ms, 1)
	require.Equal(t, aspectBody, ms[0].Aspect)
	require.Equal(t, []string{"text.0"}, ms[0].Paths)

	// A step whose variable is unknown fails on that side.
	require.NotEmpty(t, readMail(ctx, step, ds, Vars{}, now).err)
}

func TestCompileLinkNeedsANamedGroup(t *testing.T) {
	_, err := compileLink(`reset/(\w+)`)
	require.ErrorContains(t, err, "no named group")
	_, err = compileLink(`reset/(?P<uid>`)
	require.Error(t, err)
}
