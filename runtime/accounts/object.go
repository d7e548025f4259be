package accounts

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/authgen/authgen/runtime/httpx"

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
func (o object) MarshalJSON() ([]byte, error) { return o.appendJSON(nil) }

// appendJSON appends the object as MarshalJSON writes it, and as encoding/json writes
// that in turn: strings, integers, booleans and nulls directly, other values by encoding/json.
func (o object) appendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	for i, m := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = httpx.AppendString(b, m.key)
		b = append(b, ':')
		switch v := m.value.(type) {
		case string:
			b = httpx.AppendString(b, v)
		case int64:
			b = strconv.AppendInt(b, v, 10)
		case bool:
			b = strconv.AppendBool(b, v)
		case nil:
			b = append(b, "null"...)
		default:
			j, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			b = append(b, j...)
		}
	}
	return append(b, '}'), nil
}

// writeObject answers o with the status, as httpx.JSON would, without encoding/json's
// second pass over what MarshalJSON wrote.
func writeObject(w http.ResponseWriter, status int, o object) {
	body, err := o.appendJSON(make([]byte, 0, 256))
	if err != nil {
		httpx.JSON(w, status, o) // answers the error as httpx.JSON does
		return
	}
	httpx.WriteJSON(w, status, body)
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
