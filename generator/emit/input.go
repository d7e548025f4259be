package emit

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// inputFunc writes read<Endpoint>: the serializer's to_internal_value and validators for the
// endpoint's writable fields, field by field, collecting every error as DRF does.
func inputFunc(f *File, app *model.App, e *model.Endpoint, ep model.EndpointNames) {
	if !has(e.Methods, "POST") && !has(e.Methods, "PUT") && !has(e.Methods, "PATCH") && !hasSingletonWrite(e) {
		return
	}
	m := e.Model
	f.Commentf("%s reads the writable fields of body into v as the serializer of %s", ep.Read, e.Path)
	f.Comment("validates them; partial (PATCH) leaves absent fields as they are.")
	f.Func().Params(Id("a").Op("*").Id("API")).Id(ep.Read).Params(
		Id("ctx").Qual("context", "Context"), Id("body").Qual(pkgHTTPX, "Body"), Id("v").Op("*").Id(m.GoName), Id("partial").Bool(),
	).Params(Qual(pkgHTTPX, "FieldErrors"), Error()).BlockFunc(func(g *Group) {
		g.Id("errs").Op(":=").Qual(pkgHTTPX, "FieldErrors").Values()
		var reads []Code // a field's read: its view.Input call, or written out in full
		plain := false
		for _, fd := range e.Fields {
			if !writable(fd) {
				continue
			}
			if call := plainRead(e, fd); call != nil {
				reads, plain = append(reads, call), true
				continue
			}
			reads = append(reads, readField(e, fd))
		}
		if plain {
			g.Id("in").Op(":=").Qual(pkgView, "Input").Values(
				Id("Body").Op(":").Id("body"), Id("Partial").Op(":").Id("partial"), Id("Errs").Op(":").Id("errs"))
		}
		for _, read := range reads {
			g.Add(read)
		}
		if ixs := uniqueTogether(e); len(ixs) > 0 && len(e.Hooks.ValidateFields) == 0 {
			// With validate_<field> hooks, validateFunc runs them after the hooks instead.
			g.Comment("The serializer's validators run when every field passed: unique_together's.")
			g.If(Len(Id("errs")).Op(">").Lit(0)).Block(Return(Id("errs"), Nil()))
			for _, ix := range ixs {
				uniqueTogetherCheck(g, m, ix, Id("ctx"), Return(Nil(), Id("err")))
			}
		}
		g.Return(Id("errs"), Nil())
	})
}

// uniqueTogether are the unique_together sets of e's model that its serializer validates:
// ModelSerializer gives a UniqueTogetherValidator to each set whose fields it all writes.
// A named unique index is Django's UniqueConstraint, which DRF 3.14 does not validate
// (the insert's violation answers it).
func uniqueTogether(e *model.Endpoint) []*model.Index {
	var out []*model.Index
	for _, ix := range e.Model.Indexes {
		if !ix.Unique || ix.Name != "" {
			continue
		}
		all := true
		for _, fd := range ix.Fields {
			all = all && writable(fd) && slices.Contains(e.Fields, fd)
		}
		if all {
			out = append(out, ix)
		}
	}
	return out
}

// uniqueTogetherCheck is UniqueTogetherValidator: another row holding v's values of the
// set's fields is a non-field error. A null value matches no row, as the validator skips
// a set with a None. ctx is the context's expression, fail returns a failed query's err.
func uniqueTogetherCheck(g *Group, m *model.Model, ix *model.Index, ctx Code, fail Code) {
	var conds []string
	var args []Code
	for i, fd := range ix.Fields {
		conds = append(conds, fmt.Sprintf("%s = $%d", quote(fd.Column), i+1))
		args = append(args, Id("v").Dot(fd.GoName))
	}
	query := sqlLines(fmt.Sprintf(`SELECT 1 FROM %s WHERE %s AND "id" <> $%d`,
		quote(m.Table), strings.Join(conds, " AND "), len(ix.Fields)+1), 3)
	items := append([]Code{ctx, Id("a").Dot("DB"), Lit(query)}, append(args, Id("v").Dot("ID"))...)
	widths := []int{len(fmt.Sprintf("%#v", ctx)), 4, sqlWidth(query)}
	for _, fd := range ix.Fields {
		widths = append(widths, len("v.")+len(fd.GoName))
	}
	widths = append(widths, len("v.ID"))
	args = packed(items, widths, len("\tif taken, err := db.Exists("))
	var fieldNames []Code
	for _, fd := range ix.Fields {
		fieldNames = append(fieldNames, Lit(fd.Name))
	}
	g.If(List(Id("taken"), Id("err")).Op(":=").Qual(pkgDB, "Exists").Call(args...), Id("err").Op("!=").Nil()).Block(
		fail,
	).Else().If(Id("taken")).Block(
		Id("errs").Dot("Add").Call(Qual(pkgHTTPX, "NonField"), Qual(pkgFields, "UniqueTogether").Call(fieldNames...)),
	)
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
	return fd.Type != model.ID && !fd.ReadOnly && !fd.Owner && fd.Display == ""
}

