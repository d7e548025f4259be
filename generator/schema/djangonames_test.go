package schema

import (
	"strings"
	"testing"
)

// The expected names were computed by Django 3.2 itself (Debian's python3-django, on a
// PostgreSQL connection): schema_editor()._create_index_name(table, columns, suffix), and
// models.Index(fields=…).set_name_with_model(model).
func TestDjangoIndexName(t *testing.T) {
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
		if got := djangoIndexName(c.table, c.columns, c.suffix); got != c.want {
			t.Errorf("djangoIndexName(%q, %q, %q) = %q, want %q", c.table, c.columns, c.suffix, got, c.want)
		}
	}
	if got := ForeignKeyName("auth_user_groups", "group_id", "auth_group"); got != "auth_user_groups_group_id_97559544_fk_auth_group_id" {
		t.Errorf("ForeignKeyName = %q", got)
	}
}

func TestModelIndexName(t *testing.T) {
	for _, c := range []struct {
		columns []string
		want    string
	}{
		{[]string{"product_id", "rating"}, "store_revie_product_3a017e_idx"},
		{[]string{"comment"}, "store_revie_comment_731200_idx"},
	} {
		if got := ModelIndexName("store_review", c.columns); got != c.want {
			t.Errorf("ModelIndexName(store_review, %q) = %q, want %q", c.columns, got, c.want)
		}
	}
}
