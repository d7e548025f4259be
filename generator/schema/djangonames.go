package schema

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
)

// The names Django 3.2 gives indexes and constraints, so that a database made by either side
// has the other's names (django/db/backends/base/schema.py, _create_index_name;
// django/db/models/indexes.py, Index.set_name_with_model). Names are decided here once and
// recorded in schema.json: a later rename of the table or column keeps them, as in Django.

// The longest names Django makes, connection.ops.max_name_length(): PostgreSQL's longest
// identifier (NAMEDATALEN - 1) there; SQLite has none, where _create_index_name uses 200.
// A name longer than 63 characters is cut (and hashed) differently on the two dialects, as
// Django cuts it on each: such an index has an SQLiteName of its own.
const (
	pgMaxName     = 63
	sqliteMaxName = 200
)

// namesDigest is Django's names_digest: the first length hex digits of the MD5 of the
// arguments' concatenation.
func namesDigest(length int, args ...string) string {
	h := md5.New()
	for _, a := range args {
		h.Write([]byte(a))
	}
	return hex.EncodeToString(h.Sum(nil))[:length]
}

// djangoIndexName is Django's _create_index_name(table, columns, suffix) on a dialect whose
// names have at most maxName characters: "<table>_<columns>_<digest><suffix>", with the
// parts cut to fit.
func djangoIndexName(table string, columns []string, suffix string, maxName int) string {
	hashSuffix := namesDigest(8, append([]string{table}, columns...)...) + suffix
	joined := strings.Join(columns, "_")
	name := table + "_" + joined + "_" + hashSuffix
	if len(name) <= maxName {
		return name
	}
	// Django compares with max_length / 3, a float: the same as the integer division's
	// "more than" for every length.
	if len(hashSuffix) > maxName/3 {
		hashSuffix = hashSuffix[:maxName/3]
	}
	other := (maxName-len(hashSuffix))/2 - 1
	name = cut(table, other) + "_" + cut(joined, other) + "_" + hashSuffix
	if name[0] == '_' || (name[0] >= '0' && name[0] <= '9') {
		name = "D" + name[:len(name)-1]
	}
	return name
}

// dialectNames are the names Django's _create_index_name gives on PostgreSQL and on
// SQLite; sqlite is "" when it is the same.
func dialectNames(table string, columns []string, suffix string) (pg, sqlite string) {
	pg = djangoIndexName(table, columns, suffix, pgMaxName)
	if s := djangoIndexName(table, columns, suffix, sqliteMaxName); s != pg {
		sqlite = s
	}
	return pg, sqlite
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// IndexNames are the names Django gives a field's index (db_index, and a foreign key's) on
// PostgreSQL and, when another, on SQLite.
func IndexNames(table, column string) (pg, sqlite string) {
	return dialectNames(table, []string{column}, "")
}

// LikeIndexName is the name of the varchar_pattern_ops / text_pattern_ops index Django adds
// on PostgreSQL beside a text column's index or unique constraint.
func LikeIndexName(table, column string) string {
	return djangoIndexName(table, []string{column}, "_like", pgMaxName)
}

// UniqueTogetherNames are the names of Django's unique_together over columns: a
// constraint's on PostgreSQL, and when another, its index's on SQLite.
func UniqueTogetherNames(table string, columns []string) (pg, sqlite string) {
	return dialectNames(table, columns, "_uniq")
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
	return djangoIndexName(table, []string{column}, "_fk_"+target+"_id", pgMaxName)
}

// ModelIndexName is the name Django gives an unnamed index of Meta.indexes
// (Index.set_name_with_model): "<table[:11]>_<first column[:7]>_<digest>_idx".
func ModelIndexName(table string, columns []string) string {
	digest := namesDigest(6, append(append([]string{table}, columns...), "idx")...)
	name := cut(table, 11) + "_" + cut(columns[0], 7) + "_" + digest + "_idx"
	if name[0] == '_' || (name[0] >= '0' && name[0] <= '9') {
		name = "D" + name[1:]
	}
	return name
}
