package authcache_test

import (
	"context"
	"testing"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/authcache"
)

// BenchmarkSync is what the cache costs every request before it answers: on SQLite a read
// of PRAGMA data_version, on PostgreSQL a fence (a notification's round trip, shared by the
// requests waiting together: serial never shares one, parallel does).
func BenchmarkSync(b *testing.B) {
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			ctx := context.Background()
			d, url := dbtest.OpenAuthURL(b, dialect)
			c, err := authcache.Open(ctx, d, url, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			b.Run("serial", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if !c.Sync(ctx) {
						b.Fatal("not synced")
					}
				}
			})
			// 32 requests at a time share fences.
			b.Run("parallel", func(b *testing.B) {
				b.ReportAllocs()
				b.SetParallelism(16)
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if !c.Sync(ctx) {
							b.Error("not synced")
							return
						}
					}
				})
			})
		})
	}
}
