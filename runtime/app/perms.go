package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/users"
)

// listGroups prints every group with its permissions: `groups list`.
func listGroups(ctx context.Context, store *users.Store, env Env) error {
	groups, err := store.ListGroups(ctx)
	if err != nil {
		return err
	}
	for _, g := range groups {
		fmt.Fprintf(env.Stdout, "%s: %s\n", g.Name, strings.Join(g.Perms, ", "))
	}
	return nil
}

// listAllPerms prints every permission that may be granted: `perms list`.
func listAllPerms(ctx context.Context, store *users.Store, env Env) error {
	all, err := store.AllPerms(ctx)
	if err != nil {
		return err
	}
	for _, p := range all {
		fmt.Fprintln(env.Stdout, p)
	}
	return nil
}

func sortedPerms(p authz.PermSet) []string {
	out := make([]string, 0, len(p))
	for k := range p {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
