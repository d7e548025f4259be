package emit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/authgen/authgen/generator/plan"
	"github.com/authgen/authgen/generator/schema"
)

// The SQL of the conversions the plan decides (plan.Conversion): for each column whose type
// changes, the expression that converts a value, the condition of the rows whose value
// cannot convert (authgen:check) and of those the conversion cuts to fit (authgen:count).
// Both dialects mean the same: PostgreSQL's casts, which SQLite is made to follow (it has
// no casts that refuse anything), and where PostgreSQL's depend on the session (time
// zones) or accept more than plain notation (1e3, 0x1F, 1_000 on PostgreSQL 16), UTC and
// plain notation on both.

// Annotations that runtime/migrate recognises in a migration file: each comment is
// followed by one SELECT, which migrate runs before the rest of the file.
const (
	checkAnnotation = "-- authgen:check "
	countAnnotation = "-- authgen:count "
)

// blanks are the characters PostgreSQL's number and boolean input skips around a value.
const (
	pgBlank     = `[ \t\n\v\f\r]`
	sqliteBlank = `' ' || char(9, 10, 11, 12, 13)`
	pgBlankText = `' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)`
)

// booleanWords are the texts PostgreSQL reads as booleans (lower case, without blanks).
var (
	trueWords  = "'t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', 'on', '1'"
	falseWords = "'f', 'fa', 'fal', 'fals', 'false', 'n', 'no', 'of', 'off', '0'"
)

// converter renders one conversion on one dialect.
type converter struct {
	cv      *plan.Conversion
	dialect string
}

func (k converter) pg() bool { return k.dialect == postgres }

// trimmed is the text x without the blanks around it.
func (k converter) trimmed(x string) string {
	if k.pg() {
		return "btrim(" + x + ", " + pgBlankText + ")"
	}
	return "trim(" + x + ", " + sqliteBlank + ")"
}

