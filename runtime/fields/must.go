package fields

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
