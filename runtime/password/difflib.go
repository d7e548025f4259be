package password

import "slices"

// sequenceMatcher is Python's difflib.SequenceMatcher over code points, with isjunk=None and
// autojunk=True as Django constructs it. It is a line-for-line port: the similarity validator
// must score a password exactly as Django does, or the two would accept different passwords.
type sequenceMatcher struct {
	a, b []rune
	// b2j maps each element of b to the indices where it occurs, in increasing order, except
	// for the "popular" elements that the autojunk heuristic removed.
	b2j map[rune][]int
}

// match is difflib's Match: a[i:i+size] == b[j:j+size].
type match struct{ i, j, size int }

func newSequenceMatcher(a, b []rune) *sequenceMatcher {
	m := &sequenceMatcher{a: a, b: b, b2j: make(map[rune][]int)}
	for i, elt := range b {
		m.b2j[elt] = append(m.b2j[elt], i)
	}
	// autojunk: in a b of 200 or more elements, an element that occurs more than 1% of the
	// time (plus one) is treated as junk by find_longest_match.
	if n := len(b); n >= 200 {
		ntest := n/100 + 1
		for elt, idxs := range m.b2j {
			if len(idxs) > ntest {
				delete(m.b2j, elt)
			}
		}
	}
	return m
}

// findLongestMatch is find_longest_match: the longest matching block in a[alo:ahi] and
// b[blo:bhi], the earliest in a and then in b among the longest. With no junk function the
// set of junk elements is empty, so of difflib's four extension loops only the two that
// extend over non-junk elements (and so over popular ones) can do anything.
func (m *sequenceMatcher) findLongestMatch(alo, ahi, blo, bhi int) match {
	besti, bestj, bestsize := alo, blo, 0
	j2len := map[int]int{}
	for i := alo; i < ahi; i++ {
		newj2len := map[int]int{}
		for _, j := range m.b2j[m.a[i]] {
			if j < blo {
				continue
			}
			if j >= bhi {
				break
			}
			k := j2len[j-1] + 1
			newj2len[j] = k
			if k > bestsize {
				besti, bestj, bestsize = i-k+1, j-k+1, k
			}
		}
		j2len = newj2len
	}
	for besti > alo && bestj > blo && m.a[besti-1] == m.b[bestj-1] {
		besti, bestj, bestsize = besti-1, bestj-1, bestsize+1
	}
	for besti+bestsize < ahi && bestj+bestsize < bhi && m.a[besti+bestsize] == m.b[bestj+bestsize] {
		bestsize++
	}
	return match{besti, bestj, bestsize}
}

// matchingBlocks is get_matching_blocks: the non-overlapping matching blocks in increasing
// order, adjacent blocks merged, ending with the sentinel {len(a), len(b), 0}.
func (m *sequenceMatcher) matchingBlocks() []match {
	la, lb := len(m.a), len(m.b)
	type span struct{ alo, ahi, blo, bhi int }
	queue := []span{{0, la, 0, lb}}
	var blocks []match
	for len(queue) > 0 {
		q := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		x := m.findLongestMatch(q.alo, q.ahi, q.blo, q.bhi)
		if x.size == 0 {
			continue
		}
		blocks = append(blocks, x)
		if q.alo < x.i && q.blo < x.j {
			queue = append(queue, span{q.alo, x.i, q.blo, x.j})
		}
		if x.i+x.size < q.ahi && x.j+x.size < q.bhi {
			queue = append(queue, span{x.i + x.size, q.ahi, x.j + x.size, q.bhi})
		}
	}
	slices.SortFunc(blocks, func(x, y match) int {
		if x.i != y.i {
			return x.i - y.i
		}
		if x.j != y.j {
			return x.j - y.j
		}
		return x.size - y.size
	})
	var merged []match
	cur := match{}
	for _, x := range blocks {
		if cur.i+cur.size == x.i && cur.j+cur.size == x.j {
			cur.size += x.size
			continue
		}
		if cur.size > 0 {
			merged = append(merged, cur)
		}
		cur = x
	}
	if cur.size > 0 {
		merged = append(merged, cur)
	}
	return append(merged, match{la, lb, 0})
}

// ratio is ratio(): 2*M/T, M the matched elements, T the elements of both sequences.
func (m *sequenceMatcher) ratio() float64 {
	matches := 0
	for _, x := range m.matchingBlocks() {
		matches += x.size
	}
	return calculateRatio(matches, len(m.a)+len(m.b))
}

// quickRatio is quick_ratio(): an upper bound on ratio() from the multiset intersection of
// the two sequences, ignoring order. Django's similarity validator uses only this.
func (m *sequenceMatcher) quickRatio() float64 {
	avail := make(map[rune]int, len(m.b))
	for _, elt := range m.b {
		avail[elt]++
	}
	matches := 0
	for _, elt := range m.a {
		if avail[elt] > 0 {
			matches++
		}
		avail[elt]--
	}
	return calculateRatio(matches, len(m.a)+len(m.b))
}

// realQuickRatio is real_quick_ratio(): an upper bound on ratio() from the lengths alone.
func (m *sequenceMatcher) realQuickRatio() float64 {
	return calculateRatio(min(len(m.a), len(m.b)), len(m.a)+len(m.b))
}

func calculateRatio(matches, length int) float64 {
	if length == 0 {
		return 1.0
	}
	return 2.0 * float64(matches) / float64(length)
}
