package users_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/users"
)

var storePerms = []users.Permission{
	{App: "store", Model: "product", Codename: "view_product", Name: "Can view product"},
	{App: "store", Model: "product", Codename: "add_product", Name: "Can add product"},
	{App: "store", Model: "product", Codename: "change_product", Name: "Can change product"},
	{App: "store", Model: "product", Codename: "can_publish_product", Name: "Can publish product"},
	{App: "store", Model: "order", Codename: "add_order", Name: "Can add order"},
}

func seeded(t *testing.T, dialect db.Dialect) (*users.Store, *users.User, *users.User) {
	t.Helper()
	ctx := context.Background()
	s := newStore(t, dialect)
	require.NoError(t, s.SyncPermissions(ctx, storePerms))
	require.NoError(t, s.SyncPermissions(ctx, storePerms), "idempotent")
	alice := &users.User{Username: "alice", Password: "x", IsActive: true}
	bob := &users.User{Username: "bob", Password: "x", IsActive: true}
	require.NoError(t, s.Create(ctx, alice))
	require.NoError(t, s.Create(ctx, bob))
	return s, alice, bob
}

func TestGroupsAndPerms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		s, alice, bob := seeded(t, dialect)

		perms, err := s.Perms(ctx, alice.ID)
		require.NoError(t, err)
		require.Empty(t, perms)

		gid, err := s.CreateGroup(ctx, "ProductManagers", []string{"store.view_product", "store.add_product"})
		require.NoError(t, err)
		require.NotZero(t, gid)
		// get_or_create: again with another permission adds it to the same group.
		gid2, err := s.CreateGroup(ctx, "ProductManagers", []string{"store.change_product"})
		require.NoError(t, err)
		require.Equal(t, gid, gid2)

		_, err = s.CreateGroup(ctx, "Broken", []string{"store.view_product", "store.fly_product"})
		require.ErrorIs(t, err, users.ErrUnknownPermission)
		require.ErrorContains(t, err, "store.fly_product")
		_, err = s.GroupID(ctx, "Broken")
		require.ErrorIs(t, err, users.ErrNotFound, "nothing written")
		_, err = s.CreateGroup(ctx, "Broken", []string{"nodot"})
		require.ErrorIs(t, err, users.ErrUnknownPermission)

		require.NoError(t, s.AddUserToGroup(ctx, alice.ID, "ProductManagers"))
		require.NoError(t, s.AddUserToGroup(ctx, alice.ID, "ProductManagers"), "idempotent")
		require.ErrorIs(t, s.AddUserToGroup(ctx, alice.ID, "Nobody"), users.ErrNotFound)
		require.ErrorIs(t, s.AddUserToGroup(ctx, 999, "ProductManagers"), users.ErrNotFound)

		require.NoError(t, s.GrantPerm(ctx, alice.ID, "store.can_publish_product"))
		require.NoError(t, s.GrantPerm(ctx, alice.ID, "store.view_product"), "also through the group: no duplicate")
		require.ErrorIs(t, s.GrantPerm(ctx, alice.ID, "store.nope"), users.ErrUnknownPermission)
		require.ErrorIs(t, s.GrantPerm(ctx, 999, "store.view_product"), users.ErrNotFound)

		perms, err = s.Perms(ctx, alice.ID)
		require.NoError(t, err)
		require.Equal(t, authz.PermSet{"store.view_product": {}, "store.add_product": {}, "store.change_product": {},
			"store.can_publish_product": {}}, perms)
		groups, err := s.Groups(ctx, alice.ID)
		require.NoError(t, err)
		require.Equal(t, []string{"ProductManagers"}, groups)

		perms, err = s.Perms(ctx, bob.ID)
		require.NoError(t, err)
		require.Empty(t, perms)

		require.NoError(t, s.RevokePerm(ctx, alice.ID, "store.view_product"))
		perms, err = s.Perms(ctx, alice.ID)
		require.NoError(t, err)
		require.True(t, perms.Has("store.view_product"), "still held through the group")
		require.NoError(t, s.RemoveUserFromGroup(ctx, alice.ID, "ProductManagers"))
		perms, err = s.Perms(ctx, alice.ID)
		require.NoError(t, err)
		require.Equal(t, authz.PermSet{"store.can_publish_product": {}}, perms)
	})
}

func TestObjectPerms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		s, alice, bob := seeded(t, dialect)

		has := func(u *users.User, perm, pk string) bool {
			ok, err := s.HasObjectPerm(ctx, u.ID, perm, pk)
			require.NoError(t, err)
			return ok
		}
		require.False(t, has(alice, "store.change_product", "1"))

		require.NoError(t, s.GrantObjectPerm(ctx, alice.ID, "store.change_product", "1"))
		require.NoError(t, s.GrantObjectPerm(ctx, alice.ID, "store.change_product", "1"), "idempotent")
		require.True(t, has(alice, "store.change_product", "1"))
		require.False(t, has(alice, "store.change_product", "2"), "another object")
		require.False(t, has(alice, "store.view_product", "1"), "another permission")
		require.False(t, has(bob, "store.change_product", "1"), "another user")
		require.False(t, has(alice, "nodot", "1"))
		require.ErrorIs(t, s.GrantObjectPerm(ctx, alice.ID, "store.nope", "1"), users.ErrUnknownPermission)

		_, err := s.CreateGroup(ctx, "Editors", nil)
		require.NoError(t, err)
		require.NoError(t, s.AddUserToGroup(ctx, bob.ID, "Editors"))
		require.NoError(t, s.GrantGroupObjectPerm(ctx, "Editors", "store.change_product", "2"))
		require.True(t, has(bob, "store.change_product", "2"), "through the group")
		require.False(t, has(alice, "store.change_product", "2"))

		require.NoError(t, s.RevokeObjectPerm(ctx, alice.ID, "store.change_product", "1"))
		require.False(t, has(alice, "store.change_product", "1"))
		require.NoError(t, s.RevokeGroupObjectPerm(ctx, "Editors", "store.change_product", "2"))
		require.False(t, has(bob, "store.change_product", "2"))

		// Grants go with the user.
		require.NoError(t, s.GrantObjectPerm(ctx, bob.ID, "store.view_product", "3"))
		require.NoError(t, s.Delete(ctx, bob.ID))
		require.False(t, has(bob, "store.view_product", "3"))
	})
}
