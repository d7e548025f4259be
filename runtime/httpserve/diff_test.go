package httpserve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The differential tests send the same bytes to this server and to net/http's over TCP and
// compare the answers byte for byte, the Date header's value aside.

// probe is the handler both servers run: by path, one of the ways a handler answers, else an
// echo of everything a handler sees of the request.
func probe() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/flush":
			io.WriteString(w, "a")
			w.(http.Flusher).Flush()
			io.WriteString(w, "b")
		case "/big":
			w.Write(bytes.Repeat([]byte("x"), 3000))
		case "/big-string":
			io.WriteString(w, strings.Repeat("<html>", 900))
		case "/many-writes":
			for range 300 {
				io.WriteString(w, "0123456789")
			}
		case "/204":
			w.Header().Set("Content-Length", "0")
			w.WriteHeader(http.StatusNoContent)
		case "/304":
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Etag", `"x"`)
			w.WriteHeader(http.StatusNotModified)
			_, err := io.WriteString(w, "not sent")
			if !errors.Is(err, http.ErrBodyNotAllowed) {
				panic("write after 304: " + fmt.Sprint(err))
			}
		case "/103":
			w.Header().Set("Link", "</a.css>; rel=preload")
			w.WriteHeader(http.StatusEarlyHints)
			io.WriteString(w, "done")
		case "/cl":
			w.Header().Set("Content-Length", "5")
			io.WriteString(w, "hello")
		case "/cl-short":
			w.Header().Set("Content-Length", "10")
			io.WriteString(w, "hello")
		case "/cl-bad":
			w.Header().Set("Content-Length", "x")
			io.WriteString(w, "hello")
		case "/empty":
		case "/status":
			w.WriteHeader(799)
		case "/panic":
			panic("boom")
		case "/panic-after":
			w.Write(bytes.Repeat([]byte("y"), 5000))
			panic("boom")
		case "/abort":
			panic(http.ErrAbortHandler)
		case "/after":
			w.WriteHeader(http.StatusCreated)
			w.Header().Set("X-After", "1")
			io.WriteString(w, "x")
		case "/late":
			w.Header().Set("X-Before", "1")
			w.WriteHeader(http.StatusAccepted)
			w.Header().Set("X-After", "1")
			io.WriteString(w, "x")
		case "/trailer":
			w.Header().Set("Trailer", "X-Sum")
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, "x")
			w.(http.Flusher).Flush()
			w.Header().Set("X-Sum", "42")
			w.Header().Set(http.TrailerPrefix+"X-Late", "7")
		case "/close":
			w.Header().Set("Connection", "close")
			io.WriteString(w, "bye")
		case "/keep":
			w.Header().Set("Connection", "keep-alive")
			w.Header().Set("Content-Length", "2")
			io.WriteString(w, "ok")
		case "/identity":
			w.Header().Set("Transfer-Encoding", "identity")
			io.WriteString(w, "raw")
		case "/headers":
			w.Header()["x-lower"] = []string{"a"}
			w.Header()["Bad Name"] = []string{"dropped"}
			w.Header().Set("X-Lines", " one\r\ntwo\n ")
			w.Header().Add("X-Multi", "1")
			w.Header().Add("X-Multi", "2")
			w.Header().Set("Content-Encoding", "gzip")
			io.WriteString(w, "<html>")
		case "/read-part":
			var b [3]byte
			io.ReadFull(r.Body, b[:])
			fmt.Fprintf(w, "read %q", b[:])
		case "/close-body":
			r.Body.Close()
			io.WriteString(w, "closed")
		case "/limit":
			_, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 4))
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				w.WriteHeader(http.StatusRequestEntityTooLarge)
				return
			}
			io.WriteString(w, "fits")
		default:
			echo(w, r)
		}
	})
}

func echo(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	body, err := io.ReadAll(r.Body)
	host, _, splitErr := net.SplitHostPort(r.RemoteAddr)
	_, local := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	// The context's error is left out: net/http cancels it when the client has closed its
	// sending side (this test's clients do), this server only when the request ends.
	_, srv := r.Context().Value(http.ServerContextKey).(*http.Server)
	fmt.Fprintf(w, "method=%q url=%q path=%q rawpath=%q query=%q scheme=%q urlhost=%q opaque=%q force=%v\n",
		r.Method, r.URL.String(), r.URL.Path, r.URL.RawPath, r.URL.RawQuery, r.URL.Scheme, r.URL.Host, r.URL.Opaque, r.URL.ForceQuery)
	fmt.Fprintf(w, "proto=%q %d.%d host=%q uri=%q length=%d close=%v te=%q remote=%q/%v ctx=%v local=%v server=%v\n",
		r.Proto, r.ProtoMajor, r.ProtoMinor, r.Host, r.RequestURI, r.ContentLength, r.Close, r.TransferEncoding,
		host, splitErr, r.Context() != nil, local, srv)
	keys := make([]string, 0, len(r.Header))
	for k := range r.Header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "%s=%q\n", k, r.Header[k])
	}
	fmt.Fprintf(w, "body=%q err=%v trailer=%v\n", body, err, r.Trailer)
}

