package users

import (
	"context"
	"database/sql"
	"sync"
)

// stmts caches the prepared statements of the queries every request runs (the user of a
// token, its permissions, a login lookup). SQLite otherwise compiles each query anew, which
// costs more than running it; database/sql prepares a statement again on each connection
// that needs it.
type stmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// prepared returns the statement of q, preparing it on first use. A failure is not kept,
// so a cancelled request does not spoil the statement for the next.
func (s *Store) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	if st, ok := s.stmts.m[q]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if s.stmts.m == nil {
		s.stmts.m = map[string]*sql.Stmt{}
	}
	s.stmts.m[q] = st
	return st, nil
}

// queryRow runs a cached statement returning at most one row.
func (s *Store) queryRow(ctx context.Context, q string, args ...any) (*sql.Row, error) {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryRowContext(ctx, args...), nil
}

// query runs a cached statement.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}
