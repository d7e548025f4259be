package app

import (
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
	var level slog.Level
	if v := env.Getenv("LOG_LEVEL"); v != "" {
		if err := level.UnmarshalText([]byte(v)); err != nil {
			return nil, fmt.Errorf("LOG_LEVEL=%s: want debug, info, warn or error", v)
		}
	}
	opts := &slog.HandlerOptions{Level: level}
	switch f := env.Getenv("LOG_FORMAT"); strings.ToLower(f) {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	default:
		return nil, fmt.Errorf("LOG_FORMAT=%s: want text or json", f)
	}
}

// requestLog logs one line per request once it is answered: method, route pattern, path,
// status, duration and the authenticated user's id; at error level for a 5xx, whose cause the
// handler that answered it logged before. Headers, query strings and bodies are never logged,
// so neither are the tokens and passwords they carry.
func requestLog(log *slog.Logger, next http.Handler) http.Handler {
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
		if !log.Enabled(r.Context(), level) {
			return
		}
		// The record goes to the handler directly: Logger.LogAttrs would also look up its
		// caller's program counter, which only a source attribute shows and which would
		// name this function on every line. That look-up was a tenth of the line's cost.
		now := time.Now()
		rec := slog.NewRecord(now, level, "request", 0)
		rec.AddAttrs(
			slog.String("method", r.Method),
			slog.String("route", trace.Route),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Duration("duration", now.Sub(start)),
		)
		if trace.HasUser {
			rec.AddAttrs(slog.Int64("user_id", trace.UserID))
		}
		_ = log.Handler().Handle(r.Context(), rec) // a handler that cannot write has nowhere to say so
	})
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
