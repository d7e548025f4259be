package schema_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/schema"
	"github.com/authgen/authgen/runtime/db"
)

// rows are a snapshot of the tables that hold the app's data: auth_user and the models'
// tables, each row's columns as text by id.
type rows map[string]map[int64]map[string]string

// seeded says which tables the tests fill and snapshot.
func seeded(t *schema.Table) bool {
	return t.Model != "" || t.Name == schema.UserTable
}

func snapshot(t *testing.T, d *db.DB, s *schema.State) rows {
	t.Helper()
	out := rows{}
	for _, tb := range s.Tables {
		if !seeded(tb) {
			continue
		}
		out[tb.Name] = map[int64]map[string]string{}
		var names []string
		for _, c := range tb.Columns {
			names = append(names, `"`+c.Name+`"`)
		}
		each(t, d, `SELECT `+strings.Join(names, ", ")+` FROM "`+tb.Name+`"`, func(r *sql.Rows) {
			vals := make([]any, len(names))
			ptrs := make([]any, len(names))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(t, r.Scan(ptrs...))
			row := map[string]string{}
			var id int64
			for i, c := range tb.Columns {
				row[c.Name] = text(vals[i])
				if c.Name == "id" {
					id = vals[i].(int64)
				}
			}
			out[tb.Name][id] = row
		})
	}
	return out
}

// text renders a scanned value so that equal values compare equal.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return string(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

// renames map a former table or column to its current name, for one step.
type renames struct {
	tables  map[string]string            // former → current
	columns map[string]map[string]string // current table → former column → current
	filled  map[string]bool              // "table.column" whose NULLs the step fills
	// converted compares the values of a "table.column" whose type the step changes.
	converted map[string]func(before, after string) bool
}

// requireKept checks that every row of before is still in the database with the same values
// in the columns it kept (following the step's renames), and returns the current rows.
func requireKept(t *testing.T, d *db.DB, s *schema.State, before rows, r renames) rows {
	t.Helper()
	after := snapshot(t, d, s)
	for table, byID := range before {
		current := table
		if to, ok := r.tables[table]; ok {
			current = to
		}
		now, kept := after[current]
		if !kept {
			continue // the table went, as the step means
		}
		require.Len(t, now, len(byID), "rows of %s", current)
		for id, row := range byID {
			got, ok := now[id]
			require.True(t, ok, "%s row %d is kept", current, id)
			for col, v := range row {
				if to, ok := r.columns[current][col]; ok {
					col = to
				}
				if r.filled[current+"."+col] && v == "NULL" {
					continue
				}
				if g, ok := got[col]; ok {
					if same := r.converted[current+"."+col]; same != nil {
						require.True(t, same(v, g), "%s row %d column %s: %s became %s", current, id, col, v, g)
						continue
					}
					require.Equal(t, v, g, "%s row %d column %s", current, id, col)
				}
			}
		}
	}
	return after
}

// seed inserts two rows into every seeded table of the state, referenced tables first, with
// values of each column's type; a foreign key points at the latest row of its table.
func seed(t *testing.T, d *db.DB, s *schema.State, round int) {
	t.Helper()
	ctx := context.Background()
	var tables []*schema.Table
	for _, tb := range s.Tables {
		if seeded(tb) {
			tables = append(tables, tb)
		}
	}
	// auth_user first, then model tables, then join tables: references point backwards.
	slices.SortStableFunc(tables, func(a, b *schema.Table) int { return rank(a) - rank(b) })
	for i := range 2 {
		n := round*10 + i
		for _, tb := range tables {
			var cols, marks []string
			var args []any
			for _, c := range tb.Columns {
				if c.Type == schema.TypeAuto {
					continue
				}
				cols = append(cols, `"`+c.Name+`"`)
				args = append(args, value(t, d, tb, c, n))
				marks = append(marks, fmt.Sprintf("$%d", len(args)))
			}
			q := fmt.Sprintf(`INSERT INTO "%s" (%s) VALUES (%s)`, tb.Name, strings.Join(cols, ", "), strings.Join(marks, ", "))
			_, err := d.ExecContext(ctx, q, args...)
			require.NoError(t, err, q)
		}
	}
}

func rank(t *schema.Table) int {
	switch {
	case t.Name == schema.UserTable:
		return 0
	case t.Field != "":
		return 3
	case t.Model == "Review": // references Product
		return 2
	}
	return 1
}

// value is a value of the column's type for row n.
func value(t *testing.T, d *db.DB, tb *schema.Table, c *schema.Column, n int) any {
	if c.References != "" {
		var id int64
		require.NoError(t, d.QueryRowContext(context.Background(), `SELECT max("id") FROM "`+c.References+`"`).Scan(&id))
		return id
	}
	switch c.Type {
	case "string", "text":
		return fmt.Sprintf("%s %d", c.Name, n)
	case "email":
		return fmt.Sprintf("u%d@example.com", n)
	case "int", "bigint", "smallint", "positive_int", "positive_smallint", "positive_bigint":
		return int64(n + 1)
	case "json":
		return fmt.Sprintf(`{"n": %d}`, n)
	case "bool":
		return n%2 == 0
	case "decimal":
		return fmt.Sprintf("%d.50", n+1)
	case "datetime":
		return time.Date(2024, 1, 2, 3, 4, n, 0, time.UTC)
	case "date":
		return "2024-01-02"
	}
	t.Fatalf("no test value for %s.%s (%s)", tb.Name, c.Name, c.Type)
	return nil
}
