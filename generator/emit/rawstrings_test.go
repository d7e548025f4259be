package emit

import (
	"bytes"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRawStrings(t *testing.T) {
	tests := []struct{ in, want string }{
		{`q := "SELECT \"id\" FROM \"t\""`, "q := `SELECT \"id\" FROM \"t\"`"},
		{`m := "no quotes here"`, `m := "no quotes here"`},
		{"m := \"has a \\\"quote\\\" and a `tick`\"", "m := \"has a \\\"quote\\\" and a `tick`\""},
		{`m := "two\nlines \"x\""`, "m := `two\nlines \"x\"`"},   // SQL of several lines
		{`m := "a\r\nreturn \"x\""`, `m := "a\r\nreturn \"x\""`}, // gofmt would drop the \r of a raw one
		{"type T struct{ A int `json:\"a\"` }", "type T struct{ A int `json:\"a\"` }"},
		{`a, b := "\"x\"", "y"`, "a, b := `\"x\"`, \"y\""},
		// Quotes that open no string literal: in comments, rune and raw string literals.
		{`c := '"' // "\"not a literal\""` + "\n" + `d := "\"y\""`, "c := '\"' // \"\\\"not a literal\\\"\"\nd := `\"y\"`"},
		{`/* "\"x\"" */ e := "\"z\""`, "/* \"\\\"x\\\"\" */ e := `\"z\"`"},
		{"f := `\"` + \"\\\"w\\\"\"", "f := `\"` + `\"w\"`"},
		{`g := '\'' + "\x22q\x22"`, "g := '\\'' + `\"q\"`"},
		{`h := "\\" + "\"v\""`, "h := \"\\\\\" + `\"v\"`"},
		{`k := "unterminated \"` + "\n" + `l := "\"u\""`, "k := \"unterminated \\\"\nl := `\"u\"`"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, string(rawStrings([]byte(tt.in))), tt.in)
		require.Equal(t, scannerRawStrings([]byte(tt.in)), rawStrings([]byte(tt.in)), tt.in)
	}
}

func TestGroupImports(t *testing.T) {
	src := "package p\n\nimport (\n\"context\"\n\"github.com/x/y\"\n\"net/http\"\nz \"example.com/z\"\n)\n\nvar s = \"\\\"q\\\"\"\n"
	want := "package p\n\nimport (\n\"context\"\n\"net/http\"\n\n\"github.com/x/y\"\nz \"example.com/z\"\n)\n\nvar s = `\"q\"`\n"
	require.Equal(t, want, string(tidy(nil, []byte(src))))
	// One group, or no block: nothing to split.
	for _, src := range []string{
		"package p\n\nimport (\n\"context\"\n\"net/http\"\n)\n",
		"package p\n\nimport \"context\"\n",
	} {
		require.Equal(t, src, string(tidy(nil, []byte(src))))
	}
}

// TestTidyScanner runs tidy over the jennifer output of every Go file of the repository's
// specs and compares it with the rewrite made with go/scanner and strings (the way it was
// first written, slower): the same bytes.
func TestTidyScanner(t *testing.T) {
	for path, app := range specs(t) {
		for name, build := range goFiles(app) {
			f := build()
			f.NoFormat = true
			var buf bytes.Buffer
			require.NoError(t, f.Render(&buf), name)
			src := buf.Bytes()
			want := scannerRawStrings(splitImports(src))
			require.Equal(t, string(want), string(tidy(nil, src)), "%s: %s", path, name)
		}
	}
}

// scannerRawStrings is rawStrings written with go/scanner: the reference for the scanner of
// appendRawStrings.
func scannerRawStrings(src []byte) []byte {
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
		out.WriteString(string(src[last:off]) + "`" + value + "`")
		last = off + len(lit)
	}
	out.Write(src[last:])
	return out.Bytes()
}

// splitImports is the import grouping written with strings: the reference for
// appendGroupedImports.
func splitImports(src []byte) []byte {
	start, end, ok := importBlock(src)
	if !ok {
		return src
	}
	var std, other []string
	for _, line := range strings.Split(string(src[start:end]), "\n") {
		path := strings.Trim(strings.TrimSpace(line), `"`)
		if path == "" {
			continue
		}
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			other = append(other, line)
		} else {
			std = append(std, line)
		}
	}
	if len(std) == 0 || len(other) == 0 {
		return src
	}
	return []byte(string(src[:start]) + strings.Join(std, "\n") + "\n\n" + strings.Join(other, "\n") + string(src[end:]))
}
