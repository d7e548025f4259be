// Package schema is the database schema that an app's migrations produce: its tables,
// columns and indexes on SQLite and PostgreSQL, and the content types and permissions rows
// that Django's auth reads.
//
// Of builds the schema a spec asks for. Compare goes from the schema the committed
// migrations produce (migrations/schema.json, read with Parse) to the spec's, following the
// renames the spec declares (RenamesOf); the Changes it returns are what the next migration
// does, and their Inverse what its down migration does. Check refuses the changes that lose
// data the spec does not declare as intended, or that cannot fill the rows a table already
// has. generator/plan makes the next migration of them; generator/emit writes its SQL.
//
// # The state file
//
// migrations/schema.json is written by Marshal: sorted, one line per column, index,
// content type and permission, so a change to the spec shows in a pull request as a few
// lines beside the new migration. It also names the migrations it accounts for, so that a
// migration file lost or added by hand (or by a merge) is noticed before the next one is
// written on a wrong basis.
//
// # Names
//
// Every name here is decided once and stays stable: tables and columns come from the model;
// indexes and constraints have the names Django 3.2 gives them (djangonames.go), so that
// a database made by either side can be adopted by the other. Renames are never guessed: a model or field says what it was
// called before (renamed_from), and Compare renames only what the recorded state has.
package schema

import (
	"slices"
	"strings"
)

// Version is the format of schema.json this package writes and reads.
const Version = 1

// State is a whole schema.
type State struct {
	// Migrations are the names of the migrations whose effect this is, in order.
	Migrations   []string
	Tables       []*Table      // sorted by Name
	ContentTypes []ContentType // sorted
	Permissions  []Permission  // sorted by App, then Codename
}

// Table is one table.
type Table struct {
	Name string
	// Model is the spec model the table belongs to ("Product"), and Field the many_to_many
	// field it holds ("tags") for a join table; both empty for Django's built-in tables.
	Model, Field string
	Columns      []*Column // in the table's order: a column added later comes last
	Indexes      []*Index  // explicit indexes (not those of UNIQUE and PRIMARY KEY), sorted by Name
	// LossAllowedBy is the migration that used the model's allow_data_loss: true, which
	// covers that migration's changes and no later one; "" when none did, or when the spec
	// no longer declares it (so that declaring it again covers the next change).
	LossAllowedBy string
}

// Column is one column.
type Column struct {
	Name string
	// Type is the spec's type ("string", "fk", …), or "auto" for an auto-increment primary
	// key; it decides how a default is written as an SQL literal.
	Type     string
	SQLite   string // the column's SQL type on SQLite: "varchar(100)", "integer"
	Postgres string // and on PostgreSQL: "varchar(100)", "bigint"
	// PrimaryKey: "auto" columns are AUTOINCREMENT / IDENTITY keys; others are plain keys.
	PrimaryKey bool
	Null       bool
	Unique     bool
	References string // the table a foreign key points at ("id" column); "" when none
	// OnDelete is "CASCADE", "SET NULL", "RESTRICT" in schemas written before Django parity;
	// "" writes no ON DELETE clause, as Django (runtime/collect deletes as Django's
	// Collector does, in the application).
	OnDelete string
	// Deferrable: the foreign key is DEFERRABLE INITIALLY DEFERRED, as Django's are.
	Deferrable bool
	// ForeignKey is the name of the FOREIGN KEY constraint on PostgreSQL, Django's
	// (ForeignKeyName), written as its own ALTER TABLE ADD CONSTRAINT; "" for a reference
	// written inline in CREATE TABLE, named "<table>_<column>_fkey" by PostgreSQL.
	ForeignKey string
	// UniqueName is the name of the column's UNIQUE constraint on PostgreSQL when it is not
	// PostgreSQL's own "<table>_<column>_key" (a constraint Django added later).
	UniqueName string
	// Check is the CHECK constraint Django gives the column's type, written inline in its
	// definition: CheckPositive ("col" >= 0, a Positive*IntegerField's, on both dialects) or
	// CheckJSON (JSON_VALID, a JSONField's, on SQLite only); "" for none. On PostgreSQL the
	// constraint has PostgreSQL's own name, "<table>_<column>_check".
	Check string
	// Default is the spec's default as text ("0", "true", "draft", "10.00"); nil when none.
	// Columns carry no DEFAULT in the database (as with Django); a migration uses it to fill
	// the rows of a table that gains the column.
	Default *string
	// LossAllowedBy is the migration that used the field's allow_data_loss: true (see
	// Table.LossAllowedBy).
	LossAllowedBy string
}

