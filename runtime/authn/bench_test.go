package authn_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/authcache"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/users"
)

// BenchmarkAuthenticate is the cost authentication adds to every request: parse and verify
// the access token (HS256) and load its user (one query), plus the permission set when a
// check asks for it (one more query, once per request). The cached runs keep both in
// runtime/authcache: per request the Sync (SQLite: PRAGMA data_version; PostgreSQL: a
// fence, one round trip) and no query of the user or permissions (loads/op).
func BenchmarkAuthenticate(b *testing.B) {
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			d, url := dbtest.OpenAuthURL(b, dialect)
			store, err := users.NewStore(d, nil)
			if err != nil {
				b.Fatal(err)
			}
			tokens, err := jwtauth.New(jwtConfig(nil), d)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			u := &users.User{Username: "alice", Password: "x", IsActive: true}
			if err := store.Create(ctx, u); err != nil {
				b.Fatal(err)
			}
			access, _, err := tokens.ObtainPair(ctx, u.ID)
			if err != nil {
				b.Fatal(err)
			}
			a := &authn.Authenticator{Tokens: tokens, TokenAuth: true, Users: store}
			req, _ := http.NewRequest(http.MethodGet, "/", nil)
			req.Header.Set("Authorization", "Bearer "+access)
			cache, err := authcache.Open(ctx, d, url, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer cache.Close()
			cached := &authn.Authenticator{Tokens: tokens, TokenAuth: true, Users: store, Cache: cache}
			b.Run("cached/token+user+perms", func(b *testing.B) {
				before := cache.Stats()
				for b.Loop() {
					res, err := cached.Identify(req)
					if err != nil {
						b.Fatal(err)
					}
					res.Subject.HasPerm(ctx, "store.view_product")
				}
				b.ReportMetric(float64(cache.Stats().Misses-before.Misses)/float64(b.N), "loads/op")
			})

			b.Run("token+user", func(b *testing.B) {
				for b.Loop() {
					if res, err := a.Identify(req); err != nil || res.User == nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("token+user+perms", func(b *testing.B) {
				for b.Loop() {
					res, err := a.Identify(req)
					if err != nil {
						b.Fatal(err)
					}
					res.Subject.HasPerm(ctx, "store.view_product")
				}
			})
			anon, _ := http.NewRequest(http.MethodGet, "/", nil)
			b.Run("anonymous", func(b *testing.B) {
				for b.Loop() {
					if _, err := a.Identify(anon); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
