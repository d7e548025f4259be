package schema

import (
	"fmt"
	"strconv"

	"github.com/authgen/authgen/generator/model"
)

// Of returns the schema that app's spec asks for; its Migrations are empty. Tables are in
// name order, each model's columns in spec order.
func Of(app *model.App) *State {
	var users []*Column
	var userIndexes []*Index
	for _, f := range app.Auth.UserFields {
		c := FieldColumn(UserTable, f)
		users = append(users, c)
		userIndexes = append(userIndexes, FieldIndexes(UserTable, f, c)...)
	}
	s := &State{Tables: builtinTables(users, userIndexes, app.Auth.LoginField == "email")}
	for _, m := range app.Models {
		s.Tables = append(s.Tables, ModelTables(m)...)
	}
	for _, ct := range authModels {
		s.ContentTypes = append(s.ContentTypes, ContentType{"auth", ct})
		for _, action := range DefaultActions {
			s.Permissions = append(s.Permissions, Permission{"auth", ct, action + "_" + ct, "Can " + action + " " + ct})
		}
	}
	for _, m := range app.Models {
		s.ContentTypes = append(s.ContentTypes, ContentType{app.Name, m.ContentType})
		for _, p := range m.Permissions {
			s.Permissions = append(s.Permissions, Permission{app.Name, m.ContentType, p.Codename, p.Name})
		}
	}
	sortState(s)
	return s
}

// ModelTables returns the tables of a model: its own, then the join table of each
// many_to_many field in field order. Indexes are Django's: a foreign key's, db_index's,
// PostgreSQL's _like beside them, and the model's own (Meta.indexes, unique_together).
func ModelTables(m *model.Model) []*Table {
	t := &Table{Name: m.Table, Model: m.Name, Columns: []*Column{autoID()}}
	var joins []*Table
	for _, f := range m.Fields {
		if f.Type == model.ManyToMany {
			joins = append(joins, joinTable(m, f))
			continue
		}
		c := FieldColumn(m.Table, f)
		t.Columns = append(t.Columns, c)
		t.Indexes = append(t.Indexes, FieldIndexes(m.Table, f, c)...)
	}
	for _, ix := range m.Indexes {
		cols := make([]string, len(ix.Fields))
		for i, f := range ix.Fields {
			cols[i] = f.Column
		}
		// A name of the spec's, and Meta.indexes' (at most 30 characters), are the same on
		// both dialects; unique_together's is cut to each dialect's longest.
		name, sqliteName := ix.Name, ""
		switch {
		case name != "":
		case ix.Unique:
			name, sqliteName = UniqueTogetherNames(m.Table, cols)
		default:
			name = ModelIndexName(m.Table, cols)
		}
		t.Indexes = append(t.Indexes, &Index{Name: name, SQLiteName: sqliteName, Columns: cols, Unique: ix.Unique, Constraint: ix.Unique})
	}
	return append([]*Table{t}, joins...)
}

// FieldIndexes are the indexes Django makes for a field's column: the field's own (a
// foreign key's unless db_index: false, or db_index: true; a unique field has its
// constraint's), and on PostgreSQL the _like index of an indexed or unique text column.
func FieldIndexes(table string, f *model.Field, c *Column) []*Index {
	var out []*Index
	if f.DBIndex && !f.Unique {
		out = append(out, fieldIndex(table, c.Name))
	}
	if f.DBIndex || f.Unique {
		if like := likeIndex(table, c); like != nil {
			out = append(out, like)
		}
	}
	return out
}

// joinTable is a many_to_many field's table, as Django names and makes it.
func joinTable(m *model.Model, f *model.Field) *Table {
	target := UserTable
	if f.To != nil {
		target = f.To.Table
	}
	t := joinTableOf(f.Through, f.ThroughSource, m.Table, f.ThroughTarget, target)
	t.Model, t.Field = m.Name, f.Name
	return t
}

// FieldColumn is the column of a field of table that has one (not a many_to_many).
func FieldColumn(table string, f *model.Field) *Column {
	c := &Column{Name: f.Column, Type: f.Type.String(), Null: f.Null, Unique: f.Unique}
	c.SQLite, c.Postgres = sqlTypes(f)
	switch {
	case f.Type.IsPositive():
		c.Check = CheckPositive
	case f.Type == model.JSON:
		c.Check = CheckJSON
	}
	if f.Type == model.ForeignKey || f.Type == model.OneToOne {
		c.References = UserTable
		if f.To != nil {
			c.References = f.To.Table
		}
		c.Deferrable = true
		c.ForeignKey = ForeignKeyName(table, c.Name, c.References)
	}
	if f.Default != nil && f.Default.Kind != model.Null {
		text := defaultText(*f.Default)
		c.Default = &text
	}
	// A default relative to now keeps its text ("today+14d"); an auto field's rows are
	// filled with the time of the migration, as its write would.
	switch {
	case f.TimeDefault != nil:
		c.Default = &f.TimeDefault.Text
	case f.AutoNow || f.AutoNowAdd:
		text := "now"
		if f.Type == model.Date {
			text = "today"
		}
		c.Default = &text
	}
	return c
}

// sqlTypes returns a field's column type on SQLite and on PostgreSQL (Django's types).
func sqlTypes(f *model.Field) (sqlite, postgres string) {
	switch f.Type {
	case model.String, model.Email:
		t := fmt.Sprintf("varchar(%d)", f.MaxLength)
		return t, t
	case model.Text:
		return "text", "text"
	// Django's integer fields: on SQLite the Positive kinds are "unsigned" (a name SQLite
	// keeps, with INTEGER affinity), on PostgreSQL the signed type; both have a CHECK
	// (Column.Check).
	case model.SmallInt:
		return "smallint", "smallint"
	case model.Int:
		return "integer", "integer"
	case model.BigInt:
		return "bigint", "bigint"
	case model.PositiveSmallInt:
		return "smallint unsigned", "smallint"
	case model.PositiveInt:
		return "integer unsigned", "integer"
	case model.PositiveBigInt:
		return "bigint unsigned", "bigint"
	case model.Bool:
		return "bool", "boolean"
	case model.Decimal:
		return "decimal", fmt.Sprintf("numeric(%d, %d)", f.MaxDigits, f.DecimalPlaces)
	case model.Date:
		return "date", "date"
	case model.DateTime:
		return "datetime", "timestamptz"
	case model.UUID:
		return "char(32)", "uuid"
	case model.JSON:
		return "text", "jsonb"
	case model.ForeignKey, model.OneToOne:
		// The type of the id it points at: an AutoField's.
		return "integer", "integer"
	}
	return "text", "text"
}

// defaultText is a default as the state keeps it: the value's text.
func defaultText(v model.Value) string {
	switch v.Kind {
	case model.BoolValue:
		return strconv.FormatBool(v.Bool)
	case model.IntValue:
		return strconv.FormatInt(v.Int, 10)
	}
	return v.String
}

func itoa(n int) string { return strconv.Itoa(n) }
