package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/authgen/authgen/generator/spec"
)

// timeDefaultText is a default relative to now: a base and at most one offset.
var timeDefaultText = regexp.MustCompile(`^(now|today)(?:\s*([+-])\s*(\d{1,6})([dhm]))?$`)

// isTimeDefault reports a default written relative to now, which a date or datetime field
// reads as a TimeDefault rather than a literal.
func isTimeDefault(f *Field, s *spec.Scalar) bool {
	return (f.Type == Date || f.Type == DateTime) && s.Tag == "!!str" &&
		(strings.HasPrefix(s.Value, "now") || strings.HasPrefix(s.Value, "today"))
}

// timeDefault resolves `default: today+14d` (dates: today, whole days) or `now-2h`
// (datetimes: now, days, hours or minutes).
func (b *builder) timeDefault(f *Field, s *spec.Scalar, what string) *TimeDefault {
	m := timeDefaultText.FindStringSubmatch(s.Value)
	base := "now"
	if f.Type == Date {
		base = "today"
	}
	if m == nil {
		example := "today+14d or today-1d"
		if base == "now" {
			example = "now+2h, now-30m or now+7d"
		}
		b.errorf(s.Pos, "%s: default %q: write %s, or %s with one offset, like %s", what, s.Value, base, base, example)
		return nil
	}
	if m[1] != base {
		b.errorf(s.Pos, "%s: a %s field's default is %q, not %q (Django's %s)", what, f.Type, base, m[1], map[string]string{"today": "date.today", "now": "timezone.now"}[base])
		return nil
	}
	d := &TimeDefault{Today: base == "today", Text: base}
	if m[2] == "" {
		return d
	}
	n, _ := strconv.Atoi(m[3])
	unit := map[string]time.Duration{"d": 24 * time.Hour, "h": time.Hour, "m": time.Minute}[m[4]]
	if d.Today && m[4] != "d" {
		b.errorf(s.Pos, "%s: default %q: a date moves by whole days, like today+14d", what, s.Value)
		return nil
	}
	d.Offset = time.Duration(n) * unit
	if m[2] == "-" {
		d.Offset = -d.Offset
	}
	d.Text = fmt.Sprintf("%s%s%d%s", base, m[2], n, m[4])
	return d
}

// autoNow checks auto_now and auto_now_add: Django's, on date and datetime fields, without a
// default (fields.E160), and read-only (editable=False).
func (b *builder) autoNow(f *Field, sf *spec.Field, what string) {
	f.AutoNow = boolean(sf.AutoNow, false)
	f.AutoNowAdd = boolean(sf.AutoNowAdd, false)
	var given []*spec.Bool
	for _, v := range []*spec.Bool{sf.AutoNow, sf.AutoNowAdd} {
		if v != nil && v.Value {
			given = append(given, v)
		}
	}
	if len(given) == 0 {
		return
	}
	at := given[0].Pos
	switch {
	case f.Type != Date && f.Type != DateTime:
		b.errorf(at, "%s: auto_now and auto_now_add are for date and datetime fields", what)
	case f.Model == nil:
		b.errorf(at, "%s: auto_now and auto_now_add are for model fields, not extra user fields", what)
	case len(given) == 2:
		b.errorf(given[1].Pos, "%s: auto_now and auto_now_add exclude each other (auto_now also sets the create's time)", what)
	case sf.Default != nil:
		b.errorf(sf.Default.Pos, "%s: auto_now, auto_now_add and default exclude each other, as in Django", what)
	case sf.ReadOnly != nil && !sf.ReadOnly.Value:
		b.errorf(sf.ReadOnly.Pos, "%s: an auto_now or auto_now_add field is always read-only (the write sets it)", what)
	}
	f.ReadOnly = true
}

// ParseTimeDefault reads the canonical text of a TimeDefault ("today+14d", "now-2h"), as a
// schema keeps it; ok is false for any other text (a literal default).
func ParseTimeDefault(text string) (d TimeDefault, ok bool) {
	m := timeDefaultText.FindStringSubmatch(text)
	if m == nil {
		return TimeDefault{}, false
	}
	d = TimeDefault{Today: m[1] == "today", Text: text}
	if m[2] != "" {
		n, _ := strconv.Atoi(m[3])
		d.Offset = time.Duration(n) * map[string]time.Duration{"d": 24 * time.Hour, "h": time.Hour, "m": time.Minute}[m[4]]
		if m[2] == "-" {
			d.Offset = -d.Offset
		}
	}
	return d, true
}
