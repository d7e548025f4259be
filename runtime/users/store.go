package users

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/authgen/authgen/runtime/collect"
	"github.com/authgen/authgen/runtime/db"
)

// Store reads and writes users, groups and permissions. It is safe for concurrent use.
type Store struct {
	db        *db.DB
	extra     []Field
	collector *collect.Collector
	// selectList is every column, Django's then the extra ones, ready for SELECT.
	selectList string
}

// NewStore returns the store over d, whose auth_user table has the extra columns described
// by extra (in any order). A field with a name or column that is not a plain lower-case
// identifier, that takes one of Django's columns, or whose default does not fit its kind, is
// an ErrInvalidField error. rels are the app's foreign keys: deleting a user or a group
// follows them and Django's own, as Django's Collector does (see runtime/collect).
func NewStore(d *db.DB, extra []Field, rels ...collect.Relation) (*Store, error) {
	s := &Store{db: d, extra: make([]Field, len(extra)), collector: collect.New(rels...)}
	copy(s.extra, extra)
	seen := map[string]bool{}
	cols := []string{builtinColumns}
	for i := range s.extra {
		f := &s.extra[i]
		if err := f.check(); err != nil {
			return nil, err
		}
		if seen[f.Name] || seen["col:"+f.Column] {
			return nil, fmt.Errorf("%w: %q declared twice", ErrInvalidField, f.Name)
		}
		seen[f.Name], seen["col:"+f.Column] = true, true
		cols = append(cols, `"`+f.Column+`"`)
	}
	s.selectList = strings.Join(cols, ", ")
	return s, nil
}

// DB returns the database the store works on.
func (s *Store) DB() *db.DB { return s.db }

// Fields returns the extra fields, as given to NewStore (Column filled in).
func (s *Store) Fields() []Field { return append([]Field(nil), s.extra...) }

// Field returns the extra field named name.
func (s *Store) Field(name string) (Field, bool) {
	for _, f := range s.extra {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Get returns the user with the given id.
func (s *Store) Get(ctx context.Context, id int64) (*User, error) {
	return s.one(ctx, `"id" = $1`, id)
}

// GetByUsername returns the user whose username is exactly username.
func (s *Store) GetByUsername(ctx context.Context, username string) (*User, error) {
	return s.one(ctx, `"username" = $1`, username)
}

// GetByEmail returns the one user whose e-mail address is exactly email: the lookup of a
// login by e-mail. When several users share the address it returns ErrMultiple rather than
// guess, so an app whose addresses are not unique cannot log someone into another account.
func (s *Store) GetByEmail(ctx context.Context, email string) (*User, error) {
	list, err := s.list(ctx, `WHERE "email" = $1 ORDER BY "id" LIMIT 2`, email)
	if err != nil {
		return nil, err
	}
	switch len(list) {
	case 0:
		return nil, fmt.Errorf("%w: user with e-mail %q", ErrNotFound, email)
	case 1:
		return list[0], nil
	}
	return nil, fmt.Errorf("%w: e-mail %q", ErrMultiple, email)
}

// ListByEmail returns the users whose e-mail address is exactly email and whose is_active
// is active, ordered by id: the recipients of djoser's reset and re-activation mails.
func (s *Store) ListByEmail(ctx context.Context, email string, active bool) ([]*User, error) {
	return s.list(ctx, `WHERE "email" = $1 AND "is_active" = $2 ORDER BY "id"`, email, active)
}

// List returns every user ordered by id.
func (s *Store) List(ctx context.Context) ([]*User, error) {
	return s.list(ctx, `ORDER BY "id"`)
}

// ListWindow returns at most limit users ordered by id, after the first offset: a page of List.
func (s *Store) ListWindow(ctx context.Context, limit, offset int64) ([]*User, error) {
	return s.list(ctx, `ORDER BY "id" LIMIT $1 OFFSET $2`, limit, offset)
}

// Count returns the number of users.
func (s *Store) Count(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM "auth_user"`).Scan(&n); err != nil {
		return 0, fmt.Errorf("users: count users: %w", err)
	}
	return n, nil
}

// Exists reports whether a user other than exceptID (0: none) has value in the column of
// field name, a built-in column or an extra field: the check of DRF's UniqueValidator.
func (s *Store) Exists(ctx context.Context, name string, value any, exceptID int64) (bool, error) {
	col, err := s.column(name)
	if err != nil {
		return false, err
	}
	if f, ok := s.Field(name); ok {
		if value, err = f.toDB(value); err != nil {
			return false, err
		}
	}
	var found bool
	err = s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM "auth_user" WHERE "`+col+`" = $1 AND "id" <> $2)`, value, exceptID).Scan(&found)
	if err != nil {
		return false, fmt.Errorf("users: exists %s: %w", name, err)
	}
	return found, nil
}

func (s *Store) one(ctx context.Context, where string, args ...any) (*User, error) {
	u, err := s.scanUser(s.db.QueryRowContext(ctx, `SELECT `+s.selectList+` FROM "auth_user" WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: user", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("users: get user: %w", err)
	}
	return u, nil
}

func (s *Store) list(ctx context.Context, tail string, args ...any) ([]*User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+s.selectList+` FROM "auth_user" `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("users: list users: %w", err)
	}
	defer rows.Close()
	var out []*User
	for rows.Next() {
		u, err := s.scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("users: list users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("users: list users: %w", err)
	}
	return out, nil
}

// column returns the SQL column of a field name, built-in or extra.
func (s *Store) column(name string) (string, error) {
	for _, b := range builtinNames {
		if name == b {
			return b, nil
		}
	}
	if f, ok := s.Field(name); ok {
		return f.Column, nil
	}
	return "", fmt.Errorf("%w: no column %q", ErrInvalidField, name)
}
