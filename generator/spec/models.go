package spec

import "gopkg.in/yaml.v3"

// FieldKeys are the options of a field.
var FieldKeys = []string{
	"type", "max_length", "max_digits", "decimal_places", "null", "blank", "unique", "default",
	"choices", "min", "max", "read_only", "on_delete", "to", "owner", "display", "description",
	"renamed_from", "allow_data_loss", "auto_now", "auto_now_add", "db_index",
}

// ModelKeys are the options of a model.
var ModelKeys = []string{"description", "fields", "permissions", "indexes", "renamed_from", "allow_data_loss"}

// IndexKeys are the options of an item of a model's indexes.
var IndexKeys = []string{"fields", "name", "unique"}

func (d *decoder) model(e entry) *Model {
	m := &Model{Name: e.keyValue}
	what := "model " + quote(e.key)
	d.object(e.val, what, ModelKeys, func(e entry) {
		switch e.key {
		case "description":
			m.Description = d.str("description", e.val)
		case "renamed_from":
			m.RenamedFrom = d.str(e.key, e.val)
		case "allow_data_loss":
			m.AllowDataLoss = d.boolean(e.key, e.val)
		case "fields":
			m.Fields = d.fields(what+" fields", e.val)
		case "indexes":
			items, _ := d.seq(e.key, e.val)
			for _, it := range items {
				m.Indexes = append(m.Indexes, d.index(what, it))
			}
		case "permissions":
			for _, p := range d.entries(e.val, what+" permissions") {
				if name := d.str(p.key, p.val); name != nil {
					m.Permissions = append(m.Permissions, &ModelPerm{Codename: p.keyValue, Name: *name})
				}
			}
		}
	})
	return m
}

// index reads an item of a model's indexes.
func (d *decoder) index(model string, n *yaml.Node) *Index {
	ix := &Index{Pos: d.pos(n)}
	d.object(n, model+" index", IndexKeys, func(e entry) {
		switch e.key {
		case "fields":
			ix.Fields, ix.FieldsPos = d.strList(e.key, e.val)
		case "name":
			ix.Name = d.str(e.key, e.val)
		case "unique":
			ix.Unique = d.boolean(e.key, e.val)
		}
	})
	return ix
}

// fields reads a mapping of field name to options (or to a bare type: `body: text`).
func (d *decoder) fields(what string, n *yaml.Node) []*Field {
	var out []*Field
	for _, e := range d.entries(n, what) {
		out = append(out, d.field(e))
	}
	return out
}

func (d *decoder) field(e entry) *Field {
	f := &Field{Name: e.keyValue}
	v := d.resolve(e.val)
	if v == nil {
		return f
	}
	if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
		s := d.strOf(v)
		f.Type = &s
		return f
	}
	if v.Kind != yaml.MappingNode {
		d.errorf(v, "field %q: expected a type name or a mapping of options, found %s", e.key, describe(v))
		return f
	}
	present := false
	d.object(v, "field "+quote(e.key), FieldKeys, func(e entry) {
		switch e.key {
		case "type":
			present = true
			f.Type = d.str("type", e.val)
		case "max_length":
			f.MaxLength = d.integer(e.key, e.val)
		case "max_digits":
			f.MaxDigits = d.integer(e.key, e.val)
		case "decimal_places":
			f.DecimalPlaces = d.integer(e.key, e.val)
		case "null":
			f.Null = d.boolean(e.key, e.val)
		case "blank":
			f.Blank = d.boolean(e.key, e.val)
		case "unique":
			f.Unique = d.boolean(e.key, e.val)
		case "db_index":
			f.DBIndex = d.boolean(e.key, e.val)
		case "read_only":
			f.ReadOnly = d.boolean(e.key, e.val)
		case "owner":
			f.Owner = d.boolean(e.key, e.val)
		case "auto_now":
			f.AutoNow = d.boolean(e.key, e.val)
		case "auto_now_add":
			f.AutoNowAdd = d.boolean(e.key, e.val)
		case "default":
			f.Default = d.scalar(e.key, e.val)
		case "choices":
			d.choices(f, e.val)
		case "min":
			f.Min = d.scalar(e.key, e.val)
		case "max":
			f.Max = d.scalar(e.key, e.val)
		case "on_delete":
			f.OnDelete = d.str(e.key, e.val)
		case "to":
			f.To = d.str(e.key, e.val)
		case "display":
			f.Display = d.str(e.key, e.val)
		case "description":
			f.Description = d.str(e.key, e.val)
		case "renamed_from":
			f.RenamedFrom = d.str(e.key, e.val)
		case "allow_data_loss":
			f.AllowDataLoss = d.boolean(e.key, e.val)
		}
	})
	if !present {
		d.errorf(e.keyNode, "field %q: missing required key \"type\"", e.key)
	}
	return f
}

// choices reads a field's choices: a list of values, or a mapping of each value to its
// label (Django's (value, label) pairs), in order.
func (d *decoder) choices(f *Field, n *yaml.Node) {
	if r := d.resolve(n); r != nil && r.Kind == yaml.MappingNode {
		p := d.pos(r)
		f.ChoicesPos = &p
		f.Choices, f.ChoiceLabels = []Scalar{}, []Str{}
		for _, e := range d.entries(r, "choices") {
			label := d.str("choice label", e.val)
			if label == nil {
				continue
			}
			f.Choices = append(f.Choices, Scalar{Tag: e.keyNode.ShortTag(), Value: e.keyNode.Value, Pos: d.pos(e.keyNode)})
			f.ChoiceLabels = append(f.ChoiceLabels, *label)
		}
		return
	}
	items, p := d.seq("choices", n)
	f.ChoicesPos = p
	f.Choices = []Scalar{}
	for _, it := range items {
		if s := d.scalar("choice", it); s != nil {
			f.Choices = append(f.Choices, *s)
		}
	}
}
