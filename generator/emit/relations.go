package emit

import (
	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// relationsFile is relations.go: the spec's foreign keys with their on_delete, which deletes
// follow in the application as Django's Collector does (Django's own tables' relations are
// the runtime's), so that they behave alike on a schema authgen made and on one Django made.
func relationsFile(app *model.App) *File {
	f := newFile(app)
	f.Comment("relations are the foreign keys of the spec's models, many_to_many join tables included.")
	f.Var().Id("relations").Op("=").Index().Qual(pkgCollect, "Relation").CustomFunc(Options{Open: "{", Close: "}", Separator: ",", Multi: true}, func(g *Group) {
		for _, m := range app.Models {
			for _, fd := range m.Fields {
				switch fd.Type {
				case model.ForeignKey, model.OneToOne:
					g.Add(relation(m.Table, fd.Column, target(fd), onDelete[fd.OnDelete]))
				case model.ManyToMany:
					g.Add(relation(fd.Through, fd.ThroughSource, m.Table, "Cascade"))
					g.Add(relation(fd.Through, fd.ThroughTarget, target(fd), "Cascade"))
				}
			}
		}
	})
	f.Line()
	f.Comment("collector deletes rows with Django's on_delete semantics, over Django's tables too.")
	f.Var().Id("collector").Op("=").Qual(pkgCollect, "New").Call(Id("relations").Op("..."))
	return f
}

// onDelete maps the spec's on_delete to the runtime's actions.
var onDelete = map[string]string{
	model.OnDeleteCascade: "Cascade", model.OnDeleteProtect: "Protect",
	model.OnDeleteRestrict: "Restrict", model.OnDeleteSetNull: "SetNull",
	model.OnDeleteSetDefault: "SetDefault", model.OnDeleteDoNothing: "DoNothing",
}

func target(fd *model.Field) string {
	if fd.ToUser {
		return "auth_user"
	}
	return fd.To.Table
}

func relation(table, column, to, action string) Code {
	return Values(Id("Table").Op(":").Lit(table), Id("Column").Op(":").Lit(column), Id("To").Op(":").Lit(to),
		Id("OnDelete").Op(":").Qual(pkgCollect, action))
}
