package view_test

import (
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/view"
)

// shape is a serializer's JSON shape with the AppendJSON that authgen emits for it
// (generator/emit's appendJSONFunc; examples/store's productsJSON is this one).
type shape struct {
	ID          int64          `json:"id"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Price       fields.Decimal `json:"price"`
	Published   bool           `json:"published"`
}

func (v shape) AppendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, v.ID, 10)
	b = append(b, `,"name":`...)
	b = httpx.AppendString(b, v.Name)
	b = append(b, `,"description":`...)
	b = httpx.AppendString(b, v.Description)
	b = append(b, `,"price":`...)
	b = v.Price.AppendJSON(b)
	b = append(b, `,"published":`...)
	b = strconv.AppendBool(b, v.Published)
	return append(b, '}')
}

// plain has no AppendJSON: its lists go to encoding/json.
type plain struct {
	N int `json:"n"`
}

// served is the body httpx.JSON writes for v.
func served(v any) string {
	rec := httptest.NewRecorder()
	httpx.JSON(rec, 200, v)
	return rec.Body.String()
}

var oddTexts = []string{"", "plain", `"quoted"`, `back\slash`, "<b>&amp;</b>", "tab\tnl\n", "\x00\x1f\x7f", "é日本😀",
	"\u2028\u2029", "\xff\xfe", "\xc3", "\ufffd", "</script>"}

var oddDecimals = []string{"0", "10.00", "-0.50", "1E+3", "12345678.99", "-0", "0.000001", "NaN", "Infinity", "-Infinity", "1e-7"}

// TestItemsAsEncodingJSON: a list of shapes, one shape, and lists of types without
// AppendJSON are written as json.Marshal writes them, nil and empty lists included.
func TestItemsAsEncodingJSON(t *testing.T) {
	var rows []shape
	for i, s := range oddTexts {
		d, err := fields.ParseDecimal(oddDecimals[i%len(oddDecimals)])
		if err != nil {
			d = fields.Decimal{}
		}
		rows = append(rows, shape{ID: int64(i*7919) - 30000, Name: s, Description: oddTexts[(i+3)%len(oddTexts)], Price: d, Published: i%2 == 0})
	}
	rows = append(rows, shape{}, shape{ID: -1 << 63, Name: "max"}, shape{ID: 1<<63 - 1})
	for _, v := range []any{
		view.List(rows, func(s shape) shape { return s }),
		view.List([]shape{}, func(s shape) shape { return s }),
		view.Items[shape](nil),
		view.List([]int{1, 2}, func(n int) plain { return plain{n} }),
		view.Items[plain](nil),
		rows[0], &rows[1], rows,
	} {
		want, err := json.Marshal(v)
		require.NoError(t, err)
		require.Equal(t, string(want), served(v), "%#v", v)
	}
	var asSlice []shape = view.List(rows, func(s shape) shape { return s }) // still a []J
	require.Len(t, asSlice, len(rows))
}

func FuzzItemsAsEncodingJSON(f *testing.F) {
	for i, s := range oddTexts {
		f.Add(int64(i), s, oddTexts[(i+1)%len(oddTexts)], oddDecimals[i%len(oddDecimals)], i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, id int64, name, desc, price string, published bool) {
		d, err := fields.ParseDecimal(price)
		if err != nil {
			d = fields.Decimal{}
		}
		v := shape{ID: id, Name: name, Description: desc, Price: d, Published: published}
		items := view.List([]shape{v, v}, func(s shape) shape { return s })
		want, err := json.Marshal(items)
		require.NoError(t, err)
		require.Equal(t, string(want), served(items))
		want, err = json.Marshal(v)
		require.NoError(t, err)
		require.Equal(t, string(want), served(v))
	})
}