// value is the expression of x's value in the new type; x is the column as it reads then.
func (k converter) value(x string) string {
	from, to := k.cv.From, k.cv.To
	if k.pg() {
		switch {
		case from.Kind == plan.IntegerKind && to.Kind == plan.BoolKind:
			return "(" + x + " <> 0)"
		case from.Kind == plan.DateKind && to.Kind == plan.TextKind:
			return k.cutTo("to_char("+x+", 'YYYY-MM-DD')", to)
		case from.Kind == plan.DateKind && to.Kind == plan.DateTimeKind:
			return "(" + x + "::timestamp AT TIME ZONE 'UTC')"
		case from.Kind == plan.DateTimeKind && to.Kind == plan.DateKind:
			return "(" + x + " AT TIME ZONE 'UTC')::date"
		case from.Kind == plan.TextKind && to.Kind == plan.DateKind:
			return k.trimmed(x) + "::date"
		case from.Kind == plan.TextKind && to.Kind == plan.UUIDKind:
			return k.trimmed(x) + "::uuid"
		case to.Kind == plan.JSONKind && from.Kind != plan.TextKind:
			return "to_jsonb(" + x + ")"
		case from.Kind == plan.DateTimeKind && to.Kind == plan.TextKind:
			return k.cutTo(pgDateTimeText(x), to)
		case from.Kind == plan.TextKind && to.Kind == plan.DateTimeKind:
			t := k.trimmed(x)
			// A text without a zone is UTC, whatever the session's time zone.
			return "CASE WHEN substr(" + t + ", 12) ~ '[Z+-]' THEN " + t + "::timestamptz ELSE " + t + "::timestamp AT TIME ZONE 'UTC' END"
		}
		// An explicit cast: it cuts a text too long for a varchar, and rounds a number.
		return x + "::" + to.SQL
	}
	switch from.Kind {
	case plan.TextKind:
		switch to.Kind {
		case plan.TextKind:
			return k.cutTo(x, to)
		case plan.IntegerKind:
			return "CAST(" + k.trimmed(x) + " AS integer)"
		case plan.DecimalKind:
			return k.round("CAST("+k.trimmed(x)+" AS real)", to.Scale)
		case plan.BoolKind:
			t := "lower(" + k.trimmed(x) + ")"
			return "CASE WHEN " + t + " IN (" + trueWords + ") THEN 1 WHEN " + t + " IN (" + falseWords + ") THEN 0 END"
		case plan.DateKind:
			return k.trimmed(x)
		case plan.UUIDKind:
			// Django's char(32): the hexadecimal digits, in lower case.
			return "replace(lower(" + k.trimmed(x) + "), '-', '')"
		case plan.DateTimeKind:
			return sqliteDateTimeOfText(k.trimmed(x))
		case plan.JSONKind:
			// Kept as PostgreSQL's jsonb keeps it, so that it reads back the same.
			return jsonbTextSQLite(x)
		}
	case plan.IntegerKind:
		switch to.Kind {
		case plan.TextKind:
			return k.cutTo("CAST("+x+" AS text)", to)
		case plan.BoolKind:
			return "(" + x + " <> 0)"
		case plan.JSONKind:
			return "CAST(" + x + " AS text)"
		}
	case plan.DecimalKind:
		switch to.Kind {
		case plan.TextKind:
			return k.cutTo(k.decimalText(x, from.Scale), to)
		case plan.IntegerKind:
			return "CAST(" + k.round(x, 0) + " AS integer)"
		case plan.DecimalKind:
			if to.Scale < from.Scale {
				return k.round(x, to.Scale)
			}
		case plan.JSONKind:
			return k.decimalText(x, from.Scale)
		}
	case plan.BoolKind:
		switch to.Kind {
		case plan.TextKind:
			return k.cutTo("CASE "+x+" WHEN 1 THEN 'true' WHEN 0 THEN 'false' END", to)
		case plan.JSONKind:
			return "CASE " + x + " WHEN 1 THEN 'true' WHEN 0 THEN 'false' END"
		}
	case plan.DateKind:
		switch to.Kind {
		case plan.TextKind:
			return k.cutTo(x, to)
		case plan.DateTimeKind:
			return "(" + x + " || ' 00:00:00')"
		}
	case plan.DateTimeKind:
		switch to.Kind {
		case plan.DateKind:
			return "date(" + x + ")"
		case plan.TextKind:
			return k.cutTo(sqliteDateTimeText(x), to)
		}
	case plan.JSONKind:
		switch to.Kind {
		case plan.TextKind:
			return k.cutTo(jsonbTextSQLite(x), to)
		case plan.BoolKind:
			return "CASE json_type(" + x + ") WHEN 'true' THEN 1 WHEN 'false' THEN 0 END"
		case plan.IntegerKind:
			return "CAST(" + k.round(jsonNumber(x), 0) + " AS integer)"
		case plan.DecimalKind:
			return k.round(jsonNumber(x), to.Scale)
		}
	case plan.UUIDKind:
		if to.Kind == plan.TextKind {
			return k.cutTo(sqliteUUIDText(x), to)
		}
	}
	return x
}

// sqliteUUIDText writes SQLite's 32 digits of a UUID as PostgreSQL writes a uuid: 8-4-4-4-12.
func sqliteUUIDText(x string) string {
	return "substr(" + x + ", 1, 8) || '-' || substr(" + x + ", 9, 4) || '-' || substr(" + x + ", 13, 4) || '-' || substr(" + x + ", 17, 4) || '-' || substr(" + x + ", 21)"
}

// cutTo cuts a text to a varchar's length; a text column takes it whole.
func (k converter) cutTo(text string, to plan.Type) string {
	if to.Length == 0 {
		return text
	}
	if k.pg() {
		return "(" + text + ")::" + to.SQL
	}
	return "substr(" + text + ", 1, " + strconv.Itoa(to.Length) + ")"
}

// round rounds a number to scale decimal places, half away from zero as PostgreSQL's
// numeric does. SQLite holds a decimal as a binary fraction, 1.15 as 1.149999…, and its
// round() rounds that exactly (to 1.1); the number is nudged by four parts in 10^16 first,
// less than the gap between any two decimals of 15 significant digits (what SQLite keeps of
// a decimal), so that it rounds as the decimal it stands for (to 1.2, as PostgreSQL does).
// A whole number SQLite holds as an integer stays one: the nudge would make it a fraction,
// and 2^63-1 a fraction too large for a bigint.
func (k converter) round(x string, scale int) string {
	places := ""
	if scale > 0 {
		places = ", " + strconv.Itoa(scale)
	}
	if k.pg() {
		return "round(" + x + places + ")"
	}
	return "CASE WHEN typeof(" + x + ") = 'integer' THEN " + x + " ELSE round((" + x + ") * (1 + 4e-16)" + places + ") END"
}

