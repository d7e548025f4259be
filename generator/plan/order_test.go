package plan

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/model"
)

// TestCreationOrder compares CreationOrder with the rule it implements, searched for at every
// step, over random references: chains, cycles, self references and repeated ones.
func TestCreationOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		app := &model.App{}
		for range 1 + rng.IntN(12) {
			app.Models = append(app.Models, &model.Model{})
		}
		for _, m := range app.Models {
			for range rng.IntN(4) {
				f := &model.Field{}
				if rng.IntN(4) > 0 { // some fields reference nothing
					f.To = app.Models[rng.IntN(len(app.Models))]
				}
				m.Fields = append(m.Fields, f)
			}
		}
		// By place in the spec: require compares pointers by what they point to.
		places := func(order []*model.Model) []int {
			var out []int
			for _, m := range order {
				out = append(out, slices.Index(app.Models, m))
			}
			return out
		}
		require.Equal(t, places(searchedOrder(app)), places(CreationOrder(app)))
	}
}

// searchedOrder is creationOrder's rule as written: at every step, the first model whose
// references are created, or the first model left.
func searchedOrder(app *model.App) []*model.Model {
	done := map[*model.Model]bool{}
	ready := func(m *model.Model) bool {
		for _, f := range m.Fields {
			if f.To != nil && f.To != m && !done[f.To] {
				return false
			}
		}
		return true
	}
	var out []*model.Model
	for len(out) < len(app.Models) {
		var next *model.Model
		for _, m := range app.Models {
			if !done[m] && ready(m) {
				next = m
				break
			}
		}
		for _, m := range app.Models {
			if next == nil && !done[m] {
				next = m
			}
		}
		done[next] = true
		out = append(out, next)
	}
	return out
}
