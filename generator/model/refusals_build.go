package model

import (
	"fmt"
	"strings"
)

// checkUnfillable refuses the specs whose writes would store a value nobody chose: a create
// that leaves a required read-only field at Go's zero value (0001-01-01T00:00:00Z, 0, false),
// and a singleton that creates the caller's row without its required fields. Django fails
// on both with an IntegrityError (a server error); the spec is refused instead.
func (b *builder) checkUnfillable() {
	reported := map[*Field]bool{}
	for _, e := range b.app.Endpoints {
		if contains(e.Methods, "POST") {
			for _, f := range e.Model.Fields {
				if f.ReadOnly && !reported[f] && !filledOnCreate(f) && hasNoEmptyValue(f) {
					reported[f] = true
					fix := "a default, or null: true"
					if f.Type == Date || f.Type == DateTime {
						fix = "a default (today, now), auto_now_add, or null: true"
					}
					b.errorf(f.Pos, "field %q of model %s is read-only and required (not null, no default): a create through endpoint %q would store %s; give it %s, or drop read_only",
						f.Name, e.Model.Name, e.Name, zeroText(f), fix)
				}
			}
		}
		for _, a := range e.Actions {
			if a.Kind != SingletonAction || !a.CreateMissing || a.Singleton == nil || !a.Singleton.Unique || a.Detail {
				continue // an invalid singleton is reported already
			}
			var missing []string
			for _, f := range e.Model.Fields {
				if f != a.Singleton && !filledOnCreate(f) && (hasNoEmptyValue(f) || f.Type == ForeignKey || f.Type == OneToOne) {
					missing = append(missing, f.Name)
				}
			}
			if len(missing) > 0 {
				b.errorf(a.Pos, "action %q creates the caller's %s on first use, but cannot fill its required field%s %s (Django's get_or_create would fail); give %s a default or null: true, or answer 404 with missing: not_found",
					a.Name, e.Model.Name, plural(len(missing)), quoteList(missing), pronoun(len(missing)))
			}
		}
	}
}

// filledOnCreate reports a field a create fills without the body: a default, null, an
// automatic time, the caller.
func filledOnCreate(f *Field) bool {
	return f.Null || f.Default != nil || f.TimeDefault != nil || f.AutoNow || f.AutoNowAdd || f.Owner || f.Type == ManyToMany
}

// hasNoEmptyValue reports a type whose zero value Django would not store: everything but
// text, which Django fills with "", and relations, whose 0 the database refuses.
func hasNoEmptyValue(f *Field) bool {
	switch f.Type {
	case String, Text, Email, ForeignKey, OneToOne, ManyToMany:
		return false
	}
	return true
}

func zeroText(f *Field) string {
	switch f.Type {
	case Date:
		return `"0001-01-01"`
	case DateTime:
		return `"0001-01-01T00:00:00Z"`
	case Bool:
		return "false"
	case UUID:
		return `"00000000-0000-0000-0000-000000000000"`
	case JSON:
		return "null"
	}
	return "0"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
