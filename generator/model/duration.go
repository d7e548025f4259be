package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/authgen/authgen/generator/spec"
)

// parseDuration reads Go's duration syntax ("5m", "1h30m") plus whole days ("7d"), which
// token lifetimes are usually given in.
func parseDuration(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseInt(days, 10, 64)
		if err != nil || n < 0 || n > 106751 {
			return 0, fmt.Errorf("invalid duration %q", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}

// duration resolves an optional duration; positive requires it to be > 0 (else >= 0).
func (b *builder) duration(s *spec.Str, key string, def time.Duration, positive bool) time.Duration {
	if s == nil {
		return def
	}
	d, err := parseDuration(s.Value)
	switch {
	case err != nil:
		b.errorf(s.Pos, "%s: %q is not a duration; write it like 5m, 24h or 7d", key, s.Value)
		return def
	case positive && d <= 0:
		b.errorf(s.Pos, "%s must be longer than zero", key)
		return def
	case d < 0:
		b.errorf(s.Pos, "%s must not be negative", key)
		return def
	}
	return d
}
