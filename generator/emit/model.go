package emit

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// modelFile is <model>_model.go: the row type and its SQL (select, insert, update, delete),
// shared by every endpoint over the model.
func modelFile(app *model.App, m *model.Model) *File {
	f := newFile(app)
	doc := fmt.Sprintf("%s is a row of %s.", m.GoName, m.Table)
	f.Comment(doc)
	if m.Description != "" {
		f.Comment("")
		f.Comment(m.Description)
	}
	f.Type().Id(m.GoName).StructFunc(func(g *Group) {
		g.Id("ID").Int64()
		for _, fd := range m.Fields {
			if fd.Type == model.ManyToMany {
				g.Commentf("%s holds the ids of the %s linked in %s, ascending.", fd.GoName, linkedRows(fd), fd.Through)
			}
			if fd.Description != "" {
				g.Comment(fd.Description)
			}
			g.Id(fd.GoName).Add(goType(fd))
			if displayColumn(fd) {
				g.Commentf("%s is the %s of the row %s refers to.", fd.Names.Display, fd.Display, fd.Name)
				g.Id(fd.Names.Display).Add(displayType(fd))
			}
		}
		if len(m.OwnerPaths) > 0 {
			g.Commentf("owners holds the users the owner paths reach, by path, as %s read them.", m.Names.LoadOwners)
			g.Id("owners").Map(String()).Int64()
		}
	})

	defaults := fieldsWithDefaults(m)
	f.Commentf("%s returns a %s holding the spec's defaults.", m.Names.New, m.GoName)
	f.Func().Id(m.Names.New).Params().Op("*").Id(m.GoName).Block(
		Return(Op("&").Id(m.GoName).ValuesFunc(func(g *Group) {
			for _, fd := range defaults {
				if fd.TimeDefault != nil {
					g.Id(fd.GoName).Op(":").Add(timeValue(fd, fd.TimeDefault.Today, fd.TimeDefault.Offset))
					continue
				}
				g.Id(fd.GoName).Op(":").Add(defaultValue(fd))
			}
			for _, fd := range linkFields(m) {
				g.Id(fd.GoName).Op(":").Index().Int64().Values()
			}
		})),
	)

	f.Commentf("%s selects the columns %s reads, in its order.", m.Names.Select, m.Names.Scan)
	f.Const().Id(m.Names.Select).Op("=").Lit(selectSQL(m))

	reads := []Code{Id("ID").Op(":").Id("r").Dot("Int64").Call(Lit(0))}
	for _, fd := range columnFields(m) {
		reads = append(reads, Id(fd.GoName).Op(":").Add(readColumn(len(reads), fd.Type, fd.Null, fd.DecimalPlaces)))
	}
	for _, fd := range m.Fields {
		if displayColumn(fd) {
			t, places := model.String, 0
			if fd.DisplayField != nil {
				t, places = fd.DisplayField.Type, fd.DisplayField.DecimalPlaces
			}
			null := fd.Null || (fd.DisplayField != nil && fd.DisplayField.Null)
			reads = append(reads, Id(fd.Names.Display).Op(":").Add(readColumn(len(reads), t, null, places)))
		}
	}
	f.Commentf("%s reads a row of %s.", m.Names.Scan, m.Names.Select)
	f.Func().Id(m.Names.Scan).Params(Id("row").Qual(pkgDB, "Row")).Params(Op("*").Id(m.GoName), Error()).Block(
		List(Id("values"), Id("err")).Op(":=").Qual(pkgFields, "ScanValues").Call(Id("row"), Lit(len(reads))),
		If(Id("err").Op("!=").Nil()).Block(Return(Nil(), Id("err"))),
		Return(Id(m.Names.ScanValues).Call(Id("values"))),
	)

	f.Commentf("%s reads a row of %s from the values the driver handed over.", m.Names.ScanValues, m.Names.Select)
	f.Func().Id(m.Names.ScanValues).Params(Id("values").Index().Qual("database/sql/driver", "Value")).Params(Op("*").Id(m.GoName), Error()).BlockFunc(func(g *Group) {
		g.Id("r").Op(":=").Qual(pkgFields, "RowOf").Call(Id("values"))
		if hasDecimalColumn(m) {
			g.Comment("SQLite hands decimals back as numbers: Decimal quantizes them to their places, as DRF answers them.")
		}
		for i := range reads { // a field per line, as gofmt then aligns them
			reads[i] = Line().Add(reads[i])
		}
		g.Id("v").Op(":=").Op("&").Id(m.GoName).Values(append(reads, Line())...)
		g.If(Id("err").Op(":=").Id("r").Dot("Err").Call(), Id("err").Op("!=").Nil()).Block(Return(Nil(), Id("err")))
		g.Return(Id("v"), Nil())
	})

	cols := columnFields(m)
	f.Commentf("%s inserts v and sets its ID.", m.Names.Insert)
	if autoDoc := autoFieldsDoc(m, true); autoDoc != "" {
		f.Comment(autoDoc)
	}
	f.Func().Id(m.Names.Insert).Params(
		Id("ctx").Qual("context", "Context"), Id("q").Qual(pkgDB, "Querier"), Id("v").Op("*").Id(m.GoName),
	).Error().BlockFunc(func(g *Group) {
		setAutoFields(g, m, true)
		g.Return(Id("q").Dot("QueryRowContext").Call(rowArgs(insertSQL(m), cols, false, len("\treturn q.QueryRowContext("))...).
			Dot("Scan").Call(Op("&").Id("v").Dot("ID")))
	})

	if len(cols) == 0 {
		f.Commentf("%s has no column to write: a %s row is its id (and its links).", m.Names.Update, m.GoName)
		f.Func().Id(m.Names.Update).Params(
			Id("ctx").Qual("context", "Context"), Id("q").Qual(pkgDB, "Querier"), Id("v").Op("*").Id(m.GoName),
		).Error().Block(Return(Nil()))
	} else {
		f.Commentf("%s writes every column of v.", m.Names.Update)
		if autoDoc := autoFieldsDoc(m, false); autoDoc != "" {
			f.Comment(autoDoc)
		}
		f.Func().Id(m.Names.Update).Params(
			Id("ctx").Qual("context", "Context"), Id("q").Qual(pkgDB, "Querier"), Id("v").Op("*").Id(m.GoName),
		).Error().BlockFunc(func(g *Group) {
			setAutoFields(g, m, false)
			g.List(Id("_"), Id("err")).Op(":=").Id("q").Dot("ExecContext").Call(rowArgs(updateSQL(m), cols, true, len("\t_, err := q.ExecContext("))...)
			g.Return(Id("err"))
		})
	}

	f.Commentf("%s deletes the row with the id, and what its relations' on_delete says, in one transaction.", m.Names.Delete)
	f.Func().Id(m.Names.Delete).Params(
		Id("ctx").Qual("context", "Context"), Id("d").Op("*").Qual(pkgDB, "DB"), Id("id").Int64(),
	).Error().Block(
		List(Id("_"), Id("err")).Op(":=").Id("collector").Dot("Delete").Call(Id("ctx"), Id("d"), Lit(m.Table), Id("id")),
		Return(Id("err")),
	)

	linkFuncs(f, m)

	ownerPathsFunc(f, m)
	owners := userRelations(m)
	f.Comment("OwnerOf returns the user id a user-relation field holds, for object-level checks.")
	f.Func().Params(Id("v").Op("*").Id(m.GoName)).Id("OwnerOf").Params(Id("field").String()).Params(Int64(), Bool()).BlockFunc(func(g *Group) {
		if len(owners) > 0 {
			g.Switch(Id("field")).BlockFunc(func(s *Group) {
				for _, fd := range owners {
					if fd.Null {
						s.Case(Lit(fd.Name)).Block(
							If(Id("v").Dot(fd.GoName).Op("==").Nil()).Block(Return(Lit(0), False())),
							Return(Op("*").Id("v").Dot(fd.GoName), True()),
						)
						continue
					}
					s.Case(Lit(fd.Name)).Block(Return(Id("v").Dot(fd.GoName), True()))
				}
			})
		}
		if len(m.OwnerPaths) > 0 {
			g.List(Id("id"), Id("ok")).Op(":=").Id("v").Dot("owners").Index(Id("field"))
			g.Return(Id("id"), Id("ok"))
			return
		}
		g.Return(Lit(0), False())
	})
	f.Comment("ObjectPK returns the primary key as per-object grants store it.")
	f.Func().Params(Id("v").Op("*").Id(m.GoName)).Id("ObjectPK").Params().String().Block(
		Return(Qual("strconv", "FormatInt").Call(Id("v").Dot("ID"), Lit(10))),
	)
	return f
}

