package app

import (
	"io"
	"sync"
	"time"
)

// How long a request line may wait in serve's log buffer, and how much the buffer holds
// before it is written out at once.
const (
	logFlushDelay = 10 * time.Millisecond
	logBufferSize = 64 << 10
)

// logSink is serve's log output (stderr). Request lines are buffered: written out at the
// latest logFlushDelay after the first of them, at once when the buffer is full, and before
// any other line. Every other line (start-up, warnings, errors, a panic's cause) and a 5xx's
// request line is written at once, after the request lines buffered before it, so the
// output keeps the order the lines were logged in. Under load one write then carries many
// request lines instead of one system call per request; an idle server writes each line
// within logFlushDelay. What a crash can lose is the request lines of the last
// logFlushDelay: a handler's panic is logged (and so flushed) by the recoverer, and serve
// flushes when it stops.
type logSink struct {
	w              io.Writer
	delay          time.Duration
	size           int
	timer          *time.Timer
	writing        sync.Mutex // held while writing to w, so lines leave in order
	mu             sync.Mutex // guards what follows
	buf, spare     []byte
	armed, stopped bool
}

func newLogSink(w io.Writer, delay time.Duration, size int) *logSink {
	s := &logSink{w: w, delay: delay, size: size}
	s.timer = time.AfterFunc(time.Hour, func() { _ = s.Flush() })
	s.timer.Stop()
	return s
}

// Write writes p, a whole line of the logger, at once, after the buffered lines.
func (s *logSink) Write(p []byte) (int, error) {
	s.writing.Lock()
	defer s.writing.Unlock()
	s.flushLocked()
	return s.w.Write(p)
}

// writeLine buffers a request line, or writes it at once (now) with what is buffered.
func (s *logSink) writeLine(line []byte, now bool) {
	s.mu.Lock()
	s.buf = append(s.buf, line...)
	full := len(s.buf) >= s.size
	if !now && !full && !s.stopped && !s.armed {
		s.armed = true
		s.timer.Reset(s.delay)
	}
	now = now || full || s.stopped
	s.mu.Unlock()
	if now {
		_ = s.Flush()
	}
}

// Flush writes the buffered lines out.
func (s *logSink) Flush() error {
	s.writing.Lock()
	defer s.writing.Unlock()
	return s.flushLocked()
}

// flushLocked writes the buffer while s.writing is held; lines buffered meanwhile go to
// the spare buffer. A buffer that cannot be written is dropped, as an unbuffered line
// that cannot be written is lost.
func (s *logSink) flushLocked() error {
	s.mu.Lock()
	b := s.buf
	s.buf, s.spare = s.spare[:0], nil
	s.armed = false
	s.mu.Unlock()
	if len(b) == 0 {
		s.mu.Lock()
		s.spare = b
		s.mu.Unlock()
		return nil
	}
	_, err := s.w.Write(b)
	s.mu.Lock()
	if cap(b) <= 2*s.size { // a line of a megabyte once does not stay
		s.spare = b[:0]
	}
	s.mu.Unlock()
	return err
}

// Close writes what is buffered; the lines that follow are written as they come.
func (s *logSink) Close() error {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	s.timer.Stop()
	return s.Flush()
}

// bufferedLines writes to a logSink as request lines: buffered.
type bufferedLines struct{ s *logSink }

func (b bufferedLines) Write(p []byte) (int, error) {
	b.s.writeLine(p, false)
	return len(p), nil
}