// requirement is when an absent field is an error.
type requirement int

const (
	optional         requirement = iota
	required                     // on create and PUT, as DRF's required fields
	requiredOnCreate             // on create only: see requirementOf
)

// requirementOf is DRF's ModelSerializer rule, a field with a default, blank or null is not
// required, with one correction: a blank field that Django has no value for (blank numbers,
// dates, relations... without a default or null: only text has "") makes Django's insert
// fail with a server error when it is absent, so it is required on create, and optional on
// updates, where the row keeps its value.
func requirementOf(fd *model.Field) requirement {
	switch {
	case fd.Default != nil || fd.TimeDefault != nil || fd.Null:
		return optional
	case !fd.Blank:
		return required
	}
	switch fd.Type {
	case model.String, model.Text, model.Email, model.ManyToMany:
		return optional
	}
	return requiredOnCreate
}

// plainRead is the read of a field as one call of view.Input, nil for a field that needs
// more than its reader (and its relation's row): a unique value, a choice's bounds, a
// default that unique_together gives, a requirement on create only, a many-to-many list,
// numbers or uuids among choices. Those are written out in full by readField.
func plainRead(e *model.Endpoint, fd *model.Field) *Statement {
	if fd.Type == model.ManyToMany || fd.Unique || slices.Contains(e.UniqueDefaulted, fd) {
		return nil
	}
	var req *Statement
	switch requirementIn(e, fd) {
	case required:
		req = Qual(pkgView, "Required")
	case optional:
		req = Qual(pkgView, "Optional")
	default:
		return nil
	}
	null := func(name string) string {
		if fd.Null {
			return "Null" + name
		}
		return name
	}
	key, dst := Lit(fd.Name), Op("&").Id("v").Dot(fd.GoName)
	in := Id("in").Dot
	if len(fd.Choices) > 0 {
		text := fd.Type == model.String || fd.Type == model.Text || fd.Type == model.Email && !fd.Blank
		if !text {
			return nil
		}
		return in(null("Choice")).Call(key, dst, choiceOpts(fd), req)
	}
	if fd.To != nil || fd.ToUser {
		table := "auth_user"
		if fd.To != nil {
			table = fd.To.Table
		}
		query := Lit(fmt.Sprintf(`SELECT 1 FROM %s WHERE "id" = $1`, quote(table)))
		return If(Id("err").Op(":=").Add(in(null("Relation")).Call(Id("ctx"), Id("a").Dot("DB"), key, dst, query, req)), Id("err").Op("!=").Nil()).Block(
			Return(Nil(), Id("err")))
	}
	if fd.Type.IsInteger() {
		return in(null("Int")).Call(key, dst, intOpts(fd), req)
	}
	switch fd.Type {
	case model.String, model.Text:
		return in(null("String")).Call(key, dst, stringOpts(fd), req)
	case model.Email:
		return in(null("Email")).Call(key, dst, stringOpts(fd), req)
	case model.Bool:
		return in(null("Bool")).Call(key, dst, req)
	case model.Decimal:
		return in(null("Decimal")).Call(key, dst, decimalOpts(fd), req)
	case model.Date:
		return in(null("Date")).Call(key, dst, req)
	case model.DateTime:
		return in(null("DateTime")).Call(key, dst, req)
	case model.UUID:
		return in(null("UUID")).Call(key, dst, req)
	case model.JSON:
		return in(null("JSON")).Call(key, dst, req)
	}
	return nil
}

