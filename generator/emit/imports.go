package emit

import "bytes"

// importBlock finds the import block jennifer writes (one sorted block): the offsets of its
// first import line and of the newline before its closing parenthesis.
func importBlock(src []byte) (start, end int, ok bool) {
	const open, closing = "\nimport (\n", "\n)\n"
	start = bytes.Index(src, []byte(open))
	if start < 0 {
		return 0, 0, false
	}
	start += len(open)
	end = bytes.Index(src[start:], []byte(closing))
	if end < 0 {
		return 0, 0, false
	}
	return start, start + end, true
}

// appendGroupedImports appends the import lines of block split into the standard library and
// the rest, as goimports and hand-written code do; the paths are sorted already. A block of
// one group is appended as it is. It appends to tidy's buffer rather than building the file
// anew from strings, which copied every file twice more.
func appendGroupedImports(dst, block []byte) []byte {
	var std, other int
	for line := range bytes.SplitSeq(block, []byte("\n")) {
		switch importGroup(line) {
		case stdImport:
			std++
		case otherImport:
			other++
		}
	}
	if std == 0 || other == 0 {
		return append(dst, block...)
	}
	for i, group := range []int{stdImport, otherImport} {
		if i > 0 {
			dst = append(dst, "\n\n"...)
		}
		first := true
		for line := range bytes.SplitSeq(block, []byte("\n")) {
			if importGroup(line) != group {
				continue
			}
			if !first {
				dst = append(dst, '\n')
			}
			dst = append(dst, line...)
			first = false
		}
	}
	return dst
}

// The groups of an import line; noImport is a blank line, dropped.
const (
	noImport = iota
	stdImport
	otherImport
)

// importGroup tells the group of one line of the block: the standard library's paths have no
// dot in their first element.
func importGroup(line []byte) int {
	path := bytes.Trim(bytes.TrimSpace(line), `"`)
	if len(path) == 0 {
		return noImport
	}
	first, _, _ := bytes.Cut(path, []byte("/"))
	if bytes.IndexByte(first, '.') >= 0 {
		return otherImport
	}
	return stdImport
}
