package emit

import (
	"bytes"
	"strings"
)

// groupImports splits the import block jennifer writes (one sorted block) into the standard
// library and the rest, as goimports and hand-written code do. Paths are sorted already.
func groupImports(src []byte) []byte {
	start := bytes.Index(src, []byte("\nimport (\n"))
	if start < 0 {
		return src
	}
	start += len("\nimport (\n")
	end := bytes.Index(src[start:], []byte("\n)\n"))
	if end < 0 {
		return src
	}
	end += start
	var std, other []string
	for _, line := range strings.Split(string(src[start:end]), "\n") {
		path := strings.Trim(strings.TrimSpace(line), `"`)
		if path == "" {
			continue
		}
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			other = append(other, line)
		} else {
			std = append(std, line)
		}
	}
	if len(std) == 0 || len(other) == 0 {
		return src
	}
	block := strings.Join(std, "\n") + "\n\n" + strings.Join(other, "\n")
	out := append([]byte{}, src[:start]...)
	out = append(out, block...)
	return append(out, src[end:]...)
}
