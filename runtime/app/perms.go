package app

import (
	"sort"

	"github.com/authgen/authgen/runtime/authz"
)

func sortedPerms(p authz.PermSet) []string {
	out := make([]string, 0, len(p))
	for k := range p {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
