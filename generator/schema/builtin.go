package schema

// Django's contenttypes, auth, authtoken and simplejwt token_blacklist tables, and authgen's
// object permissions, as templates/sql/<dialect>/auth.sql creates them in 0001_initial (a
// test renders these and compares them with the template's statements).

func autoID() *Column {
	return &Column{Name: "id", Type: TypeAuto, SQLite: "integer", Postgres: "bigint", PrimaryKey: true}
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

// ref is a foreign key column (integer on SQLite, bigint on PostgreSQL).
func ref(name, table, onDelete string, null bool) *Column {
	return &Column{Name: name, Type: "fk", SQLite: "integer", Postgres: "bigint", Null: null, References: table, OnDelete: onDelete}
}

func unique(c *Column) *Column {
	c.Unique = true
	return c
}

func pairIndex(table, a, b string) *Index {
	return &Index{Name: table + "_" + a + "_" + b + "_uniq", Columns: []string{a, b}, Unique: true}
}

// UserTable is auth_user's name.
const UserTable = "auth_user"

// builtinTables returns the built-in tables; auth_user gets the extra columns.
func builtinTables(userColumns []*Column, emailUnique bool) []*Table {
	user := &Table{Name: UserTable, Columns: []*Column{
		autoID(), varchar("password", 128, false), timestamp("last_login", true),
		boolean("is_superuser"), unique(varchar("username", 150, false)),
		varchar("first_name", 150, false), varchar("last_name", 150, false),
		varchar("email", 254, false), boolean("is_staff"), boolean("is_active"),
		timestamp("date_joined", false),
	}}
	user.Columns = append(user.Columns, userColumns...)
	if emailUnique {
		user.Indexes = []*Index{{Name: "auth_user_email_uniq", Columns: []string{"email"}, Unique: true}}
	}
	return []*Table{
		{Name: "django_content_type", Columns: []*Column{
			autoID(), varchar("app_label", 100, false), varchar("model", 100, false),
		}, Indexes: []*Index{pairIndex("django_content_type", "app_label", "model")}},
		{Name: "auth_permission", Columns: []*Column{
			autoID(), ref("content_type_id", "django_content_type", "", false),
			varchar("codename", 100, false), varchar("name", 255, false),
		}, Indexes: []*Index{pairIndex("auth_permission", "content_type_id", "codename")}},
		{Name: "auth_group", Columns: []*Column{autoID(), unique(varchar("name", 150, false))}},
		{Name: "auth_group_permissions", Columns: []*Column{
			autoID(), ref("group_id", "auth_group", "CASCADE", false),
			ref("permission_id", "auth_permission", "CASCADE", false),
		}, Indexes: []*Index{pairIndex("auth_group_permissions", "group_id", "permission_id")}},
		user,
		{Name: "auth_user_groups", Columns: []*Column{
			autoID(), ref("user_id", UserTable, "CASCADE", false), ref("group_id", "auth_group", "CASCADE", false),
		}, Indexes: []*Index{pairIndex("auth_user_groups", "user_id", "group_id")}},
		{Name: "auth_user_user_permissions", Columns: []*Column{
			autoID(), ref("user_id", UserTable, "CASCADE", false), ref("permission_id", "auth_permission", "CASCADE", false),
		}, Indexes: []*Index{pairIndex("auth_user_user_permissions", "user_id", "permission_id")}},
		{Name: "authtoken_token", Columns: []*Column{
			{Name: "key", Type: "string", SQLite: "varchar(40)", Postgres: "varchar(40)", PrimaryKey: true},
			timestamp("created", false), unique(ref("user_id", UserTable, "CASCADE", false)),
		}},
		{Name: "token_blacklist_outstandingtoken", Columns: []*Column{
			autoID(), {Name: "token", Type: "text", SQLite: "text", Postgres: "text"},
			timestamp("created_at", true), timestamp("expires_at", false),
			ref("user_id", UserTable, "SET NULL", true), unique(varchar("jti", 255, false)),
		}, Indexes: []*Index{{Name: "token_blacklist_outstandingtoken_user_id", Columns: []string{"user_id"}}}},
		{Name: "token_blacklist_blacklistedtoken", Columns: []*Column{
			autoID(), timestamp("blacklisted_at", false),
			unique(&Column{Name: "token_id", Type: "fk", SQLite: "bigint", Postgres: "bigint", References: "token_blacklist_outstandingtoken", OnDelete: "CASCADE"}),
		}},
		{Name: "authgen_object_permission", Columns: []*Column{
			autoID(), ref("permission_id", "auth_permission", "CASCADE", false),
			ref("content_type_id", "django_content_type", "CASCADE", false),
			varchar("object_pk", 255, false),
			ref("user_id", UserTable, "CASCADE", true), ref("group_id", "auth_group", "CASCADE", true),
		}, Indexes: []*Index{
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
