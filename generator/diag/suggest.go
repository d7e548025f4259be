package diag

import (
	"fmt"
	"strings"
)

// Suggest returns `; did you mean "x"?` naming the candidate closest to name, or "" when none
// is close enough. Closeness is the Damerau–Levenshtein (optimal string alignment) distance,
// ignoring case differences at half cost; a candidate qualifies when the distance is at most
// a third of the longer string's length (at least 1), so short names only match typos. Ties go
// to the candidate listed first, so callers pass candidates in a deterministic order.
func Suggest(name string, candidates []string) string {
	best, ok := Closest(name, candidates)
	if !ok {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// Closest returns the candidate Suggest would name.
func Closest(name string, candidates []string) (string, bool) {
	best, bestDist := "", -1
	for _, c := range candidates {
		if c == name {
			continue
		}
		d := distance(name, c)
		limit := max(len([]rune(name)), len([]rune(c))) * 2 / 3 // distances are doubled
		if limit < 2 {
			limit = 2
		}
		if d > limit {
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, bestDist >= 0
}

// distance is twice the optimal string alignment distance, where a substitution that only
// changes case costs 1 (half an edit) so "isauthenticated" finds "IsAuthenticated" first.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows are enough for the transposition look-back.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = 2 * j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = 2 * i
		for j := 1; j <= len(rb); j++ {
			sub := 0
			if ra[i-1] != rb[j-1] {
				sub = 2
				if strings.EqualFold(string(ra[i-1]), string(rb[j-1])) {
					sub = 1
				}
			}
			cur[j] = min(prev[j]+2, cur[j-1]+2, prev[j-1]+sub)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+2)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