// decimalText is a decimal's text with every place of its scale, as PostgreSQL writes it.
func (k converter) decimalText(x string, scale int) string {
	if k.pg() {
		return "CAST(" + x + " AS text)"
	}
	return fmt.Sprintf("CASE WHEN %s IS NOT NULL THEN printf('%%.%df', %s) END", x, scale, x)
}

// refused is the condition of the rows whose value x cannot be converted; "" for none.
func (k converter) refused(x string) string {
	if k.cv.Refused == "" {
		return ""
	}
	from, to := k.cv.From, k.cv.To
	var bad string
	switch {
	case from.Kind == plan.TextKind && to.Kind == plan.IntegerKind:
		bad = k.notInteger(x, to)
	case from.Kind == plan.TextKind && to.Kind == plan.DecimalKind:
		bad = k.notDecimal(x, to)
	case from.Kind == plan.TextKind && to.Kind == plan.BoolKind:
		t := "lower(" + k.trimmed(x) + ")"
		bad = t + " NOT IN (" + trueWords + ", " + falseWords + ")"
	case from.Kind == plan.TextKind && to.Kind == plan.DateKind:
		bad = k.notDate(x)
	case from.Kind == plan.TextKind && to.Kind == plan.UUIDKind:
		bad = k.notUUID(x)
	case from.Kind == plan.TextKind && to.Kind == plan.DateTimeKind:
		bad = k.notDateTime(x)
	case from.Kind == plan.TextKind && to.Kind == plan.JSONKind:
		bad = notJSONSQLite(x)
		if k.pg() {
			bad = notJSONPostgres(x)
		}
	case from.Kind == plan.JSONKind && to.Kind == plan.BoolKind:
		bad = "json_type(" + x + ") NOT IN ('true', 'false')"
		if k.pg() {
			bad = "jsonb_typeof(" + x + ") <> 'boolean'"
		}
	case from.Kind == plan.JSONKind && to.Kind == plan.IntegerKind:
		bad = k.ifJSONNumber(x, func(n string) string { return outsideInteger(k.round(n, 0), to) })
	case from.Kind == plan.JSONKind && to.Kind == plan.DecimalKind:
		bad = k.ifJSONNumber(x, func(n string) string { return "abs(" + k.round(n, to.Scale) + ") >= " + numericLimit(to) })
	case from.Kind == plan.IntegerKind && to.Kind == plan.IntegerKind:
		bad = outsideInteger(x, to)
	case from.Kind == plan.IntegerKind && to.Kind == plan.DecimalKind:
		n := numericLimit(to)
		bad = x + " <= -" + n + " OR " + x + " >= " + n
	case from.Kind == plan.DecimalKind && to.Kind == plan.IntegerKind:
		bad = outsideInteger(k.round(x, 0), to)
	case from.Kind == plan.DecimalKind && to.Kind == plan.DecimalKind:
		bad = "abs(" + k.round(x, to.Scale) + ") >= " + numericLimit(to)
	default:
		panic(fmt.Sprintf("emit: no check for %s → %s", from.SQL, to.SQL))
	}
	return x + " IS NOT NULL AND (" + bad + ")"
}

