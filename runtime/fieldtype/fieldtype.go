// Package fieldtype is the one table of the spec's field types: the generator's model
// (model.FieldType) and the runtime's extra user fields (users.Kind) are this type, so the
// spec's name of a type, its Go name and DRF's label for it are written once. It imports
// nothing, so the generator links no runtime by reading it.
package fieldtype

import (
	"math"
	"strconv"
)

// Type is a field type of the spec.
type Type int

// The field types. ID is the implicit primary key; the relations (ForeignKey, OneToOne,
// ManyToMany) exist on models only.
const (
	ID Type = iota
	String
	Text
	Int
	BigInt
	SmallInt
	PositiveInt
	PositiveSmallInt
	PositiveBigInt
	Bool
	Decimal
	Date
	DateTime
	Email
	UUID
	JSON
	ForeignKey
	OneToOne
	ManyToMany
)

// info is a row of the table.
type info struct {
	name   string // the spec's name: "fk"
	goName string // the constant's name in Go: "ForeignKey"
	label  string // DRF's label_lookup of its serializer field, OPTIONS' "type"
}

var table = [...]info{
	ID:       {"id", "ID", "integer"},
	String:   {"string", "String", "string"},
	Text:     {"text", "Text", "string"},
	Int:      {"int", "Int", "integer"},
	BigInt:   {"bigint", "BigInt", "integer"},
	SmallInt: {"smallint", "SmallInt", "integer"},
	// Django's Positive*IntegerField: the column's own range, from 0.
	PositiveInt:      {"positive_int", "PositiveInt", "integer"},
	PositiveSmallInt: {"positive_smallint", "PositiveSmallInt", "integer"},
	PositiveBigInt:   {"positive_bigint", "PositiveBigInt", "integer"},
	Bool:             {"bool", "Bool", "boolean"},
	Decimal:          {"decimal", "Decimal", "decimal"},
	Date:             {"date", "Date", "date"},
	DateTime:         {"datetime", "DateTime", "datetime"},
	Email:            {"email", "Email", "email"},
	UUID:             {"uuid", "UUID", "string"},
	JSON:             {"json", "JSON", "field"},
	ForeignKey:       {"fk", "ForeignKey", "field"},
	OneToOne:         {"one_to_one", "OneToOne", "field"},
	ManyToMany:       {"many_to_many", "ManyToMany", "field"},
}

func (t Type) valid() bool { return t >= 0 && int(t) < len(table) }

// String returns the spec's name of the type ("fk", "one_to_one", ...).
func (t Type) String() string {
	if t.valid() {
		return table[t].name
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// GoName returns the name of the type's constant: "ForeignKey".
func (t Type) GoName() string {
	if t.valid() {
		return table[t].goName
	}
	return ""
}

// Label returns DRF's label_lookup for a serializer field of the type, the "type" OPTIONS
// describes it with: "string", "integer", "field" for relations and JSON.
func (t Type) Label() string {
	if t.valid() {
		return table[t].label
	}
	return "field"
}

// IsRelation reports whether the type points at another row (fk, one_to_one, many_to_many).
func (t Type) IsRelation() bool {
	return t == ForeignKey || t == OneToOne || t == ManyToMany
}

// IsInteger reports whether the type is one of Django's integer fields (IntegerField,
// BigIntegerField, SmallIntegerField and their Positive kinds): a whole number in Go's int64.
func (t Type) IsInteger() bool { return t >= Int && t <= PositiveBigInt }

// IsPositive reports whether the type is one of Django's Positive*IntegerField, whose
// column has a CHECK (>= 0) on both dialects.
func (t Type) IsPositive() bool { return t >= PositiveInt && t <= PositiveBigInt }

// IntegerRange is the range of an integer type's column, Django's integer_field_range on
// PostgreSQL (its SQLite backend has none; the smallint, integer and bigint of PostgreSQL,
// from 0 for the Positive kinds); ok is false for a type that is no integer.
func (t Type) IntegerRange() (lo, hi int64, ok bool) {
	switch t {
	case SmallInt:
		return math.MinInt16, math.MaxInt16, true
	case Int:
		return math.MinInt32, math.MaxInt32, true
	case BigInt:
		return math.MinInt64, math.MaxInt64, true
	case PositiveSmallInt:
		return 0, math.MaxInt16, true
	case PositiveInt:
		return 0, math.MaxInt32, true
	case PositiveBigInt:
		return 0, math.MaxInt64, true
	}
	return 0, 0, false
}

// Column reports whether the type is a plain column: neither the primary key nor a relation,
// what an extra auth_user field may be.
func (t Type) Column() bool { return t > ID && t < ForeignKey }

// Parse returns the type the spec names name.
func Parse(name string) (Type, bool) {
	for t, row := range table {
		if row.name == name {
			return Type(t), true
		}
	}
	return 0, false
}

// Names are the spec's names of every type but the primary key's, in the table's order.
func Names() []string {
	out := make([]string, 0, len(table)-1)
	for _, row := range table[1:] {
		out = append(out, row.name)
	}
	return out
}
