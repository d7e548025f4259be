package httpserve

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// A Server serves HTTP/1.x on the connections of a listener, as http.Server does, handing each
// request to Handler. Its fields are read when Serve starts; set them before.
type Server struct {
	Handler http.Handler

	// The timeouts of http.Server, with its meanings: ReadHeaderTimeout from the first byte
	// of a request (the first request: from the connection's start) to the end of its
	// header; ReadTimeout to the end of its body; WriteTimeout from the end of the request's
	// header to the end of its answer; IdleTimeout between requests. Zero is no limit.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration

	// MaxHeaderBytes limits a request's header on connections handed to net/http (see the
	// package doc); this server's own requests fit its buffer (4 KiB) or are handed over.
	MaxHeaderBytes int

	// ErrorLog receives handler panics and the errors net/http would log; nil is log's
	// standard logger.
	ErrorLog *log.Logger

	mu         sync.Mutex
	ln         net.Listener
	conns      map[*conn]struct{}
	fallback   *http.Server
	handoff    *handoffListener
	fallbackCh chan error
	closed     atomic.Bool
}

// ErrServerClosed is what Serve returns after Shutdown: http.ErrServerClosed.
var ErrServerClosed = http.ErrServerClosed

// Serve accepts connections on ln and serves each on a goroutine of its own, until Shutdown.
// It always returns an error: ErrServerClosed after Shutdown, or the listener's.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closed.Load() {
		s.mu.Unlock()
		return ErrServerClosed
	}
	if s.ln != nil {
		s.mu.Unlock()
		return errors.New("httpserve: Serve called twice")
	}
	s.ln = ln
	s.conns = make(map[*conn]struct{})
	s.handoff = &handoffListener{conns: make(chan net.Conn), done: make(chan struct{}), addr: ln.Addr()}
	s.fallback = &http.Server{
		Handler:           s.Handler,
		ReadHeaderTimeout: s.ReadHeaderTimeout,
		ReadTimeout:       s.ReadTimeout,
		WriteTimeout:      s.WriteTimeout,
		IdleTimeout:       s.IdleTimeout,
		MaxHeaderBytes:    s.MaxHeaderBytes,
		ErrorLog:          s.ErrorLog,
	}
	s.fallbackCh = make(chan error, 1)
	fallback, handoff, fallbackCh := s.fallback, s.handoff, s.fallbackCh
	s.mu.Unlock()
	go func() { fallbackCh <- fallback.Serve(handoff) }()

	base := context.WithValue(context.Background(), http.ServerContextKey, fallback)
	var delay time.Duration // how long to sleep on accept failure, as net/http
	for {
		rwc, err := ln.Accept()
		if err != nil {
			if s.closed.Load() {
				return ErrServerClosed
			}
			if retryAccept(err) {
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				s.logf("httpserve: Accept error: %v; retrying in %v", err, delay)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		c := newConn(s, rwc, base)
		if !s.track(c, true) {
			rwc.Close()
			continue
		}
		go c.serve()
	}
}

// retryAccept reports whether an accept error is worth a retry: a timeout, too many open
// files, a connection aborted before it was accepted.
func retryAccept(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) || errors.Is(err, syscall.ECONNABORTED)
}

func (s *Server) track(c *conn, add bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if add {
		if s.closed.Load() {
			return false
		}
		s.conns[c] = struct{}{}
		return true
	}
	delete(s.conns, c)
	return true
}

// shuttingDown reports whether Shutdown has begun: answers then close their connection.
func (s *Server) shuttingDown() bool { return s.closed.Load() }

// Shutdown stops the server as http.Server's Shutdown does: it closes the listener, then
// closes every idle connection (and those with no request after 5 seconds) until none is
// left or ctx ends; requests being served finish, and their connections close after the
// answer.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	first := !s.closed.Swap(true)
	var lnErr error
	if first && s.ln != nil {
		lnErr = s.ln.Close()
	}
	fallback, handoff := s.fallback, s.handoff
	s.mu.Unlock()
	fbDone := make(chan error, 1)
	if fallback != nil {
		handoff.Close()
		go func() { fbDone <- fallback.Shutdown(ctx) }()
	} else {
		fbDone <- nil
	}
	const maxPoll = 500 * time.Millisecond
	poll := time.Millisecond
	t := time.NewTimer(poll)
	defer t.Stop()
	for !s.closeIdle() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			poll = min(2*poll, maxPoll)
			t.Reset(poll)
		}
	}
	if err := <-fbDone; err != nil {
		return err
	}
	if errors.Is(lnErr, net.ErrClosed) {
		lnErr = nil
	}
	return lnErr
}

// closeIdle closes the idle connections and reports whether none is left.
func (s *Server) closeIdle() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if c.closeIfIdle() {
			delete(s.conns, c)
		}
	}
	return len(s.conns) == 0
}

func (s *Server) logf(format string, args ...any) {
	if s.ErrorLog != nil {
		s.ErrorLog.Printf(format, args...)
		return
	}
	log.Printf(format, args...)
}

// handoffListener is the listener of the net/http server that takes over the connections
// whose next request this server leaves to it.
type handoffListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
	addr  net.Addr
}

func (l *handoffListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *handoffListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *handoffListener) Addr() net.Addr { return l.addr }

// give hands c to net/http, or closes it when the server is shutting down.
func (l *handoffListener) give(c net.Conn) {
	select {
	case l.conns <- c:
	case <-l.done:
		c.Close()
	}
}

// replayConn is a connection handed to net/http: what this server had read of it and not
// consumed comes first.
type replayConn struct {
	net.Conn
	r interface{ Read([]byte) (int, error) }
}

func (c *replayConn) Read(p []byte) (int, error) { return c.r.Read(p) }
