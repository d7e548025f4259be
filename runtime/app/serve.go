package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/authgen/authgen/runtime/httpserve"
	"github.com/authgen/authgen/runtime/httpx"
)

// serve applies pending migrations and serves until ctx ends, then shuts down gracefully.
func serve(ctx context.Context, def *Definition, args []string, env Env) error {
	if len(args) > 0 {
		return fmt.Errorf("%w: serve takes no arguments", errUsage)
	}
	s := env.settings(def)
	secret, err := serveSecretKey(def, env)
	if err != nil {
		return err
	}
	log, lines, sink, err := serveLogs(env, env.Stderr)
	if err != nil {
		return err
	}
	defer sink.Close() // the request lines still buffered
	d, err := openDB(s)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := migrateUp(ctx, def, d, log); err != nil {
		return err
	}
	counters, closeCounters, err := openCounters(ctx, def, s)
	if err != nil {
		return err
	}
	defer closeCounters()
	authCache, err := openAuthCache(ctx, d, s, log)
	if err != nil {
		return err
	}
	defer authCache.Close()
	app, err := handler(def, d, s, secret, counters, authCache, env, log)
	if err != nil {
		return err
	}
	defer app.acc.Wait() // let mails being sent finish

	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return bindError(s.addr, err)
	}
	srv, err := newServer(s.httpServer, requestLog(lines, app.handler), log)
	if err != nil {
		return err
	}
	log.Info("serving", "addr", "http://"+ln.Addr().String(), "database", d.Dialect)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// server is what serve needs of an HTTP server: httpserve's and net/http's both.
type server interface {
	Serve(net.Listener) error
	Shutdown(context.Context) error
}

// newServer is the server HTTP_SERVER names: httpserve (the default), or net/http's
// http.Server for what httpserve leaves out (HTTP/2 over h2c with prior knowledge, Hijack, its
// exact behaviour).
// Both have the same timeouts and header limit.
func newServer(name string, h http.Handler, log *slog.Logger) (server, error) {
	const (
		readHeader = 10 * time.Second
		read       = 30 * time.Second
		write      = 60 * time.Second
		idle       = 2 * time.Minute
		maxHeader  = 64 << 10
	)
	errorLog := slog.NewLogLogger(log.Handler(), slog.LevelWarn)
	switch name {
	case "", "httpserve":
		return &httpserve.Server{Handler: h, ReadHeaderTimeout: readHeader, ReadTimeout: read,
			WriteTimeout: write, IdleTimeout: idle, MaxHeaderBytes: maxHeader, ErrorLog: errorLog}, nil
	case "net/http":
		var protocols http.Protocols // HTTP/1 and HTTP/2 with prior knowledge (h2c)
		protocols.SetHTTP1(true)
		protocols.SetUnencryptedHTTP2(true)
		return &http.Server{Handler: h, ReadHeaderTimeout: readHeader, ReadTimeout: read,
			WriteTimeout: write, IdleTimeout: idle, MaxHeaderBytes: maxHeader, ErrorLog: errorLog,
			Protocols: &protocols}, nil
	}
	return nil, fmt.Errorf("HTTP_SERVER=%s: want httpserve (the default) or net/http", name)
}

// bindError names ADDR in a failure to listen, the one setting that fixes it.
func bindError(addr string, err error) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("ADDR=%s: address already in use; set ADDR to another port", addr)
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		err = op.Err
	}
	return fmt.Errorf("ADDR=%s: %v; set ADDR to host:port (default 127.0.0.1:8000)", addr, err)
}

// recoverer turns a panic in a handler into a logged 500, so one bad request cannot take the
// server down or leak a stack trace.
func recoverer(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", v)
				httpx.ServerError(w)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
