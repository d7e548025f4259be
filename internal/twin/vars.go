package twin

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Vars are one side's saved values: tokens, ids, whatever a step saves.
type Vars map[string]any

var varRef = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_.+-]+)\s*\}\}`)

// lookup returns a saved value or a built-in one ({{today}}, {{today+14d}}, {{today-1d}}).
func (v Vars) lookup(name string, now time.Time) (any, bool) {
	if val, ok := v[name]; ok {
		return val, true
	}
	if rest, ok := strings.CutPrefix(name, "today"); ok {
		days := 0
		if rest != "" {
			n, err := strconv.Atoi(strings.TrimSuffix(rest, "d"))
			if err != nil || !strings.HasSuffix(rest, "d") {
				return nil, false
			}
			days = n
		}
		return now.UTC().AddDate(0, 0, days).Format(time.DateOnly), true
	}
	return nil, false
}

// expand substitutes every {{name}} of s.
func (v Vars) expand(s string, now time.Time) (string, error) {
	var missing []string
	out := varRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := varRef.FindStringSubmatch(ref)[1]
		val, ok := v.lookup(name, now)
		if !ok {
			missing = append(missing, name)
			return ref
		}
		return text(val)
	})
	if missing != nil {
		return "", fmt.Errorf("unknown variable %s", strings.Join(missing, ", "))
	}
	return out, nil
}

// expandJSON substitutes in every string of a JSON value; a string that is exactly one
// {{name}} becomes the saved value itself, so a saved number stays a number.
func (v Vars) expandJSON(val any, now time.Time) (any, error) {
	switch val := val.(type) {
	case string:
		if m := varRef.FindStringSubmatchIndex(val); m != nil && m[0] == 0 && m[1] == len(val) {
			got, ok := v.lookup(val[m[2]:m[3]], now)
			if !ok {
				return nil, fmt.Errorf("unknown variable %s", val[m[2]:m[3]])
			}
			return got, nil
		}
		return v.expand(val, now)
	case map[string]any:
		out := make(map[string]any, len(val))
		for k, e := range val {
			x, err := v.expandJSON(e, now)
			if err != nil {
				return nil, err
			}
			out[k] = x
		}
		return out, nil
	case []any:
		out := make([]any, len(val))
		for i, e := range val {
			x, err := v.expandJSON(e, now)
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	default:
		return val, nil
	}
}

// text is a JSON value as it reads in a URL or a command line: 7, not 7.000000.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case nil:
		return "null"
	default:
		return fmt.Sprint(v)
	}
}

// get returns the value at a dotted path ("results.0.id"); no wildcards.
func get(root any, path string) (any, bool) {
	cur := root
	for _, part := range strings.Split(path, ".") {
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[part]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// masked stands for a volatile value.
const masked = "<masked>"

// maskPath replaces the values at a dotted path, where "*" is every element or key.
func maskPath(root any, parts []string) {
	if len(parts) == 0 {
		return
	}
	last := len(parts) == 1
	switch c := root.(type) {
	case map[string]any:
		for k, e := range c {
			if parts[0] != "*" && parts[0] != k {
				continue
			}
			if last {
				c[k] = masked
			} else {
				maskPath(e, parts[1:])
			}
		}
	case []any:
		for i, e := range c {
			if parts[0] != "*" && parts[0] != strconv.Itoa(i) {
				continue
			}
			if last {
				c[i] = masked
			} else {
				maskPath(e, parts[1:])
			}
		}
	}
}

// maskKeys replaces the values of the keys anywhere in the value.
func maskKeys(root any, keys map[string]bool) {
	switch c := root.(type) {
	case map[string]any:
		for k, e := range c {
			if keys[k] {
				c[k] = masked
			} else {
				maskKeys(e, keys)
			}
		}
	case []any:
		for _, e := range c {
			maskKeys(e, keys)
		}
	}
}
