package users_test

import (
	"context"
	"testing"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/users"
)

// BenchmarkPerms is the queries authentication adds to a request: the user by id, and its
// permission set (own and through groups, one query) when a check asks.
func BenchmarkPerms(b *testing.B) {
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			ctx := context.Background()
			s, err := users.NewStore(dbtest.OpenAuth(b, dialect), nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := s.SyncPermissions(ctx, storePerms); err != nil {
				b.Fatal(err)
			}
			u := &users.User{Username: "alice", Password: "x", IsActive: true}
			if err := s.Create(ctx, u); err != nil {
				b.Fatal(err)
			}
			if _, err := s.CreateGroup(ctx, "g", []string{"store.view_product", "store.add_product"}); err != nil {
				b.Fatal(err)
			}
			if err := s.AddUserToGroup(ctx, u.ID, "g"); err != nil {
				b.Fatal(err)
			}
			if err := s.GrantPerm(ctx, u.ID, "store.can_publish_product"); err != nil {
				b.Fatal(err)
			}
			b.Run("perms", func(b *testing.B) {
				for b.Loop() {
					if p, err := s.Perms(ctx, u.ID); err != nil || len(p) != 3 {
						b.Fatal(err, p)
					}
				}
			})
			b.Run("get", func(b *testing.B) {
				for b.Loop() {
					if _, err := s.Get(ctx, u.ID); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
