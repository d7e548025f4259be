// Package synthspec writes the synthetic specs the generation benchmarks run on: n models,
// each with a handful of fields of different types and a foreign key (to the previous model,
// the first one to the user), and one endpoint each.
package synthspec

import (
	"fmt"
	"strings"
)

// Spec is the synthetic spec of n models.
func Spec(n int) []byte {
	var b strings.Builder
	b.WriteString("version: 1\napp: bench\n")
	b.WriteString("permissions:\n  CanAudit: {requires: bench.audit_thing0001}\n")
	b.WriteString("models:\n")
	for i := 1; i <= n; i++ {
		to := "user"
		if i > 1 {
			to = fmt.Sprintf("Thing%04d", i-1)
		}
		fmt.Fprintf(&b, "  Thing%04d:\n", i)
		fmt.Fprintf(&b, "    description: Thing number %d.\n", i)
		b.WriteString("    fields:\n")
		b.WriteString("      name: {type: string, max_length: 100}\n")
		b.WriteString("      body: {type: text, blank: true}\n")
		b.WriteString("      price: {type: decimal, max_digits: 10, decimal_places: 2, min: 0}\n")
		b.WriteString("      quantity: {type: int, min: 1, max: 1000, default: 1}\n")
		b.WriteString("      active: {type: bool, default: true}\n")
		b.WriteString("      created: {type: datetime, null: true}\n")
		fmt.Fprintf(&b, "      parent: {type: fk, to: %s, on_delete: cascade}\n", to)
		if i == 1 {
			b.WriteString("    permissions: {audit_thing0001: Can audit}\n")
		}
	}
	b.WriteString("endpoints:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  things%04d:\n    model: Thing%04d\n", i, i)
		if i == 1 {
			b.WriteString("    permission: DjangoModelPermissions | CanAudit\n")
		}
	}
	return []byte(b.String())
}
