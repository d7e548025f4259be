package emit

import (
	"bytes"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
	"unicode"
)

// rawStrings rewrites interpreted string literals that hold double quotes as raw ones, so
// that SQL reads as SQL in review: `SELECT "store_product"."id" …` instead of
// "SELECT \"store_product\".\"id\" …". A literal is rewritten only when its value is a
// single line of printable characters without a backquote, so the meaning cannot change.
func rawStrings(src []byte) []byte {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	s.Init(file, src, nil, 0)
	var out bytes.Buffer
	last := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.STRING || !strings.HasPrefix(lit, `"`) {
			continue
		}
		value, err := strconv.Unquote(lit)
		if err != nil || !strings.Contains(value, `"`) || !rawable(value) {
			continue
		}
		off := file.Offset(pos)
		out.Write(src[last:off])
		out.WriteString("`" + value + "`")
		last = off + len(lit)
	}
	if last == 0 {
		return src
	}
	out.Write(src[last:])
	return out.Bytes()
}

func rawable(s string) bool {
	for _, r := range s {
		if r == '`' || r == unicode.ReplacementChar || (!unicode.IsPrint(r) && r != ' ') {
			return false
		}
	}
	return true
}
