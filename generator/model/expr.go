package model

import "strings"

// String renders the expression in DRF's syntax with the fewest parentheses that keep its
// structure: "IsAuthenticatedOrReadOnly & IsOwnerOrReadOnly", "~(ReadOnly | IsAdminUser)".
func (e *Expr) String() string {
	var b strings.Builder
	e.write(&b)
	return b.String()
}

// precedence follows Python's: ~ binds tighter than &, which binds tighter than |.
func (e *Expr) precedence() int {
	switch e.Op {
	case Or:
		return 1
	case And:
		return 2
	default:
		return 3
	}
}

func (e *Expr) write(b *strings.Builder) {
	switch e.Op {
	case Ref:
		b.WriteString(e.Class.Name)
	case Not:
		b.WriteByte('~')
		e.X.writeChild(b, e.X.precedence() < 3)
	case And, Or:
		op := " & "
		if e.Op == Or {
			op = " | "
		}
		// Left-associative: a right operand of equal precedence keeps its parentheses.
		e.X.writeChild(b, e.X.precedence() < e.precedence())
		b.WriteString(op)
		e.Y.writeChild(b, e.Y.precedence() <= e.precedence())
	}
}

func (e *Expr) writeChild(b *strings.Builder, paren bool) {
	if paren {
		b.WriteByte('(')
	}
	e.write(b)
	if paren {
		b.WriteByte(')')
	}
}

// Classes returns the distinct classes the expression refers to, in order of first appearance.
// Custom Expr classes are not expanded.
func (e *Expr) Classes() []*PermClass {
	var out []*PermClass
	seen := map[*PermClass]bool{}
	var walk func(*Expr)
	walk = func(x *Expr) {
		if x == nil {
			return
		}
		if x.Op == Ref {
			if !seen[x.Class] {
				seen[x.Class] = true
				out = append(out, x.Class)
			}
			return
		}
		walk(x.X)
		walk(x.Y)
	}
	walk(e)
	return out
}
