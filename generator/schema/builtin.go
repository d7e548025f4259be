package schema

import (
	"strings"

	"github.com/authgen/authgen/generator/schema/internal/djangoname"
)

// Django's contenttypes, auth, authtoken and simplejwt token_blacklist tables, and authgen's
// object permissions, as templates/sql/<dialect>/auth.sql creates them in 0001_initial (a
// test renders these and compares them with the template's statements), and as Django 3.2
// makes them (TestDjangoParity in examples/store compares the two databases).

// autoID is an AutoField's column: integer on SQLite, serial on PostgreSQL (Django 3.2's
// auth tables, and DEFAULT_AUTO_FIELD = AutoField, which the spec's models follow).
func autoID() *Column {
	return &Column{Name: "id", Type: TypeAuto, SQLite: "integer", Postgres: "serial", PrimaryKey: true}
}

// bigAutoID is a BigAutoField's column (simplejwt's token_blacklist tables).
func bigAutoID() *Column {
	return &Column{Name: "id", Type: TypeAuto, SQLite: "integer", Postgres: "bigserial", PrimaryKey: true}
}

func varchar(name string, n int, null bool) *Column {
	t := "varchar(" + itoa(n) + ")"
	return &Column{Name: name, Type: "string", SQLite: t, Postgres: t, Null: null}
}

func timestamp(name string, null bool) *Column {
	return &Column{Name: name, Type: "datetime", SQLite: "datetime", Postgres: "timestamptz", Null: null}
}

func boolean(name string) *Column {
	return &Column{Name: name, Type: "bool", SQLite: "bool", Postgres: "boolean"}
}

// ref is a Django foreign key column of table to target's AutoField: integer, deferrable,
// its constraint named as Django names it.
func ref(table, name, target string, null bool) *Column {
	return &Column{
		Name: name, Type: "fk", SQLite: "integer", Postgres: "integer", Null: null,
		References: target, Deferrable: true, ForeignKey: ForeignKeyName(table, name, target),
	}
}

func unique(c *Column) *Column {
	c.Unique = true
	return c
}

// uniqueTogether is Django's unique_together over a and b.
func uniqueTogether(table string, columns ...string) *Index {
	pg, sqlite := UniqueTogetherNames(table, columns)
	return &Index{Name: pg, SQLiteName: sqlite, Columns: columns, Unique: true, Constraint: true}
}

// fieldIndex is Django's index of an indexed field (a foreign key's, db_index).
func fieldIndex(table, column string) *Index {
	pg, sqlite := IndexNames(table, column)
	return &Index{Name: pg, SQLiteName: sqlite, Columns: []string{column}}
}

// likeIndex is the index Django adds on PostgreSQL beside a varchar or text column's index
// or unique constraint, for LIKE queries outside the C locale; nil for other types.
func likeIndex(table string, c *Column) *Index {
	return likeIndexNamed(LikeIndexName(table, c.Name), c)
}

func likeIndexNamed(name string, c *Column) *Index {
	ops := ""
	switch {
	case strings.HasPrefix(c.Postgres, "varchar"):
		ops = "varchar_pattern_ops"
	case c.Postgres == "text":
		ops = "text_pattern_ops"
	default:
		return nil
	}
	return &Index{Name: name, Columns: []string{c.Name}, Postgres: true, Ops: ops}
}

// joinTableOf is a many-to-many table as Django makes it: its two foreign keys, each
// indexed, and their pair unique together.
func joinTableOf(name, source, sourceTable, target, targetTable string) *Table {
	return &Table{
		Name: name,
		Columns: []*Column{
			autoID(), ref(name, source, sourceTable, false), ref(name, target, targetTable, false),
		},
		Indexes: []*Index{
			uniqueTogether(name, source, target), fieldIndex(name, source), fieldIndex(name, target),
		},
	}
}

// UserTable is auth_user's name.
const UserTable = "auth_user"

