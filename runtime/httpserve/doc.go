// Package httpserve is the HTTP/1.1 server of a generated app's serve command: net/http's
// answers, byte for byte, for a fraction of http.Server's work per request.
//
// A Server serves an http.Handler, as http.Server does, and everything above it (ServeMux,
// the generated handlers, middleware) sees the same Request and ResponseWriter contract. What
// it spends less on: the header is read from the connection's buffer into one string that
// every key and value is a part of; there is no background-read goroutine per request; the
// handler's header is written straight into the connection's buffer, the Date header
// formatted once a second, and an answer that fits the buffer leaves in one write.
//
// # Requests
//
// A request this server reads itself is a strict subset of what net/http accepts: its header
// fits the 4 KiB buffer, its lines end with CRLF, it is HTTP/1.0 or HTTP/1.1 with a target
// url.ParseRequestURI reads, one Host (required on HTTP/1.1) of plain characters, at most one
// Content-Length of digits, no Transfer-Encoding, Expect or Upgrade, field names that are
// tokens and values without control characters. Any other request is handed, from its first
// byte and with the rest of its connection, to an http.Server with the same handler,
// timeouts and header limit: chunked bodies with their trailers, Expect: 100-continue,
// protocol switches (Upgrade: their handlers can hijack the connection there), headers up to
// MaxHeaderBytes (431 beyond), CONNECT, OPTIONS *, HTTP/2's preface, and every malformed
// request, which net/http refuses in its words (400; 505 for an unknown major version; 501
// for an unknown transfer coding). Two kinds of request net/http serves are refused here
// with its 400: a field folded over lines (obs-fold; net/http joins them), and
// Content-Length with Transfer-Encoding (net/http reads the chunked body): both are ways to
// smuggle a request past a proxy that reads them otherwise (RFC 9112 5.2, 6.1).
//
// Pipelined requests are answered in order. HTTP/1.1 connections stay open unless the
// request or the answer says Connection: close; HTTP/1.0 ones when the request asks for
// keep-alive and the answer has a length. A body the handler left unread is read and dropped
// after it returns, up to 256 KiB; beyond, the connection closes. A body read after the
// handler returned fails (http.ErrBodyReadAfterClose): it never reads the next request.
//
// # Answers
//
// As net/http's: the body is held (2 KiB) until the handler returns, which gives a
// Content-Length, or until it writes more or flushes (http.Flusher), which gives a chunked
// answer unless it set a Content-Length; HEAD, 1xx, 204 and 304 answers have no body; the
// header as it was at WriteHeader is sent, keys sorted, with Date, Content-Length,
// Content-Type (http.DetectContentType when the handler set none), Connection and
// Transfer-Encoding added as net/http adds them. Informational answers (103) are sent at
// once. A panic in a handler closes the connection after what was already sent, logged
// with its stack unless it is http.ErrAbortHandler, as net/http.
//
// # Differences from net/http
//
//   - The request's context is canceled when the request ends, when writing to the client
//     fails and when reading its body fails; not as soon as the client goes away in the
//     middle of a request, which net/http learns from its background read.
//   - http.MaxBytesReader past its limit makes net/http close the connection after the
//     answer (it tells its own ResponseWriter so); here the rest of the body is dropped as
//     for any body the handler left (up to 256 KiB), and the connection kept.
//   - No Hijack (but for requests with Upgrade, served by net/http), no HTTP/2, no
//     CloseNotifier or EnableFullDuplex; http.ResponseController can flush and set
//     deadlines. Serve's HTTP_SERVER=net/http setting runs http.Server
//     instead, for whoever needs them.
//   - Timeouts are http.Server's, set as its are but for up to 0.1 s earlier (a deadline
//     already set at most that much before the one due stays); a connection past one is
//     closed without an answer, and its goroutine ends.
//
// Shutdown is http.Server's: the listener closes, idle connections close (and those that
// sent nothing for 5 seconds), requests being served finish and their connections close
// after the answer, connections handed to net/http are shut down by it alike.
package httpserve