// ownerPathsFunc writes load<Model>Owners: one query reading the user each owner path of m
// reaches from a row (a scalar subquery per path, NULL where a relation on the way is).
func ownerPathsFunc(f *File, m *model.Model) {
	if len(m.OwnerPaths) == 0 {
		return
	}
	var subs []string
	var args []Code
	var paths []Code
	for i, p := range m.OwnerPaths {
		subs = append(subs, "("+ownerPathSQL(p, i+1)+")")
		args = append(args, Id("v").Dot(p.Steps[0].GoName))
		paths = append(paths, Lit(p.Text))
	}
	n := len(m.OwnerPaths)
	f.Commentf("%s reads the users v's owner paths reach (%s), for OwnerOf.", m.Names.LoadOwners, ownerPathsDoc(m))
	f.Func().Id(m.Names.LoadOwners).Params(
		Id("ctx").Qual("context", "Context"), Id("q").Qual(pkgDB, "Querier"), Id("v").Op("*").Id(m.GoName),
	).Error().BlockFunc(func(g *Group) {
		g.Var().Id("ids").Index(Lit(n)).Qual("database/sql", "NullInt64")
		dests := make([]Code, n)
		for i := range dests {
			dests[i] = Op("&").Id("ids").Index(Lit(i))
		}
		g.Id("row").Op(":=").Id("q").Dot("QueryRowContext").Call(append([]Code{Id("ctx"), Lit(sqlLines("SELECT "+strings.Join(subs, ", "), 2))}, args...)...)
		g.If(Id("err").Op(":=").Id("row").Dot("Scan").Call(dests...), Id("err").Op("!=").Nil()).Block(Return(Id("err")))
		g.Id("v").Dot("owners").Op("=").Map(String()).Int64().Values()
		g.For(List(Id("i"), Id("path")).Op(":=").Range().Index().String().Values(paths...)).Block(
			If(Id("ids").Index(Id("i")).Dot("Valid")).Block(
				Id("v").Dot("owners").Index(Id("path")).Op("=").Id("ids").Index(Id("i")).Dot("Int64"),
			),
		)
		g.Return(Nil())
	})
}

