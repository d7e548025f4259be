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

// pgMaxName is PostgreSQL's longest identifier (NAMEDATALEN - 1), Django's
// max_name_length() there. SQLite has none, where Django uses 200; names longer than 63
// characters are the ones the two dialects' Django names differ on, and authgen uses
// PostgreSQL's on both.
const pgMaxName = 63

// namesDigest is Django's names_digest: the first length hex digits of the MD5 of the
// arguments' concatenation.
func namesDigest(length int, args ...string) string {
	h := md5.New()
	for _, a := range args {
		h.Write([]byte(a))
	}
	return hex.EncodeToString(h.Sum(nil))[:length]
}

// djangoIndexName is Django's _create_index_name(table, columns, suffix) on PostgreSQL:
// "<table>_<columns>_<digest><suffix>", with the parts cut to fit 63 characters.
func djangoIndexName(table string, columns []string, suffix string) string {
	hashSuffix := namesDigest(8, append([]string{table}, columns...)...) + suffix
	joined := strings.Join(columns, "_")
	name := table + "_" + joined + "_" + hashSuffix
	if len(name) <= pgMaxName {
		return name
	}
	if len(hashSuffix) > pgMaxName/3 {
		hashSuffix = hashSuffix[:pgMaxName/3]
	}
	other := (pgMaxName-len(hashSuffix))/2 - 1
	name = cut(table, other) + "_" + cut(joined, other) + "_" + hashSuffix
	if name[0] == '_' || (name[0] >= '0' && name[0] <= '9') {
		name = "D" + name[:len(name)-1]
	}
	return name
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// IndexName is the name Django gives a field's index (db_index, and a foreign key's).
func IndexName(table, column string) string { return djangoIndexName(table, []string{column}, "") }

// LikeIndexName is the name of the varchar_pattern_ops / text_pattern_ops index Django adds
// on PostgreSQL beside a text column's index or unique constraint.
func LikeIndexName(table, column string) string {
	return djangoIndexName(table, []string{column}, "_like")
}

// UniqueTogetherName is the name of Django's unique_together constraint over columns.
func UniqueTogetherName(table string, columns []string) string {
	return djangoIndexName(table, columns, "_uniq")
}

// ForeignKeyName is the name of Django's FOREIGN KEY constraint of a column on PostgreSQL.
func ForeignKeyName(table, column, target string) string {
	return djangoIndexName(table, []string{column}, "_fk_"+target+"_id")
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
