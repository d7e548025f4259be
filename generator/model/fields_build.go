package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/spec"
	"github.com/authgen/authgen/runtime/fieldtype"
)

// userColumns are auth_user's own columns, which extra user fields cannot reuse.
var userColumns = []string{
	"id", "password", "last_login", "is_superuser", "username", "first_name", "last_name",
	"email", "is_staff", "is_active", "date_joined",
}

// UserDisplayFields are the auth_user columns a `display:` of a user relation may name,
// besides the extra user fields.
var UserDisplayFields = []string{"username", "email", "first_name", "last_name"}

// typeAliases are other names of the spec's field types (Django's field classes without
// "Field", common words), for the did-you-mean of an unknown type.
var typeAliases = map[string]string{
	"integer": "int", "smallinteger": "smallint", "biginteger": "bigint", "positiveinteger": "positive_int",
	"positivesmallinteger": "positive_smallint", "positivebiginteger": "positive_bigint", "small_int": "smallint",
	"big_int": "bigint", "positive_integer": "positive_int", "positive_small_int": "positive_smallint",
	"positive_big_int": "positive_bigint", "uint": "positive_int", "unsigned": "positive_int", "int16": "smallint",
	"int32": "int", "int64": "bigint",
	"boolean": "bool", "char": "string", "str": "string", "varchar": "string", "slug": "string",
	"url": "string", "textfield": "text", "float": "decimal", "number": "decimal", "timestamp": "datetime",
	"time": "datetime", "foreignkey": "fk", "foreign_key": "fk", "onetoone": "one_to_one",
	"manytomany": "many_to_many", "jsonb": "json", "emailaddress": "email",
}

// fieldKey names a field of a model by its spec name.
type fieldKey struct {
	model *Model
	name  string
}

// pendingDisplay is a display option resolved once every model's fields exist.
type pendingDisplay struct {
	field *Field
	at    *spec.Str
}

// buildFields builds the fields of m (nil m: the extra auth_user fields).
func (b *builder) buildFields(m *Model, sfs []*spec.Field) []*Field {
	var out []*Field
	goNames := map[string]*Field{}
	columns := map[string]*Field{}
	if m != nil {
		goNames["ID"], columns["id"] = m.ID, m.ID
	}
	var owner *Field
	for _, sf := range sfs {
		f := b.buildField(m, sf)
		if f == nil {
			if m != nil {
				b.unbuilt[fieldKey{m, sf.Name.Value}] = true // reported: references to it need not be
			}
			continue
		}
		if prev := goNames[f.GoName]; prev != nil && prev.Type != ID {
			b.errorf(f.Pos, "field %q has the same Go name %s as field %q", f.Name, f.GoName, prev.Name)
			b.clashed[f.Pos] = true // decideNames need not say it again
		} else if prev := columns[f.Column]; prev != nil && f.Column != "" && prev.Type != ID {
			b.errorf(f.Pos, "field %q has the same column %q as field %q", f.Name, f.Column, prev.Name)
		} else if prev != nil && f.Column != "" {
			b.errorf(f.Pos, "field %q has the column %q of the primary key", f.Name, f.Column)
		}
		goNames[f.GoName] = f
		if f.Column != "" {
			columns[f.Column] = f
		}
		if f.Owner {
			if owner != nil {
				b.errorf(f.Pos, "field %q: model %s already has the owner field %q", f.Name, m.Name, owner.Name)
			}
			owner = f
		}
		out = append(out, f)
	}
	return out
}

