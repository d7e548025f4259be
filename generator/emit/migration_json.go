package emit

import (
	"fmt"
	"strings"
)

// JSON conversions. PostgreSQL's jsonb keeps a document in its own form: object keys sorted
// shorter first, then bytewise, a repeated key keeping its last value, numbers as numeric
// writes them (1E2 is 100, 0.10e1 is 1.0, -0 is 0), and jsonb::text writes it with a space
// after each colon and comma. SQLite keeps the text it was given. Converting a json column to
// text gives PostgreSQL's text on both dialects: on SQLite, jsonbTextSQLite renders it from
// json_tree. A text becoming json is checked on both as PostgreSQL's jsonb input reads it
// (RFC 8259, without \u0000 or a lone surrogate escape), and stored on SQLite in that same
// form, so that it reads back as PostgreSQL's does.

// jsonbTextSQLite is, on SQLite, the text PostgreSQL's jsonb::text writes for the JSON document
// x (valid JSON): each node of json_tree gets a sort key, its parents' ranks among their
// siblings (object members in jsonb's key order, the last of a repeated key only), and the
// document is its nodes' tokens in that order. x is read once, in a scope of its own, so a
// column named like one of json_tree's (key, value, type…) cannot be mistaken for it.
func jsonbTextSQLite(x string) string {
	zeros := func(n string) string { return "replace(hex(zeroblob(" + n + ")), '00', '0')" }
	return "(WITH RECURSIVE " +
		"doc(j) AS (SELECT " + x + "), " +
		"node AS (SELECT id, parent, key, type, atom, fullkey, row_number() OVER (PARTITION BY parent, key ORDER BY id DESC) AS last FROM doc, json_tree(doc.j)), " +
		"kept AS (SELECT *, row_number() OVER (PARTITION BY parent ORDER BY length(CAST(key AS blob)), CAST(key AS blob)) AS rank FROM node WHERE last = 1), " +
		"placed(id, sk) AS (SELECT id, '' FROM kept WHERE parent IS NULL UNION ALL SELECT kept.id, placed.sk || printf('%08d', kept.rank) FROM kept JOIN placed ON kept.parent = placed.id), " +
		// A number's text as numeric writes it: the exponent applied to the digits.
		"num1 AS (SELECT kept.id, doc.j -> kept.fullkey AS n FROM kept, doc WHERE kept.type = 'real' OR kept.type = 'integer' AND typeof(kept.atom) <> 'integer'), " +
		"num2 AS (SELECT id, n, instr(lower(n), 'e') AS ep FROM num1), " +
		"num3 AS (SELECT id, CASE ep WHEN 0 THEN n ELSE substr(n, 1, ep - 1) END AS m, CASE ep WHEN 0 THEN 0 ELSE CAST(substr(n, ep + 1) AS integer) END AS ex FROM num2), " +
		"num4 AS (SELECT id, ex, substr(m, 1, 1) = '-' AS neg, ltrim(m, '-') AS body, instr(m, '.') > 0 AS dot FROM num3), " +
		"num5 AS (SELECT id, neg, CASE WHEN dot THEN substr(body, 1, instr(body, '.') - 1) ELSE body END AS ip, CASE WHEN dot THEN substr(body, instr(body, '.') + 1) ELSE '' END AS fp, ex FROM num4), " +
		"num6 AS (SELECT id, neg, ip || fp AS dg, length(ip) + ex AS pp FROM num5), " +
		"num7 AS (SELECT id, neg, dg, " +
		"CASE WHEN pp <= 0 THEN '' WHEN pp >= length(dg) THEN dg || " + zeros("pp - length(dg)") + " ELSE substr(dg, 1, pp) END AS ip, " +
		"CASE WHEN pp <= 0 THEN " + zeros("-pp") + " || dg WHEN pp >= length(dg) THEN '' ELSE substr(dg, pp + 1) END AS fp FROM num6), " +
		"num(id, txt) AS (SELECT id, CASE WHEN neg AND rtrim(dg, '0') <> '' THEN '-' ELSE '' END || coalesce(nullif(ltrim(ip, '0'), ''), '0') || CASE WHEN fp <> '' THEN '.' || fp ELSE '' END FROM num7), " +
		"token(sk, txt) AS (" +
		"SELECT placed.sk, CASE WHEN kept.rank > 1 THEN ', ' ELSE '' END || " +
		"CASE WHEN up.type = 'object' THEN json_quote(kept.key) || ': ' ELSE '' END || " +
		"CASE kept.type WHEN 'object' THEN '{' WHEN 'array' THEN '[' WHEN 'text' THEN json_quote(kept.atom) WHEN 'integer' THEN coalesce(num.txt, CAST(kept.atom AS text)) WHEN 'real' THEN num.txt ELSE kept.type END " +
		"FROM kept JOIN placed ON placed.id = kept.id LEFT JOIN kept AS up ON up.id = kept.parent LEFT JOIN num ON num.id = kept.id " +
		"UNION ALL SELECT placed.sk || '~', CASE kept.type WHEN 'object' THEN '}' ELSE ']' END FROM kept JOIN placed ON placed.id = kept.id WHERE kept.type IN ('object', 'array')) " +
		"SELECT group_concat(txt, '' ORDER BY sk) FROM token)"
}

