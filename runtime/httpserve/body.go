package httpserve

import (
	"io"
	"net/http"
	"sync"
)

// body is a request body of Content-Length bytes, read from the connection's buffer. After the
// request it reads nothing more: what the handler left is dropped (up to 256 KiB, else the
// connection closes), never read as the next request.
type body struct {
	mu         sync.Mutex
	c          *conn
	remain     int64
	sawEOF     bool
	closed     bool
	earlyClose bool // closed with more than maxPostHandlerReadBytes left, or a read failed
}

func (b *body) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.readLocked(p)
}

func (b *body) readLocked(p []byte) (int, error) {
	if b.closed {
		return 0, http.ErrBodyReadAfterClose
	}
	if b.sawEOF || b.remain <= 0 {
		b.sawEOF = true
		return 0, io.EOF
	}
	if int64(len(p)) > b.remain {
		p = p[:b.remain]
	}
	n, err := b.c.bufr.Read(p)
	b.remain -= int64(n)
	if err == io.EOF {
		b.sawEOF = true
		err = io.ErrUnexpectedEOF
	}
	if err != nil && b.c.cancel != nil {
		b.c.cancel() // the connection failed: the request is over, as net/http cancels it
	}
	if err == nil && b.remain == 0 {
		b.sawEOF = true
		err = io.EOF
	}
	return n, err
}

// Close drops what is left of the body, as net/http's: up to 256 KiB is read so the
// connection can serve the next request.
func (b *body) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	if !b.sawEOF {
		if b.remain > maxPostHandlerReadBytes {
			b.earlyClose = true
		} else {
			var buf [512]byte
			for !b.sawEOF {
				if _, err := b.readLocked(buf[:]); err != nil && err != io.EOF {
					b.earlyClose = true
					break
				}
			}
		}
	}
	b.closed = true
	return nil
}

// state is what the answer needs to know of the body: whether it was closed, read to its end,
// and how much is left.
func (b *body) state() (closed, sawEOF bool, left int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.closed, b.sawEOF, b.remain
}
