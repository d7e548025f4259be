package fields

import "time"

// Django's dateparse, which DRF's DateField and DateTimeField use for ISO 8601 input,
// matches these Python patterns (\d is any Unicode digit, $ also matches before a final
// newline):
//
//	date:     (\d{4})-(\d{1,2})-(\d{1,2})$
//	datetime: (\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})
//	          (?::(\d{1,2})(?:[\.,](\d{1,6})\d{0,6})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$
//
// Every quantifier in them meets a non-digit next, so a greedy scan decides exactly what
// Python's backtracking matcher decides.

type isoScanner struct {
	s []rune
	i int
}

// digits reads between lo and hi digits (greedily) and returns their value.
func (sc *isoScanner) digits(lo, hi int) (int, bool) {
	n, v := 0, 0
	for n < hi && sc.i < len(sc.s) {
		d, ok := digitValue(sc.s[sc.i])
		if !ok {
			break
		}
		v = v*10 + d
		n++
		sc.i++
	}
	return v, n >= lo
}

func (sc *isoScanner) accept(chars ...rune) (rune, bool) {
	if sc.i < len(sc.s) {
		for _, c := range chars {
			if sc.s[sc.i] == c {
				sc.i++
				return c, true
			}
		}
	}
	return 0, false
}

func (sc *isoScanner) done() bool { return sc.i == len(sc.s) }

// matchDollar runs match on s, then, as Python's $ allows, on s without a final newline.
func matchDollar[T any](s []rune, match func([]rune) (T, bool)) (T, bool) {
	if v, ok := match(s); ok {
		return v, true
	}
	if n := len(s); n > 0 && s[n-1] == '\n' {
		return match(s[:n-1])
	}
	var zero T
	return zero, false
}

type isoDate struct{ year, month, day int }

func matchDate(s []rune) (isoDate, bool) {
	return matchDollar(s, func(s []rune) (isoDate, bool) {
		sc := isoScanner{s: s}
		var d isoDate
		var ok bool
		if d.year, ok = sc.digits(4, 4); !ok {
			return d, false
		}
		if _, ok = sc.accept('-'); !ok {
			return d, false
		}
		if d.month, ok = sc.digits(1, 2); !ok {
			return d, false
		}
		if _, ok = sc.accept('-'); !ok {
			return d, false
		}
		if d.day, ok = sc.digits(1, 2); !ok {
			return d, false
		}
		return d, sc.done()
	})
}

// valid is Python's date() constructor check.
func (d isoDate) valid() bool {
	return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
		d.day >= 1 && d.day <= daysIn(d.year, time.Month(d.month))
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

type isoDateTime struct {
	isoDate
	hour, minute, second, micro int
	hasOffset                   bool
	offsetMinutes               int
}

func matchDateTime(s []rune) (isoDateTime, bool) {
	return matchDollar(s, func(s []rune) (isoDateTime, bool) {
		sc := isoScanner{s: s}
		var t isoDateTime
		steps := []func() bool{
			func() (ok bool) { t.year, ok = sc.digits(4, 4); return },
			func() (ok bool) { _, ok = sc.accept('-'); return },
			func() (ok bool) { t.month, ok = sc.digits(1, 2); return },
			func() (ok bool) { _, ok = sc.accept('-'); return },
			func() (ok bool) { t.day, ok = sc.digits(1, 2); return },
			func() (ok bool) { _, ok = sc.accept('T', ' '); return },
			func() (ok bool) { t.hour, ok = sc.digits(1, 2); return },
			func() (ok bool) { _, ok = sc.accept(':'); return },
			func() (ok bool) { t.minute, ok = sc.digits(1, 2); return },
			func() bool { return t.scanSeconds(&sc) },
			func() bool { return t.scanOffset(&sc) },
		}
		for _, step := range steps {
			if !step() {
				return t, false
			}
		}
		return t, sc.done()
	})
}

// scanSeconds reads the optional (?::(\d{1,2})(?:[\.,](\d{1,6})\d{0,6})?) part. A ':' or
// a separator without digits after it cannot start anything else, so it fails the match.
func (t *isoDateTime) scanSeconds(sc *isoScanner) bool {
	if _, ok := sc.accept(':'); !ok {
		return true
	}
	var ok bool
	if t.second, ok = sc.digits(1, 2); !ok {
		return false
	}
	if _, ok := sc.accept('.', ','); !ok {
		return true
	}
	start := sc.i
	if _, ok := sc.digits(1, 12); !ok {
		return false
	}
	// The first six digits are the microseconds, padded on the right (ljust(6, '0')).
	for k := 0; k < 6; k++ {
		d := 0
		if start+k < sc.i {
			d, _ = digitValue(sc.s[start+k])
		}
		t.micro = t.micro*10 + d
	}
	return true
}

// scanOffset reads the optional (Z|[+-]\d{2}(?::?\d{2})?) part.
func (t *isoDateTime) scanOffset(sc *isoScanner) bool {
	c, ok := sc.accept('Z', '+', '-')
	if !ok {
		return true
	}
	t.hasOffset = true
	if c == 'Z' {
		return true
	}
	hours, ok := sc.digits(2, 2)
	if !ok {
		return false
	}
	minutes := 0
	save := sc.i
	sc.accept(':')
	if m, ok := sc.digits(2, 2); ok {
		minutes = m
	} else {
		sc.i = save
	}
	t.offsetMinutes = hours*60 + minutes
	if c == '-' {
		t.offsetMinutes = -t.offsetMinutes
	}
	return true
}

// valid is Python's datetime() and timezone() constructor checks.
func (t isoDateTime) valid() bool {
	return t.isoDate.valid() && t.hour <= 23 && t.minute <= 59 && t.second <= 59 &&
		t.offsetMinutes > -24*60 && t.offsetMinutes < 24*60
}
