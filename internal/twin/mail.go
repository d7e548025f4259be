package twin

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/authgen/authgen/internal/smtptest"
)

// mailWait bounds how long a mail step waits for its message: Django sends during the
// request, the Go app just after answering it.
const mailWait = 10 * time.Second

// mailbox is one side's SMTP server (every side sends its mail to its own) and how far the
// mail steps have read it, per recipient.
type mailbox struct {
	srv  *smtptest.Server
	read map[string]int
}

// readMail answers a mail step: the next message to the step's address that no earlier
// mail step read, as a JSON object (subject, from, to, the text and HTML bodies by lines),
// with the values of the link's named groups saved as variables and masked as <name>.
func readMail(ctx context.Context, step *Step, s *side, vars Vars, now time.Time) answer {
	to, err := vars.expand(step.Mail, now)
	if err != nil {
		return answer{err: err.Error()}
	}
	key := strings.ToLower(to)
	want := s.mail.read[key]
	deadline := time.Now().Add(mailWait)
	var got []smtptest.Received
	for {
		got = got[:0]
		for _, m := range s.mail.srv.Messages() {
			for _, r := range m.To {
				if strings.EqualFold(r, to) {
					got = append(got, m)
					break
				}
			}
		}
		if len(got) > want || time.Now().After(deadline) || ctx.Err() != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(got) <= want {
		body := map[string]any{"received": false}
		return answer{status: 0, raw: fmt.Sprintf("no message to %s within %s", to, mailWait), body: body, isJSON: true, mail: true}
	}
	s.mail.read[key] = want + 1
	m := got[want]
	text, html, subject := m.Text, m.HTML, m.Subject
	if step.link != nil {
		match := step.link.FindStringSubmatch(text)
		if match == nil {
			match = step.link.FindStringSubmatch(html)
		}
		for i, name := range step.link.SubexpNames() {
			if name == "" || match == nil {
				continue
			}
			vars[name] = match[i]
			if match[i] != "" {
				mask := "<" + name + ">"
				text = strings.ReplaceAll(text, match[i], mask)
				html = strings.ReplaceAll(html, match[i], mask)
				subject = strings.ReplaceAll(subject, match[i], mask)
			}
		}
		if match == nil {
			text = "(the link does not match " + step.Link + ")\n" + text
		}
	}
	to2 := make([]any, len(m.To))
	for i, r := range m.To {
		to2[i] = r
	}
	body := map[string]any{
		"received": true,
		"subject":  subject,
		"from":     m.Header.Get("From"),
		"to":       to2,
		"text":     lines(text),
		"html":     lines(html),
	}
	return answer{raw: string(m.Raw), body: body, isJSON: true, mail: true}
}

// lines splits a body into its lines, without CR and trailing blank lines, so a difference
// is reported by line.
func lines(s string) []any {
	s = strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n ")
	if s == "" {
		return []any{}
	}
	parts := strings.Split(s, "\n")
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = strings.TrimRight(p, " ")
	}
	return out
}

// compileLink checks a mail step's link: a regular expression with at least one named group.
func compileLink(link string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(link)
	if err != nil {
		return nil, err
	}
	for _, name := range re.SubexpNames() {
		if name != "" {
			return re, nil
		}
	}
	return nil, fmt.Errorf("no named group such as (?P<token>[^/]+) to save")
}
