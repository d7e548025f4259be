package fields

import (
	"encoding/json"
	"fmt"
	"time"
)

// readJSONString is UnmarshalJSON for a type written as a JSON string: the string read by
// parse; JSON of another kind is invalid, named in the error.
func readJSONString[T any](b []byte, parse func(string) (T, error), invalid error) (T, error) {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var zero T
		return zero, fmt.Errorf("%w: %s", invalid, b)
	}
	return parse(s)
}

// scanTimeOrText is Scan for a type the drivers hand back as a time.Time or as the text
// the column holds. NULL is invalid: a nullable column scans into a pointer.
func scanTimeOrText(src any, fromTime func(time.Time), fromText func(string) error, invalid error, typ string) error {
	switch v := src.(type) {
	case time.Time:
		fromTime(v)
		return nil
	case string:
		return fromText(v)
	case []byte:
		return fromText(string(v))
	case nil:
		return fmt.Errorf("%w: NULL (scan into *%s for a nullable column)", invalid, typ)
	}
	return fmt.Errorf("%w: cannot scan %T", invalid, src)
}
