package users_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/collect"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/users"
)

// onDelete is what Django's schema lacks: its foreign keys have no ON DELETE.
var onDelete = regexp.MustCompile(` ON DELETE (CASCADE|SET NULL|RESTRICT)`)

// TestDeleteAsDjango deletes a user and a group on authgen's schema and on one whose
// foreign keys, as Django's, do nothing: alike, as Django's Collector does.
func TestDeleteAsDjango(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		for _, django := range []bool{false, true} {
			t.Run(map[bool]string{false: "authgen", true: "django"}[django], func(t *testing.T) {
				ctx := context.Background()
				d := dbtest.Open(t, dialect)
				ddl, err := dbtest.AuthSchema(dialect, "")
				require.NoError(t, err)
				if django {
					ddl = onDelete.ReplaceAllString(ddl, "")
				}
				for _, stmt := range dbtest.SplitStatements(ddl) {
					_, err := d.Exec(stmt)
					require.NoError(t, err, stmt)
				}
				_, err = d.Exec(`CREATE TABLE "app_note" ("id" integer NOT NULL PRIMARY KEY, "owner_id" integer NOT NULL REFERENCES "auth_user" ("id"))`)
				require.NoError(t, err)
				s, err := users.NewStore(d, nil, collect.Relation{Table: "app_note", Column: "owner_id", To: "auth_user", OnDelete: collect.Cascade})
				require.NoError(t, err)

				alice := &users.User{Username: "alice", Password: "!", IsActive: true, DateJoined: time.Now()}
				require.NoError(t, s.Create(ctx, alice))
				gid, err := s.CreateGroup(ctx, "editors", nil)
				require.NoError(t, err)
				require.NoError(t, s.AddUserToGroup(ctx, alice.ID, "editors"))
				for _, q := range []string{
					`INSERT INTO "authtoken_token" ("key", "created", "user_id") VALUES ('k', $2, $1)`,
					`INSERT INTO "token_blacklist_outstandingtoken" ("token", "created_at", "expires_at", "user_id", "jti") VALUES ('t', $2, $2, $1, 'j')`,
					`INSERT INTO "token_blacklist_blacklistedtoken" ("blacklisted_at", "token_id") SELECT $2, "id" FROM "token_blacklist_outstandingtoken" WHERE $1 > 0`,
					`INSERT INTO "app_note" ("id", "owner_id") SELECT 1, $1 WHERE CAST($2 AS timestamptz) IS NOT NULL`,
				} {
					_, err := d.ExecContext(ctx, q, alice.ID, time.Now())
					require.NoError(t, err, q)
				}

				require.NoError(t, s.Delete(ctx, alice.ID))
				count := func(q string) int {
					var n int
					require.NoError(t, d.QueryRowContext(ctx, q).Scan(&n))
					return n
				}
				require.Zero(t, count(`SELECT count(*) FROM "auth_user"`))
				require.Zero(t, count(`SELECT count(*) FROM "auth_user_groups"`), "memberships cascade")
				require.Zero(t, count(`SELECT count(*) FROM "authtoken_token"`), "the DRF token cascades")
				require.Zero(t, count(`SELECT count(*) FROM "app_note"`), "the app's rows cascade")
				require.Equal(t, 1, count(`SELECT count(*) FROM "token_blacklist_outstandingtoken" WHERE "user_id" IS NULL`), "outstanding tokens stay, SET_NULL")
				require.Equal(t, 1, count(`SELECT count(*) FROM "token_blacklist_blacklistedtoken"`), "and stay blacklisted")
				require.ErrorIs(t, s.Delete(ctx, alice.ID), users.ErrNotFound)

				require.NoError(t, s.DeleteGroup(ctx, gid))
				require.Zero(t, count(`SELECT count(*) FROM "auth_group"`))
				require.ErrorIs(t, s.DeleteGroup(ctx, gid), users.ErrNotFound)
			})
		}
	})
}
