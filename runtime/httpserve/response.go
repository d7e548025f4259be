package httpserve

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// response is the http.ResponseWriter of one request. It follows net/http's response and
// chunkWriter: the body is held (2 KiB) until the handler returns, which gives a
// Content-Length, or until more comes or the handler flushes, which gives a chunked answer
// (a Content-Length the handler set is kept); headers net/http adds (Date, Content-Length,
// Content-Type by sniffing, Connection, Transfer-Encoding) are added alike, in its order.
type response struct {
	c      *conn
	req    *http.Request
	body   *body // nil without one
	cancel func()
	header http.Header
	url    url.URL // the request's, in the same allocation

	wroteHeader      bool // WriteHeader called (the final status)
	committed        bool // the status line and header are in the connection's buffer
	handlerDone      bool
	chunking         bool
	closeAfterReply  bool
	wantsClose       bool
	wants10KeepAlive bool
	status           int
	contentLength    int64 // declared by the handler, or -1
	written          int64
	n                int // bytes held in c.body

	hdr renderedHeader // the handler's header, rendered at WriteHeader
}

// errAfterHandler is what a write gets once the handler has returned: nothing more is sent.
var errAfterHandler = errors.New("httpserve: write after the handler returned")

func (w *response) Header() http.Header { return w.header }

func (w *response) WriteHeader(code int) {
	if w.wroteHeader {
		w.c.srv.logf("http: superfluous response.WriteHeader call")
		return
	}
	if code < 100 || code > 999 {
		panic("invalid WriteHeader code " + strconv.Itoa(code))
	}
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		// An informational answer: written at once, the header kept (RFC 8297).
		var r renderedHeader
		r.render(w.header, w.c)
		bw := w.c.bufw
		writeStatusLine(bw, w.req.ProtoAtLeast(1, 1), code)
		r.writeTo(bw, excludeContentLength|excludeTransferEncoding)
		bw.WriteString("\r\n")
		bw.Flush()
		return
	}
	w.wroteHeader = true
	w.status = code
	// The header as it is now is the one sent (net/http snapshots it alike).
	w.hdr.render(w.header, w.c)
	if cl := w.header.Get("Content-Length"); cl != "" {
		v, err := strconv.ParseInt(cl, 10, 64)
		if err == nil && v >= 0 {
			w.contentLength = v
		} else {
			w.c.srv.logf("http: invalid Content-Length of %q", cl)
			w.header.Del("Content-Length")
		}
	}
}

func (w *response) Write(p []byte) (int, error) {
	if err := w.beforeWrite(len(p)); err != nil || len(p) == 0 {
		return 0, err
	}
	// bufio.Writer's Write, over a buffer of bufferBeforeChunking bytes.
	nn := 0
	for len(p) > bufferBeforeChunking-w.n {
		var n int
		if w.n == 0 {
			n = len(p)
			if err := w.chunk(p); err != nil {
				return nn, err
			}
		} else {
			n = copy(w.c.body[w.n:], p)
			w.n += n
			if err := w.flushHeld(); err != nil {
				return nn, err
			}
		}
		nn += n
		p = p[n:]
	}
	n := copy(w.c.body[w.n:], p)
	w.n += n
	return nn + n, nil
}

func (w *response) WriteString(s string) (int, error) {
	if err := w.beforeWrite(len(s)); err != nil || len(s) == 0 {
		return 0, err
	}
	nn := 0
	for len(s) > bufferBeforeChunking-w.n {
		n := copy(w.c.body[w.n:], s)
		w.n += n
		nn += n
		s = s[n:]
		if err := w.flushHeld(); err != nil {
			return nn, err
		}
	}
	n := copy(w.c.body[w.n:], s)
	w.n += n
	return nn + n, nil
}

func (w *response) beforeWrite(n int) error {
	if w.handlerDone {
		return errAfterHandler
	}
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if n == 0 {
		return nil
	}
	if !bodyAllowedForStatus(w.status) {
		return http.ErrBodyNotAllowed
	}
	w.written += int64(n)
	if w.contentLength != -1 && w.written > w.contentLength {
		return http.ErrContentLength
	}
	return nil
}

// flushHeld passes the bytes held to chunk.
func (w *response) flushHeld() error {
	if w.n == 0 {
		return nil
	}
	err := w.chunk(w.c.body[:w.n])
	w.n = 0
	return err
}

