package plan

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/generator/schema"
)

// A column whose type changes keeps its values, converted as PostgreSQL's casts convert
// them, on both dialects (SQLite, left alone, would keep 'SF-CL' in an integer column and
// 355.5 in a whole-number one). For each such column the plan says which values cannot
// become the new type (Refused: a row holding one stops the migration before it changes
// anything, on both dialects, up and down) and which values the conversion changes (Cut:
// a shorter text, fewer decimal places, a date without its time, which only a declared
// data loss lets through, schema.Check). emit renders both, and the conversion itself, as
// SQL per dialect; runtime/migrate runs the checks first and logs how many rows were cut.

// Kind is a family of column types that convert alike.
type Kind int

// The kinds of column types a conversion knows.
const (
	OtherKind    Kind = iota // a type no conversion knows
	TextKind                 // varchar(n), text
	IntegerKind              // smallint, integer, bigint
	DecimalKind              // numeric(p, s)
	BoolKind                 // boolean
	DateKind                 // date
	DateTimeKind             // timestamptz
	UUIDKind                 // uuid (char(32) on SQLite)
	JSONKind                 // jsonb (text on SQLite)
)

// Type is a column's PostgreSQL type as a conversion sees it.
type Type struct {
	Kind Kind
	// Length is a varchar's n; 0 for text, which has no limit.
	Length int
	// Bits is 16 for smallint, 32 for integer and 64 for bigint; Positive an integer with a
	// Positive*IntegerField's CHECK (>= 0).
	Bits     int
	Positive bool
	// Precision and Scale are a numeric's digits in all and after the point.
	Precision, Scale int
	SQL              string // "numeric(8, 2)"
}

var (
	varcharType = regexp.MustCompile(`^varchar\((\d+)\)$`)
	numericType = regexp.MustCompile(`^numeric\((\d+), (\d+)\)$`)
)

// TypeOf returns the type of c as a conversion sees it.
func TypeOf(c *schema.Column) Type {
	t := Type{SQL: c.Postgres}
	if m := varcharType.FindStringSubmatch(c.Postgres); m != nil {
		t.Kind, t.Length = TextKind, atoi(m[1])
		return t
	}
	if m := numericType.FindStringSubmatch(c.Postgres); m != nil {
		t.Kind, t.Precision, t.Scale = DecimalKind, atoi(m[1]), atoi(m[2])
		return t
	}
	switch c.Postgres {
	case "text":
		t.Kind = TextKind
	case "smallint":
		t.Kind, t.Bits = IntegerKind, 16
	case "integer", "serial":
		t.Kind, t.Bits = IntegerKind, 32
	case "bigint", "bigserial":
		t.Kind, t.Bits = IntegerKind, 64
	case "boolean":
		t.Kind = BoolKind
	case "date":
		t.Kind = DateKind
	case "timestamptz", "timestamp with time zone":
		t.Kind = DateTimeKind
	case "uuid":
		t.Kind = UUIDKind
	case "jsonb":
		t.Kind = JSONKind
	}
	t.Positive = t.Kind == IntegerKind && c.Check == schema.CheckPositive
	return t
}

// Name is the type as messages name it: its SQL, "positive integer" for an integer with a
// Positive*IntegerField's CHECK.
func (t Type) Name() string {
	if t.Positive {
		return "positive " + t.SQL
	}
	return t.SQL
}

// Range is an integer type's range.
func (t Type) Range() (lo, hi int64) {
	switch t.Bits {
	case 16:
		lo, hi = math.MinInt16, math.MaxInt16
	case 32:
		lo, hi = math.MinInt32, math.MaxInt32
	default:
		lo, hi = math.MinInt64, math.MaxInt64
	}
	if t.Positive {
		lo = 0
	}
	return lo, hi
}

// Conversion is how the values of a column whose type changes become the new type's.
type Conversion struct {
	Table  *schema.TableChange
	Column schema.ColumnChange
	From   Type
	To     Type
	// Refused says which values cannot become the new type, in words that follow "rows
	// hold"; "" when every value converts.
	Refused string
	// Cut says how the conversion changes the values it changes, in words that follow
	// "rows changed:"; "" when it changes none.
	Cut string
}

// Unique is a kept column that becomes unique.
type Unique struct {
	Table  *schema.TableChange
	Column schema.ColumnChange
}