// notInteger: x is not the text of a whole number in to's range. On PostgreSQL the number
// is read only when the text is one (CASE decides the order, AND does not).
func (k converter) notInteger(x string, to plan.Type) string {
	if k.pg() {
		return "CASE WHEN " + x + " ~ '^" + pgBlank + "*[+-]?[0-9]+" + pgBlank + "*$' THEN " +
			outsideInteger(x+"::numeric", to) + " ELSE true END"
	}
	t := k.trimmed(x)
	digits := "ltrim(" + unsigned(t) + ", '0')"
	lo, hi := to.Range()
	high := strconv.FormatInt(hi, 10)
	n := strconv.Itoa(len(high))
	var inRange string
	if to.Bits < 64 {
		inRange = "length(" + digits + ") < " + n + " OR length(" + digits + ") = " + n + " AND CAST(" + t + " AS integer) BETWEEN " +
			strconv.FormatInt(lo, 10) + " AND " + high
	} else {
		// 19 digits may be past int64, where SQLite's CAST saturates: compare the digits.
		inRange = "length(" + digits + ") < 19 OR length(" + digits + ") = 19 AND (" + digits + " <= '9223372036854775807' OR substr(" + t + ", 1, 1) = '-' AND " + digits + " = '9223372036854775808')"
	}
	if to.Positive {
		// A positive type's negatives are refused whatever their size; -0 is 0.
		inRange = "(" + inRange + ") AND (substr(" + t + ", 1, 1) <> '-' OR " + digits + " = '')"
	}
	return "NOT (" + isDigits(unsigned(t)) + " AND (" + inRange + "))"
}

// notDecimal: x is not the text of a number in plain notation that fits to, once rounded.
func (k converter) notDecimal(x string, to plan.Type) string {
	if k.pg() {
		return "CASE WHEN " + x + " ~ '^" + pgBlank + "*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)" + pgBlank + "*$' THEN abs(round(" +
			x + "::numeric, " + strconv.Itoa(to.Scale) + ")) >= " + numericLimit(to) + " ELSE true END"
	}
	t := k.trimmed(x)
	u := unsigned(t)
	number := u + " <> '' AND " + u + " <> '.' AND " + u + " NOT GLOB '*[^0-9.]*' AND " + u + " NOT GLOB '*.*.*'"
	return "NOT (" + number + " AND abs(" + k.round("CAST("+t+" AS real)", to.Scale) + ") < " + numericLimit(to) + ")"
}

// notDate: x is not a date written YYYY-MM-DD that exists (blanks around aside).
func (k converter) notDate(x string) string {
	t := k.trimmed(x)
	if k.pg() {
		part := func(from, n int) string { return fmt.Sprintf("substr(%s, %d, %d)::integer", t, from, n) }
		y, m, d := part(1, 4), part(6, 2), part(9, 2)
		return "CASE WHEN " + t + " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND " + y + " >= 1 AND " + m + " BETWEEN 1 AND 12 THEN " +
			d + " NOT BETWEEN 1 AND extract(day FROM make_date(" + y + ", " + m + ", 1) + interval '1 month - 1 day') ELSE true END"
	}
	// SQLite's date() rolls 2024-02-30 over to March: only a day that exists comes back as written.
	return "NOT (" + t + " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND " + t + " >= '0001' AND date(" + t + ") IS " + t + ")"
}

// notUUID: x is not 32 hexadecimal digits, bare or hyphenated 8-4-4-4-12 (blanks around
// aside). PostgreSQL reads more (braces, a hyphen after any four digits); both dialects
// refuse those alike.
func (k converter) notUUID(x string) string {
	t := k.trimmed(x)
	if k.pg() {
		return t + " !~ '^([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$'"
	}
	u := "lower(" + t + ")"
	hyphens := "length(" + u + ") = 36 AND substr(" + u + ", 9, 1) = '-' AND substr(" + u + ", 14, 1) = '-' AND substr(" + u + ", 19, 1) = '-' AND substr(" + u + ", 24, 1) = '-'"
	digits := "replace(" + u + ", '-', '')"
	return "NOT (length(" + digits + ") = 32 AND " + digits + " NOT GLOB '*[^0-9a-f]*' AND (length(" + u + ") = 32 OR " + hyphens + "))"
}

// unsigned is a number's text without its sign.
func unsigned(t string) string {
	return "CASE WHEN substr(" + t + ", 1, 1) IN ('+', '-') THEN substr(" + t + ", 2) ELSE " + t + " END"
}

func isDigits(u string) string {
	return u + " <> '' AND " + u + " NOT GLOB '*[^0-9]*'"
}

