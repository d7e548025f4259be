package collect_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/collect"
	"github.com/authgen/authgen/runtime/db"
)

// Django's example of RESTRICT: an artist's albums cascade, and so do their songs, but a
// song's artist is RESTRICT. Around the artist: a protected fan club, nullable and
// defaulted references, and a log that nothing is done to.
var rels = []collect.Relation{
	{Table: "album", Column: "artist_id", To: "artist", OnDelete: collect.Cascade},
	{Table: "song", Column: "album_id", To: "album", OnDelete: collect.Cascade},
	{Table: "song", Column: "artist_id", To: "artist", OnDelete: collect.Restrict},
	{Table: "play", Column: "song_id", To: "song", OnDelete: collect.Cascade},
	{Table: "fanclub", Column: "artist_id", To: "artist", OnDelete: collect.Protect},
	{Table: "poster", Column: "artist_id", To: "artist", OnDelete: collect.SetNull},
	{Table: "slot", Column: "artist_id", To: "artist", OnDelete: collect.SetDefault, Default: int64(1)},
	{Table: "log", Column: "artist_id", To: "artist", OnDelete: collect.DoNothing},
}

// schema creates the tables with Django's foreign keys (no ON DELETE, deferred) or with
// authgen's (the action in the database too).
func schema(t *testing.T, d *db.DB, django bool) {
	t.Helper()
	id := `"id" integer NOT NULL PRIMARY KEY AUTOINCREMENT`
	if d.Dialect == db.Postgres {
		id = `"id" serial NOT NULL PRIMARY KEY`
	}
	fk := func(table, action string) string {
		if django {
			return ` REFERENCES "` + table + `" ("id") DEFERRABLE INITIALLY DEFERRED`
		}
		return ` REFERENCES "` + table + `" ("id") ON DELETE ` + action
	}
	ddl := []string{
		`CREATE TABLE "artist" (` + id + `, "name" text NOT NULL)`,
		`CREATE TABLE "album" (` + id + `, "artist_id" integer NOT NULL` + fk("artist", "CASCADE") + `)`,
		`CREATE TABLE "song" (` + id + `, "album_id" integer NOT NULL` + fk("album", "CASCADE") + `, "artist_id" integer NOT NULL` + fk("artist", "RESTRICT") + `)`,
		`CREATE TABLE "play" (` + id + `, "song_id" integer NOT NULL` + fk("song", "CASCADE") + `)`,
		`CREATE TABLE "fanclub" (` + id + `, "artist_id" integer NOT NULL` + fk("artist", "RESTRICT") + `)`,
		`CREATE TABLE "poster" (` + id + `, "artist_id" integer NULL` + fk("artist", "SET NULL") + `)`,
		`CREATE TABLE "slot" (` + id + `, "artist_id" integer NOT NULL DEFAULT 1` + fk("artist", "SET DEFAULT") + `)`,
		`CREATE TABLE "log" (` + id + `, "artist_id" integer NOT NULL)`,
		`INSERT INTO "artist" ("id", "name") VALUES (1, 'house band'), (2, 'alpha'), (3, 'beta'), (4, 'gamma')`,
	}
	for _, s := range ddl {
		_, err := d.ExecContext(context.Background(), s)
		require.NoError(t, err, s)
	}
}

func exec(t *testing.T, d *db.DB, q string) {
	t.Helper()
	_, err := d.ExecContext(context.Background(), q)
	require.NoError(t, err, q)
}

func count(t *testing.T, d *db.DB, q string) int {
	t.Helper()
	var n int
	require.NoError(t, d.QueryRowContext(context.Background(), q).Scan(&n), q)
	return n
}

func each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		for _, django := range []bool{true, false} {
			name := "authgen schema"
			if django {
				name = "django schema"
			}
			t.Run(name, func(t *testing.T) {
				d := dbtest.Open(t, dialect)
				schema(t, d, django)
				fn(t, d)
			})
		}
	})
}

