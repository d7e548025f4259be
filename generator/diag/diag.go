// Package diag reports spec errors as "authgen.yaml:12:5: message", all of them at once.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a spec file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	File      string
	Line, Col int
}

// String renders "file:line:col", dropping the unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem in a spec, at a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e Error) Error() string {
	if p := e.Pos.String(); p != "" {
		return p + ": " + e.Msg
	}
	return e.Msg
}

// List collects errors. The zero List is ready to use; Err returns nil when it is empty, so
// callers can `return list.Err()`.
type List []Error

// Add appends an error at pos, formatting msg with args as fmt.Sprintf.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Append adds every error of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the list by file, line, column, then message, and drops exact duplicates (the
// same problem found twice through two paths is reported once).
func (l *List) Sort() {
	slices.SortStableFunc(*l, func(a, b Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	*l = slices.Compact(*l)
}

// Error renders every error, sorted, one per line.
func (l List) Error() string {
	s := slices.Clone(l)
	s.Sort()
	var b strings.Builder
	for i, e := range s {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list as an error (sorted), or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	s := slices.Clone(l)
	s.Sort()
	return s
}