// buildField checks one field; it returns nil when the field cannot be used at all.
func (b *builder) buildField(m *Model, sf *spec.Field) *Field {
	name := sf.Name.Value
	f := &Field{Name: name, GoName: goName(name), Column: name, Model: m, Pos: sf.Name.Pos}
	what := fmt.Sprintf("field %q", name)
	ok := true
	switch {
	case !snakeName.MatchString(name):
		b.errorf(f.Pos, "%s: field names are lower snake_case, like \"unit_price\"", what)
		ok = false
	case name == "id" || name == "pk":
		b.errorf(f.Pos, "%s: the name is reserved for the primary key every model gets", what)
		ok = false
	case m == nil && contains(userColumns, name):
		b.errorf(f.Pos, "%s: auth_user already has this column", what)
		ok = false
	}
	if sf.Type == nil {
		return nil // reported by the parser
	}
	t, known := fieldtype.Parse(sf.Type.Value)
	if !known || t == ID {
		names := fieldtype.Names()
		slices.Sort(names)
		hint := suggest(sf.Type.Value, names)
		if alias, ok := typeAliases[strings.ToLower(strings.TrimSuffix(sf.Type.Value, "Field"))]; ok {
			hint = fmt.Sprintf("; did you mean %q?", alias)
		}
		b.errorf(sf.Type.Pos, "unknown field type %q (one of %s)%s", sf.Type.Value, strings.Join(fieldtype.Names(), ", "), hint)
		return nil
	}
	f.Type = t
	if t.IsRelation() && m == nil {
		b.errorf(sf.Type.Pos, "%s: extra user fields cannot be relations", what)
		return nil
	}
	switch t {
	case ForeignKey, OneToOne:
		f.Column = name + "_id"
		f.GoName = goName(name + "_id")
	case ManyToMany:
		f.Column = ""
	}
	if f.Column != "" && sqlReserved[f.Column] {
		b.errorf(f.Pos, "%s: %q is an SQL keyword and cannot be a column name", what, f.Column)
		ok = false
	}
	if len(f.Column) > maxIdentLen {
		b.errorf(f.Pos, "%s: the column name is longer than %d characters", what, maxIdentLen)
		ok = false
	}
	f.Description = str(sf.Description, "")
	f.AllowDataLoss = boolean(sf.AllowDataLoss, false)
	b.fieldRename(f, sf, what)
	if sf.Description != nil {
		b.checkDescription(*sf.Description)
	}
	b.fieldSizes(f, sf, what)
	b.fieldFlags(f, sf, what)
	b.fieldRelation(m, f, sf, what)
	b.fieldLiterals(f, sf, what)
	if !ok {
		return nil
	}
	return f
}

// fieldSizes checks max_length, max_digits and decimal_places.
func (b *builder) fieldSizes(f *Field, sf *spec.Field, what string) {
	switch f.Type {
	case String:
		if sf.MaxLength == nil {
			b.errorf(sf.Type.Pos, "%s: a string field needs max_length (use text for unbounded text)", what)
			f.MaxLength = -1
		}
	case Email:
		f.MaxLength = 254 // Django's EmailField default, RFC 5321's limit
	}
	if sf.MaxLength != nil {
		switch {
		case f.Type != String && f.Type != Email:
			b.errorf(sf.MaxLength.Pos, "%s: max_length is only for string and email fields", what)
		case sf.MaxLength.Value < 1 || sf.MaxLength.Value > 10485760:
			b.errorf(sf.MaxLength.Pos, "%s: max_length must be between 1 and 10485760", what)
			f.MaxLength = -1
		default:
			f.MaxLength = int(sf.MaxLength.Value)
		}
	}
	if f.Type != Decimal {
		for _, v := range []*spec.Int{sf.MaxDigits, sf.DecimalPlaces} {
			if v != nil {
				b.errorf(v.Pos, "%s: max_digits and decimal_places are only for decimal fields", what)
			}
		}
		return
	}
	switch {
	case sf.MaxDigits == nil || sf.DecimalPlaces == nil:
		b.errorf(sf.Type.Pos, "%s: a decimal field needs max_digits and decimal_places", what)
		f.DecimalPlaces = -1
	case sf.MaxDigits.Value < 1 || sf.MaxDigits.Value > 1000:
		b.errorf(sf.MaxDigits.Pos, "%s: max_digits must be between 1 and 1000", what)
		f.DecimalPlaces = -1
	case sf.DecimalPlaces.Value < 0 || sf.DecimalPlaces.Value > sf.MaxDigits.Value:
		b.errorf(sf.DecimalPlaces.Pos, "%s: decimal_places must be between 0 and max_digits (%d)", what, sf.MaxDigits.Value)
		f.DecimalPlaces = -1
	default:
		f.MaxDigits, f.DecimalPlaces = int(sf.MaxDigits.Value), int(sf.DecimalPlaces.Value)
	}
}

// fieldFlags checks null, blank, unique, read_only and owner.
func (b *builder) fieldFlags(f *Field, sf *spec.Field, what string) {
	f.Null = boolean(sf.Null, false)
	f.Blank = boolean(sf.Blank, false)
	f.Unique = boolean(sf.Unique, false)
	f.ReadOnly = boolean(sf.ReadOnly, false)
	f.Owner = boolean(sf.Owner, false)
	b.autoNow(f, sf, what)
	if f.Type == ManyToMany {
		if sf.Null != nil {
			b.errorf(sf.Null.Pos, "%s: null has no meaning on a many_to_many field", what)
		}
		if sf.Unique != nil {
			b.errorf(sf.Unique.Pos, "%s: unique has no meaning on a many_to_many field", what)
		}
	}
	if f.Type == OneToOne {
		if sf.Unique != nil && !sf.Unique.Value {
			b.errorf(sf.Unique.Pos, "%s: a one_to_one field is always unique", what)
		}
		f.Unique = true
	}
	f.DBIndex = boolean(sf.DBIndex, f.Type == ForeignKey)
	if sf.DBIndex != nil && (f.Type == ManyToMany || f.Type == JSON) {
		b.errorf(sf.DBIndex.Pos, "%s: db_index is not supported on %s fields", what, f.Type)
	}
	if f.Unique && (f.Type == JSON || f.Type == Text) && sf.Unique != nil {
		b.errorf(sf.Unique.Pos, "%s: unique is not supported on %s fields", what, f.Type)
	}
	if sf.Owner != nil && sf.Owner.Value {
		if !(f.Type == ForeignKey || f.Type == OneToOne) || sf.To == nil {
			b.errorf(sf.Owner.Pos, "%s: owner is only for a fk or one_to_one field (to: user, or to a model with a unique user field)", what)
		}
		if sf.ReadOnly != nil && !sf.ReadOnly.Value {
			b.errorf(sf.ReadOnly.Pos, "%s: an owner field is always read-only (it is set from the request's user)", what)
		}
		f.ReadOnly = true
	}
}