// outsideInteger: the number n is outside the integer type's range.
func outsideInteger(n string, to plan.Type) string {
	lo, hi := to.Range()
	return n + " NOT BETWEEN " + strconv.FormatInt(lo, 10) + " AND " + strconv.FormatInt(hi, 10)
}

// numericLimit is the size a numeric(p, s)'s values stay under: 10^(p-s).
func numericLimit(t plan.Type) string {
	return "1" + strings.Repeat("0", t.Precision-t.Scale)
}

// cut is the condition of the rows whose value x the conversion changes; "" for none.
// It is counted once the checks found nothing to refuse, so every value converts.
func (k converter) cut(x string) string {
	if k.cv.Cut == "" {
		return ""
	}
	from, to := k.cv.From, k.cv.To
	switch {
	case to.Kind == plan.TextKind:
		text := x
		switch {
		case from.Kind == plan.DateKind && k.pg():
			text = "to_char(" + x + ", 'YYYY-MM-DD')"
		case from.Kind != plan.TextKind:
			text = "CAST(" + x + " AS text)"
			if from.Kind == plan.DecimalKind {
				text = k.decimalText(x, from.Scale)
			}
			if from.Kind == plan.BoolKind && !k.pg() {
				text = "CASE " + x + " WHEN 1 THEN 'true' WHEN 0 THEN 'false' END"
			}
			if from.Kind == plan.UUIDKind && !k.pg() {
				text = sqliteUUIDText(x)
			}
			if from.Kind == plan.DateTimeKind {
				text = sqliteDateTimeText(x)
				if k.pg() {
					text = pgDateTimeText(x)
				}
			}
			if from.Kind == plan.JSONKind && !k.pg() {
				text = jsonbTextSQLite(x)
			}
		}
		return "length(" + text + ") > " + strconv.Itoa(to.Length)
	case from.Kind == plan.IntegerKind && to.Kind == plan.BoolKind:
		return x + " NOT IN (0, 1)"
	case from.Kind == plan.DateTimeKind && to.Kind == plan.DateKind:
		if k.pg() {
			return "(" + x + " AT TIME ZONE 'UTC')::time <> '00:00'"
		}
		return "strftime('%H:%M:%f', " + x + ") <> '00:00:00.000'"
	case from.Kind == plan.JSONKind:
		n := x + "::numeric"
		if !k.pg() {
			n = jsonNumber(x)
		}
		return n + " <> " + k.round(n, to.Scale)
	case from.Kind == plan.TextKind && to.Kind == plan.DecimalKind:
		n := x + "::numeric"
		if !k.pg() {
			n = "CAST(" + k.trimmed(x) + " AS real)"
		}
		return n + " <> " + k.round(n, to.Scale)
	case to.Kind == plan.IntegerKind || to.Kind == plan.DecimalKind:
		return x + " <> " + k.round(x, to.Scale)
	}
	panic(fmt.Sprintf("emit: no cut for %s → %s", from.SQL, to.SQL))
}

// writeChecks writes, at the top of a migration, the checks of its conversions and of the
// columns that become unique: they read the tables as they are before the migration, under
// their names then.
func (w *sqlWriter) writeChecks(step plan.Step) {
	var checks []string
	// check selects the first five rows where cond holds, with the count of all.
	check := func(tc *schema.TableChange, cc schema.ColumnChange, what, shown, cond string) {
		table, key := quote(tc.From.Name), quote(plan.KeyOf(tc.From))
		checks = append(checks, fmt.Sprintf("%s%s.%s: %s\nSELECT CAST(%s AS text) AS %s, %s, count(*) OVER () FROM %s WHERE %s ORDER BY %s.%s LIMIT 5;\n",
			checkAnnotation, tc.To.Name, cc.To.Name, what, key, key, shown, table, cond, table, key))
	}
	for _, cv := range step.Conversions {
		k := converter{cv: cv, dialect: w.dialect}
		table, col := cv.Table.From.Name, quote(cv.Column.From.Name)
		label := cv.Table.To.Name + "." + cv.Column.To.Name
		if cond := k.refused(col); cond != "" {
			shown := "CAST(" + col + " AS text)"
			if cv.From.Kind == plan.DecimalKind {
				shown = k.decimalText(col, cv.From.Scale)
			}
			check(cv.Table, cv.Column, cv.Refused, shown, cond)
		}
		if cond := k.cut(col); cond != "" {
			checks = append(checks, fmt.Sprintf("%s%s: %s\nSELECT count(*) FROM %s WHERE %s;\n", countAnnotation, label, cv.Cut, quote(table), cond))
		}
	}
	for _, u := range step.Uniques {
		table, col := quote(u.Table.From.Name), quote(u.Column.From.Name)
		check(u.Table, u.Column, "values that other rows hold too, in a column that becomes unique", "CAST("+col+" AS text)",
			fmt.Sprintf("%s IN (SELECT %s FROM %s GROUP BY %s HAVING count(*) > 1)", col, col, table, col))
	}
	if len(checks) == 0 {
		return
	}
	w.comment("Before any change, authgen migrate runs each authgen:check and stops, naming the rows,\n-- when it finds values the migration cannot keep; authgen:count counts the rows cut to fit.")
	for _, c := range checks {
		w.b.WriteString(c)
	}
}

