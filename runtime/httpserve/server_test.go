package httpserve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

func start(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if s.ErrorLog == nil {
		s.ErrorLog = log.New(io.Discard, "", 0)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Shutdown(ctx)
		if err := <-done; err != ErrServerClosed {
			t.Errorf("Serve: %v, want ErrServerClosed", err)
		}
	})
	return ln.Addr().String()
}

func (s *Server) connCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// waitConns waits until the server holds n connections, or fails after d.
func waitConns(t *testing.T, s *Server, n int, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for s.connCount() != n {
		if time.Now().After(deadline) {
			t.Fatalf("the server holds %d connections after %v, want %d", s.connCount(), d, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func get(t *testing.T, c net.Conn, br *bufio.Reader, path string) *http.Response {
	t.Helper()
	if _, err := io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: a\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

// Shutdown closes idle connections at once and lets a request being served finish, its
// connection closed after the answer.
func TestShutdown(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	s := &Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			close(entered)
			<-release
		}
		io.WriteString(w, "ok")
	})}
	addr := start(t, s)
	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	get(t, idle, bufio.NewReader(idle), "/")
	busy, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	io.WriteString(busy, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
	<-entered

	shut := make(chan error, 1)
	go func() { shut <- s.Shutdown(context.Background()) }()
	idle.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := idle.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("idle connection: read %d, %v; want EOF", n, err)
	}
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned %v with a request being served", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	res, err := http.ReadResponse(bufio.NewReader(busy), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	if string(body) != "ok" || !res.Close {
		t.Errorf("the request being served: %q, close %v; want ok and Connection: close", body, res.Close)
	}
	if err := <-shut; err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	if _, err := net.Dial("tcp", addr); err == nil {
		t.Error("the listener still accepts")
	}
}

// Shutdown ends with ctx when a request does not finish.
func TestShutdownDeadline(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	s := &Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
	})}
	addr := start(t, s)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := s.Shutdown(ctx); err != context.DeadlineExceeded {
		t.Errorf("Shutdown: %v, want context.DeadlineExceeded", err)
	}
}

// A connection that sends its header too slowly, idles too long, or sends its body too slowly
// is closed at the timeout, and its goroutine ends.
func TestTimeouts(t *testing.T) {
	s := &Server{ReadHeaderTimeout: 200 * time.Millisecond, ReadTimeout: 400 * time.Millisecond,
		IdleTimeout: 300 * time.Millisecond, WriteTimeout: time.Second,
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, err := io.ReadAll(r.Body)
			if err != nil {
				return
			}
			w.Write(b)
		})}
	addr := start(t, s)
	for _, tc := range []struct {
		name  string
		send  func(c net.Conn)
		limit time.Duration
	}{
		{"slowloris", func(c net.Conn) {
			for _, b := range []byte("GET / HTTP/1.1\r\nHost: a\r\n") {
				if _, err := c.Write([]byte{b}); err != nil {
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
		}, 200 * time.Millisecond},
		{"silent", func(c net.Conn) {}, 200 * time.Millisecond},
		{"idle", func(c net.Conn) {
			io.WriteString(c, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
		}, 300 * time.Millisecond},
		{"slow body", func(c net.Conn) {
			io.WriteString(c, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n")
			for range 100 {
				if _, err := c.Write([]byte("x")); err != nil {
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
		}, 400 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Timed from before the dial: the server may accept the connection, and start
			// its clock, before Dial returns here.
			begin := time.Now()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			go tc.send(c)
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			io.Copy(io.Discard, c) // until the server closes
			took := time.Since(begin)
			if took < tc.limit || took > tc.limit+time.Second {
				t.Errorf("closed after %v, want about %v", took, tc.limit)
			}
			waitConns(t, s, 0, time.Second)
		})
	}
}

// The request's context ends with the request, and holds the server and local address keys.
func TestRequestContext(t *testing.T) {
	ctxs := make(chan context.Context, 1)
	s := &Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Context().Err() != nil {
			t.Error("the context is done during the request")
		}
		ctxs <- r.Context()
	})}
	addr := start(t, s)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	get(t, c, bufio.NewReader(c), "/")
	ctx := <-ctxs
	if ctx.Err() != context.Canceled {
		t.Errorf("after the request: %v, want context.Canceled", ctx.Err())
	}
	if _, ok := ctx.Value(http.LocalAddrContextKey).(net.Addr); !ok {
		t.Error("no http.LocalAddrContextKey")
	}
}

// A body read after the handler returned gives an error, never the next request's bytes.
func TestBodyAfterHandler(t *testing.T) {
	bodies := make(chan io.Reader, 1)
	s := &Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/keep" {
			bodies <- r.Body
		}
	})}
	addr := start(t, s)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	br := bufio.NewReader(c)
	io.WriteString(c, "POST /keep HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc")
	if _, err := http.ReadResponse(br, nil); err != nil {
		t.Fatal(err)
	}
	get(t, c, br, "/next")
	if n, err := (<-bodies).Read(make([]byte, 10)); err != http.ErrBodyReadAfterClose {
		t.Errorf("read after the handler: %d, %v; want ErrBodyReadAfterClose", n, err)
	}
}

// Connections handed to net/http are closed by Shutdown too.
func TestShutdownHandedOff(t *testing.T) {
	s := &Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
	})}
	addr := start(t, s)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	br := bufio.NewReader(c)
	io.WriteString(c, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n")
	res, err := http.ReadResponse(br, nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("chunked request: %v %v", res, err)
	}
	get(t, c, br, "/") // still served, by net/http
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := c.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("after Shutdown: read %d, %v; want EOF", n, err)
	}
}

// Serve after Shutdown returns ErrServerClosed.
func TestServeAfterShutdown(t *testing.T) {
	s := &Server{Handler: http.NotFoundHandler()}
	s.Shutdown(context.Background())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if err := s.Serve(ln); err != ErrServerClosed {
		t.Errorf("Serve: %v", err)
	}
}

// A request with Upgrade goes to net/http, where its handler can hijack the connection.
func TestUpgradeHijacks(t *testing.T) {
	s := &Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, bw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer c.Close()
		bw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\nhijacked")
		bw.Flush()
	})}
	addr := start(t, s)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, _ := io.ReadAll(c)
	if want := "HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\nhijacked"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The temporary files of a multipart form are removed after the request, as net/http does.
func TestMultipartFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	s := &Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		entries, _ := os.ReadDir(dir)
		fmt.Fprint(w, len(entries))
	})}
	addr := start(t, s)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	part := "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\n\r\n" + strings.Repeat("x", 1000) + "\r\n--b--\r\n"
	fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\n\r\n%s", len(part), part)
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	if string(body) != "1" {
		t.Fatalf("files during the request: %s, want 1", body)
	}
	// Removed right after the answer is sent: wait for it a little.
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		entries, _ := os.ReadDir(dir)
		if len(entries) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the request: %d files left", len(entries))
		}
	}
}
