package fields_test

import (
	"encoding/json"
	"fmt"

	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
)

// productIn is what generated code decodes a product into.
type productIn struct {
	Name  string         `json:"name"`
	Price fields.Decimal `json:"price"`
	Dob   *fields.Date   `json:"dob"`
}

// decodeProduct is the shape of a generated serializer's decoding.
func decodeProduct(body httpx.Body, partial bool) (productIn, httpx.FieldErrors) {
	var in productIn
	errs := httpx.FieldErrors{}
	if raw, ok := body["name"]; ok {
		if v, msgs := fields.String(raw, fields.StringOpts{MaxLength: 100}); msgs != nil {
			errs["name"] = msgs
		} else {
			in.Name = v
		}
	} else if !partial {
		errs.Add("name", fields.MsgRequired)
	}
	if raw, ok := body["price"]; ok {
		if v, msgs := fields.ReadDecimal(raw, fields.DecimalOpts{MaxDigits: 10, DecimalPlaces: 2}); msgs != nil {
			errs["price"] = msgs
		} else {
			in.Price = v
		}
	} else if !partial {
		errs.Add("price", fields.MsgRequired)
	}
	if raw, ok := body["dob"]; ok {
		if v, msgs := fields.NullDate(raw); msgs != nil {
			errs["dob"] = msgs
		} else {
			in.Dob = v
		}
	}
	return in, errs
}

func Example() {
	for _, text := range []string{
		`{"name": "  Tea ", "price": 10, "dob": null}`,
		`{"name": "Tea", "price": "10.505", "dob": "2026-02-30"}`,
		`{"price": true}`,
	} {
		var body httpx.Body
		if err := json.Unmarshal([]byte(text), &body); err != nil {
			panic(err)
		}
		in, errs := decodeProduct(body, false)
		if len(errs) > 0 {
			out, _ := json.Marshal(errs)
			fmt.Println(string(out))
			continue
		}
		out, _ := json.Marshal(in)
		fmt.Println(string(out))
	}
	// Output:
	// {"name":"Tea","price":"10.00","dob":null}
	// {"dob":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],"price":["Ensure that there are no more than 2 decimal places."]}
	// {"name":["This field is required."],"price":["A valid number is required."]}
}
