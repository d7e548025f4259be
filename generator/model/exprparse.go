package model

import (
	"fmt"
	"strings"

	"github.com/authgen/authgen/generator/spec"
)

// exprError is a problem inside an expression's text, at a byte offset of it.
type exprError struct {
	offset int
	msg    string
}

// exprToken is one token of a permission expression.
type exprToken struct {
	kind   byte // 'i' identifier, '&', '|', '~', '(', ')', 0 end
	text   string
	offset int
}

func (t exprToken) describe() string {
	switch t.kind {
	case 0:
		return "end of expression"
	case 'i':
		return fmt.Sprintf("%q", t.text)
	}
	return fmt.Sprintf("%q", string(t.kind))
}

func lexExpr(s string) ([]exprToken, *exprError) {
	var toks []exprToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.IndexByte("&|~()", c) >= 0:
			toks = append(toks, exprToken{kind: c, text: string(c), offset: i})
			i++
		case c == '_' || isLetter(c):
			j := i
			for j < len(s) && (s[j] == '_' || isLetter(s[j]) || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			toks = append(toks, exprToken{kind: 'i', text: s[i:j], offset: i})
			i = j
		default:
			r := []rune(s[i:])[0]
			return nil, &exprError{i, fmt.Sprintf("unexpected character %q in permission expression; use class names with &, |, ~ and parentheses", r)}
		}
	}
	return append(toks, exprToken{offset: len(s)}), nil
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// exprParser is a recursive-descent parser over Python's precedence: ~ over & over |.
// Identifiers are kept as Ref nodes with a nil Class; the builder resolves them.
type exprParser struct {
	src  spec.Str
	toks []exprToken
	i    int
	refs []exprRef
}

// exprRef is an unresolved class name and its node.
type exprRef struct {
	node   *Expr
	name   string
	offset int
}

// maxExprDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxExprDepth = 100

func parseExprText(src spec.Str) (*Expr, []exprRef, *exprError) {
	toks, err := lexExpr(src.Value)
	if err != nil {
		return nil, nil, err
	}
	p := &exprParser{src: src, toks: toks}
	if p.peek().kind == 0 {
		return nil, nil, &exprError{0, "empty permission expression"}
	}
	x, err := p.or(0)
	if err != nil {
		return nil, nil, err
	}
	if t := p.peek(); t.kind != 0 {
		if e := wordOperator(t); e != nil {
			return nil, nil, e
		}
		return nil, nil, &exprError{t.offset, fmt.Sprintf("unexpected %s in permission expression; expected & or | before it", t.describe())}
	}
	return x, p.refs, nil
}

func (p *exprParser) pos(off int) Pos { return strPos(p.src, off) }

func (p *exprParser) peek() exprToken { return p.toks[p.i] }
func (p *exprParser) next() exprToken { t := p.toks[p.i]; p.i++; return t }

func (p *exprParser) or(depth int) (*Expr, *exprError) {
	x, err := p.and(depth)
	for err == nil && p.peek().kind == '|' {
		t := p.next()
		var y *Expr
		if y, err = p.and(depth); err == nil {
			x = &Expr{Op: Or, X: x, Y: y, Pos: p.pos(t.offset)}
		}
	}
	return x, err
}

func (p *exprParser) and(depth int) (*Expr, *exprError) {
	x, err := p.unary(depth)
	for err == nil && p.peek().kind == '&' {
		t := p.next()
		var y *Expr
		if y, err = p.unary(depth); err == nil {
			x = &Expr{Op: And, X: x, Y: y, Pos: p.pos(t.offset)}
		}
	}
	return x, err
}

func (p *exprParser) unary(depth int) (*Expr, *exprError) {
	if depth > maxExprDepth {
		return nil, &exprError{p.peek().offset, "permission expression nested too deeply"}
	}
	t := p.next()
	switch t.kind {
	case '~':
		x, err := p.unary(depth + 1)
		if err != nil {
			return nil, err
		}
		return &Expr{Op: Not, X: x, Pos: p.pos(t.offset)}, nil
	case '(':
		x, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != ')' {
			return nil, &exprError{c.offset, fmt.Sprintf("missing \")\" to close the \"(\" at column %d", p.pos(t.offset).Col)}
		}
		return x, nil
	case 'i':
		if e := wordOperator(t); e != nil {
			return nil, e
		}
		x := &Expr{Op: Ref, Pos: p.pos(t.offset)}
		p.refs = append(p.refs, exprRef{node: x, name: t.text, offset: t.offset})
		return x, nil
	}
	if t.kind == 0 {
		return nil, &exprError{t.offset, "permission expression ends too early; expected a class name, ~ or ("}
	}
	return nil, &exprError{t.offset, fmt.Sprintf("unexpected %s in permission expression; expected a class name, ~ or (", t.describe())}
}

// wordOperator explains Python's word operators, which DRF's composition does not use.
func wordOperator(t exprToken) *exprError {
	op, ok := map[string]string{"and": "&", "or": "|", "not": "~"}[t.text]
	if t.kind != 'i' || !ok {
		return nil
	}
	return &exprError{t.offset, fmt.Sprintf("%q is not an operator in permission expressions; use %q", t.text, op)}
}

// strPos is the position of byte offset off inside the string scalar s.
func strPos(s spec.Str, off int) Pos {
	p := s.Pos
	// A plain or quoted scalar on one line: the column is exact. Text after a line break of a
	// multi-line scalar cannot be placed exactly; point at the scalar then.
	if !strings.Contains(s.Value[:min(off, len(s.Value))], "\n") && p.Line > 0 {
		p.Col += s.Offset + off
	}
	return p
}
