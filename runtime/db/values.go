package db

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
)

// AllValues runs query and hands each row it returns to read, in order, as the values of its
// columns: what database/sql's Scan stores into a *any for each (the driver's value, a []byte
// copied), which fields.Row converts. The slice is the same for every row: read may keep the
// values, not the slice.
//
// On SQLite the rows are read below database/sql, from the connection's own rows into that
// one slice: database/sql's Rows would add, per row, its Next and a Scan that converts each
// column into a *any, and a slice of pointers to scan into, for values that arrive as they
// are. On PostgreSQL, in a transaction, or on a plain *sql.DB, database/sql reads them, into
// the same slice.
func AllValues[T any](ctx context.Context, q Querier, read func(values []driver.Value) (T, error), query string, args ...any) ([]T, error) {
	if d, ok := q.(*DB); ok && d.Dialect == SQLite && positional(args) {
		out, err, done := allDriverValues(ctx, d, read, query, args)
		if done {
			return out, err
		}
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	values, dest := make([]driver.Value, len(cols)), make([]any, len(cols))
	for i := range values {
		dest[i] = (*any)(&values[i])
	}
	var out []T
	for rows.Next() {
		if err := ctx.Err(); err != nil { // the request is gone, as in All
			return nil, err
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		v, err := read(values)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// positional reports whether args holds no sql.NamedArg: the arguments allDriverValues
// converts as database/sql does (each through the connection's CheckNamedValue, by position).
func positional(args []any) bool {
	for _, a := range args {
		if _, ok := a.(sql.NamedArg); ok {
			return false
		}
	}
	return true
}

// valuesConn is what allDriverValues uses of a driver connection: the SQLite connections
// Open makes (djangoTimeConn) have it.
type valuesConn interface {
	driver.QueryerContext
	driver.NamedValueChecker
}

// allDriverValues is AllValues on one connection of d's pool, through the driver's own
// QueryContext and Next. done is false when the query did not start and database/sql should
// run it instead: the connection is not one of Open's, or it was bad (database/sql then
// tries another, as it does for every query).
func allDriverValues[T any](ctx context.Context, d *DB, read func([]driver.Value) (T, error), query string, args []any) (out []T, err error, done bool) {
	conn, err := d.DB.Conn(ctx)
	if err != nil {
		return nil, err, true
	}
	defer conn.Close()
	started := false
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(valuesConn)
		if !ok {
			return errNotValuesConn
		}
		out, err = driverValues(ctx, d.runContext(ctx), c, read, query, args, &started)
		return err
	})
	if !started && (errors.Is(err, errNotValuesConn) || errors.Is(err, driver.ErrBadConn)) {
		return nil, nil, false
	}
	if err != nil {
		return nil, err, true
	}
	return out, nil, true
}

// errNotValuesConn is a connection that is not one of Open's SQLite connections.
var errNotValuesConn = errors.New("db: not a connection of Open's")

// driverValues runs query on c and hands each row to read, as AllValues does.
func driverValues[T any](ctx, runCtx context.Context, c valuesConn, read func([]driver.Value) (T, error), query string, args []any, started *bool) ([]T, error) {
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
		if err := c.CheckNamedValue(&named[i]); err != nil {
			// database/sql's words for an argument it cannot convert
			return nil, fmt.Errorf("sql: converting argument $%d type: %w", i+1, err)
		}
	}
	rows, err := c.QueryContext(runCtx, query, named)
	if err != nil {
		return nil, err
	}
	*started = true
	defer rows.Close()
	values := make([]driver.Value, len(rows.Columns()))
	var out []T
	for {
		if err := rows.Next(values); err != nil {
			if err == io.EOF {
				return out, nil
			}
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for i, v := range values {
			if b, ok := v.([]byte); ok { // database/sql's Scan copies what the driver may reuse
				values[i] = bytes.Clone(b)
			}
		}
		v, err := read(values)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}
