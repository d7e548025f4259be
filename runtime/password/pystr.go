package password

import (
	"strings"
	"unicode"
)

// Django's validators run on Python str methods, whose Unicode rules differ from Go's in a few
// places. The helpers in this file reproduce them (checked code point by code point against
// CPython 3.11, Unicode 14) so that a password Django rejects is rejected here too:
//
//   - str.lower applies the full lowercase mapping: U+0130 becomes "i̇" (two code points) and a
//     capital sigma at the end of a word becomes ς;
//   - str.isdigit is true for Numeric_Type=Digit too (superscripts, circled digits), not only
//     for decimal digits (Nd);
//   - str.strip and str.isspace treat U+001C…U+001F as white space;
//   - the regexp class \w is str.isalnum (letters and every numeric character) plus "_".

// pyLower is Python's str.lower.
func pyLower(s string) string {
	runes := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range runes {
		switch r {
		case 'İ': // SpecialCasing.txt: LATIN CAPITAL LETTER I WITH DOT ABOVE
			b.WriteString("i\u0307")
		case 'Σ':
			b.WriteRune(lowerSigma(runes, i))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// lowerSigma applies the Final_Sigma condition of SpecialCasing.txt the way CPython does
// (handle_capital_sigma): Σ becomes ς when a cased letter precedes it and none follows it,
// skipping case-ignorable characters in both directions.
func lowerSigma(runes []rune, i int) rune {
	j := i - 1
	for j >= 0 && isCaseIgnorable(runes[j]) {
		j--
	}
	final := j >= 0 && isCased(runes[j])
	if final {
		j = i + 1
		for j < len(runes) && isCaseIgnorable(runes[j]) {
			j++
		}
		final = j == len(runes) || !isCased(runes[j])
	}
	if final {
		return 'ς'
	}
	return 'σ'
}

// isCased is Unicode's derived property Cased: Lowercase, Uppercase or titlecase letters.
func isCased(r rune) bool {
	return unicode.IsLower(r) || unicode.IsUpper(r) || unicode.IsTitle(r) ||
		unicode.In(r, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// isCaseIgnorable is Unicode's derived property Case_Ignorable: marks, format characters,
// modifier letters and symbols, and the Word_Break classes MidLetter, MidNumLet and
// Single_Quote (listed in midWordPunctuation because Go has no Word_Break tables).
func isCaseIgnorable(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) ||
		unicode.Is(midWordPunctuation, r)
}

var midWordPunctuation = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x0027, Hi: 0x0027, Stride: 1}, // APOSTROPHE
		{Lo: 0x002E, Hi: 0x002E, Stride: 1}, // FULL STOP
		{Lo: 0x003A, Hi: 0x003A, Stride: 1}, // COLON
		{Lo: 0x00B7, Hi: 0x00B7, Stride: 1}, // MIDDLE DOT
		{Lo: 0x0387, Hi: 0x0387, Stride: 1}, // GREEK ANO TELEIA
		{Lo: 0x055F, Hi: 0x055F, Stride: 1}, // ARMENIAN ABBREVIATION MARK
		{Lo: 0x05F4, Hi: 0x05F4, Stride: 1}, // HEBREW PUNCTUATION GERSHAYIM
		{Lo: 0x2018, Hi: 0x2019, Stride: 1}, // LEFT/RIGHT SINGLE QUOTATION MARK
		{Lo: 0x2024, Hi: 0x2024, Stride: 1}, // ONE DOT LEADER
		{Lo: 0x2027, Hi: 0x2027, Stride: 1}, // HYPHENATION POINT
		{Lo: 0xFE13, Hi: 0xFE13, Stride: 1}, // PRESENTATION FORM FOR VERTICAL COLON
		{Lo: 0xFE52, Hi: 0xFE52, Stride: 1}, // SMALL FULL STOP
		{Lo: 0xFE55, Hi: 0xFE55, Stride: 1}, // SMALL COLON
		{Lo: 0xFF07, Hi: 0xFF07, Stride: 1}, // FULLWIDTH APOSTROPHE
		{Lo: 0xFF0E, Hi: 0xFF0E, Stride: 1}, // FULLWIDTH FULL STOP
		{Lo: 0xFF1A, Hi: 0xFF1A, Stride: 1}, // FULLWIDTH COLON
	},
	LatinOffset: 4,
}

// pyIsDigit is Python's str.isdigit: not empty, and every character a digit.
func pyIsDigit(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.In(r, unicode.Nd, nonDecimalDigits) {
			return false
		}
	}
	return true
}

