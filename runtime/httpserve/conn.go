package httpserve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"time"
)

// The states of a connection, for Shutdown: it closes idle connections, and new ones that have
// not sent a byte after 5 seconds.
const (
	stateNew int32 = iota
	stateActive
	stateIdle
	stateClosed
)

// conn is one client connection, served on its own goroutine.
type conn struct {
	srv      *Server
	rwc      net.Conn
	remote   string
	ctx      context.Context // the connection's: http.ServerContextKey, http.LocalAddrContextKey
	bufr     *bufio.Reader
	bufw     *bufio.Writer
	werr     error  // the first error writing to rwc
	cancel   func() // the request's context's, when a write fails
	state    atomic.Int32
	accepted time.Time

	readDeadline, writeDeadline time.Time // as last set
	lastPOST                    bool      // the last request read was a POST

	// Reused from one response to the next.
	body     [bufferBeforeChunking]byte
	head     []byte // the handler's header lines, rendered
	date     [len(http.TimeFormat)]byte
	keys     []string
	template http.Request
}

const (
	readBufferSize  = 4 << 10
	writeBufferSize = 4 << 10
	// bufferBeforeChunking is net/http's: a handler that has written more than this before
	// it returns (or flushed) gets a chunked answer, one that has not a Content-Length.
	bufferBeforeChunking = 2048
	// maxPostHandlerReadBytes is net/http's: how much of a request body a handler left unread
	// is read and dropped to keep the connection.
	maxPostHandlerReadBytes = 256 << 10
)

func newConn(s *Server, rwc net.Conn, base context.Context) *conn {
	c := &conn{srv: s, rwc: rwc, remote: rwc.RemoteAddr().String(), accepted: time.Now()}
	c.ctx = context.WithValue(base, http.LocalAddrContextKey, rwc.LocalAddr())
	c.bufr = bufio.NewReaderSize(rwc, readBufferSize)
	c.bufw = bufio.NewWriterSize(checkWriter{c}, writeBufferSize)
	return c
}

// checkWriter notes the first error writing to the connection and cancels the request's
// context, as net/http's checkConnErrorWriter.
type checkWriter struct{ c *conn }

func (w checkWriter) Write(p []byte) (int, error) {
	n, err := w.c.rwc.Write(p)
	if err != nil && w.c.werr == nil {
		w.c.werr = err
		if w.c.cancel != nil {
			w.c.cancel()
		}
	}
	return n, err
}

// closeIfIdle closes the connection if it waits for a request (or, new, has sent nothing for
// 5 seconds), for Shutdown.
func (c *conn) closeIfIdle() bool {
	if c.state.CompareAndSwap(stateIdle, stateClosed) ||
		time.Since(c.accepted) > 5*time.Second && c.state.CompareAndSwap(stateNew, stateClosed) {
		c.rwc.Close()
		return true
	}
	return false
}

// activate marks the connection busy once a request's first bytes are in, unless Shutdown
// closed it first.
func (c *conn) activate() bool {
	for {
		switch st := c.state.Load(); st {
		case stateActive:
			return true
		case stateClosed:
			return false
		default:
			if c.state.CompareAndSwap(st, stateActive) {
				return true
			}
		}
	}
}

// serve reads requests and answers them in order until the connection ends.
func (c *conn) serve() {
	var inFlight *response
	handedOff := false
	defer func() {
		if v := recover(); v != nil && v != http.ErrAbortHandler {
			const size = 64 << 10
			buf := make([]byte, size)
			buf = buf[:runtime.Stack(buf, false)]
			c.srv.logf("http: panic serving %v: %v\n%s", c.remote, v, buf)
		}
		if inFlight != nil {
			inFlight.cancel()
			inFlight.endBody()
		}
		if !handedOff {
			c.bufw.Flush() // what was written before a panic, as net/http's finalFlush
			c.rwc.Close()
			c.srv.track(c, false)
		}
	}()
	first := true
	for {
		if !c.waitRequest(first) {
			return
		}
		req, res, v := c.readRequest(first)
		first = false
		c.lastPOST = req != nil && req.Method == "POST"
		switch v {
		case verdictQuiet:
			return
		case verdictBad:
			c.reject(400, "")
			return
		case verdictHandoff:
			if c.bufw.Flush() != nil {
				return
			}
			_ = c.rwc.SetDeadline(time.Time{})
			c.srv.track(c, false)
			handedOff = true
			c.srv.handoff.give(&replayConn{Conn: c.rwc, r: c.bufr})
			return
		}
		inFlight = res
		c.srv.Handler.ServeHTTP(res, req)
		inFlight = nil
		res.finish()
		if !res.reuseConn() {
			if res.bodyLeft() {
				c.closeWriteAndWait()
			}
			return
		}
		if c.srv.shuttingDown() {
			return
		}
	}
}