func TestDeleteCascadesUpdatesAndKeeps(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		exec(t, d, `INSERT INTO "album" ("id", "artist_id") VALUES (10, 2), (11, 2), (12, 3)`)
		exec(t, d, `INSERT INTO "song" ("id", "album_id", "artist_id") VALUES (100, 10, 2), (101, 11, 2), (102, 12, 3)`)
		exec(t, d, `INSERT INTO "play" ("song_id") VALUES (100), (100), (101), (102)`)
		exec(t, d, `INSERT INTO "poster" ("artist_id") VALUES (2), (3)`)
		exec(t, d, `INSERT INTO "slot" ("artist_id") VALUES (2), (3)`)

		n, err := collect.New(rels...).Delete(ctx, d, "artist", 2)
		require.NoError(t, err)
		require.EqualValues(t, 1, n)
		require.Equal(t, 3, count(t, d, `SELECT count(*) FROM "artist"`))
		require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "album"`), "albums cascade")
		require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "song"`), "songs cascade through albums; RESTRICT is met")
		require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "play"`), "plays cascade through songs")
		require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "poster" WHERE "artist_id" IS NULL`), "SET_NULL")
		require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "slot" WHERE "artist_id" = 1`), "SET_DEFAULT")

		n, err = collect.New(rels...).Delete(ctx, d, "artist", 2)
		require.NoError(t, err)
		require.Zero(t, n, "gone already")
	})
}

func TestDeleteRefusedChangesNothing(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := collect.New(rels...)
		// Artist 3 sings a song on artist 4's album: deleting 3 alone is restricted.
		exec(t, d, `INSERT INTO "album" ("id", "artist_id") VALUES (10, 4), (11, 3)`)
		exec(t, d, `INSERT INTO "song" ("id", "album_id", "artist_id") VALUES (100, 10, 3)`)
		exec(t, d, `INSERT INTO "poster" ("artist_id") VALUES (3)`)
		_, err := c.Delete(ctx, d, "artist", 3)
		require.ErrorIs(t, err, collect.ErrRestricted)
		require.ErrorContains(t, err, "song.artist_id (1 rows)")
		require.Equal(t, 4, count(t, d, `SELECT count(*) FROM "artist"`))
		require.Equal(t, 2, count(t, d, `SELECT count(*) FROM "album"`))
		require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "poster" WHERE "artist_id" = 3`), "nothing updated")

		// Deleting both in one go cascades to the song: allowed, as Django allows it.
		n, err := c.Delete(ctx, d, "artist", 3, 4)
		require.NoError(t, err)
		require.EqualValues(t, 2, n)
		require.Zero(t, count(t, d, `SELECT count(*) FROM "song"`))

		// A fan club protects its artist, whatever else would cascade.
		exec(t, d, `INSERT INTO "fanclub" ("artist_id") VALUES (2)`)
		exec(t, d, `INSERT INTO "album" ("id", "artist_id") VALUES (20, 2)`)
		_, err = c.Delete(ctx, d, "artist", 2)
		require.ErrorIs(t, err, collect.ErrProtected)
		require.ErrorContains(t, err, "fanclub.artist_id (1 rows)")
		require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "album" WHERE "id" = 20`))
	})
}

// DO_NOTHING leaves the rows to the database: with a foreign key constraint the delete
// fails as Django's does (IntegrityError), and the transaction is rolled back.
func TestDoNothingLeavesItToTheDatabase(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		exec(t, d, `INSERT INTO "log" ("artist_id") VALUES (2)`)
		_, err := collect.New(rels...).Delete(ctx, d, "artist", 2)
		require.NoError(t, err, "no constraint on log")
		require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "log" WHERE "artist_id" = 2`))

		noAction := []collect.Relation{{Table: "album", Column: "artist_id", To: "artist", OnDelete: collect.DoNothing}}
		exec(t, d, `INSERT INTO "album" ("id", "artist_id") VALUES (10, 3)`)
		_, err = collect.New(noAction...).Delete(ctx, d, "artist", 3)
		if err == nil {
			// authgen's schema cascades in the database itself.
			require.Zero(t, count(t, d, `SELECT count(*) FROM "album"`))
			return
		}
		require.True(t, db.IsForeignKeyViolation(err), err)
		require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "artist" WHERE "id" = 3`))
	})
}

func TestBuiltinRelationsOfAUser(t *testing.T) {
	var got []string
	for _, r := range collect.Builtin() {
		if r.To == "auth_user" {
			got = append(got, r.Table+":"+string(r.OnDelete))
		}
	}
	require.Equal(t, "auth_user_groups:CASCADE auth_user_user_permissions:CASCADE authtoken_token:CASCADE "+
		"token_blacklist_outstandingtoken:SET_NULL authgen_object_permission:CASCADE", strings.Join(got, " "))
}
