package mail

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Console is the development Mailer: it prints each message to a writer instead of sending
// it, readable rather than encoded so a developer can follow the links in it.
type Console struct {
	mu sync.Mutex
	w  io.Writer
}

// NewConsole returns a Console that writes to w.
func NewConsole(w io.Writer) *Console {
	return &Console{w: w}
}

// consoleRule separates messages, as Django's console backend does.
var consoleRule = strings.Repeat("-", 79)

// Send prints the headers the SMTP mailer would send (Subject decoded), the text body, and
// the HTML body when there is one.
func (c *Console) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	e, err := validate(m)
	if err != nil {
		return err
	}
	to := make([]string, len(e.to))
	for i, a := range e.to {
		to[i] = formatAddress(a)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Date: %s\n", time.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "From: %s\n", formatAddress(e.from))
	fmt.Fprintf(&b, "To: %s\n", strings.Join(to, ", "))
	fmt.Fprintf(&b, "Subject: %s\n\n", m.Subject)
	if m.Text != "" {
		b.WriteString(strings.TrimRight(m.Text, "\n") + "\n")
	}
	if m.HTML != "" {
		if m.Text != "" {
			b.WriteString("\n-- text/html --\n")
		}
		b.WriteString(strings.TrimRight(m.HTML, "\n") + "\n")
	}
	b.WriteString(consoleRule + "\n")

	// One write per message under the lock, so concurrent sends never interleave.
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := io.WriteString(c.w, b.String()); err != nil {
		return fmt.Errorf("mail: console: %w", err)
	}
	return nil
}