// waitRequest waits for the first bytes of the next request: within the idle timeout between
// requests, the header timeout for the first.
// After the first request it waits for 4 bytes, as net/http does: fewer before the client
// closes is no request, and no answer.
func (c *conn) waitRequest(first bool) bool {
	want := 4
	if first {
		want = 1
	}
	if c.bufr.Buffered() >= want {
		return c.activate()
	}
	s := c.srv
	if first {
		if s.ReadHeaderTimeout > 0 {
			c.setReadDeadline(c.accepted.Add(s.ReadHeaderTimeout))
		}
	} else {
		c.state.Store(stateIdle)
		if s.shuttingDown() {
			return false
		}
		if s.IdleTimeout > 0 {
			c.setReadDeadline(time.Now().Add(s.IdleTimeout))
		} else {
			c.setReadDeadline(time.Time{})
		}
	}
	if _, err := c.bufr.Peek(want); err != nil {
		return false
	}
	return c.activate()
}

// deadlineSlack is how much earlier than asked a deadline may be: a deadline already set that
// much before the one asked stays. The connection's read deadline moves between the idle,
// header and body deadlines, and its write deadline with every request; setting one costs
// a runtime timer's update, which most requests of a busy connection skip so.
const deadlineSlack = 100 * time.Millisecond

func (c *conn) setReadDeadline(t time.Time) {
	if keepDeadline(c.readDeadline, t) {
		return
	}
	c.readDeadline = t
	_ = c.rwc.SetReadDeadline(t)
}

func (c *conn) setWriteDeadline(t time.Time) {
	if keepDeadline(c.writeDeadline, t) {
		return
	}
	c.writeDeadline = t
	_ = c.rwc.SetWriteDeadline(t)
}

// keepDeadline reports whether the deadline set, old, may stand for t: both none, or old at
// most deadlineSlack before t.
func keepDeadline(old, t time.Time) bool {
	if t.IsZero() || old.IsZero() {
		return t.IsZero() && old.IsZero()
	}
	d := t.Sub(old)
	return d >= 0 && d <= deadlineSlack
}

// closeWriteAndWait ends the connection's sending side and waits a little before the close,
// so the client reads the answer before a reset for the body it is still sending, as net/http.
func (c *conn) closeWriteAndWait() {
	c.bufw.Flush()
	if cw, ok := c.rwc.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	}
	time.Sleep(500 * time.Millisecond)
}

// reject answers a request this server refuses and that net/http would have refused alike,
// in net/http's words: the status, and text after a colon when net/http gives one.
func (c *conn) reject(code int, text string) {
	const headers = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
	status := fmt.Sprintf("%d %s", code, http.StatusText(code))
	if text != "" {
		status += ": " + text
	}
	c.bufw.WriteString("HTTP/1.1 " + status + headers + status)
	c.bufw.Flush()
}

type verdict int

const (
	verdictServe   verdict = iota
	verdictQuiet           // close without an answer: the client left, or a timeout
	verdictBad             // 400 and close
	verdictHandoff         // net/http answers this request and the rest of the connection
)

