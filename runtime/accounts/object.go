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
		var err error
		if b, err = appendValue(b, m.value); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendValue appends one member's value as appendJSON writes it.
func appendValue(b []byte, value any) ([]byte, error) {
	switch v := value.(type) {
	case string:
		return httpx.AppendString(b, v), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case nil:
		return append(b, "null"...), nil
	}
	j, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	return append(b, j...), nil
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

// writeUser answers the named fields of u with the status: writeObject of represent(u,
// fields), the columns JSON writes directly (integers, strings, booleans) appended from
// the row without being boxed into an object's values first.
func writeUser(w http.ResponseWriter, status int, u *users.User, fields []string) {
	b := make([]byte, 0, 256)
	b = append(b, '{')
	for i, name := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = httpx.AppendString(b, name)
		b = append(b, ':')
		switch name {
		case "id":
			b = strconv.AppendInt(b, u.ID, 10)
		case "username":
			b = httpx.AppendString(b, u.Username)
		case "email":
			b = httpx.AppendString(b, u.Email)
		case "first_name":
			b = httpx.AppendString(b, u.FirstName)
		case "last_name":
			b = httpx.AppendString(b, u.LastName)
		case "is_active":
			b = strconv.AppendBool(b, u.IsActive)
		case "is_staff":
			b = strconv.AppendBool(b, u.IsStaff)
		case "is_superuser":
			b = strconv.AppendBool(b, u.IsSuperuser)
		default:
			v, _ := u.Get(name)
			var err error
			if b, err = appendValue(b, representValue(v)); err != nil {
				writeObject(w, status, represent(u, fields)) // answers the error as writeObject does
				return
			}
		}
	}
	httpx.WriteJSON(w, status, append(b, '}'))
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