// uniques returns the kept columns of c that become unique.
func uniques(c *schema.Changes) []Unique {
	var out []Unique
	for _, tc := range c.Tables {
		for _, cc := range tc.Columns {
			if !cc.From.Unique && cc.To.Unique && !cc.To.PrimaryKey {
				out = append(out, Unique{Table: tc, Column: cc})
			}
		}
	}
	return out
}

// KeyOf is the primary key column of a table, by which checks name the rows they refuse.
func KeyOf(t *schema.Table) string {
	for _, c := range t.Columns {
		if c.PrimaryKey {
			return c.Name
		}
	}
	return "id"
}

// conversions returns the conversions of the columns of c whose types change and may
// change or refuse values, in the order of the tables and columns of c. A change between kinds that have no conversion
// (a uuid to a date, say) has none: the database's own cast decides there.
func conversions(c *schema.Changes) []*Conversion {
	var out []*Conversion
	for _, tc := range c.Tables {
		for _, cc := range tc.Columns {
			// A lossless change (a longer varchar, more digits) keeps every value as it is.
			if !cc.Altered || !schema.ChangesData(c.Referencing(cc.From), cc.To) || schema.SameType(cc.From, cc.To) {
				continue
			}
			if cv := conversion(tc, cc); cv != nil {
				out = append(out, cv)
			}
		}
	}
	return out
}

// unconvertible returns, at the spec's positions, the columns of c whose type changes to one
// that no conversion reaches: a json to a date, a uuid to an integer, a date-time to a
// decimal (PostgreSQL has no cast for most of them either). Their values would mean something else, or
// nothing, in the new type; the spec adds a field of the new type instead.
func unconvertible(app *model.App, c *schema.Changes) diag.List {
	var out diag.List
	for _, tc := range c.Tables {
		for _, cc := range tc.Columns {
			if !cc.Altered || !schema.ChangesData(c.Referencing(cc.From), cc.To) || schema.SameType(cc.From, cc.To) {
				continue
			}
			if conversion(tc, cc) == nil {
				out.Add(schema.FieldPos(app, tc.To, cc.To.Name), "%s: field %q: a column of type %s cannot become %s (authgen has no conversion between them that means the same on SQLite and PostgreSQL); keep the type, or add a field of the new type beside this one, fill it from the old values (in your code or with SQL of your own), and remove this one in a later migration",
					owner(tc.To), schema.FieldName(cc.To), cc.From.Postgres, cc.To.Postgres)
			}
		}
	}
	return out
}

