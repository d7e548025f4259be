package authcache

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/authgen/authgen/runtime/db"
)

// The triggers that announce changes on PostgreSQL, whoever makes them: this app, its
// operator's commands, Django on the same database, psql. They are installed by the app
// itself when it starts (InstallTriggers), not by its migrations: they belong to the cache,
// not to the schema an app's migrations describe, and they are created only where missing,
// so an instance starting takes no lock on a table that has them already.
//
// A row of a user ("u:<id>"): auth_user (updated or deleted), its group memberships and
// direct permissions, its opaque token. A token blacklisted ("b:<jti>"). Everything ("*"): a
// change to what a group or a permission is (auth_group, auth_group_permissions,
// auth_permission, django_content_type), an outstanding token's row changed, and TRUNCATE of
// any of these tables.

// channelOfTable is the channel of the changed table's schema, as Channel names it: the
// expression is Channel's in SQL. It calls only pg_catalog's functions, so it runs under any
// writer's search_path, and it cannot fail: the longest channel it makes is 62 bytes.
var channelOfTable = `CASE WHEN TG_TABLE_SCHEMA = 'public' THEN '` + publicChannel + `'
		WHEN octet_length(TG_TABLE_SCHEMA) <= ` + strconv.Itoa(maxSchemaBytes) + ` THEN '` + publicChannel + `_' || TG_TABLE_SCHEMA
		ELSE '` + publicChannel + `_' || left(TG_TABLE_SCHEMA, 8) || right(TG_TABLE_SCHEMA, 4) END`

// rowFunction notifies the user of the changed row, by the column its first argument names.
var rowFunction = `CREATE OR REPLACE FUNCTION authgen_cache_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	channel text := ` + channelOfTable + `;
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		PERFORM pg_notify(channel, coalesce('u:' || (to_jsonb(OLD) ->> TG_ARGV[0]), '*'));
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM pg_notify(channel, coalesce('u:' || (to_jsonb(NEW) ->> TG_ARGV[0]), '*'));
	END IF;
	RETURN NULL;
END $$`

// allFunction notifies a change that may concern any user.
var allFunction = `CREATE OR REPLACE FUNCTION authgen_cache_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify(` + channelOfTable + `, '*');
	RETURN NULL;
END $$`

// blacklistFunction notifies the jti of a token blacklisted. Only blacklisting is
// announced: the cache keeps no blacklisted verdict that un-blacklisting could make stale.
var blacklistFunction = `CREATE OR REPLACE FUNCTION authgen_cache_blacklist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	jti text;
BEGIN
	EXECUTE format('SELECT jti FROM %I.token_blacklist_outstandingtoken WHERE id = $1', TG_TABLE_SCHEMA)
		INTO jti USING NEW.token_id;
	PERFORM pg_notify(` + channelOfTable + `, coalesce('b:' || jti, '*'));
	RETURN NULL;
END $$`

// trigger is one trigger to install.
type trigger struct {
	table, name, definition string
}

// triggers lists them. A new user, group or permission changes nobody's cached answers, so
// inserts into auth_user, auth_group and auth_permission notify nothing.
func triggers() []trigger {
	row := func(table, events, column string) trigger {
		name := "authgen_cache_" + table
		return trigger{table, name, `CREATE TRIGGER "` + name + `" AFTER ` + events + ` ON "` + table +
			`" FOR EACH ROW EXECUTE FUNCTION authgen_cache_row('` + column + `')`}
	}
	all := func(table, events string) trigger {
		name := "authgen_cache_" + table + "_all"
		return trigger{table, name, `CREATE TRIGGER "` + name + `" AFTER ` + events + ` ON "` + table +
			`" FOR EACH STATEMENT EXECUTE FUNCTION authgen_cache_all()`}
	}
	return []trigger{
		row("auth_user", "UPDATE OR DELETE", "id"),
		all("auth_user", "TRUNCATE"),
		row("auth_user_groups", "INSERT OR UPDATE OR DELETE", "user_id"),
		all("auth_user_groups", "TRUNCATE"),
		row("auth_user_user_permissions", "INSERT OR UPDATE OR DELETE", "user_id"),
		all("auth_user_user_permissions", "TRUNCATE"),
		row("authtoken_token", "INSERT OR UPDATE OR DELETE", "user_id"),
		all("authtoken_token", "TRUNCATE"),
		all("auth_group", "UPDATE OR DELETE OR TRUNCATE"),
		all("auth_group_permissions", "INSERT OR UPDATE OR DELETE OR TRUNCATE"),
		all("auth_permission", "UPDATE OR DELETE OR TRUNCATE"),
		all("django_content_type", "UPDATE OR DELETE OR TRUNCATE"),
		{"token_blacklist_blacklistedtoken", "authgen_cache_token_blacklist_blacklistedtoken",
			`CREATE TRIGGER "authgen_cache_token_blacklist_blacklistedtoken" AFTER INSERT OR UPDATE ON "token_blacklist_blacklistedtoken" ` +
				`FOR EACH ROW EXECUTE FUNCTION authgen_cache_blacklist()`},
		// A jti changed in place could carry another token's blacklist row.
		all("token_blacklist_outstandingtoken", "UPDATE"),
	}
}

// installLock is the advisory lock under which instances install the triggers one at a
// time ("authgen_cache" as bytes).
const installLock = 0x617574686763

// InstallTriggers creates, on PostgreSQL, the functions and the triggers of the tables the
// database has that are missing. It is idempotent, and safe while other instances run.
func InstallTriggers(ctx context.Context, d *db.DB) error {
	if d.Dialect != db.Postgres {
		return nil
	}
	err := d.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, installLock); err != nil {
			return err
		}
		for _, f := range []string{rowFunction, allFunction, blacklistFunction} {
			if _, err := tx.ExecContext(ctx, f); err != nil {
				return err
			}
		}
		for _, t := range triggers() {
			var tableExists, triggerExists bool
			err := tx.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL,
				EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass($1) AND tgname = $2)`,
				`"`+t.table+`"`, t.name).Scan(&tableExists, &triggerExists)
			if err != nil {
				return err
			}
			if tableExists && !triggerExists {
				if _, err := tx.ExecContext(ctx, t.definition); err != nil {
					return fmt.Errorf("%s: %w", t.name, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("authcache: install triggers: %w", err)
	}
	return nil
}
