package app

import (
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// appendText appends the line as slog's TextHandler writes the record of record() with no
// options but a level: `time=… level=INFO msg=request method=GET route="GET /x/{$}" …`
// and a newline. slog builds each line through its generic attribute machinery, about
// six thousand instructions; this writes the same bytes directly.
func (l *requestLine) appendText(b []byte) []byte {
	b = append(b, "time="...)
	b = appendRFC3339Millis(b, l.time.Round(0))
	b = append(b, " level="...)
	b = appendTextString(b, l.level.String())
	b = append(b, " msg=request method="...)
	b = appendTextString(b, l.method)
	b = append(b, " route="...)
	b = appendTextString(b, l.route)
	b = append(b, " path="...)
	b = appendTextString(b, l.path)
	b = append(b, " status="...)
	b = strconv.AppendInt(b, int64(l.status), 10)
	b = append(b, " duration="...)
	b = append(b, l.duration.String()...)
	if l.hasUser {
		b = append(b, " user_id="...)
		b = strconv.AppendInt(b, l.userID, 10)
	}
	return append(b, '\n')
}

// appendRFC3339Millis is slog's: RFC 3339 with exactly three decimals of the second. The
// text of the second and of the zone is formatted once a second (lastSecond), what
// AppendFormat spent most of a line's time on; only the milliseconds are written per line.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	sec, loc := t.Unix(), t.Location()
	s := lastSecond.Load()
	if s == nil || s.unix != sec || s.loc != loc {
		s = newSecondText(t)
		lastSecond.Store(s)
	}
	if s.other {
		return formatRFC3339Millis(b, t)
	}
	ms := t.Nanosecond() / int(time.Millisecond)
	b = append(b, s.prefix...)
	b = append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	return append(b, s.zone...)
}

// formatRFC3339Millis is slog's own way to write the time, which appendRFC3339Millis
// writes from its parts.
func formatRFC3339Millis(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...) // drop the fourth digit
}

// secondText is the text of one second in one location: every time of that second is
// written prefix, '.', three digits, zone. Both parts depend on the second and the zone
// rules alone (a zone's offset changes on a whole second).
type secondText struct {
	unix   int64
	loc    *time.Location
	prefix string // "2006-01-02T15:04:05"
	zone   string // "Z" or "-07:00"
	// other is a year outside 0–9999, whose text slog cuts elsewhere (formatRFC3339Millis
	// drops a digit at a fixed place): such a time is formatted as slog does.
	other bool
}

// lastSecond is the second the last line was written in: the next lines mostly share it.
var lastSecond atomic.Pointer[secondText]

func newSecondText(t time.Time) *secondText {
	text := string(formatRFC3339Millis(nil, t))
	dot := strings.LastIndexByte(text, '.') // the fraction's: no zone holds a dot
	if dot != len("2006-01-02T15:04:05") {
		return &secondText{unix: t.Unix(), loc: t.Location(), other: true}
	}
	return &secondText{unix: t.Unix(), loc: t.Location(), prefix: text[:dot], zone: text[dot+4:]}
}

// appendTextString appends s as slog's text handler does: as it is, or quoted by strconv
// when it is empty or holds a space, '=', '"', a control character, invalid UTF-8 or a
// character that is not printable or is a space. Printable ASCII, what a method, a route
// and most paths are, is decided by a table lookup a byte.
func appendTextString(b []byte, s string) []byte {
	var bits uint8
	for i := 0; i < len(s); i++ {
		bits |= textBits[s[i]]
	}
	switch {
	case s == "" || bits&textOther != 0:
		if textNeedsQuoting(s) {
			return strconv.AppendQuote(b, s)
		}
		return append(b, s...)
	case bits&textQuote == 0:
		return append(b, s...)
	case bits&textEscaped == 0:
		// Printable ASCII with neither '"' nor a backslash: strconv.Quote adds the quotes.
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	return strconv.AppendQuote(b, s)
}

// What a byte of printable ASCII asks of appendTextString.
const (
	textQuote   = 1 << iota // the string is quoted: ' ' and '='
	textEscaped             // escaped when quoted: '\\' (left as it is unquoted)
	textOther               // anything but printable ASCII, and '"': for textNeedsQuoting and strconv
)

var textBits = func() (bits [256]uint8) {
	for i := range bits {
		switch b := byte(i); {
		case b == ' ' || b == '=':
			bits[i] = textQuote
		case b == '\\':
			bits[i] = textEscaped
		case b == '"' || b < ' ' || b >= 0x7f:
			bits[i] = textOther
		}
	}
	return bits
}()

// textNeedsQuoting is slog's needsQuoting.
func textNeedsQuoting(s string) bool {
	if len(s) == 0 {
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// Control characters, space, '"' and '=' are quoted; DEL and a backslash are not.
			if c <= ' ' || c == '"' || c == '=' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}
