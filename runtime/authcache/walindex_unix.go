//go:build unix

package authcache

import (
	"fmt"
	"sync"
	"syscall"
)

// shmFiles holds the descriptor this process opened on each -shm file, by device and inode,
// open until the process ends. Closing any descriptor of a file releases every POSIX lock
// the process holds on it, and SQLite's connections hold theirs on the -shm file (the one
// that tells other processes the index is in use, the readers' marks): closing ours would
// leave the index unprotected against another process re-initialising it. So one descriptor
// a database file, shared by every watch of it, never closed.
var shmFiles struct {
	sync.Mutex
	fds map[shmFileID]int
}

type shmFileID struct{ dev, ino uint64 }

func fileID(st *syscall.Stat_t) shmFileID { return shmFileID{dev: uint64(st.Dev), ino: st.Ino} }

// openWALIndex maps the wal-index header of the database file dbPath. The watch's
// connection must have read the database in WAL mode first (so SQLite made and initialised
// the -shm file) and must stay open while the mapping is read: while it is open, the
// process holds the lock that keeps every other from truncating the file.
func openWALIndex(dbPath string) (*walIndex, error) {
	path := dbPath + "-shm"
	fd, size, err := shmFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNoWALIndex, err)
	}
	if size < walIndexMinFile {
		return nil, fmt.Errorf("%w: %s holds %d bytes", errNoWALIndex, path, size)
	}
	mem, err := syscall.Mmap(fd, 0, walIndexMapSize, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("%w: mmap %s: %v", errNoWALIndex, path, err)
	}
	x := &walIndex{mem: mem}
	if _, ok := x.header(); !ok {
		x.close()
		return nil, fmt.Errorf("%w: %s holds no initialised header", errNoWALIndex, path)
	}
	return x, nil
}

// shmFile returns this process's descriptor of the file at path and the file's size,
// opening it the first time.
func shmFile(path string) (fd int, size int64, err error) {
	shmFiles.Lock()
	defer shmFiles.Unlock()
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return -1, 0, err
	}
	if fd, ok := shmFiles.fds[fileID(&st)]; ok {
		return fd, st.Size, nil
	}
	if fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0); err != nil {
		return -1, 0, err
	}
	// From here on the descriptor is never closed (above), even when it cannot be used.
	if err := syscall.Fstat(fd, &st); err != nil {
		return -1, 0, err
	}
	if shmFiles.fds == nil {
		shmFiles.fds = map[shmFileID]int{}
	}
	// Kept by the file it opened, which the path may no longer name.
	shmFiles.fds[fileID(&st)] = fd
	return fd, st.Size, nil
}

// close unmaps the header; the descriptor stays open (shmFiles).
func (x *walIndex) close() {
	if x != nil && x.mem != nil {
		_ = syscall.Munmap(x.mem)
		x.mem = nil
	}
}
