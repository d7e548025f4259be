package migrate

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"log/slog"
	"time"

	"github.com/authgen/authgen/runtime/db"
)

// AdvisoryLockKey is the PostgreSQL advisory lock that a migrator holds while it changes the
// schema: the first eight bytes of SHA-256("authgen_migrations") as a big-endian int64. It
// never changes, so that every version of every authgen app waits for the others; another
// tool that migrates the same database should take it too.
const AdvisoryLockKey int64 = 7383605203767004085

// unlockTimeout bounds the release of the lock, which runs even when the caller's context
// is done.
const unlockTimeout = 10 * time.Second

// session is the one connection a migrator works on, holding the advisory lock on
// PostgreSQL. A *sql.Conn is needed because an advisory lock belongs to a database session,
// and a pool would hand each statement any of its connections.
type session struct {
	conn    *sql.Conn
	dialect db.Dialect
	locked  bool
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
	stopWatching := watchLockWait(ctx, d, log, logEvery)
	_, err = conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, AdvisoryLockKey)
	stopWatching()
	if err != nil {
		s.discard()
		return nil, fmt.Errorf("migrate: take the migration lock: %w", err)
	}
	s.locked = true
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
	if !s.locked {
		s.conn.Close()
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), unlockTimeout)
	defer cancel()
	var released bool
	err := s.conn.QueryRowContext(ctx, `SELECT pg_advisory_unlock($1)`, AdvisoryLockKey).Scan(&released)
	if err != nil || !released {
		s.discard()
		return
	}
	s.conn.Close()
}

// discard closes the connection for good, ending its database session and any lock in it.
// database/sql closes a connection whose Raw function reports driver.ErrBadConn.
func (s *session) discard() {
	_ = s.conn.Raw(func(any) error { return driver.ErrBadConn })
	s.conn.Close()
}
