//go:build unix

package authcache

import (
	"context"
	"database/sql"
	"encoding/binary"
	"os/exec"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// TestWALIndexSeesCommits: every commit that changes the data version of the watch's
// connection (database/sql's PRAGMA data_version on it) also changes the wal-index header
// the watch reads, and sync empties the cache after it: commits of another connection of
// this process, of another process (Python's sqlite3, SQLite's C library), after the WAL
// was checkpointed and restarted, and a thousand in a row. Nothing committed, the cache is
// kept.
func TestWALIndexSeesCommits(t *testing.T) {
	ctx := context.Background()
	url, other, c, w := watchedSQLite(t)
	require.NotNil(t, w.index, "a file database in WAL mode: the header is read")

	dataVersion := func() int64 {
		var v int64
		require.NoError(t, w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v))
		return v
	}
	header := func() walHeader {
		h, ok := w.index.header()
		require.True(t, ok, "the header reads as one SQLite wrote")
		return h
	}
	require.True(t, w.sync(ctx))
	lastHeader, lastVersion := header(), dataVersion()
	// step checks, after what: the data version changed ⇒ the header changed, and sync
	// emptied the cache then; unchanged header ⇒ sync kept the cache.
	step := func(what string, wantChange bool) {
		t.Helper()
		gen := c.gen
		require.True(t, w.sync(ctx), what)
		h, v := header(), dataVersion()
		if v != lastVersion {
			require.NotEqual(t, lastHeader, h, "%s: the data version changed, the header did not", what)
		}
		if wantChange {
			require.NotEqual(t, lastVersion, v, "%s: a commit", what)
		}
		require.Equal(t, h != lastHeader, c.gen != gen, "%s: the cache is emptied when the header changed, only then", what)
		lastHeader, lastVersion = h, v
	}
	run := func(q string, args ...any) {
		t.Helper()
		_, err := other.ExecContext(ctx, q, args...)
		require.NoError(t, err, q)
	}

	step("nothing", false)
	run(`CREATE TABLE t (x INTEGER)`)
	step("another connection committed", true)
	step("nothing since", false)
	for i := range 5 {
		run(`INSERT INTO t VALUES ($1)`, i)
		step("each commit", true)
	}
	tx, err := other.BeginTx(ctx, nil)
	require.NoError(t, err)
	_, err = tx.ExecContext(ctx, `INSERT INTO t VALUES (99)`)
	require.NoError(t, err)
	require.NoError(t, tx.Rollback())
	step("a rolled-back transaction", false)

	// A checkpoint that truncates the WAL: the next commit writes from its start again,
	// with new salts, so that its header cannot be one read before.
	run(`PRAGMA wal_checkpoint(TRUNCATE)`)
	step("a checkpoint", false)
	run(`INSERT INTO t VALUES (6)`)
	step("a commit into the restarted WAL", true)
	run(`PRAGMA wal_checkpoint(TRUNCATE)`)
	run(`INSERT INTO t VALUES (7)`)
	step("checkpoint and commit between two requests", true)

	if python, err := exec.LookPath("python3"); err == nil {
		file := strings.TrimPrefix(url, "sqlite://")
		out, err := exec.Command(python, "-c", `import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.execute("INSERT INTO t VALUES (8)")
c.commit()
c.close()`, file).CombinedOutput()
		require.NoError(t, err, string(out))
		step("another process committed", true)
	} else {
		t.Log("no python3: the commit of another process is not tested")
	}

	// No other connection can take the database out of WAL mode while the watch's is open
	// (it keeps a shared lock on the database file): no commit can go around the index.
	conn, err := other.Conn(ctx)
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`)
	require.NoError(t, err)
	var mode string
	err = conn.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode)
	require.True(t, err != nil || mode == "wal", "journal mode %q, %v", mode, err)
	_, err = conn.ExecContext(ctx, `PRAGMA busy_timeout = 10000`)
	require.NoError(t, err)
	require.NoError(t, conn.Close())
	run(`INSERT INTO t VALUES (9)`)
	step("a commit after the attempt", true)

	for i := range 1000 {
		run(`INSERT INTO t VALUES ($1)`, i)
		step("a thousand commits", true)
	}
}

// TestWALIndexHeader: the header reads as SQLite's readers take it: both copies alike and
// initialised, or not at all; sync then asks SQLite for the data version, and empties the
// cache only if it changed.
func TestWALIndexHeader(t *testing.T) {
	mem := make([]byte, 2*4*walIndexHeaderWords)
	x := &walIndex{mem: mem}
	put := func(copyNo, word int, v uint32) {
		binary.NativeEndian.PutUint32(mem[4*(copyNo*walIndexHeaderWords+word):], v)
	}
	for c := range 2 {
		put(c, 0, walIndexVersion)
		put(c, 2, 41)          // iChange
		mem[c*48+12] = 1       // isInit
		put(c, 4, 10)          // mxFrame
		put(c, 10, 0xfeedbeef) // aCksum[0]
	}
	h, ok := x.header()
	require.True(t, ok)
	require.Equal(t, uint32(10), h[4])
	require.Equal(t, byte(1), (*[4]byte)(unsafe.Pointer(&h[3]))[0], "isInit at byte 12")

	put(1, 4, 11)
	_, ok = x.header()
	require.False(t, ok, "copy 1 written, copy 0 not yet")
	put(0, 4, 11)
	_, ok = x.header()
	require.True(t, ok, "both written")

	mem[12], mem[48+12] = 0, 0
	_, ok = x.header()
	require.False(t, ok, "not initialised")
	mem[12], mem[48+12] = 1, 1
	put(0, 0, 3007001)
	put(1, 0, 3007001)
	_, ok = x.header()
	require.False(t, ok, "another version of the index")
	put(0, 0, walIndexVersion)
	put(1, 0, walIndexVersion)

	// sync over an index whose header is being written reads the data version instead.
	ctx := context.Background()
	d, err := db.Open(dbtest.URL(t, db.SQLite))
	require.NoError(t, err)
	defer d.Close()
	c := newCache()
	w, err := openSQLite(ctx, c, d)
	require.NoError(t, err)
	real := w.index
	defer func() { w.index = real; w.close() }()
	w.index = x
	require.True(t, w.sync(ctx))
	gen := c.gen
	require.True(t, w.sync(ctx))
	require.Equal(t, gen, c.gen, "the header unchanged")
	put(1, 4, 12)
	require.True(t, w.sync(ctx))
	require.NotEqual(t, gen, c.gen, "the data version read for the first time: nothing to compare it with")
	gen = c.gen
	require.True(t, w.sync(ctx))
	require.Equal(t, gen, c.gen, "the header being written, the data version unchanged: the cache is kept")
	_, err = d.ExecContext(ctx, `CREATE TABLE t (x INTEGER)`)
	require.NoError(t, err)
	require.True(t, w.sync(ctx))
	require.NotEqual(t, gen, c.gen, "the header being written, the data version changed: the cache is emptied")
	gen = c.gen
	put(0, 4, 12)
	require.True(t, w.sync(ctx))
	require.NotEqual(t, gen, c.gen, "the header written: it differs from the one read last")
}

// TestNoWALIndexInRollbackMode: a database in rollback-journal mode has no wal-index; the
// watch reads the data version, and sees commits.
func TestNoWALIndexInRollbackMode(t *testing.T) {
	ctx := context.Background()
	dsn := "file:" + strings.TrimPrefix(dbtest.URL(t, db.SQLite), "sqlite://") + "?_pragma=journal_mode(DELETE)"
	openDB := func() *db.DB {
		pool, err := sql.Open("sqlite", dsn)
		require.NoError(t, err)
		t.Cleanup(func() { pool.Close() })
		return &db.DB{DB: pool, Dialect: db.SQLite}
	}
	mine, other := openDB(), openDB()
	c := newCache()
	w, err := openSQLite(ctx, c, mine)
	require.NoError(t, err)
	defer w.close()
	require.Nil(t, w.index)
	require.True(t, w.sync(ctx))
	gen := c.gen
	require.True(t, w.sync(ctx))
	require.Equal(t, gen, c.gen, "nothing committed")
	_, err = other.ExecContext(ctx, `CREATE TABLE t (x INTEGER)`)
	require.NoError(t, err)
	require.True(t, w.sync(ctx))
	require.NotEqual(t, gen, c.gen, "a commit")
}
