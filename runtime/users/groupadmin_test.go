package users_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/users"
)

func TestGroupAdministration(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		s, alice, _ := seeded(t, dialect)

		groups, err := s.ListGroups(ctx)
		require.NoError(t, err)
		require.Empty(t, groups)

		editors, err := s.CreateGroup(ctx, "editors", []string{"store.view_product", "store.add_product"})
		require.NoError(t, err)
		_, err = s.CreateGroup(ctx, "auditors", nil)
		require.NoError(t, err)
		groups, err = s.ListGroups(ctx)
		require.NoError(t, err)
		require.Len(t, groups, 2)
		require.Equal(t, "auditors", groups[0].Name, "by name")
		require.Equal(t, []string{}, groups[0].Perms, "a group without permissions has an empty list")
		require.Equal(t, users.Group{ID: editors, Name: "editors", Perms: []string{"store.add_product", "store.view_product"}}, groups[1])

		g, err := s.GetGroup(ctx, editors)
		require.NoError(t, err)
		require.Equal(t, groups[1], *g)
		_, err = s.GetGroup(ctx, editors+100)
		require.ErrorIs(t, err, users.ErrNotFound)

		// Rename and replace the permissions; an unknown permission writes nothing.
		name := "product editors"
		require.NoError(t, s.UpdateGroup(ctx, editors, &name, []string{"store.change_product"}))
		g, err = s.GetGroup(ctx, editors)
		require.NoError(t, err)
		require.Equal(t, users.Group{ID: editors, Name: name, Perms: []string{"store.change_product"}}, *g)
		other := "renamed"
		require.ErrorIs(t, s.UpdateGroup(ctx, editors, &other, []string{"store.fly_product"}), users.ErrUnknownPermission)
		g, err = s.GetGroup(ctx, editors)
		require.NoError(t, err)
		require.Equal(t, name, g.Name, "nothing written")
		taken := "auditors"
		require.ErrorIs(t, s.UpdateGroup(ctx, editors, &taken, nil), users.ErrDuplicate)
		require.ErrorIs(t, s.UpdateGroup(ctx, editors+100, nil, nil), users.ErrNotFound)
		require.NoError(t, s.UpdateGroup(ctx, editors, nil, []string{}), "no permissions at all")
		g, err = s.GetGroup(ctx, editors)
		require.NoError(t, err)
		require.Empty(t, g.Perms)

		// Own and group permissions, apart.
		require.NoError(t, s.UpdateGroup(ctx, editors, nil, []string{"store.add_product", "store.view_product"}))
		require.NoError(t, s.AddUserToGroup(ctx, alice.ID, name))
		require.NoError(t, s.GrantPerm(ctx, alice.ID, "store.add_order"))
		require.NoError(t, s.GrantPerm(ctx, alice.ID, "store.add_product"))
		own, viaGroups, err := s.UserPerms(ctx, alice.ID)
		require.NoError(t, err)
		require.Equal(t, []string{"store.add_order", "store.add_product"}, own)
		require.Equal(t, []string{"store.add_product", "store.view_product"}, viaGroups)
		_, _, err = s.UserPerms(ctx, alice.ID+100)
		require.ErrorIs(t, err, users.ErrNotFound)

		// Deleting a group takes its members' permissions through it away.
		require.NoError(t, s.DeleteGroup(ctx, editors))
		require.ErrorIs(t, s.DeleteGroup(ctx, editors), users.ErrNotFound)
		perms, err := s.Perms(ctx, alice.ID)
		require.NoError(t, err)
		require.True(t, perms.Has("store.add_product"))
		require.False(t, perms.Has("store.view_product"))

		all, err := s.AllPerms(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{"store.add_order", "store.add_product", "store.can_publish_product",
			"store.change_product", "store.view_product"}, all)
	})
}
