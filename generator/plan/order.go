package plan

import (
	"container/heap"

	"github.com/authgen/authgen/generator/model"
)

// CreationOrder is the order in which 0001_initial creates the models' tables: the spec's,
// except that a model comes after the models it references (PostgreSQL checks REFERENCES
// when it creates a table). A cycle of references keeps the spec's order.
//
// That is: the first model in the spec's order whose references are all created, or, when
// none is, the first model left. Searching the spec for it at every step grew with the square
// of the models; here each model counts its references not created yet, and the models
// ready are kept in a heap by their place in the spec.
func CreationOrder(app *model.App) []*model.Model {
	n := len(app.Models)
	place := make(map[*model.Model]int, n)
	for i, m := range app.Models {
		place[m] = i
	}
	waiting := make([]int, n)      // how many models m references are not created yet
	dependents := make([][]int, n) // the models referencing m
	for i, m := range app.Models {
		for k, f := range m.Fields {
			if f.To == nil || f.To == m || referencedBefore(m.Fields[:k], f.To) {
				continue
			}
			waiting[i]++
			if j, ok := place[f.To]; ok {
				dependents[j] = append(dependents[j], i)
			}
		}
	}
	var ready placeHeap
	for i := range n {
		if waiting[i] == 0 {
			ready = append(ready, i) // in order: a heap already
		}
	}
	done := make([]bool, n)
	out := make([]*model.Model, 0, n)
	firstLeft := 0
	for len(out) < n {
		next := -1
		for ready.Len() > 0 && next < 0 {
			if i := heap.Pop(&ready).(int); !done[i] {
				next = i
			}
		}
		if next < 0 { // a cycle: the first model left
			for done[firstLeft] {
				firstLeft++
			}
			next = firstLeft
		}
		done[next] = true
		out = append(out, app.Models[next])
		for _, d := range dependents[next] {
			if waiting[d]--; waiting[d] == 0 && !done[d] {
				heap.Push(&ready, d)
			}
		}
	}
	return out
}

// referencedBefore reports whether one of fields references to.
func referencedBefore(fields []*model.Field, to *model.Model) bool {
	for _, f := range fields {
		if f.To == to {
			return true
		}
	}
	return false
}

// placeHeap is a min-heap of places in the spec (container/heap).
type placeHeap []int

func (h placeHeap) Len() int           { return len(h) }
func (h placeHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h placeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *placeHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *placeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
