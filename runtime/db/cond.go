package db

import (
	"strconv"
	"strings"
)

// Column is a model's column as a condition names it: its table and column, quoted
// ("\"library_loan\".\"borrower_id\""). Generated packages declare one per field of a model
// a get_queryset hook filters, so that the application's code writes no SQL.
type Column string

// Cond is a condition on rows, Django's Q object: SQL with "?" where each value goes, and
// the values, which are always sent as parameters. The zero Cond holds for every row.
type Cond struct {
	sql  string
	args []any
}

// IsZero reports whether c is the zero Cond, which filters nothing.
func (c Cond) IsZero() bool { return c.sql == "" }

// Eq holds where the column equals v (Django's field=v); a nil v is IsNull.
func (c Column) Eq(v any) Cond {
	if v == nil {
		return c.IsNull()
	}
	return Cond{string(c) + " = ?", []any{v}}
}

// Ne holds where the column is not v, NULL excluded (Django's exclude(field=v) keeps NULLs;
// write Or(c.Ne(v), c.IsNull()) for that).
func (c Column) Ne(v any) Cond { return Cond{string(c) + " <> ?", []any{v}} }

// Lt, Lte, Gt and Gte compare the column with v (Django's __lt, __lte, __gt, __gte).
func (c Column) Lt(v any) Cond  { return Cond{string(c) + " < ?", []any{v}} }
func (c Column) Lte(v any) Cond { return Cond{string(c) + " <= ?", []any{v}} }
func (c Column) Gt(v any) Cond  { return Cond{string(c) + " > ?", []any{v}} }
func (c Column) Gte(v any) Cond { return Cond{string(c) + " >= ?", []any{v}} }

// In holds where the column is one of vs (Django's __in); no values holds for no row.
func (c Column) In(vs ...any) Cond {
	if len(vs) == 0 {
		return Cond{"1 = 0", nil}
	}
	return Cond{string(c) + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(vs)), ", ") + ")", vs}
}

// IsNull holds where the column is NULL (Django's __isnull=True).
func (c Column) IsNull() Cond { return Cond{string(c) + " IS NULL", nil} }

// IContains holds where the column contains s, ignoring case (Django's __icontains, with
// its LIKE escaping of % and _).
func (c Column) IContains(s string) Cond {
	escaped := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
	return Cond{"UPPER(" + string(c) + ") LIKE UPPER(?) ESCAPE '\\'", []any{"%" + escaped + "%"}}
}

// And holds where every one of cs holds; zero Conds are left out.
func And(cs ...Cond) Cond { return join(" AND ", cs) }

// Or holds where any of cs holds; zero Conds are left out, and Or of nothing holds for
// every row.
func Or(cs ...Cond) Cond { return join(" OR ", cs) }

// Not holds where c does not; Not of the zero Cond holds for no row.
func Not(c Cond) Cond {
	if c.IsZero() {
		return Cond{"1 = 0", nil}
	}
	return Cond{"NOT (" + c.sql + ")", c.args}
}

func join(op string, cs []Cond) Cond {
	var parts []string
	var args []any
	for _, c := range cs {
		if c.IsZero() {
			continue
		}
		parts = append(parts, "("+c.sql+")")
		args = append(args, c.args...)
	}
	if len(parts) == 1 {
		return Cond{strings.TrimSuffix(strings.TrimPrefix(parts[0], "("), ")"), args}
	}
	return Cond{strings.Join(parts, op), args}
}

// Where returns " WHERE " and base (SQL with $1…$n, n = len(args)) and c together, c's
// placeholders numbered after base's, with the values of both: the condition of a query
// whose fixed part the generator wrote and whose filter a hook chose. Both empty is "".
func (c Cond) Where(base string, args ...any) (string, []any) {
	var b strings.Builder
	if base != "" || !c.IsZero() {
		b.WriteString(" WHERE ")
	}
	b.WriteString(base)
	if c.IsZero() {
		return b.String(), args
	}
	if base != "" {
		b.WriteString(" AND ")
	}
	b.WriteByte('(')
	n := len(args)
	for i := 0; i < len(c.sql); i++ {
		switch {
		case c.sql[i] == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		case c.sql[i] == '\'': // a quoted literal (ESCAPE '\') holds no placeholder
			j := strings.IndexByte(c.sql[i+1:], '\'')
			b.WriteString(c.sql[i : i+j+2])
			i += j + 1
		default:
			b.WriteByte(c.sql[i])
		}
	}
	b.WriteByte(')')
	return b.String(), append(args, c.args...)
}

// LimitOffset is " LIMIT $n+1 OFFSET $n+2": a page of a query with n values before it.
func LimitOffset(n int) string {
	return " LIMIT $" + strconv.Itoa(n+1) + " OFFSET $" + strconv.Itoa(n+2)
}
