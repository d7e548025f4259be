-- Django's contenttypes, auth, authtoken and simplejwt token_blacklist tables, with Django's
-- table and column names, so an existing Django database is a future target.
CREATE TABLE "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);
CREATE UNIQUE INDEX "django_content_type_app_label_model_uniq" ON "django_content_type" ("app_label", "model");
CREATE TABLE "auth_permission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id"), "codename" varchar(100) NOT NULL, "name" varchar(255) NOT NULL);
CREATE UNIQUE INDEX "auth_permission_content_type_id_codename_uniq" ON "auth_permission" ("content_type_id", "codename");
CREATE TABLE "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE);
CREATE TABLE "auth_group_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") ON DELETE CASCADE, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "auth_group_permissions_group_id_permission_id_uniq" ON "auth_group_permissions" ("group_id", "permission_id");
CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "first_name" varchar(150) NOT NULL, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL{{.UserColumns}});
CREATE TABLE "auth_user_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") ON DELETE CASCADE, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "auth_user_groups_user_id_group_id_uniq" ON "auth_user_groups" ("user_id", "group_id");
CREATE TABLE "auth_user_user_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") ON DELETE CASCADE, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "auth_user_user_permissions_user_id_permission_id_uniq" ON "auth_user_user_permissions" ("user_id", "permission_id");
CREATE TABLE "authtoken_token" ("key" varchar(40) NOT NULL PRIMARY KEY, "created" datetime NOT NULL, "user_id" integer NOT NULL UNIQUE REFERENCES "auth_user" ("id") ON DELETE CASCADE);
CREATE TABLE "token_blacklist_outstandingtoken" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "token" text NOT NULL, "created_at" datetime NULL, "expires_at" datetime NOT NULL, "user_id" integer NULL REFERENCES "auth_user" ("id") ON DELETE SET NULL, "jti" varchar(255) NOT NULL UNIQUE);
CREATE INDEX "token_blacklist_outstandingtoken_user_id" ON "token_blacklist_outstandingtoken" ("user_id");
CREATE TABLE "token_blacklist_blacklistedtoken" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "blacklisted_at" datetime NOT NULL, "token_id" bigint NOT NULL UNIQUE REFERENCES "token_blacklist_outstandingtoken" ("id") ON DELETE CASCADE);
CREATE TABLE "authgen_object_permission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") ON DELETE CASCADE, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") ON DELETE CASCADE, "object_pk" varchar(255) NOT NULL, "user_id" integer NULL REFERENCES "auth_user" ("id") ON DELETE CASCADE, "group_id" integer NULL REFERENCES "auth_group" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "authgen_object_permission_user_uniq" ON "authgen_object_permission" ("user_id", "permission_id", "object_pk") WHERE "user_id" IS NOT NULL;
CREATE UNIQUE INDEX "authgen_object_permission_group_uniq" ON "authgen_object_permission" ("group_id", "permission_id", "object_pk") WHERE "group_id" IS NOT NULL;
