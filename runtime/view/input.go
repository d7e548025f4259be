package view

import (
	"context"
	"encoding/json"

	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
)

// Requirement is when an absent field is an error: Required is DRF's required=True (absent
// from a full body, that is not PATCH, is "This field is required."), Optional is a field
// with a default, null or blank.
type Requirement bool

const (
	Optional Requirement = false
	Required Requirement = true
)

// Input is a serializer's to_internal_value over a request body, one field a call: each
// method finds the field as DRF's get_value does (httpx.Body.Get), parses it with the
// runtime/fields reader of its type, and on success stores it in dst; a refused value puts
// the reader's messages under the field's name in Errs, an absent required field "This field
// is required." (not on a partial body). Every field is read, so Errs holds every error at
// once, as DRF answers them. A generated read<Endpoint> calls these for its plain fields and
// writes the others (unique values, choices with bounds, many-to-many...) out in full.
type Input struct {
	Body    httpx.Body
	Partial bool // PATCH: absent fields keep their value and none is required
	Errs    httpx.FieldErrors
}

// read is every method's path: rules decide how a form value reads, parse turns the raw
// value into T or messages.
func read[T any](in *Input, name string, rules httpx.FieldRules, dst *T, parse func(json.RawMessage) (T, []string)) {
	raw, ok := in.get(name, rules)
	if !ok {
		return
	}
	x, msgs := parse(raw)
	if msgs != nil {
		in.Errs[name] = msgs
		return
	}
	*dst = x
}

// get returns the field's raw value and whether it is present; an absent required field
// of a full body is refused.
func (in *Input) get(name string, rules httpx.FieldRules) (json.RawMessage, bool) {
	raw, ok := in.Body.Get(name, rules, in.Partial)
	if !ok && rules.Required && !in.Partial {
		in.Errs.Add(name, fields.MsgRequired)
	}
	return raw, ok
}

// String reads a CharField or TextField (fields.String).
func (in *Input) String(name string, dst *string, o fields.StringOpts, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowBlank: o.AllowBlank}, dst,
		func(raw json.RawMessage) (string, []string) { return fields.String(raw, o) })
}

// NullString reads a CharField or TextField that allows null (fields.NullString).
func (in *Input) NullString(name string, dst **string, o fields.StringOpts, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowNull: true, AllowBlank: o.AllowBlank}, dst,
		func(raw json.RawMessage) (*string, []string) { return fields.NullString(raw, o) })
}

// Email reads an EmailField (fields.Email).
func (in *Input) Email(name string, dst *string, o fields.StringOpts, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowBlank: o.AllowBlank}, dst,
		func(raw json.RawMessage) (string, []string) { return fields.Email(raw, o) })
}

// NullEmail reads an EmailField that allows null (fields.NullEmail).
func (in *Input) NullEmail(name string, dst **string, o fields.StringOpts, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowNull: true, AllowBlank: o.AllowBlank}, dst,
		func(raw json.RawMessage) (*string, []string) { return fields.NullEmail(raw, o) })
}

// Choice reads a ChoiceField of text choices (fields.Choice).
func (in *Input) Choice(name string, dst *string, o fields.ChoiceOpts, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowBlank: o.AllowBlank}, dst,
		func(raw json.RawMessage) (string, []string) { return fields.Choice(raw, o) })
}

// NullChoice reads a ChoiceField of text choices that allows null (fields.NullChoice).
func (in *Input) NullChoice(name string, dst **string, o fields.ChoiceOpts, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowNull: true, AllowBlank: o.AllowBlank}, dst,
		func(raw json.RawMessage) (*string, []string) { return fields.NullChoice(raw, o) })
}

// Int reads an IntegerField (fields.Int).
func (in *Input) Int(name string, dst *int64, o fields.IntOpts, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req)}, dst,
		func(raw json.RawMessage) (int64, []string) { return fields.Int(raw, o) })
}

// NullInt reads an IntegerField that allows null (fields.NullInt).
func (in *Input) NullInt(name string, dst **int64, o fields.IntOpts, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowNull: true}, dst,
		func(raw json.RawMessage) (*int64, []string) { return fields.NullInt(raw, o) })
}

// Decimal reads a DecimalField (fields.ReadDecimal).
func (in *Input) Decimal(name string, dst *fields.Decimal, o fields.DecimalOpts, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req)}, dst,
		func(raw json.RawMessage) (fields.Decimal, []string) { return fields.ReadDecimal(raw, o) })
}