// conversion decides what converting one column refuses and cuts; nil when the pair of
// kinds has no conversion.
func conversion(tc *schema.TableChange, cc schema.ColumnChange) *Conversion {
	from, to := TypeOf(cc.From), TypeOf(cc.To)
	cv := &Conversion{Table: tc, Column: cc, From: from, To: to}
	// cutText is the cut of a text too long for the new varchar.
	cutText := func(longest int) {
		if to.Length > 0 && (longest == 0 || longest > to.Length) {
			cv.Cut = fmt.Sprintf("values longer than %d characters cut to %d", to.Length, to.Length)
		}
	}
	switch from.Kind {
	case TextKind:
		switch to.Kind {
		case TextKind:
			cutText(from.Length)
		case IntegerKind:
			cv.Refused = "values that are not whole numbers (digits, an optional sign, spaces around), or that are outside " + integerRange(to)
		case DecimalKind:
			cv.Refused = "values that are not numbers in plain decimal notation (digits, an optional sign and point, spaces around), or that need " + tooManyDigits(to)
			cv.Cut = "values " + rounded(to.Scale)
		case BoolKind:
			cv.Refused = "values that are not booleans as PostgreSQL reads them (true/false, yes/no, on/off, 1/0, or a prefix of these: t, f, y, n), spaces around and case aside"
		case DateKind:
			cv.Refused = "values that are not dates written YYYY-MM-DD (a day that exists, year 1 or later)"
		case UUIDKind:
			cv.Refused = "values that are not UUIDs (32 hexadecimal digits, with or without the hyphens of 8-4-4-4-12)"
		case DateTimeKind:
			cv.Refused = "values that are not date-times written YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS[.ffffff]] (T or a space between, " +
				"then Z, ±HH or ±HH:MM up to ±14:59, else UTC), that exist, in years 1 to 9999 in UTC"
		case JSONKind:
			cv.Refused = "values that are not JSON as PostgreSQL's jsonb reads it (RFC 8259, no \\u0000, no unpaired surrogate such as \\ud800)"
		default:
			return nil
		}
	case IntegerKind:
		switch to.Kind {
		case TextKind:
			cutText(integerDigits(from) + 1)
		case IntegerKind:
			lo, hi := from.Range()
			if tlo, thi := to.Range(); tlo > lo || thi < hi {
				cv.Refused = "numbers outside " + integerRange(to)
			}
		case DecimalKind:
			if to.Precision-to.Scale < integerDigits(from) {
				cv.Refused = "numbers that need " + tooManyDigits(to)
			}
		case BoolKind:
			cv.Cut = "numbers other than 0 and 1 become true"
		case JSONKind: // the number as a JSON number (to_jsonb), as a jsonb column's way back
		default:
			return nil
		}
	case DecimalKind:
		switch to.Kind {
		case TextKind:
			cutText(from.Precision + 2) // a sign and a point
		case IntegerKind:
			if from.Precision-from.Scale >= integerDigits(to) || to.Positive {
				cv.Refused = "numbers that, rounded to a whole number, are outside " + integerRange(to)
			}
			if from.Scale > 0 {
				cv.Cut = "numbers " + rounded(0)
			}
		case DecimalKind:
			before, after := to.Precision-to.Scale, from.Precision-from.Scale
			if before < after || before == after && to.Scale < from.Scale {
				cv.Refused = "numbers that, rounded to " + places(to.Scale) + ", need " + tooManyDigits(to)
			}
			if to.Scale < from.Scale {
				cv.Cut = "numbers " + rounded(to.Scale)
			}
		case JSONKind: // the number as a JSON number, every decimal place kept
		default:
			return nil
		}
	case BoolKind:
		switch to.Kind {
		case TextKind:
			cutText(len("false"))
		case IntegerKind, JSONKind:
		default:
			return nil
		}
	case DateKind:
		switch to.Kind {
		case TextKind:
			cutText(len("2006-01-02"))
		case DateTimeKind:
		default:
			return nil
		}
	case DateTimeKind:
		switch to.Kind {
		case DateKind:
			cv.Cut = "date-times that lost their time of day (dates are taken in UTC)"
		case TextKind:
			cutText(len("2006-01-02 15:04:05.000000+00"))
		default:
			return nil
		}
	case UUIDKind:
		switch to.Kind {
		case TextKind:
			cutText(len("01234567-89ab-cdef-0123-456789abcdef"))
		default:
			return nil
		}
	case JSONKind:
		// PostgreSQL's jsonb casts: a number to a number (rounded), true and false to a boolean.
		switch to.Kind {
		case TextKind:
			cutText(0) // a document has no longest text
		case BoolKind:
			cv.Refused = "values that are not JSON true or false"
		case IntegerKind:
			cv.Refused = "values that are not JSON numbers, or that, rounded to a whole number, are outside " + integerRange(to)
			cv.Cut = "numbers " + rounded(0)
		case DecimalKind:
			cv.Refused = "values that are not JSON numbers, or that, rounded to " + places(to.Scale) + ", need " + tooManyDigits(to)
			cv.Cut = "numbers " + rounded(to.Scale)
		default:
			return nil
		}
	default:
		return nil
	}
	return cv
}

// integerDigits is how many decimal digits the extremes of an integer type have: 32767,
// 2147483647 and 9223372036854775807.
func integerDigits(t Type) int {
	_, hi := t.Range()
	return len(strconv.FormatInt(hi, 10))
}

// integerRange names an integer type's range: "integer's range (-2147483648 to
// 2147483647)", "positive smallint's range (0 to 32767)".
func integerRange(t Type) string {
	name := map[int]string{16: "smallint", 32: "integer", 64: "bigint"}[t.Bits]
	if t.Positive {
		name = "positive " + name
	}
	lo, hi := t.Range()
	return fmt.Sprintf("%s's range (%d to %d)", name, lo, hi)
}

// tooManyDigits says what does not fit a numeric(p, s).
func tooManyDigits(t Type) string {
	n := t.Precision - t.Scale
	return fmt.Sprintf("more than %d digits before the point (%s holds less than %s in size)", n, t.SQL, "1"+strings.Repeat("0", n))
}

func rounded(scale int) string {
	return "rounded to " + places(scale) + " (half away from zero, as PostgreSQL rounds)"
}

func places(scale int) string {
	switch scale {
	case 0:
		return "a whole number"
	case 1:
		return "1 decimal place"
	}
	return strconv.Itoa(scale) + " decimal places"
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