// fieldRelation checks to, on_delete and display, and names a many_to_many's join table.
func (b *builder) fieldRelation(m *Model, f *Field, sf *spec.Field, what string) {
	rel := f.Type.IsRelation()
	single := f.Type == ForeignKey || f.Type == OneToOne
	for _, o := range []struct {
		v    *spec.Str
		name string
		ok   bool
	}{{sf.To, "to", rel}, {sf.OnDelete, "on_delete", single}, {sf.Display, "display", single}} {
		if o.v != nil && !o.ok {
			kinds := "fk, one_to_one and many_to_many"
			if o.name != "to" {
				kinds = "fk and one_to_one"
			}
			b.errorf(o.v.Pos, "%s: %s is only for %s fields", what, o.name, kinds)
		}
	}
	if !rel {
		return
	}
	switch {
	case sf.To == nil:
		b.errorf(sf.Type.Pos, "%s: a %s field needs to: (a model, or user)", what, f.Type)
	case sf.To.Value == "user":
		f.ToUser = true
	default:
		to := b.models[sf.To.Value]
		if to == nil {
			cands := append([]string{"user"}, sortedKeys(b.models)...)
			b.errorf(sf.To.Pos, "%s: unknown model %q%s", what, sf.To.Value, suggest(sf.To.Value, cands))
		}
		f.To = to
	}
	if single {
		f.OnDelete = OnDeleteCascade
		if sf.OnDelete != nil {
			switch v := sf.OnDelete.Value; v {
			case OnDeleteCascade, OnDeleteProtect, OnDeleteSetNull, OnDeleteRestrict, OnDeleteSetDefault, OnDeleteDoNothing:
				f.OnDelete = v
				if v == OnDeleteSetNull && !f.Null {
					b.errorf(sf.OnDelete.Pos, "%s: on_delete: set_null needs null: true", what)
				}
				if v == OnDeleteSetDefault && sf.Default == nil {
					b.errorf(sf.OnDelete.Pos, "%s: on_delete: set_default needs a default (default: null, with null: true)", what)
				}
			default:
				names := []string{OnDeleteCascade, OnDeleteProtect, OnDeleteRestrict, OnDeleteSetNull, OnDeleteSetDefault, OnDeleteDoNothing}
				b.errorf(sf.OnDelete.Pos, "%s: unknown on_delete %q (one of %s)%s", what, v, strings.Join(names, ", "), suggest(v, names))
			}
		}
		if sf.Display != nil {
			f.Display = sf.Display.Value
			f.ReadOnly = true
			b.displays = append(b.displays, pendingDisplay{field: f, at: sf.Display})
		}
	}
	if f.Type == ManyToMany && m != nil {
		f.Through = m.Table + "_" + f.Name
		switch {
		case f.ToUser:
			f.ThroughSource, f.ThroughTarget = m.ContentType+"_id", "user_id"
		case f.To == m:
			f.ThroughSource, f.ThroughTarget = "from_"+m.ContentType+"_id", "to_"+m.ContentType+"_id"
		case f.To != nil:
			f.ThroughSource, f.ThroughTarget = m.ContentType+"_id", f.To.ContentType+"_id"
		}
		if len(f.Through) > maxIdentLen {
			b.errorf(f.Pos, "%s: the join table name %q is longer than %d characters", what, f.Through, maxIdentLen)
		}
	}
}

