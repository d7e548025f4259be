// Package djangoname computes the names Django 3.2 gives indexes and constraints, so that a
// database made by either side has the other's names (django/db/backends/base/schema.py,
// _create_index_name; django/db/models/indexes.py, Index.set_name_with_model).
//
// It is a package of its own, not a file of generator/schema, so that its tests are not
// internal tests of schema: those make the go command compile generator/emit, plan and
// generator a second time for schema's test binary.
package djangoname

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
)

// The longest names Django makes, connection.ops.max_name_length(): PostgreSQL's longest
// identifier (NAMEDATALEN - 1) there; SQLite has none, where _create_index_name uses 200.
// A name longer than 63 characters is cut (and hashed) differently on the two dialects, as
// Django cuts it on each.
const (
	PostgresMax = 63
	SQLiteMax   = 200
)

// digest is Django's names_digest: the first length hex digits of the MD5 of the
// arguments' concatenation.
func digest(length int, args ...string) string {
	h := md5.New()
	for _, a := range args {
		h.Write([]byte(a))
	}
	return hex.EncodeToString(h.Sum(nil))[:length]
}

// Index is Django's _create_index_name(table, columns, suffix) on a dialect whose names
// have at most maxName characters: "<table>_<columns>_<digest><suffix>", with the parts
// cut to fit.
func Index(table string, columns []string, suffix string, maxName int) string {
	hashSuffix := digest(8, append([]string{table}, columns...)...) + suffix
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

// Dialects are the names Django's _create_index_name gives on PostgreSQL and on SQLite;
// sqlite is "" when it is the same.
func Dialects(table string, columns []string, suffix string) (pg, sqlite string) {
	pg = Index(table, columns, suffix, PostgresMax)
	if s := Index(table, columns, suffix, SQLiteMax); s != pg {
		sqlite = s
	}
	return pg, sqlite
}

// Model is the name Django gives an unnamed index of Meta.indexes
// (Index.set_name_with_model): "<table[:11]>_<first column[:7]>_<digest>_idx".
func Model(table string, columns []string) string {
	name := cut(table, 11) + "_" + cut(columns[0], 7) + "_" + digest(6, append(append([]string{table}, columns...), "idx")...) + "_idx"
	if name[0] == '_' || (name[0] >= '0' && name[0] <= '9') {
		name = "D" + name[1:]
	}
	return name
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