// A date-time as text means PostgreSQL's timestamptz::text in UTC with the ISO DateStyle,
// "2024-03-01 23:30:15.12+00": the fraction without its trailing zeros, the zone +00. SQLite
// holds Django's text, "2024-03-01 23:30:15.120000" in UTC, and gets the same.

// pgDateTimeText writes the timestamptz x as its text in UTC, whatever the session's time
// zone and DateStyle.
func pgDateTimeText(x string) string {
	return "regexp_replace(to_char(" + x + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), '\\.?0+$', '') || '+00'"
}

// sqliteDateTimeText writes the date-time SQLite holds as x (Django's text, or any text
// SQLite's datetime() reads, such as a T or a zone) as PostgreSQL does.
func sqliteDateTimeText(x string) string {
	fraction := "CASE WHEN substr(" + x + ", 20, 1) = '.' THEN rtrim(rtrim(substr(printf('%.6f', CAST('0' || substr(" + x +
		", 20) AS real)), 2), '0'), '.') ELSE '' END"
	return "coalesce(datetime(" + x + "), substr(" + x + ", 1, 19)) || " + fraction + " || '+00'"
}

// sqliteDateTimeOfText writes the date-time the text t (checked by notDateTime) stands for
// as Django stores it on SQLite: in UTC, microseconds only when there are any.
func sqliteDateTimeOfText(t string) string {
	// SQLite reads a zone written ±HH:MM or Z, not ±HH.
	readable := "CASE WHEN length(" + t + ") > 10 AND substr(" + t + ", -3, 1) IN ('+', '-') THEN " + t + " || ':00' ELSE " + t + " END"
	micro := "printf('%.6f', CAST('0' || substr(" + t + ", 20) AS real))"
	fraction := "CASE WHEN substr(" + t + ", 20, 1) = '.' AND " + micro + " <> '0.000000' THEN substr(" + micro + ", 2) ELSE '' END"
	return "strftime('%Y-%m-%d %H:%M:%S', " + readable + ") || " + fraction
}