// pair is this server and net/http's, serving h alike.
type pair struct{ ours, std string }

func startPair(t testing.TB, h http.Handler) pair {
	t.Helper()
	quiet := log.New(io.Discard, "", 0)
	lo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ls, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ours := &Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10, ErrorLog: quiet}
	std := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10, ErrorLog: quiet}
	go ours.Serve(lo)
	go std.Serve(ls)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := ours.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		std.Shutdown(ctx)
	})
	return pair{lo.Addr().String(), ls.Addr().String()}
}

// exchange sends raw on a new connection, ends the sending side and reads the answer until the
// server closes (or 5 seconds pass).
func exchange(t testing.TB, addr, raw string) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		return "write: " + err.Error()
	}
	c.(*net.TCPConn).CloseWrite()
	got, err := io.ReadAll(c)
	if err != nil && !errors.Is(err, net.ErrClosed) && !strings.Contains(err.Error(), "reset") {
		return string(got) + "\nread: " + err.Error()
	}
	return string(got)
}

var dateLineRE = regexp.MustCompile(`\r\nDate: [^\r]*\r\n`)

func normalize(s string) string { return dateLineRE.ReplaceAllString(s, "\r\nDate: *\r\n") }

// differential are raw requests, valid and hostile, both servers answer alike.
var differential = []string{
	"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /auth/users/me/ HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAuthorization: Bearer x.y.z\r\nAccept: */*\r\n\r\n",
	"GET /x?a=1&b=%20 HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /x? HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /a%2Fb/c%20d HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /caf\xc3\xa9?q=\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /a!b*(c)'d HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET //double/slash HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /x#frag HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET http://example.com/abs?x=1 HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET https://user@example.com:8443/abs HTTP/1.1\r\nHost: a\r\n\r\n",
	"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET * HTTP/1.1\r\nHost: a\r\n\r\n",
	"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
	"GET relative HTTP/1.1\r\nHost: a\r\n\r\n",
	"get / HTTP/1.1\r\nHost: a\r\n\r\n",
	"BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n",
	"HEAD / HTTP/1.1\r\nHost: a\r\n\r\n",
	"HEAD /big HTTP/1.1\r\nHost: a\r\n\r\n",
	"HEAD /empty HTTP/1.1\r\nHost: a\r\n\r\n",
	"HEAD /cl HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /flush HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /flush HTTP/1.0\r\n\r\n",
	"GET /big HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /big HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
	"GET /big-string HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /many-writes HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /204 HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /304 HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /103 HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /103 HTTP/1.0\r\n\r\n",
	"GET /cl HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /cl-short HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /cl-bad HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /empty HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /status HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /panic HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /panic-after HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /abort HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /after HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /late HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /trailer HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /close HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /keep HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n",
	"GET /identity HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /headers HTTP/1.1\r\nHost: a\r\n\r\n",
	// Keep-alive, close, pipelining.
	"GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nHEAD /3 HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /1 HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Close\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /1 HTTP/1.0\r\n\r\nGET /2 HTTP/1.0\r\n\r\n",
	"GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.0\r\n\r\n",
	"GET /cl HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\nGET /2 HTTP/1.0\r\n\r\n",
	"GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\n\r\n",
	// Up to four CR or LF after a POST are dropped (RFC 7230 section 3's tolerance), not after a GET.
	"POST /1 HTTP/1.1\r\nHost: a\r\n\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n",
	"POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab\r\n\n\rGET /2 HTTP/1.1\r\nHost: a\r\n\r\n",
	"POST /1 HTTP/1.1\r\nHost: a\r\n\r\n\r\n\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n",
	"POST /1 HTTP/1.1\r\nHost: a\r\n\r\n\r\n\r\n",
	"GET /1 HTTP/1.1\r\nHost: a\r\n\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n",
	// Bodies.
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\nHost: a\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
	"GET /echo HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 61\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--b--\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nshort",
	"POST /read-part HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789GET /next HTTP/1.1\r\nHost: a\r\n\r\n",
	"POST /close-body HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789GET /next HTTP/1.1\r\nHost: a\r\n\r\n",
	"POST /limit HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /next HTTP/1.1\r\nHost: a\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello",
	"POST /echo HTTP/1.1\r\nHost: a\r\nExpect: something\r\nContent-Length: 5\r\n\r\nhello",
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello",
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n",
	// Headers.
	"GET / HTTP/1.1\r\nhost: a\r\nx-custom-header: v\r\nCONTENT-type: t\r\nX-Multi: 1\r\nx-multi: 2\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nX-Spaces:   padded value \t \r\nX-Empty:\r\nX-Obs: caf\xe9\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nPragma: no-cache\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nPragma: no-cache\r\nCache-Control: max-age=0\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nX-Ctl: a\x01b\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nX-Nul: a\x00b\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nX-Del: a\x7fb\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nBad Name: v\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nBad\x00Name: v\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\n: empty name\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nX-Sp : v\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nX-Cr: a\rb\r\n\r\n",
	"GET / HTTP/1.1\nHost: a\n\n",
	"GET / HTTP/1.1\r\nHost: a\n\r\n",
	"GET / HTTP/1.1\r\n\r\n",
	"GET / HTTP/1.0\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a b\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a/b\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n",
	"GET / HTTP/1.1\r\nHost:\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: " + strings.Repeat("h", 3000) + "\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + strings.Repeat("v", 8000) + "\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nX-Huge: " + strings.Repeat("v", 70<<10) + "\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\n" + strings.Repeat("X-Many: v\r\n", 5000) + "\r\n",
	// Request lines.
	"GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET / HTTP/1.1 \r\nHost: a\r\n\r\n",
	"GET /a b HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET / HTTP/1.2\r\nHost: a\r\n\r\n",
	"GET / HTTP/2.0\r\nHost: a\r\n\r\n",
	"GET / HTTP/3.0\r\nHost: a\r\n\r\n",
	"GET / HTTP/0.9\r\nHost: a\r\n\r\n",
	"GET / HTTP/1\r\nHost: a\r\n\r\n",
	"GET / http/1.1\r\nHost: a\r\n\r\n",
	"GET / FOO/1.1\r\nHost: a\r\n\r\n",
	"GET /\r\nHost: a\r\n\r\n",
	"G@T / HTTP/1.1\r\nHost: a\r\n\r\n",
	"\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
	"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
	"GET /" + strings.Repeat("a", 5000) + " HTTP/1.1\r\nHost: a\r\n\r\n",
	"GET /" + strings.Repeat("a", 80<<10) + " HTTP/1.1\r\nHost: a\r\n\r\n",
	"garbage\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\n", // cut short
	"GET / HTT",
	"",
}