// readRequest reads the next request's header, which waitRequest saw begin. A request this
// server reads itself is a strict subset of what net/http accepts: one buffer's worth of
// header, CRLF line ends, HTTP/1.0 or 1.1, one Host, at most one Content-Length and no
// Transfer-Encoding, Expect or Upgrade. Every other one goes to net/http, from its first byte, with
// the rest of the connection (verdictHandoff), except for what is refused outright: obs-fold,
// and Content-Length with Transfer-Encoding (net/http takes the chunked body).
func (c *conn) readRequest(first bool) (*http.Request, *response, verdict) {
	s := c.srv
	start := time.Now()
	if c.lastPOST {
		// RFC 7230 section 3's tolerance for old clients, as net/http's: up to four CR or LF
		// bytes after a POST's body are dropped before the next request.
		peek, _ := c.bufr.Peek(4)
		_, _ = c.bufr.Discard(leadingCRorLF(peek))
	}
	// The header's deadline is needed only to read more than what is in: usually nothing.
	headerDeadline := first || s.ReadHeaderTimeout <= 0
	var end int
	for scanned := 0; ; {
		buf, _ := c.bufr.Peek(c.bufr.Buffered())
		n, bad := headerEnd(buf, scanned)
		if bad {
			return nil, nil, verdictHandoff
		}
		if n > 0 {
			end = n
			break
		}
		if len(buf) == c.bufr.Size() {
			return nil, nil, verdictHandoff // a header past the buffer: net/http's limits apply
		}
		scanned = max(len(buf)-3, 0)
		if !headerDeadline {
			c.setReadDeadline(start.Add(s.ReadHeaderTimeout))
			headerDeadline = true
		}
		if _, err := c.bufr.Peek(len(buf) + 1); err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || !errors.Is(err, io.EOF) || len(buf) == 0 {
				return nil, nil, verdictQuiet // (an empty buffer: only the CR and LF dropped above came)
			}
			return nil, nil, verdictHandoff // EOF within a header: net/http's answer
		}
	}
	raw, _ := c.bufr.Peek(end)
	// The answer and the URL, in one allocation.
	w := &response{c: c, contentLength: -1}
	p, v := parseHeader(raw, &w.url)
	if v != verdictServe {
		return nil, nil, v
	}
	if _, err := c.bufr.Discard(end); err != nil {
		return nil, nil, verdictQuiet
	}
	if p.contentLength > 0 && s.ReadTimeout > 0 {
		c.setReadDeadline(start.Add(s.ReadTimeout))
	}
	if s.WriteTimeout > 0 {
		c.setWriteDeadline(start.Add(s.WriteTimeout))
	}

	ctx, cancel := context.WithCancel(c.ctx)
	c.cancel = cancel
	t := &c.template
	t.Method = p.method
	t.URL = p.url
	t.Proto = p.proto
	t.ProtoMajor = 1
	t.ProtoMinor = p.minor
	t.Header = p.header
	t.ContentLength = p.contentLength
	t.Close = p.close
	t.Host = p.host
	t.RemoteAddr = c.remote
	t.RequestURI = p.uri
	var b *body
	if p.contentLength > 0 {
		b = &body{c: c, remain: p.contentLength}
		t.Body = b
	} else {
		t.Body = http.NoBody
	}
	req := t.WithContext(ctx)
	*t = http.Request{}

	w.req, w.body, w.cancel, w.header = req, b, cancel, make(http.Header)
	w.wantsClose = p.close || hasToken(req.Header.Get("Connection"), "close")
	w.wants10KeepAlive = p.minor == 0 && hasToken(req.Header.Get("Connection"), "keep-alive")
	return req, w, verdictServe
}

// leadingCRorLF counts the CR and LF bytes b starts with.
func leadingCRorLF(b []byte) int {
	n := 0
	for n < len(b) && (b[n] == '\r' || b[n] == '\n') {
		n++
	}
	return n
}

// headerEnd finds the end of the header in buf (the index after its empty line), scanning
// from `from`. bad: a line ending in LF alone, or a CR not before LF, which net/http reads
// its own way.
func headerEnd(buf []byte, from int) (end int, bad bool) {
	for i := from; ; {
		j := bytes.IndexByte(buf[i:], '\n')
		if j < 0 {
			return 0, false
		}
		j += i
		if j == 0 || buf[j-1] != '\r' {
			return 0, true
		}
		if j >= 3 && buf[j-3] == '\r' && buf[j-2] == '\n' {
			return j + 1, false
		}
		i = j + 1
	}
}

// parsed is what parseHeader read of a request's header.
type parsed struct {
	method, uri, proto, host string
	minor                    int
	url                      *url.URL
	header                   http.Header
	contentLength            int64
	close                    bool
}