// builtinTables returns the built-in tables as Django 3.2's migrations of contenttypes,
// auth, authtoken and token_blacklist leave them (the names their history gave some
// constraints included); auth_user gets the extra columns.
func builtinTables(userColumns []*Column, userIndexes []*Index, emailUnique bool) []*Table {
	user := &Table{Name: UserTable, Columns: []*Column{
		autoID(), varchar("password", 128, false), timestamp("last_login", true),
		boolean("is_superuser"), unique(varchar("username", 150, false)),
		varchar("first_name", 150, false), varchar("last_name", 150, false),
		varchar("email", 254, false), boolean("is_staff"), boolean("is_active"),
		timestamp("date_joined", false),
	}}
	user.Columns = append(user.Columns, userColumns...)
	user.Indexes = append([]*Index{likeIndex(UserTable, user.Column("username"))}, userIndexes...)
	if emailUnique {
		// authgen's own: logging in by e-mail needs one user per address.
		user.Indexes = append(user.Indexes, &Index{Name: "auth_user_email_uniq", Columns: []string{"email"}, Unique: true})
	}

	group := &Table{Name: "auth_group", Columns: []*Column{autoID(), unique(varchar("name", 150, false))}}
	group.Indexes = []*Index{likeIndex(group.Name, group.Columns[1])}

	token := &Table{Name: "authtoken_token", Columns: []*Column{
		{Name: "key", Type: "string", SQLite: "varchar(40)", Postgres: "varchar(40)", PrimaryKey: true},
		timestamp("created", false), unique(ref("authtoken_token", "user_id", UserTable, false)),
	}}
	token.Indexes = []*Index{likeIndex(token.Name, token.Columns[0])}

	// simplejwt's token_blacklist: BigAutoField ids, and names from its migrations' history
	// (jti was jti_hex; token_id's constraint was made again when the id became bigint).
	outstanding := &Table{Name: "token_blacklist_outstandingtoken", Columns: []*Column{
		bigAutoID(), {Name: "token", Type: "text", SQLite: "text", Postgres: "text"},
		timestamp("created_at", true), timestamp("expires_at", false),
		ref("token_blacklist_outstandingtoken", "user_id", UserTable, true), unique(varchar("jti", 255, false)),
	}}
	jti := outstanding.Columns[5]
	jti.UniqueName = UniqueTogetherName(outstanding.Name, []string{"jti_hex"})
	outstanding.Indexes = []*Index{
		fieldIndex(outstanding.Name, "user_id"),
		likeIndexNamed(LikeIndexName(outstanding.Name, "jti_hex"), jti),
	}
	blacklisted := &Table{Name: "token_blacklist_blacklistedtoken", Columns: []*Column{
		bigAutoID(), timestamp("blacklisted_at", false),
		unique(&Column{
			Name: "token_id", Type: "fk", SQLite: "bigint", Postgres: "bigint", References: outstanding.Name,
			Deferrable: true, ForeignKey: djangoname.Index("token_blacklist_blacklistedtoken", []string{"token_id"}, "_fk", djangoname.PostgresMax),
		}),
	}}

	permission := &Table{Name: "auth_permission", Columns: []*Column{
		autoID(), ref("auth_permission", "content_type_id", "django_content_type", false),
		varchar("codename", 100, false), varchar("name", 255, false),
	}, Indexes: []*Index{
		uniqueTogether("auth_permission", "content_type_id", "codename"),
		fieldIndex("auth_permission", "content_type_id"),
	}}

	const objperm = "authgen_object_permission"
	return []*Table{
		{Name: "django_content_type", Columns: []*Column{
			autoID(), varchar("app_label", 100, false), varchar("model", 100, false),
		}, Indexes: []*Index{uniqueTogether("django_content_type", "app_label", "model")}},
		permission,
		group,
		joinTableOf("auth_group_permissions", "group_id", "auth_group", "permission_id", "auth_permission"),
		user,
		joinTableOf("auth_user_groups", "user_id", UserTable, "group_id", "auth_group"),
		joinTableOf("auth_user_user_permissions", "user_id", UserTable, "permission_id", "auth_permission"),
		token,
		outstanding,
		blacklisted,
		// authgen's own table, in Django's style.
		{Name: objperm, Columns: []*Column{
			autoID(), ref(objperm, "permission_id", "auth_permission", false),
			ref(objperm, "content_type_id", "django_content_type", false),
			varchar("object_pk", 255, false),
			ref(objperm, "user_id", UserTable, true), ref(objperm, "group_id", "auth_group", true),
		}, Indexes: []*Index{
			fieldIndex(objperm, "content_type_id"), fieldIndex(objperm, "group_id"),
			fieldIndex(objperm, "permission_id"), fieldIndex(objperm, "user_id"),
			{Name: "authgen_object_permission_group_uniq", Columns: []string{"group_id", "permission_id", "object_pk"}, Unique: true, Where: `"group_id" IS NOT NULL`},
			{Name: "authgen_object_permission_user_uniq", Columns: []string{"user_id", "permission_id", "object_pk"}, Unique: true, Where: `"user_id" IS NOT NULL`},
		}},
	}
}

// authModels are the content types of Django's auth app, each with the four default
// permissions (so auth.add_user exists, as in Django).
var authModels = []string{"group", "permission", "user"}

// DefaultActions are Django's default permissions of every model, in Django's order.
var DefaultActions = []string{"add", "change", "delete", "view"}
