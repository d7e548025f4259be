package authcache

import (
	"errors"
	"sync/atomic"
	"unsafe"
)

// The wal-index header (https://www.sqlite.org/walformat.html, "The WAL-Index Header"):
// two copies of 48 bytes at the start of the database's -shm file, which every connection to
// a database in WAL mode maps. A writer rewrites it when it commits (copy 1 first, then copy
// 0) or restarts the WAL; a reader starting a transaction reads copy 0 then copy 1 and, when
// they agree and differ from the header it last saw, drops its page cache and counts a
// change: that count is PRAGMA data_version. Reading the header here sees the same commits
// without a transaction, so without SQLite's locks (two fcntl calls and an fstat a read).
//
// Every commit goes through the index while the watch's connection is open: a connection in
// WAL mode keeps a shared lock on the database file as long as it is open, and taking the
// database out of WAL mode needs an exclusive one.
const (
	walIndexHeaderWords = 12 // 48 bytes
	walIndexVersion     = 3007000
	// walIndexMapSize is what is mapped of the -shm file: a page, holding both copies.
	walIndexMapSize = 4096
	// walIndexMinFile is the size of the first region SQLite maps (32 KiB): a -shm file
	// shorter than that is not the one a connection is using.
	walIndexMinFile = 32 << 10
)

// errNoWALIndex is a database whose wal-index cannot be read here: not in WAL mode, no -shm
// file of the expected size, or a platform without mmap. The watch reads PRAGMA data_version.
var errNoWALIndex = errors.New("authcache: no wal-index to read")

// walHeader is one copy of the wal-index header, as words in the machine's order.
type walHeader [walIndexHeaderWords]uint32

// walIndex is a read-only mapping of the first page of a database's -shm file.
type walIndex struct {
	mem []byte
}

// header reads the wal-index header: copy 0, then copy 1, each word by an atomic load (the
// writer is another thread or process). ok is false when the copies differ, a commit being
// written (or one that died while writing it), or when the header is not one SQLite
// initialised: the caller then asks SQLite, which recovers the index if it must.
func (x *walIndex) header() (h walHeader, ok bool) {
	var h1 walHeader
	for i := range h {
		h[i] = atomic.LoadUint32((*uint32)(unsafe.Pointer(&x.mem[4*i])))
	}
	for i := range h1 {
		h1[i] = atomic.LoadUint32((*uint32)(unsafe.Pointer(&x.mem[4*(walIndexHeaderWords+i)])))
	}
	return h, h == h1 && h.initialised()
}

// initialised: the header's version is the one this layout is, and its isInit byte (offset
// 12, the first byte of word 3) is set.
func (h *walHeader) initialised() bool {
	isInit := (*[4]byte)(unsafe.Pointer(&h[3]))[0]
	return h[0] == walIndexVersion && isInit != 0
}