// ownerPathSQL selects the user p reaches from the row its first step's value ($param)
// points at: the related tables joined along the rest of the path.
func ownerPathSQL(p *model.OwnerPath, param int) string {
	steps := p.Steps[1:]
	var b strings.Builder
	last := steps[len(steps)-1]
	fmt.Fprintf(&b, `SELECT s%d.%s FROM %s s1`, len(steps), quote(last.Column), quote(p.Steps[0].To.Table))
	for i := 1; i < len(steps); i++ {
		fmt.Fprintf(&b, ` JOIN %s s%d ON s%d."id" = s%d.%s`, quote(steps[i-1].To.Table), i+1, i+1, i, quote(steps[i-1].Column))
	}
	fmt.Fprintf(&b, ` WHERE s1."id" = $%d`, param)
	return b.String()
}

func ownerPathsDoc(m *model.Model) string {
	var out []string
	for _, p := range m.OwnerPaths {
		out = append(out, p.Text)
	}
	return strings.Join(out, ", ")
}

// autoFields are m's auto_now fields, and on a create its auto_now_add ones too.
func autoFields(m *model.Model, create bool) []*model.Field {
	var out []*model.Field
	for _, fd := range m.Fields {
		if fd.AutoNow || (create && fd.AutoNowAdd) {
			out = append(out, fd)
		}
	}
	return out
}

