package throttle

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Rate is DRF's "number/period": at most Requests in any Period.
type Rate struct {
	Requests int
	Period   time.Duration
}

// IsZero reports whether r throttles nothing.
func (r Rate) IsZero() bool { return r.Requests == 0 }

// String writes r as DRF does.
func (r Rate) String() string {
	for _, p := range periods {
		if r.Period == p.d {
			return strconv.Itoa(r.Requests) + "/" + p.name
		}
	}
	return strconv.Itoa(r.Requests) + "/" + r.Period.String()
}

var periods = []struct {
	name string
	d    time.Duration
}{{"sec", time.Second}, {"min", time.Minute}, {"hour", time.Hour}, {"day", 24 * time.Hour}}

// periodNames are the periods DRF's rates are written with. DRF reads only the first
// letter; these are the spellings that mean what DRF reads them as.
var periodNames = map[string]time.Duration{
	"s": time.Second, "sec": time.Second, "second": time.Second, "seconds": time.Second,
	"m": time.Minute, "min": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"h": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"d": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
}

// ParseRate reads DRF's rate syntax: a positive count, a slash, and a period ("100/day",
// "5/min", "1/s").
func ParseRate(s string) (Rate, error) {
	num, period, ok := strings.Cut(s, "/")
	n, err := strconv.Atoi(strings.TrimSpace(num))
	period = strings.TrimSpace(period)
	if !ok || err != nil || n <= 0 || period == "" {
		return Rate{}, fmt.Errorf("rate %q: want a count and a period, like 100/day, 20/hour, 5/min or 1/sec", s)
	}
	if d, ok := periodNames[period]; ok {
		return Rate{Requests: n, Period: d}, nil
	}
	return Rate{}, fmt.Errorf("rate %q: the period is one of sec, min, hour, day (or s, m, h, d)", s)
}
