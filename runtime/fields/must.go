package fields

import "strconv"

// MustDate parses a date the generator has already validated (a spec default); it panics on
// a malformed one, which only a hand edit of generated code can produce.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// MustDateTime is MustDate for date-times.
func MustDateTime(s string) DateTime {
	d, err := ParseDateTime(s)
	if err != nil {
		panic(err)
	}
	return d
}

// MustUUID is MustDate for UUIDs.
func MustUUID(s string) UUID {
	u, err := ParseUUID(s)
	if err != nil {
		panic(err)
	}
	return u
}

// MustInt is MustDate for integers, such as the keys of an integer field's choices.
func MustInt(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return n
}