// autoFieldsDoc says which fields a write sets to its time, or "".
func autoFieldsDoc(m *model.Model, create bool) string {
	var names []string
	for _, fd := range autoFields(m, create) {
		names = append(names, fd.GoName)
	}
	if len(names) == 0 {
		return ""
	}
	return "It sets " + strings.Join(names, ", ") + " to the time of the write first, as Django's pre_save does."
}

// setAutoFields writes the time of the write into the auto fields, whatever v holds.
func setAutoFields(g *Group, m *model.Model, create bool) {
	for _, fd := range autoFields(m, create) {
		g.Id("v").Dot(fd.GoName).Op("=").Add(timeValue(fd, fd.Type == model.Date, 0))
	}
}

// timeValue is the current date (today) or instant of a field's type, moved by offset.
func timeValue(fd *model.Field, today bool, offset time.Duration) *Statement {
	var v *Statement
	if today {
		v = Qual(pkgFields, "Today").Call()
		if days := int(offset / (24 * time.Hour)); days != 0 {
			v = v.Dot("AddDays").Call(Lit(days))
		}
	} else {
		v = Qual(pkgFields, "Now").Call()
		switch {
		case offset == 0:
		case offset%time.Hour == 0:
			v = v.Dot("Add").Call(Lit(int(offset/time.Hour)).Op("*").Qual("time", "Hour"))
		default:
			v = v.Dot("Add").Call(Lit(int(offset/time.Minute)).Op("*").Qual("time", "Minute"))
		}
	}
	if fd.Null {
		return New(v)
	}
	return v
}

// readColumn reads column i of a row (a fields.Row named r) as a field of type t holds it.
// Decimals are quantized to their places as they are read: SQLite stores them as numbers
// ("9.99" comes back as 9.99000000000000), and DRF answers them quantized ("9.99").
func readColumn(i int, t model.FieldType, null bool, places int) *Statement {
	method := "String"
	switch t {
	case model.UUID:
		method = "UUID"
	case model.Int, model.BigInt, model.SmallInt, model.PositiveInt, model.PositiveSmallInt, model.PositiveBigInt,
		model.ForeignKey, model.OneToOne, model.ID:
		method = "Int64"
	case model.Bool:
		method = "Bool"
	case model.Decimal:
		method = "Decimal"
	case model.Date:
		method = "Date"
	case model.DateTime:
		method = "DateTime"
	case model.JSON:
		return Id("r").Dot("Document").Call(Lit(i)) // nil is null
	}
	if null {
		method = "Null" + method
	}
	if t == model.Decimal {
		return Id("r").Dot(method).Call(Lit(i), Lit(places))
	}
	return Id("r").Dot(method).Call(Lit(i))
}

// hasDecimalColumn reports whether a row of m holds a decimal: its own, or a relation's
// display of one.
func hasDecimalColumn(m *model.Model) bool {
	for _, fd := range m.Fields {
		if fd.Type == model.Decimal || (displayColumn(fd) && fd.DisplayField != nil && fd.DisplayField.Type == model.Decimal) {
			return true
		}
	}
	return false
}

// columnFields are the fields stored in the model's own table, in spec order.
func columnFields(m *model.Model) []*model.Field {
	var out []*model.Field
	for _, fd := range m.Fields {
		if fd.Type != model.ManyToMany {
			out = append(out, fd)
		}
	}
	return out
}

