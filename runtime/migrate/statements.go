package migrate

import (
	"regexp"
	"strings"
)

// Applying a migration sends its file whole. Adopting a database (FakeInitial) must instead
// pick, from the initial migration, the statements that create what the database lacks, so
// only that path splits a file into statements.

// statement is one SQL statement of a migration file and the table it works on.
type statement struct {
	text  string
	kind  string // "table" (CREATE TABLE), "index" (CREATE INDEX), "insert", "alter" (ALTER TABLE), or "" for others
	table string // the table created, indexed, written to or altered; "" when unknown
}

// statementTarget recognises the statements a generated migration holds.
var statementTarget = regexp.MustCompile(`(?is)^(?:(CREATE\s+TABLE)(?:\s+IF\s+NOT\s+EXISTS)?\s+"([^"]+)"|(CREATE\s+(?:UNIQUE\s+)?INDEX)(?:\s+IF\s+NOT\s+EXISTS)?\s+"[^"]+"\s+ON\s+"([^"]+)"|(INSERT\s+INTO)\s+"([^"]+)"|(ALTER\s+TABLE)(?:\s+ONLY)?\s+"([^"]+)")`)

// parseStatements splits text into statements and tells what each works on.
func parseStatements(text string) []statement {
	var out []statement
	for _, s := range splitStatements(text) {
		st := statement{text: s}
		if m := statementTarget.FindStringSubmatch(s); m != nil {
			switch {
			case m[1] != "":
				st.kind, st.table = "table", m[2]
			case m[3] != "":
				st.kind, st.table = "index", m[4]
			case m[5] != "":
				st.kind, st.table = "insert", m[6]
			default:
				st.kind, st.table = "alter", m[8]
			}
		}
		out = append(out, st)
	}
	return out
}

// createdTables returns the tables that text creates, in order.
func createdTables(text string) []string {
	var names []string
	for _, st := range parseStatements(text) {
		if st.kind == "table" {
			names = append(names, st.table)
		}
	}
	return names
}

// splitStatements splits SQL text at the semicolons that end statements: not those inside
// string literals, quoted identifiers, comments or PostgreSQL's dollar-quoted bodies.
// Comments before a statement are dropped; empty statements are skipped.
func splitStatements(text string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '-' && strings.HasPrefix(text[i:], "--"):
			end := strings.IndexByte(text[i:], '\n')
			if end < 0 {
				end = len(text) - i
			}
			i += end
		case c == '/' && strings.HasPrefix(text[i:], "/*"):
			end := strings.Index(text[i+2:], "*/")
			if end < 0 {
				end = len(text) - i - 4
			}
			i += end + 4
		case c == '\'' || c == '"':
			n := quotedLen(text[i:], c)
			cur.WriteString(text[i : i+n])
			i += n
		case c == '$':
			n := dollarQuotedLen(text[i:])
			cur.WriteString(text[i : i+n])
			i += n
		case c == ';':
			flush()
			i++
		default:
			cur.WriteByte(c)
			i++
		}
	}
	flush()
	return out
}

// quotedLen is the length of the quoted text at the start of s, quote included; a doubled
// quote inside stands for one.
func quotedLen(s string, quote byte) int {
	for i := 1; i < len(s); i++ {
		if s[i] == quote {
			if i+1 < len(s) && s[i+1] == quote {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(s)
}

var dollarTag = regexp.MustCompile(`^\$[A-Za-z_]*\$`)

// dollarQuotedLen is the length of a dollar-quoted string ($$…$$ or $tag$…$tag$) at the
// start of s, or 1 when s starts with a lone $ (a $1 parameter, say).
func dollarQuotedLen(s string) int {
	tag := dollarTag.FindString(s)
	if tag == "" {
		return 1
	}
	end := strings.Index(s[len(tag):], tag)
	if end < 0 {
		return len(s)
	}
	return len(tag) + end + len(tag)
}
