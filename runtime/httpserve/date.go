package httpserve

import (
	"net/http"
	"sync/atomic"
	"time"
)

// dateLine is the Date header's value of one second, formatted once for every answer of that
// second.
type dateLine struct {
	unix int64
	text [len(http.TimeFormat)]byte
}

var lastDate atomic.Pointer[dateLine]

// appendDate appends the current time as the Date header gives it (http.TimeFormat).
func appendDate(b []byte) []byte {
	now := time.Now()
	sec := now.Unix()
	if d := lastDate.Load(); d != nil && d.unix == sec {
		return append(b, d.text[:]...)
	}
	d := &dateLine{unix: sec}
	now.UTC().AppendFormat(d.text[:0], http.TimeFormat)
	lastDate.Store(d)
	return append(b, d.text[:]...)
}