// Index is an explicit index.
type Index struct {
	// Name is the index's name on PostgreSQL; SQLiteName its name on SQLite when another,
	// "" when the same. Django cuts a name to the dialect's longest (63 characters on
	// PostgreSQL, 200 on SQLite), so only names longer than 63 differ.
	Name       string
	SQLiteName string
	Columns    []string
	Unique     bool
	Where      string // a partial index's condition, as SQL; "" for a full index
	// Constraint: on PostgreSQL a UNIQUE constraint (Django's unique_together) rather than
	// a unique index; SQLite has only the index.
	Constraint bool
	// Postgres: the index exists on PostgreSQL only (Django's _like indexes).
	Postgres bool
	// Ops is the operator class of its column on PostgreSQL ("varchar_pattern_ops").
	Ops string
}

// ContentType is a django_content_type row.
type ContentType struct {
	App, Model string
}

// Permission is an auth_permission row: a codename of a content type.
type Permission struct {
	App, Model, Codename, Name string
}

// key identifies a permission: codenames are unique within an app (the model checks it).
func (p Permission) key() string { return p.App + "." + p.Codename }

// contentType returns the permission's content type.
func (p Permission) contentType() ContentType { return ContentType{p.App, p.Model} }

// Table returns the table called name, or nil.
func (s *State) Table(name string) *Table {
	i, ok := slices.BinarySearchFunc(s.Tables, name, func(t *Table, name string) int { return strings.Compare(t.Name, name) })
	if !ok {
		return nil
	}
	return s.Tables[i]
}

// Column returns the column called name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Index returns the index called name, or nil.
func (t *Table) Index(name string) *Index {
	for _, ix := range t.Indexes {
		if ix.Name == name {
			return ix
		}
	}
	return nil
}

// AutoID reports whether the table's primary key is an auto-increment "id".
func (t *Table) AutoID() bool {
	return len(t.Columns) > 0 && t.Columns[0].Type == TypeAuto
}

// TypeAuto is the Type of an auto-increment primary key.
const TypeAuto = "auto"

// The CHECK constraints of Column.Check.
const (
	CheckPositive = "positive"
	CheckJSON     = "json"
)

// NameOn is the index's name on a dialect ("sqlite" or "postgres").
func (ix *Index) NameOn(dialect string) string {
	if dialect == "sqlite" && ix.SQLiteName != "" {
		return ix.SQLiteName
	}
	return ix.Name
}

// sortState puts tables, indexes, content types and permissions in their canonical order.
func sortState(s *State) {
	slices.SortFunc(s.Tables, func(a, b *Table) int { return strings.Compare(a.Name, b.Name) })
	for _, t := range s.Tables {
		slices.SortFunc(t.Indexes, func(a, b *Index) int { return strings.Compare(a.Name, b.Name) })
	}
	slices.SortFunc(s.ContentTypes, compareContentTypes)
	slices.SortFunc(s.Permissions, func(a, b Permission) int { return strings.Compare(a.key(), b.key()) })
}

func compareContentTypes(a, b ContentType) int {
	if c := strings.Compare(a.App, b.App); c != 0 {
		return c
	}
	return strings.Compare(a.Model, b.Model)
}

// sameColumn reports whether two columns are the same in the database, names aside. The
// spec's type and default are no part of the database: "string" and "email" may both be a
// varchar(254), and a default lives in the app.
func sameColumn(a, b *Column) bool {
	return a.SQLite == b.SQLite && a.Postgres == b.Postgres &&
		a.PrimaryKey == b.PrimaryKey && a.Null == b.Null && a.Unique == b.Unique &&
		a.References == b.References && a.OnDelete == b.OnDelete && a.Deferrable == b.Deferrable &&
		a.ForeignKey == b.ForeignKey && a.UniqueName == b.UniqueName && a.Check == b.Check
}

func sameIndex(a, b *Index) bool {
	return a.SQLiteName == b.SQLiteName && a.Unique == b.Unique && a.Where == b.Where && slices.Equal(a.Columns, b.Columns) &&
		a.Constraint == b.Constraint && a.Postgres == b.Postgres && a.Ops == b.Ops
}
