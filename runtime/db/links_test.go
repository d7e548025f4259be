package db_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// TestLink sets and loads the links of a join table on both dialects, plain and symmetric,
// over more sources than one IN list holds.
func TestLink(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.Open(t, dialect)
		ctx := context.Background()
		for _, table := range []string{"app_post_tags", "app_person_friends"} {
			_, err := d.ExecContext(ctx, `CREATE TABLE "`+table+`" ("from_id" integer NOT NULL, "to_id" integer NOT NULL)`)
			require.NoError(t, err)
		}
		load := func(l db.Link, ids ...int64) map[int64][]int64 {
			got := map[int64][]int64{}
			require.NoError(t, l.Load(ctx, d, ids, func(source, target int64) {
				got[source] = append(got[source], target)
			}))
			return got
		}

		tags := db.Link{Table: "app_post_tags", Source: "from_id", Target: "to_id"}
		require.NoError(t, tags.Set(ctx, d, 1, []int64{3, 7, 9}))
		require.NoError(t, tags.Set(ctx, d, 2, []int64{7}))
		require.NoError(t, tags.Set(ctx, d, 1, []int64{2, 9})) // replaces, not adds
		require.Equal(t, map[int64][]int64{1: {2, 9}, 2: {7}}, load(tags, 1, 2, 5))
		require.Empty(t, load(tags))

		// Past one IN list: every source found, each with its targets in order.
		var ids []int64
		for id := int64(100); id < 100+db.MaxIn+20; id++ {
			require.NoError(t, tags.Set(ctx, d, id, []int64{id + 1, id + 2}))
			ids = append(ids, id)
		}
		got := load(tags, ids...)
		require.Len(t, got, len(ids))
		for _, id := range ids {
			require.Equal(t, []int64{id + 1, id + 2}, got[id])
		}

		friends := db.Link{Table: "app_person_friends", Source: "from_id", Target: "to_id", Symmetric: true}
		require.NoError(t, friends.Set(ctx, d, 1, []int64{1, 2, 3}))
		require.Equal(t, map[int64][]int64{1: {1, 2, 3}, 2: {1}, 3: {1}}, load(friends, 1, 2, 3))
		require.NoError(t, friends.Set(ctx, d, 2, []int64{3}))
		require.Equal(t, map[int64][]int64{1: {1, 3}, 2: {3}, 3: {1, 2}}, load(friends, 1, 2, 3))
	})
}
