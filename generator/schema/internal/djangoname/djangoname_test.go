package djangoname

import (
	"strings"
	"testing"
)

// The expected names were computed by Django 3.2 itself (Debian's python3-django, on a
// PostgreSQL connection): schema_editor()._create_index_name(table, columns, suffix), and
// models.Index(fields=…).set_name_with_model(model).
func TestIndex(t *testing.T) {
	for _, c := range []struct {
		table   string
		columns []string
		suffix  string
		want    string
	}{
		{"store_review", []string{"owner_id"}, "", "store_review_owner_id_874c22af"},
		{"auth_group_permissions", []string{"permission_id"}, "_fk_auth_permission_id", "auth_group_permissio_permission_id_84c5c92e_fk_auth_perm"},
		{strings.Repeat("a", 70), []string{strings.Repeat("b", 40), "c"}, "_uniq", "aaaaaaaaaaaaaaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbb_ddebef6e_uniq"},
		{"auth_group", []string{"name"}, "_like", "auth_group_name_a6ea08ec_like"},
		{strings.Repeat("_x", 30), []string{strings.Repeat("y", 30)}, "", "D_x_x_x_x_x_x_x_x_x_x_x_x_x_yyyyyyyyyyyyyyyyyyyyyyyyyy_09f9856"},
		{"store_orderitem_tags", []string{"orderitem_id", "tag_id"}, "_uniq", "store_orderitem_tags_orderitem_id_tag_id_aed9eafe_uniq"},
	} {
		if got := Index(c.table, c.columns, c.suffix, PostgresMax); got != c.want {
			t.Errorf("Index(%q, %q, %q) = %q, want %q", c.table, c.columns, c.suffix, got, c.want)
		}
	}
}

// Django's names on SQLite and PostgreSQL for the same long table and columns: computed by
// Django 3.2 (Debian's python3-django), schema_editor()._create_index_name on an SQLite and
// on a PostgreSQL connection. SQLite cuts at 200 characters, PostgreSQL at 63.
func TestIndexPerDialect(t *testing.T) {
	long := "scratch_averylongmodelnamethatgoesonandonandonforeverandevermoreandmoreandmore"
	a, b, c := strings.Repeat("a", 63), strings.Repeat("b", 63), strings.Repeat("c", 63)
	for _, c := range []struct {
		table          string
		columns        []string
		suffix         string
		sqlite, postgr string
	}{
		{long, []string{"another_quite_long_field_name_for_an_index_with_db_index_true"}, "",
			long + "_another_quite_long_field_name_for_an_index_with_db_index_true_0c284c1a",
			"scratch_averylongmodelname_another_quite_long_field_n_0c284c1a"},
		{a, []string{b, c}, "_uniq",
			a + "_" + b + "_" + strings.Repeat("c", 28) + "_688fec47_uniq", strings.Repeat("a", 24) + "_" + strings.Repeat("b", 24) + "_688fec47_uniq"},
		{a, []string{b}, "_fk_" + c + "_id",
			a + "_" + b + "_7a801ee2_fk_" + strings.Repeat("c", 54), strings.Repeat("a", 20) + "_" + strings.Repeat("b", 20) + "_7a801ee2_fk_ccccccccc"},
		{strings.Repeat("_x", 30), []string{strings.Repeat("y", 30)}, "",
			strings.Repeat("_x", 30) + "_" + strings.Repeat("y", 30) + "_09f9856f", "D_x_x_x_x_x_x_x_x_x_x_x_x_x_yyyyyyyyyyyyyyyyyyyyyyyyyy_09f9856"},
		{"store_review", []string{"owner_id"}, "", "store_review_owner_id_874c22af", "store_review_owner_id_874c22af"},
	} {
		if got := Index(c.table, c.columns, c.suffix, SQLiteMax); got != c.sqlite {
			t.Errorf("on SQLite Index(%q, %q, %q) = %q, want %q", c.table, c.columns, c.suffix, got, c.sqlite)
		}
		if got := Index(c.table, c.columns, c.suffix, PostgresMax); got != c.postgr {
			t.Errorf("on PostgreSQL Index(%q, %q, %q) = %q, want %q", c.table, c.columns, c.suffix, got, c.postgr)
		}
		pg, sqlite := Dialects(c.table, c.columns, c.suffix)
		if pg != c.postgr || (sqlite == "") != (c.sqlite == c.postgr) {
			t.Errorf("Dialects(%q) = %q, %q", c.table, pg, sqlite)
		}
	}
}

func TestModel(t *testing.T) {
	for _, c := range []struct {
		columns []string
		want    string
	}{
		{[]string{"product_id", "rating"}, "store_revie_product_3a017e_idx"},
		{[]string{"comment"}, "store_revie_comment_731200_idx"},
	} {
		if got := Model("store_review", c.columns); got != c.want {
			t.Errorf("Model(store_review, %q) = %q, want %q", c.columns, got, c.want)
		}
	}
}