// NullDecimal reads a DecimalField that allows null (fields.NullDecimal).
func (in *Input) NullDecimal(name string, dst **fields.Decimal, o fields.DecimalOpts, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowNull: true}, dst,
		func(raw json.RawMessage) (*fields.Decimal, []string) { return fields.NullDecimal(raw, o) })
}

// Bool reads a BooleanField (fields.Bool): an unticked checkbox of a full form is false.
func (in *Input) Bool(name string, dst *bool, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), Bool: true}, dst, fields.Bool)
}

// NullBool reads a BooleanField that allows null (fields.NullBool).
func (in *Input) NullBool(name string, dst **bool, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowNull: true, Bool: true}, dst, fields.NullBool)
}

// Date reads a DateField (fields.ReadDate).
func (in *Input) Date(name string, dst *fields.Date, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req)}, dst, fields.ReadDate)
}

// NullDate reads a DateField that allows null (fields.NullDate).
func (in *Input) NullDate(name string, dst **fields.Date, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowNull: true}, dst, fields.NullDate)
}

// DateTime reads a DateTimeField (fields.ReadDateTime).
func (in *Input) DateTime(name string, dst *fields.DateTime, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req)}, dst, fields.ReadDateTime)
}

// NullDateTime reads a DateTimeField that allows null (fields.NullDateTime).
func (in *Input) NullDateTime(name string, dst **fields.DateTime, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowNull: true}, dst, fields.NullDateTime)
}

// UUID reads a UUIDField (fields.ReadUUID).
func (in *Input) UUID(name string, dst *fields.UUID, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req)}, dst, fields.ReadUUID)
}

// NullUUID reads a UUIDField that allows null (fields.NullUUID).
func (in *Input) NullUUID(name string, dst **fields.UUID, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowNull: true}, dst, fields.NullUUID)
}

// JSON reads a JSONField (fields.JSON).
func (in *Input) JSON(name string, dst *fields.Document, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req)}, dst, readDocument)
}

// NullJSON reads a JSONField that allows null (fields.NullJSON): null is a nil Document.
func (in *Input) NullJSON(name string, dst *fields.Document, req Requirement) {
	read(in, name, httpx.FieldRules{Required: bool(req), AllowNull: true}, dst, readNullDocument)
}

func readDocument(raw json.RawMessage) (fields.Document, []string) {
	x, msgs := fields.JSON(raw)
	return fields.Document(x), msgs
}

func readNullDocument(raw json.RawMessage) (fields.Document, []string) {
	x, msgs := fields.NullJSON(raw)
	return fields.Document(x), msgs
}

// Relation reads a PrimaryKeyRelatedField (a foreign key or one-to-one): a pk (fields.PK)
// whose row exists, which query (SELECT 1 ... WHERE "id" = $1) looks up; a missing row is
// DRF's does_not_exist. The error is the query's, and ends the reading.
func (in *Input) Relation(ctx context.Context, q db.Querier, name string, dst *int64, query string, req Requirement) error {
	raw, ok := in.get(name, httpx.FieldRules{Required: bool(req)})
	if !ok {
		return nil
	}
	x, msgs := fields.PK(raw)
	if msgs != nil {
		in.Errs[name] = msgs
		return nil
	}
	found, err := in.exists(ctx, q, name, raw, x, query)
	if found {
		*dst = x
	}
	return err
}

// NullRelation is Relation for a relation that allows null, which stores nil without a query.
func (in *Input) NullRelation(ctx context.Context, q db.Querier, name string, dst **int64, query string, req Requirement) error {
	raw, ok := in.get(name, httpx.FieldRules{Required: bool(req), AllowNull: true})
	if !ok {
		return nil
	}
	x, msgs := fields.NullPK(raw)
	if msgs != nil {
		in.Errs[name] = msgs
		return nil
	}
	found := x == nil
	var err error
	if x != nil {
		found, err = in.exists(ctx, q, name, raw, *x, query)
	}
	if found {
		*dst = x
	}
	return err
}

// exists reports whether query finds the row of id, and refuses the field's value when not.
func (in *Input) exists(ctx context.Context, q db.Querier, name string, raw json.RawMessage, id int64, query string) (bool, error) {
	found, err := db.Exists(ctx, q, query, id)
	if err != nil {
		return false, err
	}
	if !found {
		in.Errs.Add(name, fields.DoesNotExist(fields.PKText(raw)))
	}
	return found, nil
}