// readField reads one field: absent (required?), parsed (null included), then checked
// against the database (relations exist, unique values are free), then assigned. Every
// check of a field runs only when the ones before it passed, as in DRF.
func readField(e *model.Endpoint, fd *model.Field) *Statement {
	m := e.Model
	key := fd.Name
	var present []Code
	if fd.Type == model.ManyToMany {
		present = readLinks(fd)
	} else {
		present = []Code{readValue(m, fd)}
	}
	var lookup *Statement
	if fd.Type == model.ManyToMany {
		lookup = Id("body").Dot("GetList").Call(Lit(key), Id("partial"))
	} else {
		lookup = Id("body").Dot("Get").Call(Lit(key), fieldRules(e, fd), Id("partial"))
	}
	outer := If(List(Id("raw"), Id("ok")).Op(":=").Add(lookup), Id("ok")).Block(present...)
	switch {
	case slices.Contains(e.UniqueDefaulted, fd):
		outer = outer.Else().If(Op("!").Id("partial")).Block(
			Comment("unique_together gives the field its default when a full body leaves it out."),
			Id("v").Dot(fd.GoName).Op("=").Add(uniquenessDefault(fd)))
	case requirementIn(e, fd) == required:
		outer = outer.Else().If(Op("!").Id("partial")).Block(Id("errs").Dot("Add").Call(Lit(key), Qual(pkgFields, "MsgRequired")))
	case requirementIn(e, fd) == requiredOnCreate:
		outer = outer.Else().If(Op("!").Id("partial").Op("&&").Id("v").Dot("ID").Op("==").Lit(0)).Block(
			Comment("Blank, but Django has no value of this type to store instead."),
			Id("errs").Dot("Add").Call(Lit(key), Qual(pkgFields, "MsgRequired")))
	}
	return outer
}

// requirementIn is requirementOf in e's serializer, where a unique_together set makes its
// fields without a default required (model.Endpoint.UniqueRequired).
func requirementIn(e *model.Endpoint, fd *model.Field) requirement {
	if slices.Contains(e.UniqueRequired, fd) {
		return required
	}
	return requirementOf(fd)
}

// uniquenessDefault is the value DRF's serializer field takes from the model's default
// (get_uniqueness_extra_kwargs' default=): the spec's, computed now for today/now.
func uniquenessDefault(fd *model.Field) *Statement {
	if fd.TimeDefault != nil {
		return timeValue(fd, fd.TimeDefault.Today, fd.TimeDefault.Offset)
	}
	if fd.Default.Kind == model.Null {
		return Nil()
	}
	return defaultValue(fd)
}

// fieldRules are the options of the field's DRF serializer field that decide how a form
// value reads (httpx.Body.Get): required, allow_null, allow_blank, a BooleanField (whose
// unticked checkbox is false, or the field's default when unique_together gave it one).
func fieldRules(e *model.Endpoint, fd *model.Field) *Statement {
	d := fieldValues{}
	if requirementIn(e, fd) == required {
		d["Required"] = True()
	}
	if fd.Null {
		d["AllowNull"] = True()
	}
	if fd.Blank && (fd.Type == model.String || fd.Type == model.Text || fd.Type == model.Email) {
		d["AllowBlank"] = True()
	}
	if fd.Type == model.Bool && len(fd.Choices) == 0 && !slices.Contains(e.UniqueDefaulted, fd) {
		d["Bool"] = True()
	}
	return inline(Qual(pkgHTTPX, "FieldRules"), d)
}

