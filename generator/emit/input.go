package emit

import (
	"fmt"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// inputFunc writes read<Endpoint>: the serializer's to_internal_value and validators for the
// endpoint's writable fields, field by field, collecting every error as DRF does.
func inputFunc(f *File, app *model.App, e *model.Endpoint, ep endpointNames) {
	if !has(e.Methods, "POST") && !has(e.Methods, "PUT") && !has(e.Methods, "PATCH") && !hasSingletonWrite(e) {
		return
	}
	m := e.Model
	f.Commentf("%s reads the writable fields of body into v as the serializer of %s", ep.input, e.Path)
	f.Comment("validates them; partial (PATCH) leaves absent fields as they are.")
	f.Func().Params(Id("a").Op("*").Id("API")).Id(ep.input).Params(
		Id("ctx").Qual("context", "Context"), Id("body").Qual(pkgHTTPX, "Body"), Id("v").Op("*").Id(m.GoName), Id("partial").Bool(),
	).Params(Qual(pkgHTTPX, "FieldErrors"), Error()).BlockFunc(func(g *Group) {
		g.Id("errs").Op(":=").Qual(pkgHTTPX, "FieldErrors").Values()
		for _, fd := range e.Fields {
			if !writable(fd) {
				continue
			}
			readField(g, m, fd)
		}
		g.Return(Id("errs"), Nil())
	})
}

func hasSingletonWrite(e *model.Endpoint) bool {
	for _, a := range e.Actions {
		if a.Kind == model.SingletonAction && (has(a.Methods, "PUT") || has(a.Methods, "PATCH")) {
			return true
		}
	}
	return false
}

// writable reports whether a serializer field is read from request bodies.
func writable(fd *model.Field) bool {
	return fd.Type != model.ID && !fd.ReadOnly && !fd.Owner && fd.Display == "" && fd.Type != model.ManyToMany
}

// required is DRF's ModelSerializer rule: a field with a default, blank or null is optional.
func required(fd *model.Field) bool {
	return fd.Default == nil && !fd.Blank && !fd.Null
}

// readField reads one field: absent (required?), null (allowed?), parsed, then checked
// against the database (relations exist, unique values are free), then assigned.
func readField(g *Group, m *model.Model, fd *model.Field) {
	key := fd.Name
	assign := Id("v").Dot(fd.GoName).Op("=").Id("x")
	switch {
	case fd.Type == model.JSON:
		assign = Id("v").Dot(fd.GoName).Op("=").Qual(pkgFields, "Document").Call(Id("x"))
	case fd.Null:
		assign = Id("v").Dot(fd.GoName).Op("=").Op("&").Id("x")
	}

	// The chain of checks after a successful parse, innermost last.
	var chain []Code
	chain = append(chain, List(Id("x"), Id("msgs")).Op(":=").Add(parseCall(fd)), Id("msgs").Op("!=").Nil())
	stmt := If(chain...).Block(Id("errs").Index(Lit(key)).Op("=").Id("msgs"))
	if c := intChoiceCheck(fd); c != nil {
		stmt = stmt.Else().If(c).Block(
			Id("errs").Dot("Add").Call(Lit(key), Qual(pkgFields, "MsgInvalidChoice").Call(Qual("strconv", "FormatInt").Call(Id("x"), Lit(10)))))
	}
	if fd.To != nil || fd.ToUser {
		table := "auth_user"
		if fd.To != nil {
			table = fd.To.Table
		}
		stmt = stmt.Else().If(List(Id("found"), Id("err")).Op(":=").Qual(pkgDB, "Exists").Call(Id("ctx"), Id("a").Dot("db"),
			Lit(fmt.Sprintf(`SELECT 1 FROM %s WHERE "id" = $1`, quote(table))), Id("x")), Id("err").Op("!=").Nil()).Block(
			Return(Nil(), Id("err")),
		).Else().If(Op("!").Id("found")).Block(
			Id("errs").Dot("Add").Call(Lit(key), Qual(pkgFields, "DoesNotExist").Call(Qual(pkgFields, "PKText").Call(Id("raw")))),
		)
	}
	if fd.Unique {
		stmt = stmt.Else().If(List(Id("taken"), Id("err")).Op(":=").Qual(pkgDB, "Exists").Call(Id("ctx"), Id("a").Dot("db"),
			Lit(fmt.Sprintf(`SELECT 1 FROM %s WHERE %s = $1 AND "id" <> $2`, quote(m.Table), quote(fd.Column))), Id("x"), Id("v").Dot("ID")),
			Id("err").Op("!=").Nil()).Block(
			Return(Nil(), Id("err")),
		).Else().If(Id("taken")).Block(
			Id("errs").Dot("Add").Call(Lit(key), Qual(pkgFields, "Unique").Call(Lit(m.VerboseName), Lit(strings.ReplaceAll(fd.Name, "_", " ")))),
		)
	}
	stmt = stmt.Else().Block(assign)

	var onNull Code
	if fd.Null {
		onNull = Id("v").Dot(fd.GoName).Op("=").Nil()
	} else {
		onNull = Id("errs").Dot("Add").Call(Lit(key), Qual(pkgFields, "MsgNull"))
	}
	present := If(Qual(pkgFields, "IsNull").Call(Id("raw"))).Block(onNull).Else().Add(stmt)

	outer := If(List(Id("raw"), Id("ok")).Op(":=").Id("body").Index(Lit(key)), Id("ok")).Block(present)
	if required(fd) {
		outer = outer.Else().If(Op("!").Id("partial")).Block(Id("errs").Dot("Add").Call(Lit(key), Qual(pkgFields, "MsgRequired")))
	}
	g.Add(outer)
}

// parseCall is the runtime/fields call that parses a raw JSON value of the field's type.
func parseCall(fd *model.Field) *Statement {
	if len(fd.Choices) > 0 && fd.Type != model.Int && fd.Type != model.BigInt {
		return Qual(pkgFields, "Choice").Call(Id("raw"), Qual(pkgFields, "ChoiceOpts").Values(DictFunc(func(d Dict) {
			d[Id("Choices")] = Index().String().ValuesFunc(func(g *Group) {
				for _, c := range fd.Choices {
					g.Lit(c.String)
				}
			})
			if fd.Blank {
				d[Id("AllowBlank")] = True()
			}
		})))
	}
	switch fd.Type {
	case model.String, model.Text:
		return Qual(pkgFields, "String").Call(Id("raw"), stringOpts(fd))
	case model.Email:
		return Qual(pkgFields, "Email").Call(Id("raw"), stringOpts(fd))
	case model.Int, model.BigInt:
		return Qual(pkgFields, "Int").Call(Id("raw"), Qual(pkgFields, "IntOpts").Values(DictFunc(func(d Dict) {
			if fd.Min != nil {
				d[Id("Min")] = New(Lit(fd.Min.Int))
			}
			if fd.Max != nil {
				d[Id("Max")] = New(Lit(fd.Max.Int))
			}
		})))
	case model.Bool:
		return Qual(pkgFields, "Bool").Call(Id("raw"))
	case model.Decimal:
		return Qual(pkgFields, "ReadDecimal").Call(Id("raw"), Qual(pkgFields, "DecimalOpts").Values(DictFunc(func(d Dict) {
			d[Id("MaxDigits")] = Lit(fd.MaxDigits)
			d[Id("DecimalPlaces")] = Lit(fd.DecimalPlaces)
			if fd.Min != nil {
				d[Id("Min")] = New(Qual(pkgFields, "MustDecimal").Call(Lit(fd.Min.String)))
			}
			if fd.Max != nil {
				d[Id("Max")] = New(Qual(pkgFields, "MustDecimal").Call(Lit(fd.Max.String)))
			}
		})))
	case model.Date:
		return Qual(pkgFields, "ReadDate").Call(Id("raw"))
	case model.DateTime:
		return Qual(pkgFields, "ReadDateTime").Call(Id("raw"))
	case model.UUID:
		return Qual(pkgFields, "ReadUUID").Call(Id("raw"))
	case model.JSON:
		return Qual(pkgFields, "JSON").Call(Id("raw"))
	case model.ForeignKey, model.OneToOne:
		return Qual(pkgFields, "PK").Call(Id("raw"))
	}
	return Qual(pkgFields, "String").Call(Id("raw"), Qual(pkgFields, "StringOpts").Values())
}

func stringOpts(fd *model.Field) *Statement {
	return Qual(pkgFields, "StringOpts").Values(DictFunc(func(d Dict) {
		if fd.MaxLength > 0 {
			d[Id("MaxLength")] = Lit(fd.MaxLength)
		}
		if fd.Blank {
			d[Id("AllowBlank")] = True()
		}
	}))
}

// intChoiceCheck is the condition that an integer is not one of the field's choices, or nil.
// (Text choices are read by fields.Choice directly.)
func intChoiceCheck(fd *model.Field) *Statement {
	if len(fd.Choices) == 0 || (fd.Type != model.Int && fd.Type != model.BigInt) {
		return nil
	}
	return Op("!").Qual("slices", "Contains").Call(Index().Int64().ValuesFunc(func(g *Group) {
		for _, c := range fd.Choices {
			g.Lit(c.Int)
		}
	}), Id("x"))
}