// chunk is net/http's chunkWriter.Write: the header first, then p, framed when chunking.
func (w *response) chunk(p []byte) error {
	if !w.committed {
		w.writeHeader(p)
	}
	if w.req.Method == "HEAD" {
		return nil
	}
	bw := w.c.bufw
	if w.chunking {
		var b [18]byte
		bw.Write(strconv.AppendInt(b[:0], int64(len(p)), 16))
		bw.WriteString("\r\n")
	}
	_, err := bw.Write(p)
	if w.chunking && err == nil {
		_, err = bw.WriteString("\r\n")
	}
	if err != nil {
		w.c.rwc.Close()
	}
	return err
}

// Flush sends what the handler wrote so far (http.Flusher); the answer is then chunked unless
// the handler set a Content-Length.
func (w *response) Flush() { _ = w.FlushError() }

// FlushError is Flush with its error, for http.ResponseController.
func (w *response) FlushError() error {
	if w.handlerDone {
		return errAfterHandler
	}
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	err := w.flushHeld()
	if !w.committed {
		w.writeHeader(nil)
	}
	if e := w.c.bufw.Flush(); err == nil {
		err = e
	}
	return err
}

// SetReadDeadline and SetWriteDeadline are http.ResponseController's.
func (w *response) SetReadDeadline(t time.Time) error {
	w.c.readDeadline = t
	return w.c.rwc.SetReadDeadline(t)
}

func (w *response) SetWriteDeadline(t time.Time) error {
	w.c.writeDeadline = t
	return w.c.rwc.SetWriteDeadline(t)
}

// finish ends the answer once the handler has returned, as net/http's finishRequest.
func (w *response) finish() {
	w.handlerDone = true
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	_ = w.flushHeld()
	if !w.committed {
		w.writeHeader(nil)
	}
	bw := w.c.bufw
	if w.chunking {
		bw.WriteString("0\r\n")
		if t := w.trailers(); t != nil {
			_ = t.Write(bw)
		}
		bw.WriteString("\r\n")
	}
	_ = bw.Flush()
	if w.req.MultipartForm != nil {
		_ = w.req.MultipartForm.RemoveAll() // the uploads kept in temporary files
	}
	w.cancel()
	w.c.cancel = nil
	w.endBody()
}

// endBody closes the request body: what is left is read and dropped, and nothing more is read.
func (w *response) endBody() {
	if w.body != nil {
		_ = w.body.Close()
	}
}

// bodyLeft reports whether the request body was left unread on the connection.
func (w *response) bodyLeft() bool {
	return w.body != nil && w.body.earlyClose
}

// reuseConn is net/http's shouldReuseConnection.
func (w *response) reuseConn() bool {
	if w.closeAfterReply || w.c.werr != nil || w.bodyLeft() {
		return false
	}
	if w.req.Method != "HEAD" && w.contentLength != -1 && bodyAllowedForStatus(w.status) && w.contentLength != w.written {
		return false // the handler wrote less than it declared
	}
	return true
}

// trailers are the trailers of a chunked answer: the keys declared in Trailer and those
// prefixed with http.TrailerPrefix, as net/http's finalTrailers.
func (w *response) trailers() http.Header {
	var t http.Header
	for k, vv := range w.header {
		if kk, ok := strings.CutPrefix(k, http.TrailerPrefix); ok {
			if t == nil {
				t = make(http.Header)
			}
			t[kk] = vv
		}
	}
	for _, k := range w.hdr.declared {
		if t == nil {
			t = make(http.Header)
		}
		for _, v := range w.header[k] {
			t.Add(k, v)
		}
	}
	return t
}

