package emit

import (
	"slices"
	"strings"

	. "github.com/dave/jennifer/jen"
)

// Generated lines keep to lineWidth characters where a careful person would wrap them:
// comments, SQL, long lists and literals. Lines are measured as the text the emitters
// know they write, so wrapping costs no rendering.
const lineWidth = 100

// comment writes text as line comments of at most lineWidth characters, wrapped at spaces.
func comment(f *File, text string) {
	for _, line := range wrapWords(text, lineWidth-3) {
		f.Comment(line)
	}
}

// wrapWords splits text at spaces into lines of at most width characters (a longer word
// keeps a line of its own).
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	return append(lines, line)
}

// packed returns items for a composite literal or call, with a line break before an item
// that would take its line past lineWidth; widths are the items' lengths as written (of its
// first line, for an SQL literal of several: the next item then starts a line), indent the
// column the first item starts at. Short lists stay on one line, as written by hand.
func packed(items []Code, widths []int, indent int) []Code {
	total := indent
	for _, w := range widths {
		total += w + 2
	}
	if total <= lineWidth && !slices.Contains(widths, -1) {
		return items
	}
	out := make([]Code, len(items))
	col := lineWidth // break before the first item: the list starts on its own line
	for i, item := range items {
		w := widths[i]
		if col+w+2 > lineWidth {
			out[i] = Line().Add(item)
			col = 8
		} else {
			out[i] = item
		}
		col += w + 2
		if w < 0 { // a literal of several lines ends its line
			col = lineWidth
		}
	}
	return append(out, Line())
}

// sqlClauses are where sqlLines starts a line, outside parentheses.
var sqlClauses = []string{" FROM ", " WHERE ", " VALUES ", " RETURNING ", " ORDER BY ", " LIMIT "}

// sqlLines wraps an SQL statement (or fragment) longer than a line: each clause outside
// parentheses on a line of its own, lists broken after a comma at lineWidth. Continuation
// lines start with tabs tabs, inside the raw string (SQL reads them as a space), so that they
// line up with the Go code around the literal.
func sqlLines(sql string, tabs int) string {
	if len(sql) <= lineWidth-30 {
		return sql
	}
	// The lines are written into out as they end: each continuation line is the newline
	// and the tabs, then the text of the line, which is sql[start:i] (the space a break
	// replaces is dropped).
	var out strings.Builder
	out.Grow(len(sql) + 8*(1+tabs))
	start, depth, quoted := 0, 0, byte(0)
	col := 30 // where the literal starts, about
	newline := func(i int) {
		out.WriteString(sql[start:i])
		out.WriteByte('\n')
		for range tabs {
			out.WriteByte('\t')
		}
		start, col = i+1, 8*tabs
	}
	for i := 0; i < len(sql); i++ {
		c := sql[i]
		switch {
		case quoted != 0:
			if c == quoted {
				quoted = 0
			}
		case c == '"' || c == '\'':
			quoted = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ' ' && depth == 0 && i > start && clauseAt(sql[i:]):
			newline(i)
			continue
		case c == ' ' && depth > 0 && col > lineWidth-40 && breakAt(sql[i:]):
			// Inside parentheses a long condition breaks before its next clause or operand.
			newline(i)
			continue
		case c == ' ' && depth <= 1 && i > 0 && sql[i-1] == ',' && col+nextWord(sql[i+1:]) > lineWidth-4:
			newline(i)
			continue
		}
		col++
	}
	out.WriteString(sql[start:])
	return out.String()
}

// breakAt reports a clause, a join or a condition's operand starting at s.
func breakAt(s string) bool {
	for _, w := range []string{" JOIN ", " AND ", " OR "} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return clauseAt(s)
}

func clauseAt(s string) bool {
	for _, c := range sqlClauses {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// nextWord is the length of s up to its next comma or space, or of the parenthesized
// group it starts with.
func nextWord(s string) int {
	if strings.HasPrefix(s, "(") {
		if i := strings.IndexByte(s, ')'); i >= 0 {
			return i + 1
		}
	}
	if i := strings.IndexAny(s, ", "); i >= 0 {
		return i + 1
	}
	return len(s)
}

// sqlWidth is how much of a line an SQL literal takes: its length, or -1 for one of several
// lines, which ends the line it ends on.
func sqlWidth(sql string) int {
	if i := strings.IndexByte(sql, '\n'); i >= 0 {
		return -1
	}
	return len(sql) + 2
}