// parseHeader reads the request line and the header fields of raw, which ends with the empty
// line, each line with CRLF.
func parseHeader(raw []byte, u *url.URL) (p parsed, v verdict) {
	if !validBlock(raw) {
		return p, verdictHandoff
	}
	// One string for the whole header: every key and value is a part of it.
	s := string(raw)
	line, rest, _ := cutCRLF(s)
	var ok bool
	if p.method, p.uri, p.proto, ok = requestLine(line); !ok {
		return p, verdictHandoff
	}
	if p.proto == "HTTP/1.0" {
		p.minor = 0
	} else {
		p.minor = 1
	}
	if p.method == "CONNECT" || p.method == "OPTIONS" && p.uri == "*" {
		return p, verdictHandoff
	}
	if p.url, ok = requestURL(p.uri, u); !ok {
		return p, verdictHandoff
	}

	n := strings.Count(rest, "\n") - 1 // the lines but the empty one
	h := make(http.Header, n)
	values := make([]string, n)
	var hosts, lengths int
	var te, handoff bool
	var contentLength string
	for i := 0; ; i++ {
		line, rest, _ = cutCRLF(rest)
		if line == "" {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			return p, verdictBad // obs-fold (RFC 9112 5.2): refused, where net/http joins the lines
		}
		key, value, ok := headerField(line)
		if !ok {
			return p, verdictHandoff
		}
		switch key {
		case "Host":
			hosts++
			p.host = value
		case "Content-Length":
			lengths++
			contentLength = value
		case "Transfer-Encoding":
			te = true
		case "Expect", "Upgrade":
			handoff = true // 100-continue; a protocol switch, whose handler hijacks the connection
		}
		if vv, ok := h[key]; ok {
			h[key] = append(vv, value)
		} else {
			values[i] = value
			h[key] = values[i : i+1 : i+1]
		}
	}
	if te && lengths > 0 {
		return p, verdictBad // both lengths: a smuggling attempt (RFC 9112 6.1)
	}
	if te || handoff || hosts > 1 || lengths > 1 || hosts == 0 && p.minor == 1 || !validHost(p.host) {
		return p, verdictHandoff
	}
	if lengths == 1 {
		if p.contentLength, ok = parseLength(contentLength); !ok {
			return p, verdictHandoff
		}
	}
	if p.url.Host != "" {
		p.host = p.url.Host
	}
	delete(h, "Host")
	// net/http's fixPragmaCacheControl.
	if hp, ok := h["Pragma"]; ok && len(hp) > 0 && hp[0] == "no-cache" {
		if _, ok := h["Cache-Control"]; !ok {
			h["Cache-Control"] = []string{"no-cache"}
		}
	}
	p.header = h
	p.close = shouldClose(p.minor, h)
	return p, verdictServe
}

// cutCRLF cuts s after its first line; headerEnd has checked that every LF follows a CR.
func cutCRLF(s string) (line, rest string, ok bool) {
	i := strings.IndexByte(s, '\n')
	if i < 1 {
		return s, "", false
	}
	return s[:i-1], s[i+1:], true
}

// requestLine splits "METHOD URI HTTP/1.x". ok is false for anything else, net/http's to read.
func requestLine(line string) (method, uri, proto string, ok bool) {
	i := 0
	for i < len(line) && isToken(line[i]) {
		i++
	}
	if i == 0 || i >= len(line) || line[i] != ' ' {
		return "", "", "", false
	}
	method, line = line[:i], line[i+1:]
	j := len(line) - len(" HTTP/1.1")
	if j <= 0 || line[j] != ' ' {
		return "", "", "", false
	}
	uri, proto = line[:j], line[j+1:]
	if proto != "HTTP/1.1" && proto != "HTTP/1.0" {
		return "", "", "", false
	}
	for k := 0; k < len(uri); k++ {
		if uri[k] <= ' ' || uri[k] == 0x7f {
			return "", "", "", false
		}
	}
	return method, uri, proto, true
}

// requestURL is the URL net/http makes of a request's target: an origin-form target of plain
// characters directly (into u), any other through url.ParseRequestURI as net/http does.
func requestURL(uri string, u *url.URL) (*url.URL, bool) {
	if uri == "" {
		return nil, false
	}
	if uri[0] == '/' {
		path, query, hasQuery := uri, "", false
		for i := 0; i < len(uri); i++ {
			c := uri[i]
			if c == '?' {
				path, query, hasQuery = uri[:i], uri[i+1:], true
				break
			}
			if !plainPath[c] {
				goto slow
			}
		}
		if hasQuery {
			if query == "" {
				goto slow // "?" alone: ForceQuery
			}
			for i := 0; i < len(query); i++ {
				if c := query[i]; c <= ' ' || c >= 0x7f || c == '#' || c == '?' {
					goto slow
				}
			}
		}
		u.Path, u.RawQuery = path, query
		return u, true
	}
slow:
	u, err := url.ParseRequestURI(uri)
	if err != nil {
		return nil, false // net/http answers 400 in its words
	}
	return u, true
}

// plainPath are the bytes url.URL keeps as they are in a path: letters, digits, "-_.~" and
// "$&+,/:;=@" (url's shouldEscape for encodePath); with any other, RawPath may differ.
var plainPath = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-_.~$&+,/:;=@" {
		t[c] = true
	}
	return t
}()

