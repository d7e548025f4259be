package model

import (
	"time"

	"github.com/authgen/authgen/runtime/fieldtype"
)

// FieldType is the type of a model field: runtime/fieldtype's table, which users.Kind
// shares.
type FieldType = fieldtype.Type

// Field types. ID is the implicit primary key; it appears only as Model.ID (and in
// Endpoint.Fields when the serializer lists "id").
const (
	ID       = fieldtype.ID
	String   = fieldtype.String
	Text     = fieldtype.Text
	Int      = fieldtype.Int
	BigInt   = fieldtype.BigInt
	SmallInt = fieldtype.SmallInt
	// PositiveInt, PositiveSmallInt and PositiveBigInt are Django's Positive*IntegerField.
	PositiveInt      = fieldtype.PositiveInt
	PositiveSmallInt = fieldtype.PositiveSmallInt
	PositiveBigInt   = fieldtype.PositiveBigInt
	Bool             = fieldtype.Bool
	Decimal          = fieldtype.Decimal
	Date             = fieldtype.Date
	DateTime         = fieldtype.DateTime
	Email            = fieldtype.Email
	UUID             = fieldtype.UUID
	JSON             = fieldtype.JSON
	ForeignKey       = fieldtype.ForeignKey
	OneToOne         = fieldtype.OneToOne
	ManyToMany       = fieldtype.ManyToMany
)

// On-delete behaviours of fk and one_to_one fields.
const (
	OnDeleteCascade  = "cascade"
	OnDeleteProtect  = "protect"
	OnDeleteSetNull  = "set_null"
	OnDeleteRestrict = "restrict"
	// OnDeleteSetDefault writes the field's default (a relation's only default is null).
	OnDeleteSetDefault = "set_default"
	// OnDeleteDoNothing leaves the referring rows to the database's constraint.
	OnDeleteDoNothing = "do_nothing"
)

// Field is a model field (or an extra auth_user column).
type Field struct {
	Name string // spec name, JSON key: "product"
	// GoName is the exported Go name, initialisms as Go writes them: "Price", "ID" for the
	// primary key, "ImageURL" for image_url. fk and one_to_one fields hold the related id
	// and are named after their column: "ProductID", "OwnerID".
	GoName string
	Names  FieldNames // the field's other Go names
	// Column is the SQL column: Name for plain fields, Name+"_id" for fk and one_to_one
	// ("product_id"), "" for many_to_many (which lives in Through).
	Column string
	Type   FieldType
	Model  *Model // the model the field belongs to; nil for auth_user's extra fields

	MaxLength     int // string (required), email (default 254)
	MaxDigits     int // decimal
	DecimalPlaces int // decimal

	Null   bool
	Blank  bool
	Unique bool // always true for one_to_one
	// DBIndex is Django's db_index: the column has an index of its own (a unique column has
	// its constraint's). True by default for fk, as in Django.
	DBIndex  bool
	ReadOnly bool // true when the spec says so, and for owner fields
	Owner    bool // set from the request user on create; only on a fk/one_to_one
	// OwnerVia (an Owner field pointing at a model): the target's unique user field that
	// finds the caller's own row, which a create sets (perform_create's
	// serializer.save(patient=Patient.objects.get(user=request.user))). nil otherwise.
	OwnerVia *Field

	Default *Value // nil: no default; the Value's kind fits Type (Decimal for decimal fields)
	// TimeDefault (date and datetime only) is a default relative to the time of the create
	// (`default: today+14d`, `now`); Default is then nil.
	TimeDefault *TimeDefault
	// AutoNow and AutoNowAdd are Django's (date and datetime only): the time of every write,
	// or of the create; such a field is read-only.
	AutoNow, AutoNowAdd bool
	Choices             []Value // nil: any value; kinds fit Type
	Min                 *Value  // int/bigint: Int kind; decimal: Decimal kind
	Max                 *Value
	// ChoiceLabels are the choices' labels (Django's display names), one per choice, when
	// the spec gave them (`choices` as a mapping); nil: each choice is its own label.
	ChoiceLabels []string

	OnDelete string // fk/one_to_one: one of OnDelete*, default cascade; "" otherwise
	To       *Model // the related model; nil when ToUser or not a relation
	ToUser   bool   // the relation points at auth_user
	// Through is the join table of a many_to_many, Django's naming: "<table>_<name>"
	// ("store_product_tags"). ThroughSource is the column pointing at this model's row
	// ("product_id"), ThroughTarget the one pointing at To ("tag_id"; "user_id" for auth_user).
	// A many_to_many to its own model uses "from_<model>_id" / "to_<model>_id", as Django.
	Through       string
	ThroughSource string
	ThroughTarget string
	// Display names a column of the related row rendered instead of the id ("username": the
	// field is read-only and rendered as a string). Only on fk/one_to_one; for ToUser one of
	// username, email, first_name, last_name or an extra user field; otherwise a field of To.
	Display      string
	DisplayField *Field // the resolved Display field of To; nil for ToUser or no Display

	Description string
	// RenamedFrom is the field's former name ("" when none): the next migration renames its
	// column (or join table) instead of dropping it and adding a new one.
	RenamedFrom string
	// AllowDataLoss lets the next migration narrow the field's type (a shorter max_length,
	// another type), which may cut or lose stored values.
	AllowDataLoss bool
	Pos           Pos
}

// TimeDefault is a default relative to the time of the write: Django's callable defaults
// date.today and timezone.now, moved by an offset ("today+14d", "now-2h").
type TimeDefault struct {
	Today  bool          // a date field's: the current date (UTC); else the current instant
	Offset time.Duration // whole days for a date
	Text   string        // canonical: "today", "today+14d", "now-2h"
}

// Days is the offset of a date default in days.
func (d *TimeDefault) Days() int { return int(d.Offset / (24 * time.Hour)) }

// ValueKind is the kind of a literal in the spec.
type ValueKind int

// Literal kinds. Decimal values keep their exact text in String, normalised to the field's
// decimal places ("10.00"); Date ("2006-01-02"), DateTime (RFC 3339), UUID and Email literals
// are StringValue, validated. Null is a null default (only on null fields).
const (
	Null ValueKind = iota
	BoolValue
	IntValue
	StringValue
	DecimalValue
)

// Value is a literal: a default, a choice, a bound or an action's assignment.
type Value struct {
	Kind   ValueKind
	Bool   bool
	Int    int64
	String string
}
