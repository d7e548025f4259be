package authcache_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/authcache"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/users"
)

// fixture is one database seen from two sides: the instance whose cache is tested, and
// another writer (another instance, the operator's command, Django), each with its own
// connections.
type fixture struct {
	cache  *authcache.Cache
	mine   *users.Store // what the instance loads with
	other  *users.Store // the other writer
	userID int64
}

func open(t *testing.T, dialect db.Dialect) *fixture {
	t.Helper()
	return openURL(t, dialect, dbtest.URL(t, dialect))
}

func openURL(t *testing.T, dialect db.Dialect, url string) *fixture {
	t.Helper()
	ctx := context.Background()
	openDB := func() *db.DB {
		d, err := db.Open(url)
		require.NoError(t, err)
		t.Cleanup(func() { d.Close() })
		return d
	}
	mine, other := openDB(), openDB()
	ddl, err := dbtest.AuthSchema(dialect, "")
	require.NoError(t, err)
	ddl += `INSERT INTO "django_content_type" ("app_label", "model") VALUES ('shop', 'item');` + "\n"
	for _, p := range []string{"view_item", "change_item"} {
		ddl += `INSERT INTO "auth_permission" ("content_type_id", "codename", "name") SELECT "id", '` + p + `', 'Can' FROM "django_content_type";` + "\n"
	}
	for _, stmt := range dbtest.SplitStatements(ddl) {
		_, err := other.ExecContext(ctx, stmt)
		require.NoError(t, err, stmt)
	}
	c, err := authcache.Open(ctx, mine, url, nil)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	f := &fixture{cache: c}
	f.mine, err = users.NewStore(mine, nil)
	require.NoError(t, err)
	f.other, err = users.NewStore(other, nil)
	require.NoError(t, err)
	f.userID = dbtest.NewUser(t, other, "ann")
	require.NoError(t, f.other.GrantPerm(ctx, f.userID, "shop.view_item"))
	_, err = f.other.CreateGroup(ctx, "Stock", []string{"shop.change_item"})
	require.NoError(t, err)
	require.NoError(t, f.other.AddUserToGroup(ctx, f.userID, "Stock"))
	return f
}

// request is what authenticating one request does: Sync, then the user and its permissions
// through the cache.
func (f *fixture) request(t *testing.T) (*users.User, authz.PermSet) {
	t.Helper()
	ctx := context.Background()
	require.True(t, f.cache.Sync(ctx), "the cache serves")
	u, err := f.cache.User(ctx, authcache.Key{ID: f.userID}, func(ctx context.Context) (*users.User, error) { return f.mine.Get(ctx, f.userID) })
	require.NoError(t, err)
	perms, err := f.cache.Perms(ctx, f.userID, f.mine.Perms)
	require.NoError(t, err)
	return u, perms
}

// warm makes two requests and checks the second was served from memory.
func (f *fixture) warm(t *testing.T) {
	t.Helper()
	f.request(t)
	before := f.cache.Stats()
	f.request(t)
	after := f.cache.Stats()
	require.Equal(t, before.Hits+2, after.Hits, "user and permissions from memory")
	require.Equal(t, before.Misses, after.Misses)
}