// writeHeader is net/http's chunkWriter.writeHeader: p is the start of the body (all of it
// when the handler has returned).
func (w *response) writeHeader(p []byte) {
	w.committed = true
	h := &w.hdr
	keepAlives := !w.c.srv.shuttingDown()
	isHEAD := w.req.Method == "HEAD"
	var exclude exclusion
	var setDate []byte
	setLength := int64(-1) // the Content-Length to add, if any
	var setType, setConnection, setTE string
	hasTE := h.te != ""

	if w.handlerDone && !h.trailers && !hasTE && bodyAllowedForStatus(w.status) && !h.hasLength && (!isHEAD || len(p) > 0) {
		w.contentLength = int64(len(p))
		setLength = w.contentLength
	}
	if w.wants10KeepAlive && keepAlives {
		if h.hasLength && h.connection == "keep-alive" {
			w.closeAfterReply = false
		}
	}
	hasCL := w.contentLength != -1
	if w.wants10KeepAlive && (isHEAD || hasCL || !bodyAllowedForStatus(w.status)) {
		if !h.hasConnection {
			setConnection = "keep-alive"
		}
	} else if !w.req.ProtoAtLeast(1, 1) || w.wantsClose {
		w.closeAfterReply = true
	}
	if h.connection == "close" || !keepAlives {
		w.closeAfterReply = true
	}

	// A body the handler left: dropped here, before the answer, so a client that sends all of
	// its request before reading cannot deadlock (net/http, issue 15527).
	if w.body != nil && !w.closeAfterReply {
		closed, sawEOF, left := w.body.state()
		tooBig := false
		switch {
		case closed:
			if !sawEOF {
				w.closeAfterReply = true
			}
		case left >= maxPostHandlerReadBytes:
			tooBig = true
		default:
			_ = w.body.Close()
			if w.body.earlyClose {
				w.closeAfterReply = true
			}
		}
		if tooBig {
			w.closeAfterReply = true
			exclude |= excludeConnection
			setConnection = "close"
		}
	}

	code := w.status
	if bodyAllowedForStatus(code) {
		if !h.hasType && !h.hasEncoding && !hasTE && len(p) > 0 {
			setType = http.DetectContentType(p)
		}
	} else {
		exclude |= excludeContentLength | excludeTransferEncoding
		if code == http.StatusNotModified {
			exclude |= excludeContentType
		}
	}
	if !h.hasDate {
		setDate = appendDate(w.c.date[:0])
	}
	if hasCL && hasTE && h.te != "identity" {
		w.c.srv.logf("http: WriteHeader called with both Transfer-Encoding of %q and a Content-Length of %d", h.te, w.contentLength)
		exclude |= excludeContentLength
		hasCL = false
	}
	switch {
	case isHEAD || !bodyAllowedForStatus(code) || code == http.StatusNoContent:
		exclude |= excludeTransferEncoding
	case hasCL:
		exclude |= excludeTransferEncoding
	case w.req.ProtoAtLeast(1, 1):
		if hasTE && h.te == "identity" {
			w.chunking = false
			w.closeAfterReply = true
			exclude |= excludeTransferEncoding
		} else {
			w.chunking = true
			setTE = "chunked"
			if hasTE && h.te == "chunked" {
				exclude |= excludeTransferEncoding
			}
		}
	default:
		w.closeAfterReply = true
		exclude |= excludeTransferEncoding
	}
	if w.chunking {
		exclude |= excludeContentLength
	}
	if w.closeAfterReply && (!keepAlives || !hasToken(h.connection, "close")) &&
		!(code == http.StatusSwitchingProtocols && h.hasUpgrade) {
		exclude |= excludeConnection
		if w.req.ProtoAtLeast(1, 1) {
			setConnection = "close"
		}
	}

	bw := w.c.bufw
	writeStatusLine(bw, w.req.ProtoAtLeast(1, 1), code)
	h.writeTo(bw, exclude)
	if setDate != nil {
		bw.WriteString("Date: ")
		bw.Write(setDate)
		bw.WriteString("\r\n")
	}
	if setLength >= 0 {
		bw.WriteString("Content-Length: ")
		bw.Write(strconv.AppendInt(bw.AvailableBuffer(), setLength, 10))
		bw.WriteString("\r\n")
	}
	for _, kv := range [...]struct{ k, v string }{{"Content-Type: ", setType}, {"Connection: ", setConnection}, {"Transfer-Encoding: ", setTE}} {
		if kv.v != "" {
			bw.WriteString(kv.k)
			bw.WriteString(kv.v)
			bw.WriteString("\r\n")
		}
	}
	bw.WriteString("\r\n")
}

func bodyAllowedForStatus(status int) bool {
	switch {
	case status >= 100 && status <= 199:
		return false
	case status == 204, status == 304:
		return false
	}
	return true
}

// writeStatusLine is net/http's. The digits are appended in bw's own buffer
// (AvailableBuffer): a local array handed to Write would be allocated on every answer.
func writeStatusLine(bw *bufio.Writer, is11 bool, code int) {
	if is11 {
		bw.WriteString("HTTP/1.1 ")
	} else {
		bw.WriteString("HTTP/1.0 ")
	}
	if text := http.StatusText(code); text != "" {
		bw.Write(strconv.AppendInt(bw.AvailableBuffer(), int64(code), 10))
		bw.WriteString(" ")
		bw.WriteString(text)
		bw.WriteString("\r\n")
		return
	}
	c := strconv.AppendInt(nil, int64(code), 10)
	for len(c) < 3 {
		c = append([]byte{'0'}, c...)
	}
	bw.Write(c)
	bw.WriteString(" status code ")
	bw.WriteString(strconv.Itoa(code))
	bw.WriteString("\r\n")
}

// exclusion are the keys of the handler's header net/http leaves out of an answer.
type exclusion uint8

const (
	excludeContentLength exclusion = 1 << iota
	excludeTransferEncoding
	excludeConnection
	excludeContentType
)

