package mail

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestConsolePrintsReadableMessage(t *testing.T) {
	var out bytes.Buffer
	m, err := FromURL("console://", &out)
	require.NoError(t, err)
	err = m.Send(context.Background(), Message{
		From:    "Store <noreply@store.local>",
		To:      []string{"alice@example.com", "bob@example.com"},
		Subject: "Activation sur Café",
		Text:    "Please go to the following page to activate account:\nhttp://store.local/#/activate/MQ/abc-123=x\n",
		HTML:    "<p>html</p>",
	})
	require.NoError(t, err)
	got := out.String()
	require.Regexp(t, `^Date: .+\n`, got)
	require.Contains(t, got, "\nFrom: \"Store\" <noreply@store.local>\nTo: alice@example.com, bob@example.com\nSubject: Activation sur Café\n\n"+
		"Please go to the following page to activate account:\nhttp://store.local/#/activate/MQ/abc-123=x\n\n-- text/html --\n<p>html</p>\n"+consoleRule+"\n")
}

func TestConsoleRefusesInvalidMessages(t *testing.T) {
	var out bytes.Buffer
	c := NewConsole(&out)
	for name, m := range map[string]Message{
		"no from":            {To: []string{"a@x.io"}, Text: "t"},
		"bad from":           {From: "nobody", To: []string{"a@x.io"}, Text: "t"},
		"no to":              {From: "a@x.io", Text: "t"},
		"bad to":             {From: "a@x.io", To: []string{"a@x.io", "b@"}, Text: "t"},
		"injected to":        {From: "a@x.io", To: []string{"a@x.io\r\nBcc: evil@x.io"}, Text: "t"},
		"injected from":      {From: "a@x.io\nBcc: evil@x.io", To: []string{"a@x.io"}, Text: "t"},
		"injected subject":   {From: "a@x.io", To: []string{"a@x.io"}, Subject: "hi\r\nBcc: evil@x.io", Text: "t"},
		"no body":            {From: "a@x.io", To: []string{"a@x.io"}, Subject: "s"},
		"lf in subject only": {From: "a@x.io", To: []string{"a@x.io"}, Subject: "a\nb", Text: "t"},
	} {
		require.ErrorIs(t, c.Send(context.Background(), m), ErrInvalidMessage, name)
	}
	require.Empty(t, out.String())

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, c.Send(ctx, Message{From: "a@x.io", To: []string{"a@x.io"}, Text: "t"}), context.Canceled)
}

// lineWriter records each Write, to check that one message is one Write.
type lineWriter struct {
	mu     sync.Mutex
	writes []string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

func TestConsoleConcurrentSendsDoNotInterleave(t *testing.T) {
	w := &lineWriter{}
	c := NewConsole(w)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			require.NoError(t, c.Send(context.Background(), Message{From: "a@x.io", To: []string{"b@x.io"}, Subject: "s", Text: "line 1\nline 2"}))
		})
	}
	wg.Wait()
	require.Len(t, w.writes, 20)
	for _, s := range w.writes {
		require.True(t, strings.HasSuffix(s, "line 1\nline 2\n"+consoleRule+"\n"), s)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestConsoleWriteError(t *testing.T) {
	err := NewConsole(failingWriter{}).Send(context.Background(), Message{From: "a@x.io", To: []string{"b@x.io"}, Text: "t"})
	require.ErrorContains(t, err, "disk full")
}
