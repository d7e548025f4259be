package schema

import "github.com/authgen/authgen/generator/schema/internal/djangoname"

// The names Django 3.2 gives indexes and constraints (package djangoname). Names are decided
// here once and recorded in schema.json: a later rename of the table or column keeps them,
// as in Django. A name longer than 63 characters is cut (and hashed) differently on
// PostgreSQL and SQLite, as Django cuts it on each: such an index has an SQLiteName of its own.

// IndexNames are the names Django gives a field's index (db_index, and a foreign key's) on
// PostgreSQL and, when another, on SQLite.
func IndexNames(table, column string) (pg, sqlite string) {
	return djangoname.Dialects(table, []string{column}, "")
}

// LikeIndexName is the name of the varchar_pattern_ops / text_pattern_ops index Django adds
// on PostgreSQL beside a text column's index or unique constraint.
func LikeIndexName(table, column string) string {
	return djangoname.Index(table, []string{column}, "_like", djangoname.PostgresMax)
}

// UniqueTogetherNames are the names of Django's unique_together over columns: a
// constraint's on PostgreSQL, and when another, its index's on SQLite.
func UniqueTogetherNames(table string, columns []string) (pg, sqlite string) {
	return djangoname.Dialects(table, columns, "_uniq")
}

// UniqueTogetherName is the name of Django's unique_together constraint over columns on
// PostgreSQL.
func UniqueTogetherName(table string, columns []string) string {
	pg, _ := UniqueTogetherNames(table, columns)
	return pg
}

// ForeignKeyName is the name of Django's FOREIGN KEY constraint of a column on PostgreSQL
// (SQLite's are written inline, without a name).
func ForeignKeyName(table, column, target string) string {
	return djangoname.Index(table, []string{column}, "_fk_"+target+"_id", djangoname.PostgresMax)
}

// ModelIndexName is the name Django gives an unnamed index of Meta.indexes
// (Index.set_name_with_model): "<table[:11]>_<first column[:7]>_<digest>_idx".
func ModelIndexName(table string, columns []string) string {
	return djangoname.Model(table, columns)
}
