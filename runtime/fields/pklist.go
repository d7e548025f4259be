package fields

import (
	"encoding/json"
	"slices"
)

// MsgEmptyList is ManyRelatedField's message for [] when the field does not allow an empty
// list.
const MsgEmptyList = "This list may not be empty."

// MsgNotAList is ManyRelatedField's message for a value that is no list; pyType is the
// Python type DRF names: "str", "int", "float" or "bool".
func MsgNotAList(pyType string) string {
	return `Expected a list of items but got type "` + pyType + `".`
}

// PKListOpts configures a PrimaryKeyRelatedField(many=True), the serializer field of a
// many_to_many model field.
type PKListOpts struct {
	// AllowEmpty accepts [] (Django's blank=True on the many_to_many field; ModelSerializer
	// sets allow_empty=False otherwise).
	AllowEmpty bool
}

// PKList reads a PrimaryKeyRelatedField(many=True) as DRF does, the lookups included: exists
// is asked about each pk in the list's order (once per distinct pk), and the first item that
// is no pk or names no row ends the reading with that item's message alone, because DRF
// stops at the first failing item. It returns the pks sorted and without repeats: the set a
// join table holds, which is also what DRF answers once the relation is saved.
//
// The value must be a list: null is "This field may not be null.", a string or a number
// `Expected a list of items but got type "str".`. An object stands for the list of its keys,
// as Python iterates a dict. Items are read like PK's input except that DRF does not turn
// them into None first: "" is "Incorrect type. Expected pk value, received str." and null
// names no row (`Invalid pk "None" - object does not exist.`).
//
// An error from exists is returned as it is, with no messages.
func PKList(raw json.RawMessage, o PKListOpts, exists func(pk int64) (bool, error)) ([]int64, []string, error) {
	v, err := parsePy(raw)
	if err != nil {
		return nil, []string{MsgNotAList("str")}, nil
	}
	var items []pyValue
	switch v.kind {
	case pyNone:
		return nil, []string{MsgNull}, nil
	case pyList:
		items = v.items
	case pyDict:
		for _, k := range v.keys {
			items = append(items, pyValue{kind: pyStr, runes: k})
		}
	default:
		return nil, []string{MsgNotAList(pyTypeName(v))}, nil
	}
	if len(items) == 0 && !o.AllowEmpty {
		return nil, []string{MsgEmptyList}, nil
	}
	pks := make([]int64, 0, len(items))
	found := map[int64]bool{}
	for _, item := range items {
		if item.kind == pyNone {
			return nil, []string{DoesNotExist(pyStrText(item))}, nil
		}
		pk, msgs := pkValue(item)
		if msgs != nil {
			return nil, msgs, nil
		}
		if !found[pk] {
			ok, err := exists(pk)
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				return nil, []string{DoesNotExist(pyStrText(item))}, nil
			}
			found[pk] = true
		}
		pks = append(pks, pk)
	}
	slices.Sort(pks)
	return slices.Compact(pks), nil, nil
}

// pyTypeName is type(v).__name__ for the scalars.
func pyTypeName(v pyValue) string {
	switch v.kind {
	case pyNone:
		return "NoneType"
	case pyBool:
		return "bool"
	case pyInt:
		return "int"
	case pyFloat:
		return "float"
	case pyList:
		return "list"
	case pyDict:
		return "dict"
	}
	return "str"
}
