package spec

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/authgen/authgen/generator/diag"
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns yaml.v3's "yaml: line N: msg" into an error at the line and column of the
// mistake. yaml.v3 reports no column, and for the parser's errors (an unclosed { or [, a
// key expected) the line before the construct's start: both are recovered from src.
func yamlError(file string, src []byte, err error) diag.Error {
	msg := err.Error()
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return diag.Error{Pos: diag.Pos{File: file}, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	msg = m[2]
	lines := strings.Split(string(src), "\n")
	// A tab in an indentation is the most common cause, and yaml.v3's words for it ("found
	// character that cannot start any token") do not name it.
	for i := 0; i < len(lines) && i <= line; i++ {
		indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " \t"))]
		if col := strings.IndexByte(indent, '\t'); col >= 0 {
			return diag.Error{Pos: diag.Pos{File: file, Line: i + 1, Col: col + 1},
				Msg: "invalid YAML: a tab indents this line; YAML indents with spaces only"}
		}
	}
	if parserError(msg) {
		line++ // yaml.v3 counts the parser's context line from 0
	}
	if msg == "did not find expected key" {
		if bad, col := misindented(lines, line); bad > 0 {
			return diag.Error{Pos: diag.Pos{File: file, Line: bad, Col: col},
				Msg: "invalid YAML: did not find expected key (this line is indented unlike the keys above it)"}
		}
	}
	text := ""
	if line >= 1 && line <= len(lines) {
		text = lines[line-1]
	}
	col, hint := yamlColumn(msg, text)
	return diag.Error{Pos: diag.Pos{File: file, Line: line, Col: col}, Msg: "invalid YAML: " + msg + hint}
}

// parserError reports whether msg is one of the errors yaml.v3's parser reports at the
// start of a construct, rather than its scanner at the character.
func parserError(msg string) bool {
	switch msg {
	case "did not find expected key", "did not find expected ',' or '}'", "did not find expected ',' or ']'",
		"did not find expected node content", "did not find expected '-' indicator":
		return true
	}
	return false
}

// yamlColumn finds, on the error's line, the column of the mistake the message describes,
// and a hint saying what is there; 1 and "" when the message is not one it knows.
func yamlColumn(msg, line string) (int, string) {
	first := len(line) - len(strings.TrimLeft(line, " ")) + 1
	switch msg {
	case "did not find expected ',' or '}'":
		if col := unclosed(line, '{', '}'); col > 0 {
			return col, " (the { here is never closed)"
		}
	case "did not find expected ',' or ']'":
		if col := unclosed(line, '[', ']'); col > 0 {
			return col, " (the [ here is never closed)"
		}
	case "mapping values are not allowed in this context":
		// A second "key:" on a line, or a key indented under a scalar.
		if i := strings.Index(line, ": "); i >= 0 {
			if j := strings.Index(line[i+2:], ": "); j >= 0 && !strings.ContainsAny(line[:i+2+j], "{[\"'") {
				return i + 2 + j + 1, " (quote the value if the colon belongs to it)"
			}
		}
		return first, " (is this line indented too far?)"
	case "found character that cannot start any token":
		if i := strings.IndexAny(line, "@`"); i >= 0 {
			return i + 1, " (quote a value that starts with " + string(line[i]) + ")"
		}
	case "found unexpected end of stream":
		for i, c := range line {
			if (c == '\'' || c == '"') && strings.Count(line, string(c))%2 == 1 {
				return i + 1, " (the quote here is never closed)"
			}
		}
	case "did not find expected key":
		return first, " (a line of the mapping that starts here is indented unlike its keys)"
	}
	if strings.TrimSpace(line) == "" {
		return 1, ""
	}
	return first, ""
}

// misindented finds the line that breaks the block mapping starting at line start (1-based):
// the first line below whose indentation is neither that of an open mapping's keys nor one
// level deeper under a key without a value. It returns 0 when there is none.
func misindented(lines []string, start int) (int, int) {
	if start < 1 || start > len(lines) {
		return 0, 0
	}
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	levels := []int{indent(lines[start-1])}
	opens := func(s string) bool { // a key whose value is the block below
		t := strings.TrimSpace(strings.SplitN(s, " #", 2)[0])
		return strings.HasSuffix(t, ":")
	}
	child := opens(lines[start-1])
	for i := start; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		ind := indent(lines[i])
		switch {
		case child && ind > levels[len(levels)-1]:
			levels = append(levels, ind)
		default:
			for len(levels) > 1 && ind < levels[len(levels)-1] {
				levels = levels[:len(levels)-1]
			}
			if ind < levels[0] {
				return 0, 0 // the mapping ended
			}
			if ind != levels[len(levels)-1] {
				return i + 1, ind + 1
			}
		}
		child = opens(lines[i])
	}
	return 0, 0
}

// unclosed is the column of the first open bracket on line not closed on it, or 0.
func unclosed(line string, open, close byte) int {
	var stack []int
	quote := byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' '):
			i = len(line)
		case c == open:
			stack = append(stack, i)
		case c == close && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) == 0 {
		return 0
	}
	return stack[0] + 1
}