// renderedHeader is a handler's header as net/http's Header.WriteSubset writes it (keys
// sorted, invalid names skipped, line breaks in values made spaces, values trimmed), with
// where the keys net/http may leave out are, and what writeHeader reads of it.
type renderedHeader struct {
	lines []byte
	spans [4]struct{ start, end int } // of the keys of excludeContentLength...excludeContentType

	te, connection                                                                string // the first values of Transfer-Encoding and Connection
	hasLength, hasConnection, hasType, hasEncoding, hasDate, hasUpgrade, trailers bool
	declared                                                                      []string // the trailers declared in Trailer
}

// render renders h into c's reused buffers.
func (r *renderedHeader) render(h http.Header, c *conn) {
	r.lines = c.head[:0]
	defer func() { c.head = r.lines }()
	keys := &c.keys
	ks := (*keys)[:0]
	for k := range h {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	*keys = ks
	for _, k := range ks {
		vv := h[k]
		start := len(r.lines)
		switch k {
		case "Content-Length":
			r.hasLength = true
		case "Transfer-Encoding":
			if len(vv) > 0 {
				r.te = vv[0]
			}
		case "Connection":
			r.hasConnection = true
			if len(vv) > 0 {
				r.connection = vv[0]
			}
		case "Content-Type":
			r.hasType = true
		case "Content-Encoding":
			r.hasEncoding = len(vv) > 0 && vv[0] != ""
		case "Date":
			r.hasDate = true
		case "Upgrade":
			r.hasUpgrade = true
		case "Trailer":
			r.trailers = true
			for _, v := range vv {
				r.declareTrailers(v)
			}
		default:
			if strings.HasPrefix(k, http.TrailerPrefix) {
				r.trailers = true
			}
		}
		if !validFieldName(k) {
			continue
		}
		for _, v := range vv {
			r.lines = append(r.lines, k...)
			r.lines = append(r.lines, ": "...)
			r.lines = appendFieldValue(r.lines, v)
			r.lines = append(r.lines, "\r\n"...)
		}
		var i int
		switch k {
		case "Content-Length":
			i = 0
		case "Transfer-Encoding":
			i = 1
		case "Connection":
			i = 2
		case "Content-Type":
			i = 3
		default:
			continue
		}
		r.spans[i].start, r.spans[i].end = start, len(r.lines)
	}
}

// declareTrailers notes each element of a Trailer value, as net/http's declareTrailer.
func (r *renderedHeader) declareTrailers(v string) {
	for f := range strings.SplitSeq(v, ",") {
		f = strings.Trim(f, " \t\r\n")
		if f == "" {
			continue
		}
		k := http.CanonicalHeaderKey(f)
		switch k {
		case "Transfer-Encoding", "Trailer", "Content-Length":
			continue // forbidden as trailers (RFC 9110 6.5.1), as httpguts.ValidTrailerHeader
		}
		r.declared = append(r.declared, k)
	}
}

// writeTo writes the lines but those of the excluded keys.
func (r *renderedHeader) writeTo(w io.Writer, exclude exclusion) {
	if exclude == 0 {
		w.Write(r.lines)
		return
	}
	// The spans are in key order, not in bit order: write up to the next excluded one.
	for at := 0; at < len(r.lines); {
		next, skip := len(r.lines), len(r.lines)
		for i := range r.spans {
			s := r.spans[i]
			if exclude&(1<<i) != 0 && s.end > s.start && s.start >= at && s.start < next {
				next, skip = s.start, s.end
			}
		}
		w.Write(r.lines[at:next])
		at = skip
	}
}

// validFieldName is httpguts.ValidHeaderFieldName: a non-empty token.
func validFieldName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if !isToken(k[i]) {
			return false
		}
	}
	return true
}

// appendFieldValue appends v as net/http writes a header value: CR and LF made spaces, then
// spaces, tabs, CRs and LFs trimmed off both ends.
func appendFieldValue(b []byte, v string) []byte {
	if v != "" && !isTrim(v[0]) && !isTrim(v[len(v)-1]) && strings.IndexByte(v, '\n') < 0 && strings.IndexByte(v, '\r') < 0 {
		return append(b, v...) // nearly always
	}
	i, j := 0, len(v)
	for i < j && isTrim(v[i]) {
		i++
	}
	for j > i && isTrim(v[j-1]) {
		j--
	}
	v = v[i:j]
	for k := 0; k < len(v); k++ {
		c := v[k]
		if c == '\r' || c == '\n' {
			c = ' '
		}
		b = append(b, c)
	}
	return b
}

func isTrim(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