func userRelations(m *model.Model) []*model.Field {
	var out []*model.Field
	for _, fd := range m.Fields {
		if fd.ToUser && (fd.Type == model.ForeignKey || fd.Type == model.OneToOne) {
			out = append(out, fd)
		}
	}
	return out
}

func fieldsWithDefaults(m *model.Model) []*model.Field {
	var out []*model.Field
	for _, fd := range columnFields(m) {
		if fd.TimeDefault != nil || fd.Default != nil && fd.Default.Kind != model.Null && !isZeroDefault(fd) {
			out = append(out, fd)
		}
	}
	return out
}

// isZeroDefault reports whether the default is Go's zero value of the field's type, which
// needs no statement.
func isZeroDefault(fd *model.Field) bool {
	if fd.Null {
		return false
	}
	d := fd.Default
	switch d.Kind {
	case model.BoolValue:
		return !d.Bool
	case model.IntValue:
		return d.Int == 0
	case model.StringValue:
		return d.String == "" && fd.Type != model.Date && fd.Type != model.DateTime
	}
	return false
}

// displayColumn reports whether a relation displays a column of the related row, which the
// row type then holds beside the id. Displaying the related row's id needs no other column:
// it is the relation's own value.
func displayColumn(fd *model.Field) bool {
	return fd.Display != "" && (fd.DisplayField == nil || fd.DisplayField.Type != model.ID)
}

// goType is the Go type of a field's value in the row type.
func goType(fd *model.Field) *Statement { return typeCode(goTypeName(fd)) }

// goTypeName is goType as written in Go: "int64", "*fields.DateTime", "[]int64". Emitters
// that choose code by a field's Go type compare this name: rendering the type to text with
// jennifer would format it with go/format each time.
func goTypeName(fd *model.Field) string {
	var t string
	switch fd.Type {
	case model.String, model.Text, model.Email:
		t = "string"
	case model.UUID:
		t = "fields.UUID"
	// Every integer is an int64, as the values an SQLite column holds may be: Django's SQLite
	// backend checks no integer's range, so a database it wrote may hold 40000 in a smallint.
	case model.Int, model.BigInt, model.SmallInt, model.PositiveInt, model.PositiveSmallInt, model.PositiveBigInt,
		model.ForeignKey, model.OneToOne:
		t = "int64"
	case model.Bool:
		t = "bool"
	case model.Decimal:
		t = "fields.Decimal"
	case model.Date:
		t = "fields.Date"
	case model.DateTime:
		t = "fields.DateTime"
	case model.JSON:
		return "fields.Document" // nil is null
	case model.ManyToMany:
		return "[]int64"
	default:
		t = "string"
	}
	if fd.Null {
		return "*" + t
	}
	return t
}

// displayType is the Go type of a relation's display column: the related field's type, a
// pointer when the relation may be null.
func displayType(fd *model.Field) *Statement { return typeCode(displayTypeName(fd)) }

// displayTypeName is displayType as written in Go (see goTypeName).
func displayTypeName(fd *model.Field) string {
	t := "string"
	if fd.DisplayField != nil {
		t = goTypeName(&model.Field{Type: fd.DisplayField.Type})
	}
	if fd.Null || (fd.DisplayField != nil && fd.DisplayField.Null) {
		return "*" + t
	}
	return t
}

// typeCode is the code of a Go type written as goTypeName writes it: a pointer, a slice, a
// type of runtime/fields or a predeclared one.
func typeCode(name string) *Statement {
	switch {
	case strings.HasPrefix(name, "*"):
		return Op("*").Add(typeCode(name[1:]))
	case strings.HasPrefix(name, "[]"):
		return Index().Add(typeCode(name[2:]))
	case strings.HasPrefix(name, "fields."):
		return Qual(pkgFields, strings.TrimPrefix(name, "fields."))
	}
	return Id(name)
}

// defaultValue is the Go expression of a field's spec default.
func defaultValue(fd *model.Field) *Statement { return literalValue(fd, *fd.Default) }

