package db

import (
	"iter"
	"strconv"
	"strings"
)

// MaxIn is the most values Chunks puts in one IN list: well below the parameter limits of
// SQLite (32766) and PostgreSQL (65535), so a query over any number of rows still runs.
const MaxIn = 500

// In returns the placeholders of an IN list of n values, numbered from $1: "($1, $2, $3)".
// Only placeholders are built: the values travel as parameters.
func In(n int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteString(", ")
		}
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(i))
	}
	b.WriteByte(')')
	return b.String()
}

// Chunks yields ids as query arguments in runs of at most MaxIn, for a query with In(len(run)).
func Chunks(ids []int64) iter.Seq[[]any] {
	return func(yield func([]any) bool) {
		for start := 0; start < len(ids); start += MaxIn {
			run := ids[start:min(start+MaxIn, len(ids))]
			args := make([]any, len(run))
			for i, id := range run {
				args[i] = id
			}
			if !yield(args) {
				return
			}
		}
	}
}
