package emit

import (
	"strconv"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// OPTIONS answers as DRF's SimpleMetadata: for each of PUT and POST a route serves, the
// serializer's fields, when a clone of the request with that method passes the route's
// permission checks and, for PUT, get_object (the object exists in the route's scope and
// its object-level checks pass). runtime/view's Route does it from the route's table.

// metadataFuncs writes <endpoint>Fields, the serializer's fields as OPTIONS describes
// them.
func metadataFuncs(f *File, e *model.Endpoint, ep model.EndpointNames) {
	if !describesFields(e) {
		return
	}
	f.Commentf("%s describes the serializer of %s for OPTIONS (DRF's SimpleMetadata).", ep.Fields, e.Path)
	// A call a field rather than a literal over lines: go/printer measures each element of a
	// list that spans lines once more to align it, which made this the dearest function of
	// an endpoint to format.
	f.Func().Params(Id("a").Op("*").Id("API")).Id(ep.Fields).Params().Qual(pkgHTTPX, "Fields").BlockFunc(func(g *Group) {
		g.Id("f").Op(":=").Make(Qual(pkgHTTPX, "Fields"), Lit(0), Lit(len(e.Fields)))
		for _, fd := range e.Fields {
			g.Id("f").Dot("Add").Call(Lit(fd.Name), fieldInfo(e, fd))
		}
		g.Return(Id("f"))
	})
}

// describesFields reports whether some route of the endpoint serves PUT or POST where
// OPTIONS can describe it.
func describesFields(e *model.Endpoint) bool {
	if has(e.Methods, "POST") || has(detailMethods(e), "PUT") {
		return true
	}
	for _, a := range e.Actions {
		if has(a.Methods, "POST") || a.Detail && has(a.Methods, "PUT") {
			return true
		}
	}
	return false
}

// fieldInfo describes a serializer field as SimpleMetadata.get_field_info does with the
// field ModelSerializer builds for it.
func fieldInfo(e *model.Endpoint, fd *model.Field) *Statement {
	d := fieldValues{}
	describeField(e, fd, d)
	if _, ok := d["Choices"]; ok {
		// A list of choices is too long for one line: a line each.
		dict := Dict{}
		for name, v := range d {
			dict[Id(name)] = v
		}
		return Qual(pkgHTTPX, "FieldInfo").Values(dict)
	}
	return inline(Qual(pkgHTTPX, "FieldInfo"), d)
}

// describeField sets the fields of fd's httpx.FieldInfo in d, as e's serializer has it.
func describeField(e *model.Endpoint, fd *model.Field, d fieldValues) {
	if fd.Type == model.ID {
		d["Type"] = Lit("integer")
		d["ReadOnly"] = True()
		d["Label"] = Lit("ID")
		return
	}
	d["Type"] = Lit(metadataType(fd))
	d["Label"] = Lit(capfirst(strings.ReplaceAll(fd.Name, "_", " ")))
	if fd.Description != "" {
		d["HelpText"] = Lit(fd.Description)
	}
	if !writable(fd) {
		// ModelSerializer drops required, lengths and bounds of a read-only field.
		d["ReadOnly"] = True()
		return
	}
	if requirementIn(e, fd) == required {
		d["Required"] = True()
	}
	if fd.MaxLength > 0 && len(fd.Choices) == 0 && (fd.Type == model.String || fd.Type == model.Text || fd.Type == model.Email) {
		d["MaxLength"] = New(Lit(fd.MaxLength))
	}
	if len(fd.Choices) > 0 {
		d["Choices"] = Index().Qual(pkgHTTPX, "Choice").ValuesFunc(func(g *Group) {
			for i, c := range fd.Choices {
				g.Line().Values(Id("Value").Op(":").Add(choiceValue(fd, c)), Id("DisplayName").Op(":").Lit(choiceLabel(fd, i)))
			}
			g.Line()
		})
		return
	}
	if r := columnRange(fd); r != nil {
		for _, b := range []struct {
			key    string
			v      *model.Value
			column int64
		}{{"MinValue", fd.Min, r[0]}, {"MaxValue", fd.Max, r[1]}} {
			switch {
			case b.v != nil:
				d[b.key] = Lit(choiceKey(*b.v))
			case b.column == 0:
				d[b.key] = Lit("0") // a positive type's, checked on both dialects (intOpts)
			default:
				d[b.key] = Id("a").Dot("ColumnLimit").Call(Op(strconv.FormatInt(b.column, 10)))
			}
		}
	}
	if fd.Type == model.Decimal {
		if fd.Min != nil {
			d["MinValue"] = Lit(pyFloat(fd.Min.String))
		}
		if fd.Max != nil {
			d["MaxValue"] = Lit(pyFloat(fd.Max.String))
		}
	}
}

// metadataType is DRF's label_lookup for the serializer field of fd.
func metadataType(fd *model.Field) string {
	switch {
	case fd.Display != "":
		return "field" // ReadOnlyField
	case len(fd.Choices) > 0:
		return "choice"
	}
	return fd.Type.Label() // "field" for relations (PrimaryKeyRelatedField, ManyRelatedField) and JSON
}

// choiceLabel is the label of fd's i-th choice, its display_name: the spec's, else the
// value's text.
func choiceLabel(fd *model.Field, i int) string {
	if fd.ChoiceLabels != nil {
		return fd.ChoiceLabels[i]
	}
	return choiceKey(fd.Choices[i])
}

// choiceValue is a choice's value as DRF's JSON encoder writes it: numbers as numbers.
func choiceValue(fd *model.Field, c model.Value) *Statement {
	switch {
	case c.Kind == model.IntValue:
		return Lit(c.Int)
	case fd.Type == model.Decimal:
		return Qual("encoding/json", "Number").Call(Lit(pyFloat(c.String)))
	}
	return Lit(c.String)
}

// pyFloat is a decimal literal as Python prints float(Decimal(s)) in JSON: with a point.
func pyFloat(s string) string {
	if !strings.ContainsAny(s, ".eE") {
		return s + ".0"
	}
	return s
}

// capfirst is Django's capfirst: the first letter upper-cased.
func capfirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// prettyName is Django's pretty_name, the name DRF gives an @action's view: "reset_all" →
// "Reset all".
func prettyName(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}
