// Package fieldtype is the one table of the spec's field types: the generator's model
// (model.FieldType) and the runtime's extra user fields (users.Kind) are this type, so the
// spec's name of a type, its Go name and DRF's label for it are written once. It imports
// nothing, so the generator links no runtime by reading it.
package fieldtype

import "strconv"

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
	ID:         {"id", "ID", "integer"},
	String:     {"string", "String", "string"},
	Text:       {"text", "Text", "string"},
	Int:        {"int", "Int", "integer"},
	BigInt:     {"bigint", "BigInt", "integer"},
	Bool:       {"bool", "Bool", "boolean"},
	Decimal:    {"decimal", "Decimal", "decimal"},
	Date:       {"date", "Date", "date"},
	DateTime:   {"datetime", "DateTime", "datetime"},
	Email:      {"email", "Email", "email"},
	UUID:       {"uuid", "UUID", "string"},
	JSON:       {"json", "JSON", "field"},
	ForeignKey: {"fk", "ForeignKey", "field"},
	OneToOne:   {"one_to_one", "OneToOne", "field"},
	ManyToMany: {"many_to_many", "ManyToMany", "field"},
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
