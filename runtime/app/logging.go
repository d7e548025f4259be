package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/authgen/authgen/runtime/httpx"
)

// newLogger is the logger LOG_LEVEL (debug, info, warn, error; default info) and LOG_FORMAT
// (text or json; default text) ask for, writing to w.
func newLogger(env Env, w io.Writer) (*slog.Logger, error) {
	h, _, err := newLogHandler(env, w)
	if err != nil {
		return nil, err
	}
	return slog.New(h), nil
}

// newLogHandler is newLogger's handler, and whether it writes slog's text format with no
// options but the level (what appendRequestText writes).
func newLogHandler(env Env, w io.Writer) (slog.Handler, bool, error) {
	var level slog.Level
	if v := env.Getenv("LOG_LEVEL"); v != "" {
		if err := level.UnmarshalText([]byte(v)); err != nil {
			return nil, false, fmt.Errorf("LOG_LEVEL=%s: want debug, info, warn or error", v)
		}
	}
	opts := &slog.HandlerOptions{Level: level}
	switch f := env.Getenv("LOG_FORMAT"); strings.ToLower(f) {
	case "", "text":
		return slog.NewTextHandler(w, opts), true, nil
	case "json":
		return slog.NewJSONHandler(w, opts), false, nil
	default:
		return nil, false, fmt.Errorf("LOG_FORMAT=%s: want text or json", f)
	}
}

// serveLogs are serve's logger and request log over one logSink: the request lines
// buffered, every other line written at once.
func serveLogs(env Env, w io.Writer) (*slog.Logger, requestLines, *logSink, error) {
	sink := newLogSink(w, logFlushDelay, logBufferSize)
	h, err := newLogger(env, sink)
	if err != nil {
		return nil, requestLines{}, nil, err
	}
	lines, text, err := newLogHandler(env, bufferedLines{sink})
	if err != nil {
		return nil, requestLines{}, nil, err
	}
	return h, requestLines{handler: lines, sink: sink, text: text}, sink, nil
}

// requestLines is where requestLog sends its lines: to handler, which formats and writes each
// record, or, when handler is slog's text handler writing to sink (text), as the same line
// written to sink directly (TestRequestLineAsSlog pins it to slog's bytes). With a sink, a
// 5xx's line is written out at once.
type requestLines struct {
	handler slog.Handler
	sink    *logSink
	text    bool
}

// requestLog logs one line per request once it is answered: method, route pattern, path,
// status, duration and the authenticated user's id; at error level for a 5xx, whose cause the
// handler that answered it logged before. Headers, query strings and bodies are never logged,
// so neither are the tokens and passwords they carry.
func requestLog(lines requestLines, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		r, trace := httpx.WithTrace(r)
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		status := sw.status
		if status == 0 {
			status = http.StatusOK // a handler that wrote nothing answered 200
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		if !lines.handler.Enabled(r.Context(), level) {
			return
		}
		now := time.Now()
		line := requestLine{time: now, level: level, method: r.Method, route: trace.Route, path: r.URL.Path,
			status: status, duration: now.Sub(start), userID: trace.UserID, hasUser: trace.HasUser}
		lines.write(r.Context(), &line)
	})
}

func (lines requestLines) write(ctx context.Context, line *requestLine) {
	now := line.level >= slog.LevelError
	if lines.text {
		var buf [256]byte
		lines.sink.writeLine(line.appendText(buf[:0]), now)
		return
	}
	_ = lines.handler.Handle(ctx, line.record()) // a handler that cannot write has nowhere to say so
	if now && lines.sink != nil {
		_ = lines.sink.Flush()
	}
}

// requestLine is what a request's log line says.
type requestLine struct {
	time          time.Time
	level         slog.Level
	method, route string
	path          string
	status        int
	duration      time.Duration
	userID        int64
	hasUser       bool
}

// record is the line as a slog record. It goes to the handler directly: Logger.LogAttrs would
// also look up its caller's program counter, which only a source attribute shows and which
// would name requestLog on every line.
func (l *requestLine) record() slog.Record {
	rec := slog.NewRecord(l.time, l.level, "request", 0)
	rec.AddAttrs(
		slog.String("method", l.method),
		slog.String("route", l.route),
		slog.String("path", l.path),
		slog.Int("status", l.status),
		slog.Duration("duration", l.duration),
	)
	if l.hasUser {
		rec.AddAttrs(slog.Int64("user_id", l.userID))
	}
	return rec
}

// statusWriter remembers the status a handler answered.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 { // 1xx are interim: the final status follows
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer (Flush, deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