// TestChangesByAnotherWriter: each kind of change, made by another writer, is seen by the
// very next request; between changes the cache serves.
func TestChangesByAnotherWriter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		f := open(t, dialect)

		f.warm(t)
		require.NoError(t, f.other.RevokePerm(ctx, f.userID, "shop.view_item"))
		_, perms := f.request(t)
		require.False(t, perms.Has("shop.view_item"), "a revoked permission")
		require.True(t, perms.Has("shop.change_item"))

		f.warm(t)
		require.NoError(t, f.other.RemoveUserFromGroup(ctx, f.userID, "Stock"))
		_, perms = f.request(t)
		require.False(t, perms.Has("shop.change_item"), "a group left")

		require.NoError(t, f.other.AddUserToGroup(ctx, f.userID, "Stock"))
		f.warm(t)
		gid, err := f.other.GroupID(ctx, "Stock")
		require.NoError(t, err)
		require.NoError(t, f.other.UpdateGroup(ctx, gid, nil, []string{}))
		_, perms = f.request(t)
		require.False(t, perms.Has("shop.change_item"), "a group's permission taken away")

		f.warm(t)
		u, err := f.other.Get(ctx, f.userID)
		require.NoError(t, err)
		u.IsActive = false
		require.NoError(t, f.other.Update(ctx, u, "is_active"))
		u, _ = f.request(t)
		require.False(t, u.IsActive, "a deactivated user")

		f.warm(t)
		require.NoError(t, f.other.SetPassword(ctx, f.userID, "pbkdf2_sha256$1$salt$new"))
		u, _ = f.request(t)
		require.Equal(t, "pbkdf2_sha256$1$salt$new", u.Password, "a new password")

		f.warm(t)
		require.NoError(t, f.other.Delete(ctx, f.userID))
		require.True(t, f.cache.Sync(ctx))
		_, err = f.cache.User(ctx, authcache.Key{ID: f.userID}, func(ctx context.Context) (*users.User, error) { return f.mine.Get(ctx, f.userID) })
		require.ErrorIs(t, err, users.ErrNotFound, "a deleted user")
	})
}

// TestCopies: a request may change the user it got without changing the cache's.
func TestCopies(t *testing.T) {
	f := open(t, db.SQLite)
	f.warm(t)
	u, _ := f.request(t)
	u.Username = "changed"
	u, _ = f.request(t)
	require.Equal(t, "ann", u.Username)
}

// TestByUsername: users looked up by username (USER_ID_FIELD) are found again by it, and
// forgotten with their row.
func TestByUsername(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		f := open(t, dialect)
		k := authcache.Key{Field: "username", Value: "ann"}
		get := func() (*users.User, error) {
			require.True(t, f.cache.Sync(ctx))
			return f.cache.User(ctx, k, func(ctx context.Context) (*users.User, error) { return f.mine.GetByUsername(ctx, "ann") })
		}
		_, err := get()
		require.NoError(t, err)
		before := f.cache.Stats()
		_, err = get()
		require.NoError(t, err)
		require.Equal(t, before.Hits+1, f.cache.Stats().Hits)

		u, err := f.other.Get(ctx, f.userID)
		require.NoError(t, err)
		u.Username = "bob"
		require.NoError(t, f.other.Update(ctx, u, "username"))
		_, err = get()
		require.ErrorIs(t, err, users.ErrNotFound, "the old name names nobody any more")
	})
}

// TestStaleLoadIsNotStored: a load that read the database before a change, and finishes
// after the change was applied, does not store what it read.
func TestStaleLoadIsNotStored(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		f := open(t, dialect)
		require.True(t, f.cache.Sync(ctx))

		read := make(chan struct{})
		resume := make(chan struct{})
		done := make(chan authz.PermSet)
		go func() {
			set, err := f.cache.Perms(ctx, f.userID, func(ctx context.Context, id int64) (authz.PermSet, error) {
				set, err := f.mine.Perms(ctx, id)
				close(read)
				<-resume // the change commits and is applied meanwhile
				return set, err
			})
			assert.NoError(t, err)
			done <- set
		}()
		<-read
		require.NoError(t, f.other.RevokePerm(ctx, f.userID, "shop.view_item"))
		require.True(t, f.cache.Sync(ctx), "the change is applied")
		close(resume)
		require.True(t, (<-done).Has("shop.view_item"), "the load in flight read before the change")

		_, perms := f.request(t)
		require.False(t, perms.Has("shop.view_item"), "but did not store it")
	})
}