// headerField splits "Name: value" into the canonical name and the value without the spaces
// around it; ok is false for a name that is not a token or a value with a control character.
func headerField(line string) (key, value string, ok bool) {
	i := 0
	upper := true
	canonical := true
	for i < len(line) && line[i] != ':' {
		c := line[i]
		if !isToken(c) {
			return "", "", false
		}
		if upper && 'a' <= c && c <= 'z' || !upper && 'A' <= c && c <= 'Z' {
			canonical = false
		}
		upper = c == '-'
		i++
	}
	if i == 0 || i == len(line) {
		return "", "", false
	}
	key = line[:i]
	if !canonical {
		key = http.CanonicalHeaderKey(key)
	}
	v := line[i+1:]
	for len(v) > 0 && (v[0] == ' ' || v[0] == '\t') {
		v = v[1:]
	}
	for len(v) > 0 && (v[len(v)-1] == ' ' || v[len(v)-1] == '\t') {
		v = v[:len(v)-1]
	}
	return key, v, true // its bytes checked by validBlock
}

// validBlock reports whether a header's bytes are all valid where they are: no control
// character but HTAB and CRLF line ends, no DEL (RFC 9110 5.5, RFC 9112 2.2). Eight bytes
// at a time: a word with no byte below 0x20 and no 0x7f passes as it is (the tests of "Bit
// Twiddling Hacks", exact for bytes below 0x80; bytes of 0x80 and above, obs-text, never set
// them); the others, those with a line end among them, are checked byte by byte.
func validBlock(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		d := x ^ 0x7f7f7f7f7f7f7f7f // a 0x7f byte becomes 0
		if (x-ones*0x20)&^x&highs == 0 && (d-ones)&^d&highs == 0 {
			continue
		}
		if !validBytes(b, i, i+8) {
			return false
		}
	}
	return validBytes(b, i, len(b))
}

// validBytes checks b[i:j] byte by byte; a CR must be followed by LF (in b, past j too).
func validBytes(b []byte, i, j int) bool {
	for ; i < j; i++ {
		c := b[i]
		if valueByte[c] || c == '\n' {
			continue
		}
		if c != '\r' || i+1 >= len(b) || b[i+1] != '\n' {
			return false
		}
	}
	return true
}

var valueByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= ' ' && c != 0x7f || c == '\t'
	}
	return t
}()

// validHost is a conservative form of net/http's Host check: letters, digits and "-._:[]~";
// a Host with other bytes goes to net/http.
func validHost(h string) bool {
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == ':' || c == '[' || c == ']' || c == '~') {
			return false
		}
	}
	return true
}

// parseLength reads a Content-Length of digits only (at most 18: no overflow); others go to
// net/http.
func parseLength(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// shouldClose is net/http's for a request: HTTP/1.0 closes unless it asks to keep alive,
// HTTP/1.1 when it asks to close.
func shouldClose(minor int, h http.Header) bool {
	conv := h["Connection"]
	hasClose := valuesContainToken(conv, "close")
	if minor == 0 {
		return hasClose || !valuesContainToken(conv, "keep-alive")
	}
	return hasClose
}

// valuesContainToken is httpguts.HeaderValuesContainsToken: whether token is one of the
// comma-separated elements of any value, case-insensitively.
func valuesContainToken(values []string, token string) bool {
	for _, v := range values {
		for v != "" {
			var elem string
			if i := indexByte(v, ','); i >= 0 {
				elem, v = v[:i], v[i+1:]
			} else {
				elem, v = v, ""
			}
			if equalFold(trimOWS(elem), token) {
				return true
			}
		}
	}
	return false
}

// hasToken is net/http's hasToken: whether token appears in v as a word, case-insensitively.
func hasToken(v, token string) bool {
	if len(token) > len(v) || token == "" {
		return false
	}
	if v == token {
		return true
	}
	for sp := 0; sp <= len(v)-len(token); sp++ {
		if b := v[sp]; b != token[0] && b|0x20 != token[0] {
			continue
		}
		if sp > 0 && !isTokenBoundary(v[sp-1]) {
			continue
		}
		if endPos := sp + len(token); endPos != len(v) && !isTokenBoundary(v[endPos]) {
			continue
		}
		if equalFold(v[sp:sp+len(token)], token) {
			return true
		}
	}
	return false
}

func isTokenBoundary(b byte) bool { return b == ' ' || b == ',' || b == '\t' }

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func trimOWS(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// equalFold compares ASCII case-insensitively.
func equalFold(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		a, b := s[i], t[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// isToken reports whether c may be in a token (RFC 9110 5.6.2): a method or a field name.
func isToken(c byte) bool { return tokenTable[c] }

var tokenTable = func() (t [256]bool) {
	for c := 0; c < 128; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()
