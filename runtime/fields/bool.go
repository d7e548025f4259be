package fields

import "encoding/json"

// Bool reads a BooleanField. DRF accepts exactly these spellings (no other casing):
// true, "true", "True", "TRUE", "t", "T", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
// "1", 1 and 1.0 for true; the same words for false with "false", "f", "n", "no", "off",
// "0", 0 and 0.0. Anything else is "Must be a valid boolean.".
func Bool(raw json.RawMessage) (bool, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return false, []string{MsgInvalidBool}
	}
	if v.kind == pyNone {
		return false, []string{MsgNull}
	}
	if b, ok := pyBoolValue(v); ok {
		return b, nil
	}
	return false, []string{MsgInvalidBool}
}

// NullBool is Bool for a field that allows null: JSON null and, as DRF's NULL_VALUES,
// the strings "null", "Null", "NULL" and "" give nil.
func NullBool(raw json.RawMessage) (*bool, []string) {
	v, err := parsePy(raw)
	if err != nil {
		return nil, []string{MsgInvalidBool}
	}
	if b, ok := pyBoolValue(v); ok {
		return &b, nil
	}
	if v.kind == pyNone {
		return nil, nil
	}
	if v.kind == pyStr {
		switch string(v.runes) {
		case "null", "Null", "NULL", "":
			return nil, nil
		}
	}
	return nil, []string{MsgInvalidBool}
}

// pyBoolValue is membership in DRF's TRUE_VALUES and FALSE_VALUES, where Python's 1 == 1.0
// == True puts the numbers in too.
func pyBoolValue(v pyValue) (value, ok bool) {
	switch v.kind {
	case pyBool:
		return v.b, true
	case pyInt:
		switch v.text {
		case "1":
			return true, true
		case "0":
			return false, true
		}
	case pyFloat:
		switch v.f {
		case 1:
			return true, true
		case 0:
			return false, true
		}
	case pyStr:
		switch string(v.runes) {
		case "t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1":
			return true, true
		case "f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0":
			return false, true
		}
	}
	return false, false
}