// readValue reads a present value of a column field into v.
func readValue(m *model.Model, fd *model.Field) *Statement {
	key := fd.Name
	x := Id("x")
	if fd.Null {
		x = Op("*").Id("x") // the checks below see a value; null skips them
	}
	stmt := If(List(Id("x"), Id("msgs")).Op(":=").Add(parseCall(fd)), Id("msgs").Op("!=").Nil()).Block(
		Id("errs").Index(Lit(key)).Op("=").Id("msgs"))
	checks := valueChecks(m, fd, x)
	if fd.Null && len(checks) > 0 {
		stmt = stmt.Else().If(Id("x").Op("==").Nil()).Block(Id("v").Dot(fd.GoName).Op("=").Nil())
	}
	for _, c := range checks {
		stmt = stmt.Else().Add(c)
	}
	var value Code = Id("x")
	if fd.Type == model.JSON {
		value = Qual(pkgFields, "Document").Call(Id("x"))
	}
	return stmt.Else().Block(Id("v").Dot(fd.GoName).Op("=").Add(value))
}

// valueChecks are the if statements (chained with else by the caller) that refuse a parsed
// value x: what ChoiceField leaves to validators, a relation's missing row, a taken unique
// value.
func valueChecks(m *model.Model, fd *model.Field, x *Statement) []*Statement {
	key := fd.Name
	var out []*Statement
	if len(fd.Choices) > 0 && fd.Type == model.Email && fd.Blank {
		// The EmailValidator that Django gives the ChoiceField refuses "", which allow_blank let through.
		out = append(out, If(x.Clone().Op("==").Lit("")).Block(Id("errs").Dot("Add").Call(Lit(key), Qual(pkgFields, "MsgInvalidEmail"))))
	}
	out = append(out, choiceBounds(fd, x)...)
	if fd.To != nil || fd.ToUser {
		table := "auth_user"
		if fd.To != nil {
			table = fd.To.Table
		}
		out = append(out,
			If(List(Id("found"), Id("err")).Op(":=").Qual(pkgDB, "Exists").Call(Id("ctx"), Id("a").Dot("DB"),
				Lit(fmt.Sprintf(`SELECT 1 FROM %s WHERE "id" = $1`, quote(table))), x.Clone()), Id("err").Op("!=").Nil()).Block(
				Return(Nil(), Id("err"))),
			If(Op("!").Id("found")).Block(
				Id("errs").Dot("Add").Call(Lit(key), Qual(pkgFields, "DoesNotExist").Call(Qual(pkgFields, "PKText").Call(Id("raw"))))),
		)
	}
	if fd.Unique {
		out = append(out,
			If(List(Id("taken"), Id("err")).Op(":=").Qual(pkgDB, "Exists").Call(Id("ctx"), Id("a").Dot("DB"),
				Lit(fmt.Sprintf(`SELECT 1 FROM %s WHERE %s = $1 AND "id" <> $2`, quote(m.Table), quote(fd.Column))), x.Clone(), Id("v").Dot("ID")),
				Id("err").Op("!=").Nil()).Block(
				Return(Nil(), Id("err"))),
			If(Id("taken")).Block(
				Id("errs").Dot("Add").Call(Lit(key), Qual(pkgFields, "Unique").Call(Lit(m.VerboseName), Lit(strings.ReplaceAll(fd.Name, "_", " "))))),
		)
	}
	return out
}

// choiceBounds are the min/max checks of a number field with choices: ModelSerializer gives
// its ChoiceField the model's MinValueValidator and MaxValueValidator. They are written only
// when a choice lies outside the bounds; otherwise no chosen value can fail them.
func choiceBounds(fd *model.Field, x *Statement) []*Statement {
	if len(fd.Choices) == 0 {
		return nil
	}
	var out []*Statement
	for _, b := range []struct {
		bound *model.Value
		op    string
		sign  int
		msg   string
	}{{fd.Max, ">", 1, "MsgMaxValue"}, {fd.Min, "<", -1, "MsgMinValue"}} {
		if b.bound == nil || !anyChoiceBeyond(fd, *b.bound, b.sign) {
			continue
		}
		var cond *Statement
		text := b.bound.String
		if b.bound.Kind == model.IntValue {
			text = strconv.FormatInt(b.bound.Int, 10)
			cond = x.Clone().Op(b.op).Id(text)
		} else {
			cond = x.Clone().Dot("Cmp").Call(Qual(pkgFields, "MustDecimal").Call(Lit(text))).Op("==").Lit(b.sign)
		}
		out = append(out, If(cond).Block(Id("errs").Dot("Add").Call(Lit(fd.Name), Qual(pkgFields, b.msg).Call(Lit(text)))))
	}
	return out
}

