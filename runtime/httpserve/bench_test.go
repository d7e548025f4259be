package httpserve

import (
	"bufio"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"testing"
	"time"
)

// BenchmarkServe: one keep-alive connection, the request of the store's me route, a small JSON
// answer; this server against http.Server. Client and server share the process: read the
// difference between the two (allocs/op is steady; time is worth reading on an idle machine
// only).
func BenchmarkServe(b *testing.B) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Vary", "Accept")
		io.WriteString(w, `{"email":"alice@example.com","id":1,"username":"alice"}`)
	})
	req := "GET /auth/users/me/ HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nUser-Agent: Go-http-client/1.1\r\n" +
		"Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwiZXhwIjoxNzY1MDAwMDAwLCJpYXQiOjE3NjQ5OTk3MDAsImp0aSI6IjAxMjM0NTY3ODlhYmNkZWYiLCJ1c2VyX2lkIjoxfQ.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2ln\r\n" +
		"Accept-Encoding: gzip\r\n\r\n"
	quiet := log.New(io.Discard, "", 0)
	type server interface {
		Serve(net.Listener) error
		Shutdown(context.Context) error
	}
	for _, tc := range []struct {
		name string
		new  func() server
	}{
		{"httpserve", func() server {
			return &Server{Handler: h, ErrorLog: quiet, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
		}},
		{"net-http", func() server {
			return &http.Server{Handler: h, ErrorLog: quiet, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			srv := tc.new()
			go srv.Serve(ln)
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Shutdown(context.Background())
			defer c.Close()
			br := bufio.NewReader(c)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := io.WriteString(c, req); err != nil {
					b.Fatal(err)
				}
				res, err := http.ReadResponse(br, nil)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		})
	}
}
