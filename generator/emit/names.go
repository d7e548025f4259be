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

// lowerFirst turns an exported Go name into an unexported one: "Products" → "products",
// "IDs" → "iDs" is avoided by lowering a leading run of capitals: "URLs" → "urls".
func lowerFirst(name string) string {
	runes := []rune(name)
	i := 0
	for i < len(runes) && unicode.IsUpper(runes[i]) {
		i++
	}
	switch {
	case i == 0:
		return name
	case i == 1 || i == len(runes):
		i = min(i, len(runes))
	default:
		i-- // keep the capital that starts the next word: "HTTPServer" → "httpServer"
	}
	return strings.ToLower(string(runes[:i])) + string(runes[i:])
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