// anyChoiceBeyond reports whether a choice is beyond bound: above it (sign 1) or below it (-1).
func anyChoiceBeyond(fd *model.Field, bound model.Value, sign int) bool {
	for _, c := range fd.Choices {
		if compareLiterals(c, bound) == sign {
			return true
		}
	}
	return false
}

// compareLiterals orders two number literals of one field: -1, 0, 1.
func compareLiterals(a, b model.Value) int {
	if a.Kind == model.IntValue {
		return cmp.Compare(a.Int, b.Int)
	}
	x, _ := new(big.Rat).SetString(a.String)
	y, _ := new(big.Rat).SetString(b.String)
	return x.Cmp(y)
}

// readLinks reads a many_to_many field, DRF's PrimaryKeyRelatedField(many=True): each pk
// is looked up in the list's order, the first bad one ends the reading.
func readLinks(fd *model.Field) []Code {
	table := "auth_user"
	if fd.To != nil {
		table = fd.To.Table
	}
	opts := Qual(pkgFields, "PKListOpts").Values()
	if fd.Blank {
		opts = inline(Qual(pkgFields, "PKListOpts"), fieldValues{"AllowEmpty": True()})
	}
	exists := Func().Params(Id("id").Int64()).Params(Bool(), Error()).Block(
		Return(Qual(pkgDB, "Exists").Call(Id("ctx"), Id("a").Dot("DB"), Lit(fmt.Sprintf(`SELECT 1 FROM %s WHERE "id" = $1`, quote(table))), Id("id"))),
	)
	return []Code{
		List(Id("ids"), Id("msgs"), Id("err")).Op(":=").Qual(pkgFields, "PKList").Call(Id("raw"), opts, exists),
		Switch().Block(
			Case(Id("err").Op("!=").Nil()).Block(Return(Nil(), Id("err"))),
			Case(Id("msgs").Op("!=").Nil()).Block(Id("errs").Index(Lit(fd.Name)).Op("=").Id("msgs")),
			Default().Block(Id("v").Dot(fd.GoName).Op("=").Id("ids")),
		),
	}
}

// parseCall is the runtime/fields call that parses a raw JSON value of the field's type:
// the Null form for a field that allows null, so that DRF's other empty values ("" for a
// decimal or a relation, "null" for a boolean) read as null too.
func parseCall(fd *model.Field) *Statement {
	null := func(name string) string {
		if fd.Null {
			return "Null" + strings.TrimPrefix(name, "Read")
		}
		return name
	}
	if len(fd.Choices) > 0 {
		opts := choiceOpts(fd)
		switch {
		case fd.Type.IsInteger():
			return Qual(pkgFields, null("ChoiceOf")).Call(Id("raw"), opts, Qual(pkgFields, "MustInt"))
		case fd.Type == model.Decimal:
			return Qual(pkgFields, null("ChoiceOf")).Call(Id("raw"), opts, Qual(pkgFields, "MustDecimal"))
		case fd.Type == model.UUID:
			return Qual(pkgFields, null("ChoiceOf")).Call(Id("raw"), opts, Qual(pkgFields, "MustUUID"))
		}
		return Qual(pkgFields, null("Choice")).Call(Id("raw"), opts)
	}
	if fd.Type.IsInteger() {
		return Qual(pkgFields, null("Int")).Call(Id("raw"), intOpts(fd))
	}
	switch fd.Type {
	case model.String, model.Text:
		return Qual(pkgFields, null("String")).Call(Id("raw"), stringOpts(fd))
	case model.Email:
		return Qual(pkgFields, null("Email")).Call(Id("raw"), stringOpts(fd))
	case model.Bool:
		return Qual(pkgFields, null("Bool")).Call(Id("raw"))
	case model.Decimal:
		return Qual(pkgFields, null("ReadDecimal")).Call(Id("raw"), decimalOpts(fd))
	case model.Date:
		return Qual(pkgFields, null("ReadDate")).Call(Id("raw"))
	case model.DateTime:
		return Qual(pkgFields, null("ReadDateTime")).Call(Id("raw"))
	case model.UUID:
		return Qual(pkgFields, null("ReadUUID")).Call(Id("raw"))
	case model.JSON:
		return Qual(pkgFields, null("JSON")).Call(Id("raw"))
	case model.ForeignKey, model.OneToOne:
		return Qual(pkgFields, null("PK")).Call(Id("raw"))
	}
	panic(fmt.Sprintf("emit: no reader for %s field %q", fd.Type, fd.Name))
}

