package plan

import (
	"strings"

	"github.com/authgen/authgen/generator/schema"
)

// migrationName is an automatic name for a migration, from what it does, as Django's:
// "tag", "product_sku", "remove_product_legacy", "rename_title_post_name",
// "alter_product_price", "delete_coupon", "product_permissions"; several are joined with
// "_", and a name longer than 50 characters is its first part and "_and_more".
func migrationName(c *schema.Changes) string {
	var parts []string
	add := func(p string) {
		for _, q := range parts {
			if q == p {
				return
			}
		}
		parts = append(parts, p)
	}
	for _, t := range c.Created {
		if t.Field != "" {
			add(label(t) + "_" + t.Field)
		} else {
			add(label(t))
		}
	}
	for _, tc := range c.Tables {
		if tc.Renamed() {
			add("rename_" + label(tc.From) + "_" + label(tc.To))
		}
		for _, col := range tc.Added {
			add(label(tc.To) + "_" + fieldOf(col))
		}
		for _, cc := range tc.Columns {
			switch {
			case cc.Renamed:
				add("rename_" + fieldOf(cc.From) + "_" + label(tc.To) + "_" + fieldOf(cc.To))
			case cc.Altered:
				add("alter_" + label(tc.To) + "_" + fieldOf(cc.To))
			}
		}
		for _, col := range tc.Dropped {
			add("remove_" + label(tc.To) + "_" + fieldOf(col))
		}
		if len(tc.Added)+len(tc.Columns)+len(tc.Dropped) == 0 && !tc.Renamed() {
			add("alter_" + label(tc.To) + "_indexes")
		}
	}
	for _, t := range c.Dropped {
		if t.Field != "" {
			add("remove_" + label(t) + "_" + t.Field)
		} else {
			add("delete_" + label(t))
		}
	}
	if len(parts) == 0 {
		for _, p := range c.PermissionsAdded {
			add(p.Model + "_permissions")
		}
		for _, p := range c.PermissionsRemoved {
			add(p.Model + "_permissions")
		}
		for _, p := range c.PermissionsChanged {
			add(p.To.Model + "_permissions")
		}
		for _, ct := range c.ContentTypesAdded {
			add(ct.Model)
		}
		for _, ct := range c.ContentTypesRemoved {
			add("delete_" + ct.Model)
		}
	}
	if len(parts) == 0 {
		return "auto"
	}
	name := strings.Join(parts, "_")
	if len(name) > 50 {
		name = parts[0] + "_and_more"
	}
	return name
}

// label names a table in a migration name: its model in lower case, "user" for auth_user,
// the table itself otherwise.
func label(t *schema.Table) string {
	switch {
	case t.Model != "":
		return strings.ToLower(t.Model)
	case t.Name == schema.UserTable:
		return "user"
	}
	return t.Name
}

// fieldOf names a column by its field: "product" for "product_id".
func fieldOf(c *schema.Column) string {
	if c.References != "" {
		return strings.TrimSuffix(c.Name, "_id")
	}
	return c.Name
}