// resolveDisplays checks every display option once all fields exist.
func (b *builder) resolveDisplays() {
	for _, d := range b.displays {
		f := d.field
		if f.ToUser {
			cands := append(append([]string{}, UserDisplayFields...), fieldNames(b.app.Auth.UserFields)...)
			if !contains(cands, f.Display) {
				b.errorf(d.at.Pos, "field %q: display %q is not a field of the user%s", f.Name, f.Display, suggest(f.Display, cands))
			}
			continue
		}
		if f.To == nil {
			continue
		}
		target := f.To.Field(f.Display)
		if target == nil {
			cands := append([]string{"id"}, fieldNames(f.To.Fields)...)
			b.errorf(d.at.Pos, "field %q: display %q is not a field of %s%s", f.Name, f.Display, f.To.Name, suggest(f.Display, cands))
			continue
		}
		if target.Type.IsRelation() || target.Type == JSON {
			b.errorf(d.at.Pos, "field %q: display %q must be a plain field of %s, not a %s field", f.Name, f.Display, f.To.Name, target.Type)
			continue
		}
		f.DisplayField = target
	}
}

// fieldLiterals checks default, choices, min and max against the field's type.
func (b *builder) fieldLiterals(f *Field, sf *spec.Field, what string) {
	if f.MaxLength < 0 || f.DecimalPlaces < 0 {
		return // the type's own options are wrong; literals cannot be judged
	}
	literalTypes := f.Type != JSON && !f.Type.IsRelation()
	if sf.Min != nil || sf.Max != nil {
		if !f.Type.IsInteger() && f.Type != Decimal {
			for _, v := range []*spec.Scalar{sf.Min, sf.Max} {
				if v != nil {
					b.errorf(v.Pos, "%s: min and max are only for integer (int, bigint, smallint, positive_…) and decimal fields", what)
				}
			}
		} else {
			f.Min = b.literalOpt(f, sf.Min, what, "min")
			f.Max = b.literalOpt(f, sf.Max, what, "max")
			if f.Min != nil && f.Max != nil && compareValues(*f.Min, *f.Max) > 0 {
				b.errorf(sf.Max.Pos, "%s: max %s is less than min %s", what, valueText(*f.Max), valueText(*f.Min))
			}
		}
	}
	if sf.ChoicesPos != nil {
		switch {
		case !literalTypes || f.Type == Bool || f.Type == Date || f.Type == DateTime:
			b.errorf(*sf.ChoicesPos, "%s: choices are not supported on %s fields", what, f.Type)
		case len(sf.Choices) == 0:
			b.errorf(*sf.ChoicesPos, "%s: choices must list at least one value", what)
		default:
			f.Choices = []Value{}
			for i, c := range sf.Choices {
				v := b.literalOpt(f, &c, what, "choice")
				if v == nil {
					continue
				}
				if slicesContainsValue(f.Choices, *v) {
					b.errorf(c.Pos, "%s: duplicate choice %s", what, valueText(*v))
					continue
				}
				f.Choices = append(f.Choices, *v)
				if sf.ChoiceLabels != nil {
					f.ChoiceLabels = append(f.ChoiceLabels, sf.ChoiceLabels[i].Value)
				}
			}
		}
	}
	if sf.Default == nil {
		return
	}
	if !literalTypes {
		if sf.Default.Tag == "!!null" && f.Null && f.Type != ManyToMany {
			f.Default = &Value{Kind: Null}
			return
		}
		b.errorf(sf.Default.Pos, "%s: default is not supported on %s fields", what, f.Type)
		return
	}
	if isTimeDefault(f, sf.Default) {
		if f.Model == nil {
			b.errorf(sf.Default.Pos, "%s: defaults relative to now are for model fields, not extra user fields", what)
			return
		}
		f.TimeDefault = b.timeDefault(f, sf.Default, what)
		return
	}
	v := b.literalOpt(f, sf.Default, what, "default")
	if v == nil {
		return
	}
	if v.Kind != Null {
		if f.Choices != nil && !slicesContainsValue(f.Choices, *v) {
			b.errorf(sf.Default.Pos, "%s: default %s is not one of the choices", what, valueText(*v))
		}
		if (f.Min != nil && compareValues(*v, *f.Min) < 0) || (f.Max != nil && compareValues(*v, *f.Max) > 0) {
			b.errorf(sf.Default.Pos, "%s: default %s is outside min/max", what, valueText(*v))
		}
	}
	f.Default = v
}

// literalOpt converts an optional literal; what/option name it in messages. Null is only
// accepted as the default of a null field.
func (b *builder) literalOpt(f *Field, s *spec.Scalar, what, option string) *Value {
	if s == nil {
		return nil
	}
	v, msg := literal(f, *s)
	if msg == "" && v.Kind == Null && (option != "default" || !f.Null) {
		msg = "null is not allowed here"
		if option == "default" {
			msg = "a null default needs null: true"
		}
	}
	if msg != "" {
		b.errorf(s.Pos, "%s: %s: %s", what, option, msg)
		return nil
	}
	return &v
}

func slicesContainsValue(vs []Value, v Value) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

func fieldNames(fs []*Field) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest is diag.Suggest: callers pass candidates in a deterministic order.
func suggest(name string, candidates []string) string {
	return diag.Suggest(name, candidates)
}
