// Package db opens the databases that generated apps run on: SQLite through a pure-Go driver
// (the embedded default: no cgo, nothing to install) and PostgreSQL through pgx (the scale
// path: several stateless app instances on one database).
//
// # Placeholders
//
// Every query of authgen is written once with $1…$n placeholders. PostgreSQL takes them as
// they are; SQLite reads $N as a parameter bound by position, so the same text serves both.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
)

// Dialect names the SQL dialect of a database.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// postgresMaxConns is the size of a PostgreSQL pool: an instance holds at most this many
// of the server's connections (100 by default, shared by every instance).
const postgresMaxConns = 20

// ErrUnsupportedURL is returned by Open for a URL whose scheme is neither sqlite nor postgres.
var ErrUnsupportedURL = errors.New("db: unsupported database URL")

// DB is a connection pool with the dialect it speaks.
type DB struct {
	*sql.DB
	Dialect Dialect
}

// Open opens the database named by url:
//
//	sqlite://store.db            a file relative to the working directory
//	sqlite:///var/lib/store.db   an absolute path
//	sqlite://:memory:            a private in-memory database (one connection)
//	postgres://user@host:5432/db PostgreSQL (postgresql:// too)
func Open(rawURL string) (*DB, error) {
	switch {
	case strings.HasPrefix(rawURL, "sqlite://"):
		return openSQLite(strings.TrimPrefix(rawURL, "sqlite://"))
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		pool, err := sql.Open("pgx", rawURL)
		if err != nil {
			return nil, fmt.Errorf("db: open postgres: %w", err)
		}
		pool.SetMaxOpenConns(postgresMaxConns)
		pool.SetMaxIdleConns(postgresMaxConns)
		pool.SetConnMaxIdleTime(5 * time.Minute)
		if err := ping(pool); err != nil {
			pool.Close()
			return nil, fmt.Errorf("db: connect to postgres: %w", err)
		}
		return &DB{DB: pool, Dialect: Postgres}, nil
	}
	return nil, fmt.Errorf("%w %q (want sqlite://PATH or postgres://…)", ErrUnsupportedURL, redact(rawURL))
}

func openSQLite(path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("%w: sqlite:// needs a file path", ErrUnsupportedURL)
	}
	memory := path == ":memory:"
	// WAL lets readers run beside the one writer; busy_timeout makes a second writer wait
	// instead of failing with SQLITE_BUSY; foreign keys are off by default in SQLite.
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	if !memory {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	q.Add("_txlock", "immediate")
	pool := sql.OpenDB(sqliteConnector{dsn: "file:" + path + "?" + q.Encode(), drv: &sqlite.Driver{}})
	if memory {
		// Every connection to :memory: is a database of its own.
		pool.SetMaxOpenConns(1)
	} else {
		pool.SetMaxOpenConns(8)
		pool.SetMaxIdleConns(8)
	}
	if err := ping(pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("db: open sqlite %s: %w", path, err)
	}
	return &DB{DB: pool, Dialect: SQLite}, nil
}

func ping(pool *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return pool.PingContext(ctx)
}

// redact hides a password in a URL for error messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "<unparsable URL>"
	}
	return u.Redacted()
}

// InTx runs fn in a transaction, committing when fn returns nil and rolling back otherwise.
// A panic in fn (or runtime.Goexit) rolls the transaction back before it goes on up, as
// Django's transaction.atomic does on any exception: nothing fn wrote stays, and the
// connection goes back to the pool out of its transaction (on SQLite, whose writers take
// turns, a transaction left open would block every later write).
// When a statement of fn meets a stale plan (see IsStalePlan), fn runs again in a new
// transaction: it must leave nothing behind but its writes in tx.
func (d *DB) InTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	_, err := againOnStalePlan(func() (struct{}, error) { return struct{}{}, d.inTx(ctx, fn) })
	return err
}

func (d *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	returned := false
	defer func() {
		if !returned {
			_ = tx.Rollback() // fn panicked: undo its writes, and let the panic go on
		}
	}()
	err = fn(tx)
	returned = true
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// IsUniqueViolation reports whether err is a unique-constraint failure on either dialect.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || // SQLite
		strings.Contains(msg, "SQLSTATE 23505") // PostgreSQL unique_violation
}

// IsForeignKeyViolation reports whether err is a foreign-key failure on either dialect.
func IsForeignKeyViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "FOREIGN KEY constraint failed") ||
		strings.Contains(msg, "SQLSTATE 23503")
}
