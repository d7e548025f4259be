package emit

import (
	"strings"
	"unicode"

	"github.com/authgen/authgen/generator/model"
)

// fileName turns a model or endpoint name into a file name stem: "OrderItem" → "order_item".
func fileName(name string) string {
	var b strings.Builder
	runes := []rune(name)
	for i, r := range runes {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(runes[i-1]) || (i+1 < len(runes) && unicode.IsLower(runes[i+1]))) && runes[i-1] != '_' {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// viewName is DRF's name of a view over the model, used by OPTIONS: "OrderItem" → "Order Item".
func viewName(m *model.Model) string {
	words := strings.Split(fileName(m.Name), "_")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