// stricter are requests this server refuses (400) where net/http serves them: obs-fold, which
// net/http joins, and Content-Length with Transfer-Encoding, where net/http takes the chunked
// body (RFC 9112 allows both; refusing closes a request-smuggling door).
var stricter = []string{
	"GET / HTTP/1.1\r\nHost: a\r\nX-Fold: one\r\n two\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a\r\nX-Fold: one\r\n\ttwo\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
	"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
}

// differences are requests both servers answer, differently, as the package doc says: a
// MaxBytesReader past its limit makes net/http close the connection after the answer; this
// server drops the rest of the body and keeps it.
var differences = []struct{ raw, std, ours string }{{
	"POST /limit HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\n123456789GET /next HTTP/1.1\r\nHost: a\r\n\r\n",
	"HTTP/1.1 413 Request Entity Too Large\r\nConnection: close\r\nDate: *\r\nContent-Length: 0\r\n\r\n",
	"HTTP/1.1 413 Request Entity Too Large\r\nDate: *\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n",
}}

const badRequest = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request"

func TestDifferential(t *testing.T) {
	p := startPair(t, probe())
	for i, raw := range differential {
		name := fmt.Sprintf("%d:%.40q", i, raw)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			std := normalize(exchange(t, p.std, raw))
			ours := normalize(exchange(t, p.ours, raw))
			if ours != std {
				t.Errorf("request %q\n net/http: %q\nhttpserve: %q", raw, std, ours)
			}
		})
	}
	for _, raw := range stricter {
		if got := exchange(t, p.ours, raw); got != badRequest {
			t.Errorf("request %q: got %q, want %q", raw, got, badRequest)
		}
		if got := exchange(t, p.std, raw); got == badRequest {
			t.Errorf("request %q: net/http refuses it too; move it to differential", raw)
		}
	}
}

func TestDifferences(t *testing.T) {
	p := startPair(t, probe())
	for _, d := range differences {
		if got := normalize(exchange(t, p.std, d.raw)); got != d.std {
			t.Errorf("net/http answers %q with %q, want %q", d.raw, got, d.std)
		}
		if got := normalize(exchange(t, p.ours, d.raw)); !strings.HasPrefix(got, d.ours) {
			t.Errorf("httpserve answers %q with %q, want it to start with %q", d.raw, got, d.ours)
		}
	}
}

// knownStricter reports whether raw is of a kind this server refuses and net/http serves.
func knownStricter(raw string) bool {
	lower := strings.ToLower(raw)
	if strings.Contains(lower, "transfer-encoding") && strings.Contains(lower, "content-length") {
		return true
	}
	return strings.Contains(raw, "\r\n ") || strings.Contains(raw, "\r\n\t") ||
		strings.Contains(raw, "\n ") || strings.Contains(raw, "\n\t")
}

func FuzzDifferential(f *testing.F) {
	for _, raw := range differential {
		if len(raw) < 4096 {
			f.Add(raw)
		}
	}
	p := startPair(f, probe())
	f.Fuzz(func(t *testing.T, raw string) {
		if knownStricter(raw) || strings.Contains(raw, "/limit") || strings.Contains(raw, "/panic") || strings.Contains(raw, "/abort") {
			t.Skip()
		}
		std := normalize(exchange(t, p.std, raw))
		ours := normalize(exchange(t, p.ours, raw))
		if ours != std {
			t.Errorf("request %q\n net/http: %q\nhttpserve: %q", raw, std, ours)
		}
	})
}