// choiceOpts are the options of the field's ChoiceField.
func choiceOpts(fd *model.Field) *Statement {
	d := fieldValues{"Choices": Index().String().ValuesFunc(func(g *Group) {
		for _, c := range fd.Choices {
			g.Lit(choiceKey(c))
		}
	})}
	if fd.Blank && (fd.Type == model.String || fd.Type == model.Text || fd.Type == model.Email) {
		d["AllowBlank"] = True()
	}
	return inline(Qual(pkgFields, "ChoiceOpts"), d)
}

// decimalOpts are the options of the field's DecimalField.
func decimalOpts(fd *model.Field) *Statement {
	d := fieldValues{"MaxDigits": Lit(fd.MaxDigits), "DecimalPlaces": Lit(fd.DecimalPlaces)}
	if fd.Min != nil {
		d["Min"] = New(Qual(pkgFields, "MustDecimal").Call(Lit(fd.Min.String)))
	}
	if fd.Max != nil {
		d["Max"] = New(Qual(pkgFields, "MustDecimal").Call(Lit(fd.Max.String)))
	}
	return inline(Qual(pkgFields, "DecimalOpts"), d)
}

// choiceKey is a choice as Python's str() prints it, the text ChoiceField matches.
func choiceKey(c model.Value) string {
	if c.Kind == model.IntValue {
		return strconv.FormatInt(c.Int, 10)
	}
	return c.String
}

// Django's integer columns have a range: on PostgreSQL, Django validates it ("Ensure this
// value is less than or equal to 2147483647."); its SQLite backend has none. The bound a
// field's spec does not set itself is the column's, through view.Base.ColumnBound at run
// time; but the 0 of a positive type is checked on both dialects, since SQLite's CHECK
// ("col" >= 0) would refuse the row as a server error where PostgreSQL's Django answers 400.
// (A bigint's bounds are int64's: fields.Int refuses what int64 cannot hold, with the same
// message.)
func intOpts(fd *model.Field) *Statement {
	lo, hi, _ := fd.Type.IntegerRange()
	bound := func(v *model.Value, column int64) Code {
		switch {
		case v != nil:
			return New(Lit(v.Int))
		case column == 0:
			return New(Lit(int64(0)))
		case column == math.MinInt64 || column == math.MaxInt64:
			return nil
		}
		return Id("a").Dot("ColumnBound").Call(Op(strconv.FormatInt(column, 10)))
	}
	d := fieldValues{}
	if b := bound(fd.Min, lo); b != nil {
		d["Min"] = b
	}
	if b := bound(fd.Max, hi); b != nil {
		d["Max"] = b
	}
	return inline(Qual(pkgFields, "IntOpts"), d)
}

// columnRange is the range Django's PostgreSQL backend gives the field's column, nil for a
// field that is no integer (or a choice, whose field has no bounds).
func columnRange(fd *model.Field) *[2]int64 {
	if len(fd.Choices) > 0 {
		return nil
	}
	if lo, hi, ok := fd.Type.IntegerRange(); ok {
		return &[2]int64{lo, hi}
	}
	return nil
}

func stringOpts(fd *model.Field) *Statement {
	d := fieldValues{}
	if fd.MaxLength > 0 {
		d["MaxLength"] = Lit(fd.MaxLength)
	}
	if fd.Blank {
		d["AllowBlank"] = True()
	}
	return inline(Qual(pkgFields, "StringOpts"), d)
}
