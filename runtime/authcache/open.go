package authcache

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/authgen/authgen/runtime/db"
)

// watcher keeps a cache current with one database.
type watcher interface {
	sync(ctx context.Context) bool
	close() error
}

// Open returns the cache of the database d, opened from url (the listener of PostgreSQL
// needs a connection of its own), with its triggers installed on PostgreSQL. An in-memory
// SQLite database has no cache (nil): its one connection cannot be spared.
func Open(ctx context.Context, d *db.DB, url string, log *slog.Logger) (*Cache, error) {
	if log == nil {
		log = slog.Default()
	}
	c := newCache()
	switch d.Dialect {
	case db.SQLite:
		if strings.HasSuffix(url, ":memory:") {
			return nil, nil
		}
		w, err := openSQLite(ctx, c, d)
		if err != nil {
			return nil, err
		}
		c.watch = w
	default:
		if err := InstallTriggers(ctx, d); err != nil {
			return nil, err
		}
		schema, err := authSchema(ctx, d)
		if err != nil {
			return nil, err
		}
		w, err := openPostgres(ctx, c, url, schema, log)
		if err != nil {
			return nil, err
		}
		c.watch = w
	}
	return c, nil
}

// authSchema is the schema of the auth_user table the database's search_path finds (the
// current schema when there is none yet): the triggers announce its changes on its Channel.
func authSchema(ctx context.Context, d *db.DB) (string, error) {
	var schema string
	err := d.QueryRowContext(ctx, `SELECT coalesce((SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.oid = to_regclass('"auth_user"')), current_schema(), 'public')`).Scan(&schema)
	if err != nil {
		return "", fmt.Errorf("authcache: the schema of auth_user: %w", err)
	}
	return schema, nil
}
