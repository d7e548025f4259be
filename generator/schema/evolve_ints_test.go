package schema_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestEvolveIntegersAndJSON: Django's integer fields and a JSONField through renames (of
// the model and the fields, which carry their CHECK constraints and, on PostgreSQL, the
// constraints' names), a widening, a positive type given up and taken again (narrowing,
// declared), on SQLite and PostgreSQL with rows, each step down and up again, and on a
// fresh database down to zero (applySteps, as TestEvolve).
func TestEvolveIntegersAndJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	specs := map[string]string{
		"1.yaml": `version: 1
app: ints
models:
  Item:
    fields:
      qty: positive_int
      small: {type: smallint, null: true}
      data: json
`,
		"2.yaml": `version: 1
app: ints
models:
  Stock:
    renamed_from: Item
    fields:
      amount: {type: positive_int, renamed_from: qty}
      small: {type: smallint, null: true}
      doc: {type: json, renamed_from: data}
`,
		"3.yaml": `version: 1
app: ints
models:
  Stock:
    fields:
      amount: positive_bigint
      small: {type: positive_smallint, null: true}
      doc: {type: json, null: true}
`,
		"4.yaml": `version: 1
app: ints
models:
  Stock:
    fields:
      amount: bigint
      small: {type: int, null: true}
      doc: {type: json, null: true}
`,
		"5.yaml": `version: 1
app: ints
models:
  Stock:
    fields:
      amount: {type: positive_smallint, allow_data_loss: true}
      small: {type: int, null: true}
      doc: {type: json, null: true}
`,
	}
	for name, src := range specs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []step{
		{spec: "1.yaml"},
		{spec: "2.yaml", renames: renames{
			tables:  map[string]string{"ints_item": "ints_stock"},
			columns: map[string]map[string]string{"ints_stock": {"qty": "amount", "data": "doc"}},
		}},
		{spec: "3.yaml", allowDataLoss: true}, // smallint → positive_smallint narrows
		{spec: "4.yaml"},
		{spec: "5.yaml"},
	}
	_, gen := generateSteps(t, dir, steps)
	applySteps(t, steps, gen)
}
