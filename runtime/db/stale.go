package db

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// A PostgreSQL connection keeps the statements pgx prepared on it. When another instance
// migrates the database and the migration changes the type of a column such a statement
// returns (widening a max_length does), PostgreSQL refuses the statement's next run with
// "cached plan must not change result type", once on each connection that prepared it.
// pgx then forgets the statement on that connection, and the query succeeds when tried
// again. So DB tries again, on whatever connection the pool hands it, up to once per
// connection of the pool: a rolling deploy's migration costs the instances still running no
// failed request. A transaction cannot go on after the error: InTx runs fn again, in a new
// one.

// stalePlanRetries bounds the tries: every stale connection of the pool may come first.
const stalePlanRetries = postgresMaxConns

// IsStalePlan reports whether err is PostgreSQL refusing a prepared statement whose result
// type a schema change has changed.
func IsStalePlan(err error) bool {
	if err == nil {
		return false // before pgErr, which escapes: no allocation on the path of every query
	}
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "0A000" && pgErr.Message == "cached plan must not change result type"
}

// QueryContext is sql.DB's, tried again on a stale plan; on SQLite, under runContext.
func (d *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx = d.runContext(ctx)
	return againOnStalePlan(func() (*sql.Rows, error) { return d.DB.QueryContext(ctx, query, args...) })
}

// QueryRowContext is sql.DB's, tried again on a stale plan; on SQLite, under runContext.
func (d *DB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	ctx = d.runContext(ctx)
	row, _ := againOnStalePlan(func() (*sql.Row, error) {
		row := d.DB.QueryRowContext(ctx, query, args...)
		return row, row.Err()
	})
	return row
}

// ExecContext is sql.DB's, tried again on a stale plan.
func (d *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return againOnStalePlan(func() (sql.Result, error) { return d.DB.ExecContext(ctx, query, args...) })
}

// runContext is the context a query runs under. On SQLite, a context that can be canceled
// but has no deadline (a request's: it ends when the client goes away) is handed over
// without its cancellation: database/sql and the driver each start a goroutine per query
// to watch a context that can end, about a twentieth of the instructions of a request that
// lists 20 rows. A query of a request that is gone does not start (database/sql sees the
// context ended), All stops at the next row, and a statement that has started runs to its
// end: on SQLite, in WAL mode, a read waits for no writer. A context with a deadline (a
// health check's) keeps it, and the query is interrupted when it passes. PostgreSQL's
// queries keep their context: they run on another machine, where a cancellation frees what
// a slow query holds.
func (d *DB) runContext(ctx context.Context) context.Context {
	if d.Dialect != SQLite || ctx.Done() == nil || ctx.Err() != nil {
		return ctx
	}
	if _, ok := ctx.Deadline(); ok {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

// againOnStalePlan runs do, and again while it meets a stale plan, up to stalePlanRetries
// times more.
func againOnStalePlan[T any](do func() (T, error)) (T, error) {
	v, err := do()
	for try := 0; try < stalePlanRetries && IsStalePlan(err); try++ {
		v, err = do()
	}
	return v, err
}