// literalValue is the Go expression of a spec literal (a default, an action's assignment)
// as the field holds it: a pointer for a field that allows null, nil for null.
func literalValue(fd *model.Field, d model.Value) *Statement {
	if d.Kind == model.Null {
		return Nil()
	}
	var v *Statement
	switch d.Kind {
	case model.BoolValue:
		v = Lit(d.Bool)
	case model.IntValue:
		if fd.Null {
			return New(Lit(d.Int)) // new(int64(7)): a plain 7 would make an *int
		}
		v = Id(strconv.FormatInt(d.Int, 10))
	case model.DecimalValue:
		v = Qual(pkgFields, "MustDecimal").Call(Lit(d.String))
	default:
		switch fd.Type {
		case model.Date:
			v = Qual(pkgFields, "MustDate").Call(Lit(d.String))
		case model.DateTime:
			v = Qual(pkgFields, "MustDateTime").Call(Lit(d.String))
		case model.UUID:
			v = Qual(pkgFields, "MustUUID").Call(Lit(d.String))
		default:
			v = Lit(d.String)
		}
	}
	if fd.Null {
		return New(v)
	}
	return v
}

// quote quotes an SQL identifier for both dialects. Identifiers are validated by the model.
func quote(ident string) string { return `"` + ident + `"` }

func selectSQL(m *model.Model) string {
	t := quote(m.Table)
	cols := []string{t + `."id"`}
	for _, fd := range columnFields(m) {
		cols = append(cols, t+"."+quote(fd.Column))
	}
	for _, fd := range m.Fields {
		if !displayColumn(fd) {
			continue
		}
		target, col := "auth_user", fd.Display
		if fd.To != nil {
			target, col = fd.To.Table, fd.DisplayField.Column
		}
		cols = append(cols, fmt.Sprintf(`(SELECT %s FROM %s WHERE %s."id" = %s.%s)`,
			quote(col), quote(target), quote(target), t, quote(fd.Column)))
	}
	return sqlLines("SELECT "+strings.Join(cols, ", ")+" FROM "+t, 1)
}

func insertSQL(m *model.Model) string {
	fields := columnFields(m)
	if len(fields) == 0 {
		return fmt.Sprintf(`INSERT INTO %s DEFAULT VALUES RETURNING "id"`, quote(m.Table))
	}
	cols := make([]string, len(fields))
	params := make([]string, len(fields))
	for i, fd := range fields {
		cols[i] = quote(fd.Column)
		params[i] = fmt.Sprintf("$%d", i+1)
	}
	return sqlLines(fmt.Sprintf(`INSERT INTO %s (%s) VALUES (%s) RETURNING "id"`,
		quote(m.Table), strings.Join(cols, ", "), strings.Join(params, ", ")), 2)
}

func updateSQL(m *model.Model) string {
	fields := columnFields(m)
	sets := make([]string, len(fields))
	for i, fd := range fields {
		sets[i] = fmt.Sprintf("%s = $%d", quote(fd.Column), i+1)
	}
	return sqlLines(fmt.Sprintf(`UPDATE %s SET %s WHERE "id" = $%d`, quote(m.Table), strings.Join(sets, ", "), len(fields)+1), 2)
}

// rowArgs are the arguments of an insert or update of v: the context, the statement, the
// columns' values (and the id, for an update), wrapped at lineWidth.
func rowArgs(sql string, cols []*model.Field, id bool, indent int) []Code {
	var items []Code
	var widths []int
	for _, fd := range cols {
		items, widths = append(items, Id("v").Dot(fd.GoName)), append(widths, 2+len(fd.GoName))
	}
	if id {
		items, widths = append(items, Id("v").Dot("ID")), append(widths, 4)
	}
	if sqlWidth(sql) < 0 { // the values on the lines after the statement's
		indent = lineWidth
	} else {
		indent += 5 + len(sql) + 2
	}
	return append([]Code{Id("ctx"), Lit(sql)}, packed(items, widths, indent)...)
}
