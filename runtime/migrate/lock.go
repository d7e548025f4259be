package migrate

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"log/slog"
	"time"

	"github.com/authgen/authgen/runtime/db"
)

// AdvisoryLockKey is the PostgreSQL advisory lock that a migrator holds while it changes the
// schema: the first eight bytes of SHA-256("authgen_migrations") as a big-endian int64. It
// never changes, so that every version of every authgen app waits for the others; another
// tool that migrates the same database should take it too.
//
// A migrator of the schema public holds it alone. A migrator of another schema (the first
// of its search_path) shares it with the migrators of other schemas, and holds its schema's
// own key (SchemaLockKey) alone: migrations of different schemas of one database do not
// wait for each other, since each changes only its schema and its own authgen_migrations,
// while whoever holds AdvisoryLockKey alone (an older authgen, another tool, a migrator of
// public) still waits for all of them and they for it.
const AdvisoryLockKey int64 = 7383605203767004085

// SchemaLockKey is the advisory lock of the migrators of schema: AdvisoryLockKey for public,
// else the first eight bytes of SHA-256("authgen_migrations:" + schema) as a big-endian int64.
func SchemaLockKey(schema string) int64 {
	if schema == "public" || schema == "" {
		return AdvisoryLockKey
	}
	sum := sha256.Sum256([]byte("authgen_migrations:" + schema))
	return int64(binary.BigEndian.Uint64(sum[:8]))
}

// advisoryLock is one advisory lock a migrator takes, alone or shared.
type advisoryLock struct {
	key    int64
	shared bool
}

// locksOf are the locks a migrator of schema takes, in this order (see AdvisoryLockKey); it
// releases them in the other.
func locksOf(schema string) []advisoryLock {
	if key := SchemaLockKey(schema); key != AdvisoryLockKey {
		return []advisoryLock{{key: AdvisoryLockKey, shared: true}, {key: key}}
	}
	return []advisoryLock{{key: AdvisoryLockKey}}
}

// unlockTimeout bounds the release of the lock, which runs even when the caller's context
// is done.
const unlockTimeout = 10 * time.Second

// session is the one connection a migrator works on, holding the advisory lock on
// PostgreSQL. A *sql.Conn is needed because an advisory lock belongs to a database session,
// and a pool would hand each statement any of its connections.
type session struct {
	conn    *sql.Conn
	dialect db.Dialect
	locks   []advisoryLock // held
}

// openSession takes a connection from the pool and, on PostgreSQL, waits for the lock,
// logging every so often while it does (watchLockWait). Cancelling ctx stops the wait.
func openSession(ctx context.Context, d *db.DB, log *slog.Logger, logEvery time.Duration) (*session, error) {
	conn, err := d.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: connect: %w", err)
	}
	s := &session{conn: conn, dialect: d.Dialect}
	if d.Dialect == db.SQLite {
		if err := foreignKeysOff(ctx, conn); err != nil {
			s.discard()
			return nil, err
		}
		return s, nil
	}
	if d.Dialect != db.Postgres {
		return s, nil
	}
	// The schema the migrations will change: the first of the search_path that exists, where
	// an unqualified CREATE TABLE goes (NULL when none does: public's lock then).
	var schema sql.NullString
	if err := conn.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		s.discard()
		return nil, fmt.Errorf("migrate: read the schema: %w", err)
	}
	for _, l := range locksOf(schema.String) {
		take := `SELECT pg_advisory_lock($1)`
		if l.shared {
			take = `SELECT pg_advisory_lock_shared($1)`
		}
		stopWatching := watchLockWait(ctx, d, log, logEvery, l.key)
		_, err = conn.ExecContext(ctx, take, l.key)
		stopWatching()
		if err != nil {
			s.discard()
			return nil, fmt.Errorf("migrate: take the migration lock: %w", err)
		}
		s.locks = append(s.locks, l)
	}
	return s, nil
}

// close releases the lock and returns the connection to the pool. When the lock cannot be
// released the connection is closed instead: a pooled connection that still held the lock
// would block every later migration until it happened to be closed.
func (s *session) close() {
	if s.dialect == db.SQLite {
		// A pooled connection without foreign keys would serve the app: never.
		ctx, cancel := context.WithTimeout(context.Background(), unlockTimeout)
		defer cancel()
		if err := foreignKeysOn(ctx, s.conn); err != nil {
			s.discard()
			return
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), unlockTimeout)
	defer cancel()
	for i := len(s.locks) - 1; i >= 0; i-- {
		release := `SELECT pg_advisory_unlock($1)`
		if s.locks[i].shared {
			release = `SELECT pg_advisory_unlock_shared($1)`
		}
		var released bool
		err := s.conn.QueryRowContext(ctx, release, s.locks[i].key).Scan(&released)
		if err != nil || !released {
			s.discard()
			return
		}
	}
	s.conn.Close()
}

// discard closes the connection for good, ending its database session and any lock in it.
// database/sql closes a connection whose Raw function reports driver.ErrBadConn.
func (s *session) discard() {
	_ = s.conn.Raw(func(any) error { return driver.ErrBadConn })
	s.conn.Close()
}
