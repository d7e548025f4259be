package fields

import (
	"encoding/json"
	"math"
	"math/big"
)

// PK reads a PrimaryKeyRelatedField's input as DRF and Django do, up to the lookup: the pk
// is Python's int() of the value, so 2, "2", " 2 ", "+2" and 2.9 (truncated) all name row 2,
// while "2.0", "abc" and "" are no pk. The caller then looks the row up and, when there is
// none, reports DoesNotExist(PKText(raw)).
//
// Messages: "" and null are "This field may not be null." (DRF turns "" into null for
// relations); a value of the wrong kind is "Incorrect type. Expected pk value, received
// str." (or bool, list, dict). A number outside int64 names no row: Django fails with a
// server error there, PK answers DoesNotExist at once.
func PK(raw json.RawMessage) (int64, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return 0, []string{MsgIncorrectPKType("str")}
	}
	if v.kind == pyNone || v.kind == pyStr && len(v.runes) == 0 {
		return 0, []string{MsgNull}
	}
	return pkValue(v)
}

// NullPK is PK for a field that allows null: null and "" give nil.
func NullPK(raw json.RawMessage) (*int64, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return nil, []string{MsgIncorrectPKType("str")}
	}
	if v.kind == pyNone || v.kind == pyStr && len(v.runes) == 0 {
		return nil, nil
	}
	return ptr(pkValue(v))
}

// PKText is str() of the raw value, the text DRF quotes in its does-not-exist message:
// PKText(`"07"`) is "07", PKText(`2.5`) is "2.5".
func PKText(raw json.RawMessage) string {
	v, err := parsePy(raw)
	if err != nil {
		return string(raw)
	}
	return pyStrText(v)
}

func pkValue(v pyValue) (int64, []string) {
	var n *big.Int
	switch v.kind {
	case pyBool:
		return 0, []string{MsgIncorrectPKType("bool")}
	case pyList:
		return 0, []string{MsgIncorrectPKType("list")}
	case pyDict:
		return 0, []string{MsgIncorrectPKType("dict")}
	case pyStr:
		var ok bool
		if n, ok = parsePyInt(v.runes, 10); !ok {
			return 0, []string{MsgIncorrectPKType("str")}
		}
	case pyInt:
		n, _ = new(big.Int).SetString(v.text, 10)
	case pyFloat:
		if math.IsInf(v.f, 0) || math.IsNaN(v.f) {
			return 0, []string{DoesNotExist(pyStrText(v))}
		}
		n, _ = big.NewFloat(math.Trunc(v.f)).Int(nil)
	}
	if !n.IsInt64() {
		return 0, []string{DoesNotExist(pyStrText(v))}
	}
	return n.Int64(), nil
}
