package fields

import (
	"sort"
	"strings"
	"unicode"
)

// Django's EmailValidator retries a domain that fails its pattern after encoding it with
// Python's "idna" codec (IDNA 2003: nameprep, then Punycode). idnaToASCII follows that
// codec label by label, with stringprep's own tables for what is removed and what is
// prohibited. Two simplifications, neither of which changes whether an address is valid
// except in contrived cases: case folding uses Go's Unicode tables, and the NFKC
// normalisation step is left out (it rewrites compatibility characters such as full-width
// letters, which encode to a valid, if different, ASCII label without it).

type runeRange struct{ lo, hi rune }

func inRanges(table []runeRange, r rune) bool {
	i := sort.Search(len(table), func(i int) bool { return table[i].hi >= r })
	return i < len(table) && table[i].lo <= r
}

// idnaDots are the label separators of IDNA 2003 (section 3.1).
func isIDNADot(r rune) bool { return r == '.' || r == 0x3002 || r == 0xFF0E || r == 0xFF61 }

// idnaToASCII is Python's domain.encode("idna"); ok is false where Python raises
// UnicodeError.
func idnaToASCII(domain []rune) (string, bool) {
	if isASCIIRunes(domain) {
		// Python's fast path: ASCII passes unchanged once its label lengths are checked.
		labels := strings.Split(string(domain), ".")
		for _, l := range labels[:len(labels)-1] {
			if len(l) == 0 || len(l) >= 64 {
				return "", false
			}
		}
		return string(domain), len(labels[len(labels)-1]) < 64
	}
	var labels [][]rune
	start := 0
	for i, r := range domain {
		if isIDNADot(r) {
			labels = append(labels, domain[start:i])
			start = i + 1
		}
	}
	labels = append(labels, domain[start:])
	trailingDot := ""
	if len(labels[len(labels)-1]) == 0 {
		trailingDot = "."
		labels = labels[:len(labels)-1]
	}
	out := make([]string, 0, len(labels))
	for _, label := range labels {
		a, ok := labelToASCII(label)
		if !ok {
			return "", false
		}
		out = append(out, a)
	}
	return strings.Join(out, ".") + trailingDot, true
}

// labelToASCII is ToASCII of RFC 3490 as Python's encodings.idna implements it.
func labelToASCII(label []rune) (string, bool) {
	if isASCIIRunes(label) {
		return string(label), len(label) > 0 && len(label) < 64
	}
	label, ok := nameprep(label)
	if !ok {
		return "", false
	}
	if isASCIIRunes(label) {
		return string(label), len(label) > 0 && len(label) < 64
	}
	if strings.HasPrefix(string(label), "xn--") {
		return "", false
	}
	a := "xn--" + punycode(label)
	return a, len(a) < 64
}

// nameprep is RFC 3491's profile: map (B.1 removed, B.2 case-folded), prohibit (C.*), and
// the bidi rule (a label with right-to-left characters has no left-to-right letters and
// begins and ends with a right-to-left character).
func nameprep(label []rune) ([]rune, bool) {
	out := make([]rune, 0, len(label))
	for _, r := range label {
		if inRanges(mappedToNothing, r) {
			continue
		}
		out = append(out, caseFold(r)...)
	}
	anyRTL := false
	for _, r := range out {
		if inRanges(prohibited, r) {
			return nil, false
		}
		if inRanges(randAL, r) {
			anyRTL = true
		}
	}
	if anyRTL {
		for _, r := range out {
			if !inRanges(randAL, r) && (unicode.IsLetter(r) || unicode.Is(unicode.Mc, r)) {
				return nil, false
			}
		}
		if !inRanges(randAL, out[0]) || !inRanges(randAL, out[len(out)-1]) {
			return nil, false
		}
	}
	return out, true
}

// caseFold approximates stringprep's table B.2 (case folding for NFKC).
func caseFold(r rune) []rune {
	switch r {
	case 'ß':
		return []rune{'s', 's'}
	case 'İ':
		return []rune{'i', 0x307}
	case 'ı':
		return []rune{r}
	}
	return []rune{unicode.ToLower(unicode.ToUpper(r))}
}

func isASCIIRunes(s []rune) bool {
	for _, r := range s {
		if r >= 0x80 {
			return false
		}
	}
	return true
}

// punycode is RFC 3492's encoding of a label (without the ACE prefix).
func punycode(input []rune) string {
	const (
		base        = 36
		tMin        = 1
		tMax        = 26
		skew        = 38
		damp        = 700
		initialBias = 72
		initialN    = 128
	)
	var out []byte
	for _, r := range input {
		if r < 0x80 {
			out = append(out, byte(r))
		}
	}
	b := len(out)
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	digit := func(d int) byte {
		if d < 26 {
			return byte('a' + d)
		}
		return byte('0' + d - 26)
	}
	adapt := func(delta, numPoints int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / numPoints
		k := 0
		for delta > ((base-tMin)*tMax)/2 {
			delta /= base - tMin
			k += base
		}
		return k + (base-tMin+1)*delta/(delta+skew)
	}
	n, delta, bias := initialN, 0, initialBias
	for h < len(input) {
		m := int(unicode.MaxRune) + 1
		for _, r := range input {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range input {
			if int(r) < n {
				delta++
			}
			if int(r) != n {
				continue
			}
			q := delta
			for k := base; ; k += base {
				t := k - bias
				if t < tMin {
					t = tMin
				} else if t > tMax {
					t = tMax
				}
				if q < t {
					break
				}
				out = append(out, digit(t+(q-t)%(base-t)))
				q = (q - t) / (base - t)
			}
			out = append(out, digit(q))
			bias = adapt(delta, h+1, h == b)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return string(out)
}
