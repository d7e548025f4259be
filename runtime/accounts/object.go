package accounts

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/authgen/authgen/runtime/users"
)

// object is a JSON object that keeps its keys in order, as DRF renders a serializer's
// fields in their declared order.
type object []member

type member struct {
	key   string
	value any
}

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// represent renders the named fields of u as DRF's to_representation does.
func represent(u *users.User, fields []string) object {
	o := make(object, 0, len(fields))
	for _, name := range fields {
		v, _ := u.Get(name)
		o = append(o, member{name, representValue(v)})
	}
	return o
}

// representValue turns a users value into its JSON form: DateTimeField's ISO 8601 with
// "Z" for UTC; everything else is already what DRF shows (decimals and dates are strings).
func representValue(v any) any {
	if t, ok := v.(time.Time); ok {
		// Python's isoformat: six digits of microseconds when there are any.
		t = t.UTC().Truncate(time.Microsecond)
		if t.Nanosecond() == 0 {
			return t.Format("2006-01-02T15:04:05Z07:00")
		}
		return t.Format("2006-01-02T15:04:05.000000Z07:00")
	}
	return v
}