// TestConcurrentLoadsAndChanges runs requests on many goroutines while another writer
// grants and revokes; once the writer stops, the next request sees its last word. Run it
// with -race.
func TestConcurrentLoadsAndChanges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		f := open(t, dialect)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					if !f.cache.Sync(ctx) {
						continue
					}
					_, err := f.cache.User(ctx, authcache.Key{ID: f.userID}, func(ctx context.Context) (*users.User, error) { return f.mine.Get(ctx, f.userID) })
					assert.NoError(t, err)
					_, err = f.cache.Perms(ctx, f.userID, f.mine.Perms)
					assert.NoError(t, err)
				}
			}()
		}
		deadline := time.Now().Add(time.Second)
		for i := 0; time.Now().Before(deadline); i++ {
			if i%2 == 0 {
				require.NoError(t, f.other.RevokePerm(ctx, f.userID, "shop.view_item"))
			} else {
				require.NoError(t, f.other.GrantPerm(ctx, f.userID, "shop.view_item"))
			}
		}
		require.NoError(t, f.other.RevokePerm(ctx, f.userID, "shop.view_item"))
		_, perms := f.request(t)
		require.False(t, perms.Has("shop.view_item"))
		close(stop)
		wg.Wait()
		_, perms = f.request(t)
		require.False(t, perms.Has("shop.view_item"))
	})
}

// TestBlacklistVerdicts: a token found not blacklisted is remembered until it is
// blacklisted, by whoever.
func TestBlacklistVerdicts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		f := open(t, dialect)
		d := f.other.DB()
		var id int64
		require.NoError(t, d.QueryRowContext(ctx, `INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti) VALUES ('t', $1, $1, NULL, 'jti-1') RETURNING id`, time.Now().UTC()).Scan(&id))
		load := func(ctx context.Context) (bool, error) {
			var n int
			err := f.mine.DB().QueryRowContext(ctx, `SELECT count(*) FROM token_blacklist_blacklistedtoken b JOIN token_blacklist_outstandingtoken o ON o.id = b.token_id WHERE o.jti = 'jti-1'`).Scan(&n)
			return n > 0, err
		}
		verdict := func() bool {
			require.True(t, f.cache.Sync(ctx))
			blacklisted, err := f.cache.Blacklisted(ctx, "jti-1", load)
			require.NoError(t, err)
			return blacklisted
		}
		require.False(t, verdict())
		before := f.cache.Stats()
		require.False(t, verdict())
		require.Equal(t, before.Hits+1, f.cache.Stats().Hits, "from memory")

		_, err := d.ExecContext(ctx, `INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id) VALUES ($1, $2)`, time.Now().UTC(), id)
		require.NoError(t, err)
		require.True(t, verdict(), "blacklisted by another writer")
		require.True(t, verdict(), "and not remembered as clean")
	})
}

// TestOtherSchemasDoNotFlush: the changes of another app (or test) on the same PostgreSQL
// database, in a schema of its own, are announced on that schema's channel and leave this
// schema's cache as it was; its own changes still reach it.
func TestOtherSchemasDoNotFlush(t *testing.T) {
	ctx := context.Background()
	f, g := open(t, db.Postgres), open(t, db.Postgres)
	f.warm(t)
	g.warm(t)
	require.NoError(t, g.other.RevokePerm(ctx, g.userID, "shop.view_item"))
	before := f.cache.Stats()
	_, perms := f.request(t)
	require.True(t, perms.Has("shop.view_item"))
	require.Equal(t, before.Hits+2, f.cache.Stats().Hits, "a change in another schema flushed nothing here")
	_, perms = g.request(t)
	require.False(t, perms.Has("shop.view_item"), "and reached its own schema's cache")
}