// nonDecimalDigits holds the characters with Numeric_Type=Digit that are not decimal digits
// (general category No), which Python's isdigit accepts: Unicode 14 lists these 128.
var nonDecimalDigits = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x00B2, Hi: 0x00B3, Stride: 1}, // SUPERSCRIPT TWO, THREE
		{Lo: 0x00B9, Hi: 0x00B9, Stride: 1}, // SUPERSCRIPT ONE
		{Lo: 0x1369, Hi: 0x1371, Stride: 1}, // ETHIOPIC DIGIT ONE…NINE
		{Lo: 0x19DA, Hi: 0x19DA, Stride: 1}, // NEW TAI LUE THAM DIGIT ONE
		{Lo: 0x2070, Hi: 0x2070, Stride: 1}, // SUPERSCRIPT ZERO
		{Lo: 0x2074, Hi: 0x2079, Stride: 1}, // SUPERSCRIPT FOUR…NINE
		{Lo: 0x2080, Hi: 0x2089, Stride: 1}, // SUBSCRIPT ZERO…NINE
		{Lo: 0x2460, Hi: 0x2468, Stride: 1}, // CIRCLED DIGIT ONE…NINE
		{Lo: 0x2474, Hi: 0x247C, Stride: 1}, // PARENTHESIZED DIGIT ONE…NINE
		{Lo: 0x2488, Hi: 0x2490, Stride: 1}, // DIGIT ONE…NINE FULL STOP
		{Lo: 0x24EA, Hi: 0x24EA, Stride: 1}, // CIRCLED DIGIT ZERO
		{Lo: 0x24F5, Hi: 0x24FD, Stride: 1}, // DOUBLE CIRCLED DIGIT ONE…NINE
		{Lo: 0x24FF, Hi: 0x24FF, Stride: 1}, // NEGATIVE CIRCLED DIGIT ZERO
		{Lo: 0x2776, Hi: 0x277E, Stride: 1}, // DINGBAT NEGATIVE CIRCLED DIGIT ONE…NINE
		{Lo: 0x2780, Hi: 0x2788, Stride: 1}, // DINGBAT CIRCLED SANS-SERIF DIGIT ONE…NINE
		{Lo: 0x278A, Hi: 0x2792, Stride: 1}, // DINGBAT NEGATIVE CIRCLED SANS-SERIF DIGIT ONE…NINE
	},
	R32: []unicode.Range32{
		{Lo: 0x10A40, Hi: 0x10A43, Stride: 1}, // KHAROSHTHI DIGIT ONE…FOUR
		{Lo: 0x10E60, Hi: 0x10E68, Stride: 1}, // RUMI DIGIT ONE…NINE
		{Lo: 0x11052, Hi: 0x1105A, Stride: 1}, // BRAHMI NUMBER ONE…NINE
		{Lo: 0x1F100, Hi: 0x1F10A, Stride: 1}, // DIGIT ZERO FULL STOP, DIGIT ZERO…NINE COMMA
	},
}

// pyIsSpace is Python's str.isspace for one character.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1C && r <= 0x1F)
}

// pyStrip is Python's str.strip without arguments.
func pyStrip(s string) string {
	return strings.TrimFunc(s, pyIsSpace)
}

// isWordRune is the class \w of Python's re module for str patterns.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// splitNonWord is Python's re.split(r'\W+', s): the runs of word characters, with an empty
// string first or last when s starts or ends with a non-word character.
func splitNonWord(s string) []string {
	var parts []string
	start := 0
	inSeparator := false
	for i, r := range s {
		switch {
		case !isWordRune(r) && !inSeparator:
			parts = append(parts, s[start:i])
			inSeparator = true
		case isWordRune(r) && inSeparator:
			start = i
			inSeparator = false
		}
	}
	if inSeparator {
		return append(parts, "")
	}
	return append(parts, s[start:])
}
