package emit

import (
	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// A many_to_many field lives in its join table (Field.Through), not in the model's row: the
// row type holds the linked ids, ascending, and the model file gets a loader per field (one
// query for many rows, so a list costs the same number of queries whatever its length) and a
// setter that replaces the set.

// linkFields are the many_to_many fields of m, in spec order.
func linkFields(m *model.Model) []*model.Field {
	var out []*model.Field
	for _, fd := range m.Fields {
		if fd.Type == model.ManyToMany {
			out = append(out, fd)
		}
	}
	return out
}

// symmetric reports whether a many_to_many links rows of its own model, which Django makes
// symmetrical (ManyToManyField("self")): linking a to b links b to a.
func symmetric(fd *model.Field) bool { return fd.To != nil && fd.To == fd.Model }

// linkedRows names what a many_to_many links to, for comments: "Tag rows", "users".
func linkedRows(fd *model.Field) string {
	if fd.ToUser {
		return "users"
	}
	return fd.To.GoName + " rows"
}

// linkFuncs writes, for a model with many_to_many fields, each field's loader and setter and
// load<Model>Links, which runs every loader.
func linkFuncs(f *File, m *model.Model) {
	links := linkFields(m)
	if len(links) == 0 {
		return
	}
	f.Commentf("%s loads the many-to-many fields of vs, one query per field.", m.Names.LoadLinks)
	f.Func().Id(m.Names.LoadLinks).Params(
		Id("ctx").Qual("context", "Context"), Id("q").Qual(pkgDB, "Querier"), Id("vs").Op("...").Op("*").Id(m.GoName),
	).Error().BlockFunc(func(g *Group) {
		for _, fd := range links {
			g.If(Id("err").Op(":=").Id(fd.Names.Load).Call(Id("ctx"), Id("q"), Id("vs")), Id("err").Op("!=").Nil()).Block(
				Return(Id("err")))
		}
		g.Return(Nil())
	})
	for _, fd := range links {
		loadLink(f, m, fd)
		setLink(f, m, fd)
	}
}

// loadLink writes the field's join table as a db.Link and load<Model><Field>: the field of
// every row of vs from the join table (db.Link.Load: a query per db.MaxIn rows).
func loadLink(f *File, m *model.Model, fd *model.Field) {
	f.Commentf("%s is the join table of %s.%s.", fd.Names.Link, m.GoName, fd.GoName)
	if symmetric(fd) {
		f.Comment("The relation is symmetrical, as Django's ManyToManyField(\"self\"): each link is stored")
		f.Comment("both ways, so the linked rows list v too.")
	}
	f.Var().Id(fd.Names.Link).Op("=").Qual(pkgDB, "Link").ValuesFunc(func(g *Group) {
		g.Id("Table").Op(":").Lit(fd.Through)
		g.Id("Source").Op(":").Lit(fd.ThroughSource)
		g.Id("Target").Op(":").Lit(fd.ThroughTarget)
		if symmetric(fd) {
			g.Id("Symmetric").Op(":").True()
		}
	})
	f.Line()
	f.Commentf("%s sets the %s of every %s in vs from %s.", fd.Names.Load, fd.GoName, m.GoName, fd.Through)
	if symmetric(fd) {
		f.Commentf("The relation is symmetrical, so the rows with %s hold them all.", fd.ThroughSource)
	}
	f.Func().Id(fd.Names.Load).Params(
		Id("ctx").Qual("context", "Context"), Id("q").Qual(pkgDB, "Querier"), Id("vs").Index().Op("*").Id(m.GoName),
	).Error().Block(
		Id("byID").Op(":=").Make(Map(Int64()).Op("*").Id(m.GoName), Len(Id("vs"))),
		Id("ids").Op(":=").Make(Index().Int64(), Lit(0), Len(Id("vs"))),
		For(List(Id("_"), Id("v")).Op(":=").Range().Id("vs")).Block(
			Id("v").Dot(fd.GoName).Op("=").Index().Int64().Values(),
			Id("byID").Index(Id("v").Dot("ID")).Op("=").Id("v"),
			Id("ids").Op("=").Append(Id("ids"), Id("v").Dot("ID")),
		),
		Return(Id(fd.Names.Link).Dot("Load").Call(Id("ctx"), Id("q"), Id("ids"),
			Func().Params(List(Id("source"), Id("target")).Int64()).Block(
				Id("byID").Index(Id("source")).Dot(fd.GoName).Op("=").Append(Id("byID").Index(Id("source")).Dot(fd.GoName), Id("target")),
			))),
	)
}

// setLink writes set<Model><Field>: the join table's rows of v replaced by v's ids, which
// the request reader has sorted and deduplicated. Callers run it in the row's transaction.
func setLink(f *File, m *model.Model, fd *model.Field) {
	f.Commentf("%s replaces the %s of v in %s with v.%s.", fd.Names.Set, linkedRows(fd), fd.Through, fd.GoName)
	f.Func().Id(fd.Names.Set).Params(
		Id("ctx").Qual("context", "Context"), Id("q").Qual(pkgDB, "Querier"), Id("v").Op("*").Id(m.GoName),
	).Error().Block(
		Return(Id(fd.Names.Link).Dot("Set").Call(Id("ctx"), Id("q"), Id("v").Dot("ID"), Id("v").Dot(fd.GoName))),
	)
}

// showsLinks reports whether the endpoint's serializer has a many_to_many field.
func showsLinks(e *model.Endpoint) bool {
	for _, fd := range e.Fields {
		if fd.Type == model.ManyToMany {
			return true
		}
	}
	return false
}

// loadLinks loads the many_to_many fields of the row v of a detail route, or is empty when
// m has none; ret ends the handler after a failure.
func loadLinks(m *model.Model, ret *Statement) *Statement {
	if len(linkFields(m)) == 0 {
		return Null()
	}
	return If(Id("err").Op(":=").Id(m.Names.LoadLinks).Call(Id("r").Dot("Context").Call(), Id("a").Dot("DB"), Id("v")), Id("err").Op("!=").Nil()).Block(
		Id("a").Dot("Fail").Call(Id("w"), Id("r"), Id("err")),
		ret,
	)
}

// writableLinks are the many_to_many fields an endpoint reads from request bodies.
func writableLinks(e *model.Endpoint) []*model.Field {
	var out []*model.Field
	for _, fd := range e.Fields {
		if fd.Type == model.ManyToMany && writable(fd) {
			out = append(out, fd)
		}
	}
	return out
}

func writesLinks(e *model.Endpoint) bool { return len(writableLinks(e)) > 0 }

// writeLinksFunc writes write<Endpoint>Links: the many_to_many fields the body gave, stored
// after the row in the same transaction. DRF leaves an absent one as it is, on PUT too.
// Writes a perform_* hook makes go through Call's Insert and Update, which write the links
// themselves, so an endpoint whose every write has its hook needs none.
func writeLinksFunc(f *File, e *model.Endpoint) {
	links := writableLinks(e)
	creates := has(e.Methods, "POST") && !e.Hooks.PerformCreate
	updates := (has(e.Methods, "PUT") || has(e.Methods, "PATCH")) && !e.Hooks.PerformUpdate
	if len(links) == 0 || !creates && !updates && !hasSingletonWrite(e) {
		return
	}
	m := e.Model
	f.Commentf("%s stores the many-to-many fields body gave; DRF leaves the absent ones as", e.Names.WriteLinks)
	f.Comment("they are, on PUT too (but a full form gives them all: an absent list is empty).")
	f.Func().Id(e.Names.WriteLinks).Params(
		Id("ctx").Qual("context", "Context"), Id("q").Qual(pkgDB, "Querier"), Id("v").Op("*").Id(m.GoName), Id("body").Qual(pkgHTTPX, "Body"), Id("partial").Bool(),
	).Error().BlockFunc(func(g *Group) {
		for _, fd := range links {
			g.If(List(Id("_"), Id("ok")).Op(":=").Id("body").Dot("GetList").Call(Lit(fd.Name), Id("partial")), Id("ok")).Block(
				If(Id("err").Op(":=").Id(fd.Names.Set).Call(Id("ctx"), Id("q"), Id("v")), Id("err").Op("!=").Nil()).Block(Return(Id("err"))),
			)
		}
		g.Return(Nil())
	})
}