// TestLongSchemaName: a schema whose name is too long for a channel (63 bytes, of
// two-byte characters) is announced on the shortened channel the instance listens on.
func TestLongSchemaName(t *testing.T) {
	ctx := context.Background()
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:]) + "_" + strings.Repeat("é", 24)
	require.Len(t, schema, 63)
	require.Equal(t, "authgen_cache_t_"+hex.EncodeToString(b[:])[:6]+"éééé", authcache.Channel(schema))
	admin := dbtest.Open(t, db.Postgres)
	_, err := admin.ExecContext(ctx, `CREATE SCHEMA "`+schema+`"`)
	require.NoError(t, err)
	t.Cleanup(func() { admin.ExecContext(context.Background(), `DROP SCHEMA "`+schema+`" CASCADE`) })
	sep := "?"
	if strings.Contains(dbtest.PostgresURL(), "?") {
		sep = "&"
	}
	f := openURL(t, db.Postgres, dbtest.PostgresURL()+sep+"search_path="+url.QueryEscape(`"`+schema+`"`))
	var got string
	require.NoError(t, f.mine.DB().QueryRowContext(ctx, `SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass('auth_user')`).Scan(&got))
	require.Equal(t, schema, got, "the tables are in the long schema")

	f.warm(t)
	require.NoError(t, f.other.RevokePerm(ctx, f.userID, "shop.view_item"))
	_, perms := f.request(t)
	require.False(t, perms.Has("shop.view_item"), "the change reached the cache")
}

// TestChannel names the channels of ordinary schemas.
func TestChannel(t *testing.T) {
	require.Equal(t, "authgen_cache", authcache.Channel("public"))
	require.Equal(t, "authgen_cache_t_0123456789ab", authcache.Channel("t_0123456789ab"))
	long := strings.Repeat("s", 63)
	require.Equal(t, "authgen_cache_ssssssssssss", authcache.Channel(long))
	require.Equal(t, "authgen_cache_"+strings.Repeat("s", 49), authcache.Channel(long[:49]))
}

// TestListenerLost: while the listener's connection is gone, the changes it would have
// received reach nobody, so the cache serves nothing from memory (Sync is false, or the
// request's fence does not come back) until it listens again, and then reads afresh what
// changed meanwhile. No request in between is answered from a stale entry.
func TestListenerLost(t *testing.T) {
	ctx := context.Background()
	f := open(t, db.Postgres)
	f.warm(t)

	// The listener is this schema's session (application_name, dbtest.URL) that ran LISTEN.
	var killed, killedPID int
	require.NoError(t, f.other.DB().QueryRowContext(ctx, `SELECT count(pg_terminate_backend(pid)), coalesce(max(pid), 0) FROM pg_stat_activity
		WHERE application_name = current_setting('application_name') AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`).Scan(&killed, &killedPID))
	require.Equal(t, 1, killed, "the listener's session")
	require.NoError(t, f.other.RevokePerm(ctx, f.userID, "shop.view_item"))

	deadline := time.Now().Add(30 * time.Second)
	for bypassed := 0; ; {
		if !f.cache.Sync(ctx) {
			bypassed++ // the request reads the database
			require.True(t, time.Now().Before(deadline), "the cache listens again")
			time.Sleep(5 * time.Millisecond)
			continue
		}
		perms, err := f.cache.Perms(ctx, f.userID, f.mine.Perms)
		require.NoError(t, err)
		require.False(t, perms.Has("shop.view_item"), "a permission revoked while the listener was gone, after %d requests read the database", bypassed)
		break
	}
	// The terminated session may still hand over a fence (and every change committed before
	// it) before the cache sees it gone, so the Sync above may have come from it: wait for
	// the new listener before asking the cache to serve from memory again.
	require.Eventually(t, func() bool {
		var listeners int
		err := f.other.DB().QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE application_name = current_setting('application_name') AND query LIKE 'LISTEN %'
			AND pid <> $1 AND pid <> pg_backend_pid()`, killedPID).Scan(&listeners)
		return err == nil && listeners == 1 && f.cache.Sync(ctx)
	}, 30*time.Second, 5*time.Millisecond, "the cache listens again")
	f.warm(t) // and serves from memory again
	require.NoError(t, f.other.GrantPerm(ctx, f.userID, "shop.view_item"))
	_, perms := f.request(t)
	require.True(t, perms.Has("shop.view_item"), "changes reach the new listener")
}
