package accounts_test

import (
	"encoding/json"
	"strconv"
)

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func jsonNumber(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