// notJSONSQLite: x is not a document PostgreSQL's jsonb reads. SQLite's json_valid checks
// RFC 8259; jsonb also refuses \u0000 and a surrogate escape not in a pair, which json_tree
// decodes to a NUL byte and to the bytes ED A0–ED BF, never found in UTF-8 otherwise.
func notJSONSQLite(x string) string {
	var bad []string
	bad = append(bad, "instr(b, X'00') > 0")
	for c := 0xA0; c <= 0xBF; c++ {
		bad = append(bad, fmt.Sprintf("instr(b, X'ED%02X') > 0", c))
	}
	// x is read in a scope of its own: a column named "value" or "key" would be json_tree's.
	return "CASE WHEN json_valid(" + x + ") THEN EXISTS (SELECT 1 FROM (SELECT CASE WHEN node.type = 'text' THEN CAST(node.atom AS blob) END AS a, " +
		"CASE WHEN typeof(node.key) = 'text' THEN CAST(node.key AS blob) END AS k FROM (SELECT " + x + " AS j) AS doc, json_tree(doc.j) AS node) " +
		"WHERE " + strings.ReplaceAll(strings.Join(bad, " OR "), "instr(b,", "instr(a,") + " OR " + strings.ReplaceAll(strings.Join(bad, " OR "), "instr(b,", "instr(k,") + ") ELSE true END"
}

// jsonPatterns are the regular expressions notJSONPostgres reads a document with: a string
// (escapes as jsonb reads them: a surrogate only in a pair, no \u0000), a number or literal,
// JSON's blanks, and an innermost container whose strings and values are already reduced
// to "" and 0.
const (
	pgJSONString    = `"(?:[^"\\\x01-\x1f]|\\(?:["\\/bfnrt]|u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u(?![dD][89a-fA-F])(?!0000)[0-9a-fA-F]{4}))*"`
	pgJSONValue     = `-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null`
	pgJSONBlanks    = `[ \t\n\r]+`
	pgJSONContainer = `\[\]|\{\}|\[(?:""|0)(?:,(?:""|0))*\]|\{"":(?:""|0)(?:,"":(?:""|0))*\}`
)

// notJSONPostgres: x is not a document PostgreSQL's jsonb reads, decided without reading it
// (a failed cast would end the transaction; pg_input_is_valid is PostgreSQL 16's): every
// string becomes "", every number and literal 0, blanks go, then innermost containers become
// 0 until none is left; a document is what ends as one value.
func notJSONPostgres(x string) string {
	lit := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	start := "regexp_replace(regexp_replace(regexp_replace(" + x + ", " + lit(pgJSONString) + `, '""', 'g'), ` +
		lit(pgJSONValue) + ", '0', 'g'), " + lit(pgJSONBlanks) + ", '', 'g')"
	return "(WITH RECURSIVE reduced(s, n) AS (SELECT " + start + ", 0 UNION ALL SELECT regexp_replace(s, " + lit(pgJSONContainer) +
		", '0', 'g'), n + 1 FROM reduced WHERE s ~ " + lit(pgJSONContainer) + ") SELECT s NOT IN ('0', '\"\"') FROM reduced ORDER BY n DESC LIMIT 1)"
}