// notDateTime: x is not a date-time written YYYY-MM-DD, or YYYY-MM-DD HH:MM[:SS[.ffffff]]
// with a T or a space between and an optional zone Z, ±HH or ±HH:MM (blanks around aside),
// that exists (hours to 23, minutes and seconds to 59, zones to ±14:59, which SQLite's
// datetime() reads; PostgreSQL would take ±15:59), in years 1 to 9999 once in UTC (Python's, hence Django's, range). PostgreSQL
// reads more (month names, "now", "epoch", 24:00); both dialects refuse those alike.
func (k converter) notDateTime(x string) string {
	t := k.trimmed(x)
	date := k.notDate("substr(" + t + ", 1, 10)")
	if k.pg() {
		// Two digits compare as text ("C" collation): no cast can fail before the form is known.
		two := func(from int) string { return fmt.Sprintf("substr(%s, %d, 2) COLLATE \"C\"", t, from) }
		zoneHours := "coalesce(substring(" + t + " from '[+-]([0-9]{2})(:[0-9]{2})?$'), '00') COLLATE \"C\""
		zoneMinutes := "coalesce(substring(" + t + " from '[+-][0-9]{2}:([0-9]{2})$'), '00') COLLATE \"C\""
		inUTC := "CASE WHEN substr(" + t + ", 12) ~ '[Z+-]' THEN " + t + "::timestamptz ELSE " + t + "::timestamp AT TIME ZONE 'UTC' END"
		return "CASE WHEN " + t + " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:[0-9]{2})?)?)?$' " +
			"AND NOT (" + date + ") AND (length(" + t + ") = 10 OR " + two(12) + " <= '23' AND " + two(15) + " <= '59' AND (substr(" + t + ", 17, 1) <> ':' OR " + two(18) + " <= '59') " +
			"AND " + zoneHours + " <= '14' AND " + zoneMinutes + " <= '59') " +
			"THEN " + inUTC + " NOT BETWEEN '0001-01-01 00:00:00+00' AND '9999-12-31 23:59:59.999999+00' ELSE true END"
	}
	n := "length(" + t + ")"
	zoneLength := "CASE WHEN " + n + " <= 10 THEN 0 WHEN substr(" + t + ", -1) = 'Z' THEN 1 WHEN substr(" + t + ", -6, 1) IN ('+', '-') THEN 6 " +
		"WHEN substr(" + t + ", -3, 1) IN ('+', '-') THEN 3 ELSE 0 END"
	clock := "substr(" + t + ", 12, " + n + " - 11 - (" + zoneLength + "))"
	zone := "substr(" + t + ", " + n + " - (" + zoneLength + ") + 1)"
	digits2 := "[0-9][0-9]"
	clockForm := "(" + clock + " GLOB '" + digits2 + ":" + digits2 + "' OR " + clock + " GLOB '" + digits2 + ":" + digits2 + ":" + digits2 + "' OR " +
		clock + " GLOB '" + digits2 + ":" + digits2 + ":" + digits2 + ".[0-9]*' AND length(" + clock + ") <= 15 AND substr(" + clock + ", 10) NOT GLOB '*[^0-9]*')"
	zoneForm := "(" + zone + " IN ('', 'Z') OR " + zone + " GLOB '[+-]" + digits2 + "' OR " + zone + " GLOB '[+-]" + digits2 + ":" + digits2 + "')"
	part := func(of string, from int) string { return fmt.Sprintf("CAST(substr(%s, %d, 2) AS integer)", of, from) }
	ranges := part(clock, 1) + " <= 23 AND " + part(clock, 4) + " <= 59 AND (length(" + clock + ") = 5 OR " + part(clock, 7) + " <= 59) AND " +
		"(length(" + zone + ") < 3 OR " + part(zone, 2) + " <= 14 AND (length(" + zone + ") = 3 OR " + part(zone, 5) + " <= 59))"
	utc := "datetime(CASE WHEN length(" + zone + ") = 3 THEN " + t + " || ':00' ELSE " + t + " END)"
	return "NOT (NOT (" + date + ") AND (" + n + " = 10 OR substr(" + t + ", 11, 1) IN ('T', ' ') AND " + clockForm + " AND " + zoneForm + " AND " + ranges + ") " +
		"AND coalesce(" + utc + " BETWEEN '0001-01-01 00:00:00' AND '9999-12-31 23:59:59', false))"
}

// jsonNumber is, on SQLite, the number a json column holds (checked to be one) as SQLite's
// integer or real.
func jsonNumber(x string) string { return "json_extract(" + x + ", '$')" }

// ifJSONNumber: the document x is not a JSON number, or the number n is such that bad(n)
// holds. On PostgreSQL the number is read only when it is one (CASE decides the order).
func (k converter) ifJSONNumber(x string, bad func(n string) string) string {
	if k.pg() {
		return "CASE WHEN jsonb_typeof(" + x + ") = 'number' THEN " + bad(x+"::numeric") + " ELSE true END"
	}
	return "CASE WHEN json_type(" + x + ") IN ('integer', 'real') THEN " + bad(jsonNumber(x)) + " ELSE true END"
}
